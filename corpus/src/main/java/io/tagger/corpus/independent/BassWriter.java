package io.tagger.corpus.independent;

/**
 * Bass lines over the chord track. Each kind is a way of walking through the harmony: pulsing
 * roots, root and fifth, a walking line with chromatic approaches, syncopated funk figures,
 * disco octaves, a tonic pedal, a reggae figure that leaves the downbeat empty, bossa and
 * tumbao anticipations, an acid sixteenth sequence, held roots, a baroque continuo in eighths,
 * and a compound-metre lilt.
 */
final class BassWriter {
    enum Line { ROOTS, ROOT_FIFTH, WALKING, SYNCOPATED, OCTAVES, PEDAL, ONE_DROP, BOSSA, TUMBAO, ACID, HELD, CONTINUO, LILT }

    private static final double[][] FUNK_FIGURES = {
        {0, 0.75, 1.5, 2.5, 3, 3.5}, {0, 0.5, 1.75, 2, 2.75, 3.5}, {0, 1.5, 2.25, 2.5, 3.25}, {0, 0.75, 1, 2, 2.5, 3.75}};

    private BassWriter() {
    }

    static String write(Arrangement a, PartWriter p, Line line, double from, double to) {
        int lo = p.lo;
        double[] funk = a.pick(FUNK_FIGURES);
        boolean[] acid = acidPattern(a);
        int bpb = a.clock.beatsPerBar();
        var spans = a.chords.within(from, to);
        for (int si = 0; si < spans.size(); si++) {
            ChordTrack.Span s = spans.get(si);
            Chord c = s.chord();
            Chord next = si + 1 < spans.size() ? spans.get(si + 1).chord() : c;
            int root = low(c.rootPc(a.tonic), lo);
            int fifth = root + Math.floorMod(c.fifthPc(a.tonic) - c.rootPc(a.tonic), 12);
            if (fifth - 12 >= lo) {
                fifth -= 12;
            }
            int third = root + Math.floorMod(c.thirdPc(a.tonic) - c.rootPc(a.tonic), 12);
            int nextRoot = low(next.rootPc(a.tonic), lo);
            double start = s.start();
            double end = s.end();
            switch (line) {
                case ROOTS -> {
                    for (double t = start; t < end - 1e-9; t += 0.5) {
                        boolean down = Math.abs(t - Math.rint(t)) < 1e-6;
                        p.note(t, 0.42, root, down ? 0.7 : 0.55);
                    }
                }
                case ROOT_FIFTH -> {
                    double half = Math.max(1, Math.floor(bpb / 2.0));
                    int k = 0;
                    for (double t = start; t < end - 1e-9; t += half, k++) {
                        p.note(t, Math.min(half, end - t) * 0.8, k % 2 == 0 ? root : fifth, k % 2 == 0 ? 0.7 : 0.55);
                    }
                }
                case WALKING -> {
                    int beats = (int) Math.round(s.length());
                    int key = root;
                    for (int b = 0; b < beats; b++) {
                        double t = start + b;
                        if (b == 0) {
                            key = root;
                        } else if (b == beats - 1) {
                            key = nextRoot + (a.chance(0.5) ? 1 : -1);          // chromatic approach
                        } else {
                            int target = a.pick(third, fifth, root + 12 <= p.hi ? root + 12 : third);
                            key = key + Integer.signum(target - key) * Math.min(Math.abs(target - key), a.pick(2, 3, 4, 5));
                            if (!a.scale.contains(a.tonic, key) && !c.contains(a.tonic, key)) {
                                key += 1;
                            }
                        }
                        p.note(t, 0.9, p.fold(key), b == 0 ? 0.7 : 0.55);
                    }
                }
                case SYNCOPATED -> {
                    for (double bar = start; bar < end - 1e-9; bar += 4) {
                        for (int i = 0; i < funk.length; i++) {
                            double t = bar + funk[i];
                            if (t >= end - 1e-9) {
                                break;
                            }
                            int key = i == 0 ? root : a.pick(root, root, root + 12, fifth, root + 10);
                            p.note(t, i == 0 ? 0.6 : 0.3, p.fold(key), i == 0 ? 0.75 : 0.55);
                        }
                    }
                }
                case OCTAVES -> {
                    int k = 0;
                    for (double t = start; t < end - 1e-9; t += 0.5, k++) {
                        p.note(t, 0.35, k % 2 == 0 ? root : p.fold(root + 12), k % 2 == 0 ? 0.65 : 0.7);
                    }
                }
                case PEDAL -> {
                    int tonic = low(a.tonic, lo);
                    for (double t = start; t < end - 1e-9; t += bpb) {
                        p.note(t, Math.min(bpb, end - t) * 0.97, tonic, 0.6);
                    }
                }
                case ONE_DROP -> {
                    for (double bar = start; bar < end - 1e-9; bar += 4) {
                        double[] at = {0.5, 1.5, 2, 2.5, 3.5};
                        int[] keys = {root, root, fifth, third, root};
                        for (int i = 0; i < at.length; i++) {
                            if (bar + at[i] < end - 1e-9) {
                                p.note(bar + at[i], i == 2 ? 0.45 : 0.9, p.fold(keys[i]), 0.6);
                            }
                        }
                    }
                }
                case BOSSA -> {
                    for (double bar = start; bar < end - 1e-9; bar += 2) {
                        p.note(bar, 1.4, root, 0.65);
                        if (bar + 1.5 < end - 1e-9) {
                            p.note(bar + 1.5, 0.45, fifth, 0.55);
                        }
                    }
                }
                case TUMBAO -> {
                    for (double bar = start; bar < end - 1e-9; bar += 4) {
                        p.note(bar + 1.5, 1.4, fifth, 0.65);
                        if (bar + 3 < end - 1e-9) {
                            p.note(bar + 3, 1.0, nextRoot, 0.7);         // the next chord, early
                        }
                    }
                }
                case ACID -> {
                    int i = 0;
                    for (double t = start; t < end - 1e-9; t += 0.25, i++) {
                        if (acid[i % 16]) {
                            int key = i % 16 == 0 ? root : a.pick(root, root, root + 12, root + 10, root + 7);
                            p.note(t, a.chance(0.3) ? 0.45 : 0.2, p.fold(key), a.chance(0.3) ? 0.85 : 0.55);
                        }
                    }
                }
                case HELD -> p.note(start, s.length() * 0.98, root, 0.55);
                case CONTINUO -> {
                    int key = root;
                    int k = 0;
                    for (double t = start; t < end - 1e-9; t += 0.5, k++) {
                        if (k % 4 == 0) {
                            key = root;
                        } else {
                            int step = a.pick(-2, -1, 1, 2, 12, -12, 7);
                            key = p.fold(key + step);
                            if (!a.scale.contains(a.tonic, key)) {
                                key = p.fold(key + 1);
                            }
                        }
                        p.note(t, 0.45, key, k % 2 == 0 ? 0.6 : 0.5);
                    }
                }
                case LILT -> {
                    for (double t = start; t < end - 1e-9; t += 1) {
                        boolean first = Math.floorMod((int) Math.round(t), bpb) == 0;
                        p.note(t, 2.0 / 3 * 0.95, first ? root : fifth, first ? 0.7 : 0.55);
                        if (t + 2.0 / 3 < end - 1e-9) {
                            p.note(t + 2.0 / 3, 1.0 / 3 * 0.9, first ? fifth : root, 0.45);
                        }
                    }
                }
                default -> throw new IllegalStateException(line.name());
            }
        }
        a.trait("bass", line.name());
        return line.name();
    }

    /** The lowest key of pitch class {@code pc} at or above {@code lo}. */
    static int low(int pc, int lo) {
        int k = lo;
        while (Math.floorMod(k, 12) != pc) {
            k++;
        }
        return k;
    }

    private static boolean[] acidPattern(Arrangement a) {
        boolean[] on = new boolean[16];
        for (int i = 0; i < 16; i++) {
            on[i] = i == 0 || a.chance(i % 4 == 2 ? 0.75 : 0.45);
        }
        return on;
    }
}
