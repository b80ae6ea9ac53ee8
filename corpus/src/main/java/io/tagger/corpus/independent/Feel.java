package io.tagger.corpus.independent;

import java.util.Random;

/**
 * Timing feel: swing (late off-beats) and human timing spread. Swing 0 is straight, 1 puts the
 * off-beat eighth at two thirds of the beat (a full triplet shuffle); sixteenths follow the same
 * curve. Compound metres are already ternary and take no swing.
 *
 * @param swing    0-1
 * @param timingSd standard deviation of the timing error, in seconds
 */
record Feel(double swing, double timingSd) {

    static Feel straight(double timingSd) {
        return new Feel(0, timingSd);
    }

    /** Where a note written at {@code beat} is played, in beats. */
    double place(double beat) {
        if (swing <= 0) {
            return beat;
        }
        double whole = Math.floor(beat);
        double f = beat - whole;
        double s = 0.5 + swing / 6.0;
        double g = f <= 0.5 ? f * (s / 0.5) : s + (f - 0.5) * ((1 - s) / 0.5);
        return whole + g;
    }

    /** A timing error, at most 2.5 standard deviations either way. */
    double jitter(Random r) {
        double j = r.nextGaussian() * timingSd;
        double cap = 2.5 * timingSd;
        return Math.max(-cap, Math.min(cap, j));
    }
}
