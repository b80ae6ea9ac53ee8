package io.tagger.corpus;

/**
 * A channel event other than a note, at {@code time} seconds: a controller change
 * ({@code controller} 0-127, for example 64 sustain pedal, 10 pan, 11 expression, 1 modulation)
 * or, with {@link #PITCH_BEND} as the controller, a pitch bend with {@code value} 0-16383
 * (8192 = none, the GM default range of +-2 semitones). Controls shape articulation and the mix;
 * no tag of the contract depends on them.
 */
public record Control(double time, int controller, int value) {
    public static final int PITCH_BEND = -1;
    public static final int SUSTAIN = 64;
    public static final int PAN = 10;
    public static final int EXPRESSION = 11;
    public static final int MODULATION = 1;

    public Control {
        if (controller < PITCH_BEND || controller > 127) {
            throw new IllegalArgumentException("controller " + controller + " is not -1 (pitch bend) or 0-127");
        }
        int max = controller == PITCH_BEND ? 16383 : 127;
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("control value " + value + " outside 0-" + max);
        }
        if (!(time >= 0)) {
            throw new IllegalArgumentException("control time " + time + " is negative");
        }
    }
}
