package io.tagger.corpus;

import java.util.List;

/**
 * A melodic part: one non-drum channel playing one General MIDI program (0-based) in a role.
 * {@code gain} is the part's channel volume (CC7), varied per clip so that a model learns the
 * instruments, not one mix; {@code controls} are its other channel events (pan, sustain pedal,
 * pitch bends, expression), in any order.
 */
public record Part(int channel, int program, Role role, int gain, List<Note> notes, List<Control> controls) {
    /** What a part plays; KEYBOARD is two hands on one channel (a melody over a left-hand figure). */
    public enum Role { MELODY, CHORDS, BASS, ARPEGGIO, PAD, DRONE, COUNTER, KEYBOARD }

    public Part {
        notes = List.copyOf(notes);
        controls = List.copyOf(controls);
    }

    public Part(int channel, int program, Role role, int gain, List<Note> notes) {
        this(channel, program, role, gain, notes, List.of());
    }
}
