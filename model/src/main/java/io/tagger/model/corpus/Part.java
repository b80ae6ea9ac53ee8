package io.tagger.model.corpus;

import java.util.List;

/**
 * A melodic part: one non-drum channel playing one General MIDI program (0-based) in a role.
 * {@code gain} is the part's channel volume (CC7), varied per clip so that a model learns the
 * instruments, not one mix.
 */
public record Part(int channel, int program, Role role, int gain, List<Note> notes) {
    public enum Role { MELODY, CHORDS, BASS, ARPEGGIO, PAD, DRONE }
}
