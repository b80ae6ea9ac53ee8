package io.tagger.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The primary engine's drum part: a groove family, varied hats or ride, ghost notes, fills every
 * four or eight bars and crashes after them. Four-on-the-floor kicks sit exactly on the beat (the
 * techno rule tests exact onsets); every other hit follows the clip's {@link Feel}.
 */
final class Grooves {
    enum Family { ROCK, HALF_TIME, DOUBLE_KICK, SHUFFLE, TRAIN, FOUR_ON_THE_FLOOR, BREAKBEAT, LATIN, WALTZ, RIDE }

    static final int KICK = 36;
    static final int SNARE = 38;

    private Grooves() {
    }

    static List<Note> groove(Family family, Feel f, Random r) {
        List<Note> out = new ArrayList<>();
        int beats = f.beatsPerBar();
        int hat = r.nextInt(4) == 0 ? 51 : r.nextInt(6) == 0 ? 46 : 42;
        int hatDivision = family == Family.DOUBLE_KICK || r.nextInt(4) == 0 ? 4 : 2;
        int snare = r.nextInt(5) == 0 ? 40 : SNARE;
        int fillEvery = r.nextBoolean() ? 4 : 8;
        boolean fills = r.nextInt(4) > 0;
        for (int b = 0; b < f.bars(); b++) {
            double t0 = b * f.bar();
            boolean fillBar = fills && b % fillEvery == fillEvery - 1;
            if (b % fillEvery == 0 && r.nextInt(3) > 0) {
                hit(out, 49, f.accent(r), f.place(t0, r));
            }
            switch (family) {
                case FOUR_ON_THE_FLOOR -> {
                    for (int q = 0; q < beats; q++) {
                        out.add(new Note(9, KICK, f.accent(r), t0 + q * f.beat(), 0.1)); // exact: the techno rule
                        hit(out, q % 2 == 1 ? (r.nextBoolean() ? 39 : snare) : 42, f.velocity(r), f.place(t0 + q * f.beat(), r));
                        hit(out, r.nextBoolean() ? 46 : 42, f.velocity(r), f.place(t0 + (q + 0.5) * f.beat(), r));
                    }
                }
                case WALTZ -> {
                    hit(out, KICK, f.accent(r), f.place(t0, r));
                    for (int q = 1; q < beats; q++) {
                        hit(out, r.nextBoolean() ? snare : 37, f.ghost(r), f.place(t0 + q * f.beat(), r));
                        hit(out, hat, f.velocity(r), f.place(t0 + q * f.beat(), r));
                    }
                }
                default -> {
                    double[] kicks = switch (family) {
                        case HALF_TIME -> new double[]{0, 1.5};
                        case DOUBLE_KICK -> new double[]{0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5};
                        case TRAIN -> new double[]{0, 2};
                        case BREAKBEAT -> new double[]{0, 1.75, 2.5};
                        case LATIN -> new double[]{0, 1.5, 2, 3.5};
                        case RIDE -> new double[]{0, 2.5};
                        default -> r.nextBoolean() ? new double[]{0, 2} : new double[]{0, 2, 2.5};
                    };
                    double[] snares = family == Family.HALF_TIME ? new double[]{2} : new double[]{1, 3};
                    for (double k : kicks) {
                        if (k < beats) {
                            hit(out, KICK, k == 0 ? f.accent(r) : f.velocity(r), f.place(t0 + k * f.beat(), r));
                        }
                    }
                    for (double s : snares) {
                        if (s < beats && !(fillBar && s >= beats - 1)) {
                            hit(out, family == Family.LATIN ? 37 : snare, f.accent(r), f.place(t0 + s * f.beat(), r));
                        }
                    }
                    int division = family == Family.SHUFFLE ? 3 : family == Family.TRAIN ? 4 : hatDivision;
                    for (int i = 0; i < beats * division; i++) {
                        double t = t0 + i * f.beat() / division;
                        if (family == Family.TRAIN) {
                            hit(out, snare, i % 2 == 0 ? f.accent(r) : f.ghost(r), f.place(t, r));
                        } else if (!(fillBar && i >= (beats - 1) * division)) {
                            hit(out, family == Family.RIDE ? 51 : hat, i % division == 0 ? f.velocity(r) : f.ghost(r), f.place(t, r));
                        }
                    }
                    if (family == Family.BREAKBEAT || family == Family.RIDE) {
                        hit(out, snare, f.ghost(r), f.place(t0 + 2.75 * f.beat(), r));
                    }
                    if (family == Family.RIDE) {
                        hit(out, 44, f.ghost(r), f.place(t0 + f.beat(), r));
                        hit(out, 44, f.ghost(r), f.place(t0 + 3 * f.beat(), r));
                    }
                }
            }
            if (fillBar && family != Family.FOUR_ON_THE_FLOOR) {
                fill(out, t0 + (beats - 1) * f.beat(), f, r);
            }
        }
        if (r.nextInt(3) == 0) {
            int perc = new int[]{54, 56, 70, 75, 69}[r.nextInt(5)];
            for (double t = 0; t < Composer.CLIP_SECONDS; t += f.beat() / 2) {
                hit(out, perc, f.ghost(r), f.place(t, r));
            }
        }
        out.removeIf(n -> n.start() >= Composer.CLIP_SECONDS);
        return out;
    }

    /** A one-beat fill: sixteenths on snare and toms, falling. */
    private static void fill(List<Note> out, double t, Feel f, Random r) {
        int[] toms = {50, 48, 47, 45, 43, 41};
        int start = r.nextInt(3);
        for (int i = 0; i < 4; i++) {
            int key = r.nextInt(3) == 0 ? SNARE : toms[Math.min(toms.length - 1, start + i)];
            hit(out, key, f.velocity(r), f.place(t + i * f.beat() / 4, r));
        }
    }

    private static void hit(List<Note> out, int key, int velocity, double t) {
        if (t < Composer.CLIP_SECONDS) {
            out.add(new Note(9, key, velocity, t, 0.08));
        }
    }
}
