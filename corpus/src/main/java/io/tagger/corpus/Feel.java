package io.tagger.corpus;

import java.util.Random;

/**
 * The time and touch of one clip: tempo, metre, swing, how loosely notes sit on the grid, and the
 * velocity class. Velocities always stay inside the class's band (the contract's loud and quiet
 * tags depend on them); a note's time moves only where {@link #place} is asked to move it.
 *
 * @param beatsPerBar  3 or 4
 * @param swing        delay of every second eighth, as a share of the eighth (0: straight, 0.33: triplet swing)
 * @param looseness    standard deviation of timing jitter in seconds (0 for quantised)
 */
record Feel(double bpm, int beatsPerBar, double swing, double looseness, Dynamics dyn) {

    double beat() {
        return 60 / bpm;
    }

    double bar() {
        return beatsPerBar * beat();
    }

    int bars() {
        return (int) Math.ceil(Composer.CLIP_SECONDS / bar());
    }

    /** A grid time moved by swing (on off-eighths) and humanised by the looseness. */
    double place(double t, Random r) {
        double eighth = beat() / 2;
        double pos = t / eighth;
        long k = Math.round(pos);
        if (swing > 0 && Math.abs(pos - k) < 1e-6 && (k & 1) == 1) {
            t += swing * eighth;
        }
        if (looseness > 0) {
            t += r.nextGaussian() * looseness;
        }
        return Math.max(0, t);
    }

    int velocity(Random r) {
        return dyn.velocity(r);
    }

    int accent(Random r) {
        return dyn.hi - r.nextInt(Math.max(1, (dyn.hi - dyn.lo) / 3));
    }

    int ghost(Random r) {
        return dyn.lo + r.nextInt(Math.max(1, (dyn.hi - dyn.lo) / 3));
    }

    /** Velocity classes with gaps around the contract's 55/100 thresholds. */
    enum Dynamics {
        QUIET(33, 52), MEDIUM(60, 94), LOUD(104, 125);
        final int lo;
        final int hi;

        Dynamics(int lo, int hi) {
            this.lo = lo;
            this.hi = hi;
        }

        int velocity(Random r) {
            return lo + r.nextInt(hi - lo + 1);
        }
    }
}
