package io.tagger.corpus.independent;

/**
 * A metre: how many pulses a bar has and how each pulse divides. The clip's BPM counts
 * pulses, so a 6/8 or 12/8 clip at 60 BPM has a dotted quarter per second, and a 3/4 clip
 * at 60 BPM a quarter per second.
 *
 * @param name          the usual time signature, for reports
 * @param beatsPerBar   pulses per bar
 * @param pulseDivision 2 for simple metres (eighths), 3 for compound ones (triplet eighths)
 */
record Meter(String name, int beatsPerBar, int pulseDivision) {
    static final Meter TWO_FOUR = new Meter("2/4", 2, 2);
    static final Meter THREE_FOUR = new Meter("3/4", 3, 2);
    static final Meter FOUR_FOUR = new Meter("4/4", 4, 2);
    static final Meter FIVE_FOUR = new Meter("5/4", 5, 2);
    static final Meter SEVEN_FOUR = new Meter("7/4", 7, 2);
    static final Meter SIX_EIGHT = new Meter("6/8", 2, 3);
    static final Meter NINE_EIGHT = new Meter("9/8", 3, 3);
    static final Meter TWELVE_EIGHT = new Meter("12/8", 4, 3);

    boolean compound() {
        return pulseDivision == 3;
    }

    /** One subdivision of the pulse (an eighth, or a triplet eighth), in beats. */
    double step() {
        return 1.0 / pulseDivision;
    }
}
