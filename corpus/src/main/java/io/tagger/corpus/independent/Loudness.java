package io.tagger.corpus.independent;

import java.util.Random;

/**
 * The dynamic class of a clip. The contract calls a clip loud when every note's velocity is in
 * 100-127 and quiet when every one is in 30-55; each class here keeps its velocities well inside
 * (or well outside) those ranges, humanisation included.
 */
enum Loudness {
    /** Every velocity in 34-52: quiet and soft. */
    QUIET(34, 52),
    /** Every velocity in 60-96: neither loud nor quiet. */
    MEDIUM(60, 96),
    /** Every velocity in 104-124: loud. */
    LOUD(104, 124),
    /**
     * A crescendo over the clip, from about 45 to about 110: soft notes early, loud ones late,
     * so neither loud nor quiet.
     */
    SWELLING(40, 118);

    final int min;
    final int max;

    Loudness(int min, int max) {
        this.min = min;
        this.max = max;
    }

    /**
     * A humanised velocity.
     *
     * @param level    0 for the softest note of the part (ghost notes), 1 for accents
     * @param progress where the note falls in the clip, 0-1 (only the crescendo uses it)
     */
    int velocity(Random r, double level, double progress) {
        double l = Math.max(0, Math.min(1, level));
        double v;
        if (this == SWELLING) {
            v = 48 + 60 * progress + (l - 0.5) * 20 + r.nextGaussian() * 3;
        } else {
            v = min + l * (max - min) + r.nextGaussian() * 2.5;
        }
        return (int) Math.max(min, Math.min(max, Math.round(v)));
    }
}
