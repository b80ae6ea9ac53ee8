package io.tagger.corpus;

import java.util.List;

/**
 * Everything a synthetic clip will render: tempo, key, melodic parts and an optional drum part.
 * Its tags are computed from this plan by {@link TagContract}, so they describe exactly what is
 * rendered.
 *
 * @param drumKit     GM drum kit program on channel 10 (0 standard, 24 electronic, 25 TR-808),
 *                    meaningful only when {@code drums} is non-empty
 * @param tonic       pitch class of the key (0 = C)
 * @param soundfont   index into the generator's SoundFonts
 */
public record ClipPlan(String style, double bpm, int tonic, List<Part> parts, int drumKit, List<Note> drums,
                       double seconds, int soundfont, int reverb) {

    public boolean hasDrums() {
        return !drums.isEmpty();
    }

    /** The same music with another SoundFont and reverb send (the generator's choice, not the engine's). */
    public ClipPlan withSound(int soundfont, int reverb) {
        return new ClipPlan(style, bpm, tonic, parts, drumKit, drums, seconds, soundfont, reverb);
    }
}
