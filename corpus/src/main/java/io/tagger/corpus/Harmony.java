package io.tagger.corpus;

import java.util.Random;

/** The key, scale and chord progression of a clip, and chord voicings on it. */
final class Harmony {
    static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};
    static final int[] DORIAN = {0, 2, 3, 5, 7, 9, 10};
    static final int[] MIXOLYDIAN = {0, 2, 4, 5, 7, 9, 10};
    static final int[] HARMONIC_MINOR = {0, 2, 3, 5, 7, 8, 11};
    /** Scale degrees (0-based) per bar, cycled. */
    private static final int[][] PROGRESSIONS = {{0, 4, 5, 3}, {0, 5, 3, 4}, {0, 3, 4, 0}, {5, 3, 0, 4}, {0, 6, 5, 6},
            {1, 4, 0, 0}, {0, 0, 3, 3, 0, 0, 4, 3}, {0, 3, 0, 4}, {0, 5, 1, 4}, {0, 2, 3, 4}, {0, 0, 0, 0}, {0, 1},
            {0, 3, 6, 2, 5, 1, 4, 0}, {5, 4, 3, 4}};

    final int tonic;
    final int[] scale;
    final int[] progression;
    final int chordsPerBar;

    private Harmony(int tonic, int[] scale, int[] progression, int chordsPerBar) {
        this.tonic = tonic;
        this.scale = scale;
        this.progression = progression;
        this.chordsPerBar = chordsPerBar;
    }

    static Harmony draw(Random r) {
        int[][] scales = {MAJOR, MAJOR, MINOR, MINOR, DORIAN, MIXOLYDIAN, HARMONIC_MINOR};
        return new Harmony(r.nextInt(12), scales[r.nextInt(scales.length)], PROGRESSIONS[r.nextInt(PROGRESSIONS.length)],
                r.nextInt(4) == 0 ? 2 : 1);
    }

    /** The chord's scale degree at {@code bar} (and half {@code half} of it when two chords a bar). */
    int degree(int bar, int half) {
        int i = bar * chordsPerBar + half;
        return progression[i % progression.length];
    }

    /** Semitones above the tonic of the scale step {@code step} (any integer; octaves wrap). */
    int pitch(int step) {
        int o = Math.floorDiv(step, 7);
        return scale[Math.floorMod(step, 7)] + 12 * o;
    }

    /** A triad or seventh on {@code degree}, as semitones above the tonic, root position. */
    int[] chord(int degree, boolean seventh) {
        int n = seventh ? 4 : 3;
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = pitch(degree + 2 * i);
        }
        return c;
    }

    /** MIDI keys of the chord voiced around {@code centre}: an inversion, and optionally spread. */
    int[] voice(int[] chord, int centre, int inversion, boolean open) {
        int[] k = new int[chord.length];
        for (int i = 0; i < chord.length; i++) {
            k[i] = centre + tonic + chord[(i + inversion) % chord.length] + ((i + inversion) >= chord.length ? 12 : 0);
        }
        if (open && k.length >= 3) {
            k[1] += 12;
        }
        return k;
    }
}
