package io.tagger.corpus.independent;

/**
 * Chordal accompaniment over the chord track, voice-led. Each {@link Texture} is one way of
 * sounding a chord: held pads with expression swells, block chords on the beat, guitar strums
 * (strings staggered, down and up), arpeggios, Alberti figures, a nocturne's broken left hand,
 * reggae skanks, funk stabs, jazz shells in syncopation, power-chord eighths, oom-pah, string
 * tremolo, a son montuno, banjo rolls and off-beat house stabs.
 */
final class Accompanist {
    enum Texture { PAD, BLOCK, STRUM, ARPEGGIO, ALBERTI, BROKEN, SKANK, STABS, SHELLS, POWER, OOM_PAH, TREMOLO, MONTUNO, ROLL, OFFBEAT }

    private static final String[] STRUMS_SIMPLE = {"D.DU.UDU", "D.D.D.D.", "D..UD.DU", "D.DUDUDU", "D...D.U."};
    private static final String[] STRUMS_COMPOUND = {"D.UD.U", "D..D..", "DUUDUU"};
    private static final int[][] ARPEGGIOS = {{0, 1, 2, 3}, {0, 1, 2, 3, 2, 1}, {0, 2, 1, 3}, {0, 2, 3, 1, 3, 2}, {3, 2, 1, 0}};

    private Accompanist() {
    }

    /**
     * Accompanies [from, to) beats in the register [lo, hi].
     *
     * @return the texture's name
     */
    static String write(Arrangement a, PartWriter p, Texture texture, double from, double to, int lo, int hi) {
        int voices = switch (texture) {
            case STRUM -> 5;
            case SHELLS -> 2;
            case POWER -> 3;
            case PAD, BLOCK, OFFBEAT -> a.chance(0.5) ? 3 : 4;
            default -> 4;
        };
        VoiceLeader leader = new VoiceLeader(lo, hi, voices);
        String strum = a.clock.meter.compound() ? a.pick(STRUMS_COMPOUND) : a.pick(STRUMS_SIMPLE);
        int[] arpeggio = a.pick(ARPEGGIOS);
        double arpStep = a.clock.meter.compound() ? 1.0 / 3 : a.chance(0.6) ? 0.5 : 0.25;
        int bpb = a.clock.beatsPerBar();
        for (ChordTrack.Span s : a.chords.within(from, to)) {
            Chord c = s.chord();
            int[] v = texture == Texture.POWER ? power(c, a.tonic, lo) : texture == Texture.SHELLS ? shell(c, a.tonic, lo) : leader.next(c, a.tonic, a.r);
            double start = s.start();
            double end = s.end();
            switch (texture) {
                case PAD -> {
                    for (int k : v) {
                        p.note(start, s.length() * 0.99, k, 0.45);
                    }
                    if (Instruments.sustains(p.program)) {
                        Articulation.swell(p, a.clock.at(start), a.clock.at(end), a.between(50, 70), a.between(100, 127));
                    }
                }
                case BLOCK -> {
                    double every = a.chance(0.5) ? 1 : Math.max(1, bpb / 2.0);
                    for (double t = start; t < end - 1e-9; t += every) {
                        for (int k : v) {
                            p.note(t, every * 0.9, k, downbeat(t, bpb) ? 0.65 : 0.5);
                        }
                    }
                }
                case STRUM -> {
                    double slot = a.clock.meter.compound() ? 1.0 / 3 : 0.5;
                    int i = 0;
                    for (double t = start; t < end - 1e-9; t += slot, i++) {
                        char stroke = strum.charAt(i % strum.length());
                        if (stroke == '.') {
                            continue;
                        }
                        double at = a.clock.at(a.feel.place(t)) + a.feel.jitter(a.r);
                        double len = a.clock.at(slot * 1.8);
                        boolean down = stroke == 'D';
                        for (int j = 0; j < v.length; j++) {
                            int key = down ? v[j] : v[v.length - 1 - j];
                            if (!down && j >= 3) {
                                break;                          // up-strums catch the top strings
                            }
                            p.at(at + j * 0.011, len, key, down ? 0.6 : 0.4);
                        }
                    }
                }
                case ARPEGGIO -> {
                    int i = 0;
                    for (double t = start; t < end - 1e-9; t += arpStep, i++) {
                        int key = v[arpeggio[i % arpeggio.length] % v.length];
                        p.note(t, arpStep * 1.9, key, i % arpeggio.length == 0 ? 0.6 : 0.45);
                    }
                }
                case ALBERTI -> {
                    int[] order = {0, v.length - 1, 1, v.length - 1};
                    int i = 0;
                    double step = a.clock.meter.compound() ? 1.0 / 3 : 0.5;
                    for (double t = start; t < end - 1e-9; t += step, i++) {
                        p.note(t, step * 0.9, v[order[i % 4]], i % 4 == 0 ? 0.55 : 0.42);
                    }
                }
                case BROKEN -> {
                    int bass = BassWriter.low(c.rootPc(a.tonic), Math.max(lo - 12, 33));
                    int[] figure = {bass, bass + 7, v[0] + 12 > bass + 7 ? v[0] : v[0] + 12, v[1] + 12, v[2] + 12, v[1] + 12};
                    double step = a.clock.meter.compound() ? 1.0 / 3 : 0.5;
                    int i = 0;
                    for (double t = start; t < end - 1e-9; t += step, i++) {
                        int key = figure[i % figure.length];
                        p.note(t, i % figure.length == 0 ? Math.min(end - t, 2) : step * 2.5, key, i % figure.length == 0 ? 0.55 : 0.38);
                    }
                }
                case SKANK -> {
                    for (double t = start + 1; t < end - 1e-9; t += 2) {
                        for (int k : v) {
                            p.note(t, 0.3, k, 0.55);
                        }
                    }
                }
                case STABS -> {
                    for (double t = start; t < end - 1e-9; t += 0.25) {
                        double x = t - Math.floor(t);
                        boolean hit = x == 0.25 || x == 0.75 ? a.chance(0.55) : a.chance(0.2);
                        if (hit) {
                            for (int k : v) {
                                p.note(t, 0.15, k, 0.55);
                            }
                        }
                    }
                }
                case SHELLS -> {
                    double[] rhythm = a.pick(new double[] {0, 1.5}, new double[] {0.5, 2.5}, new double[] {1, 2.5, 3.5}, new double[] {0, 2.5});
                    for (double bar = start; bar < end - 1e-9; bar += bpb) {
                        for (double off : rhythm) {
                            if (bar + off < end - 1e-9 && off < bpb) {
                                for (int k : v) {
                                    p.note(bar + off, 0.8, k, 0.5);
                                }
                            }
                        }
                    }
                }
                case POWER -> {
                    for (double t = start; t < end - 1e-9; t += 0.5) {
                        boolean accent = downbeat(t, bpb) || a.chance(0.15);
                        for (int k : v) {
                            p.note(t, accent ? 0.45 : 0.22, k, accent ? 0.8 : 0.55);
                        }
                    }
                }
                case OOM_PAH -> {
                    int bass = BassWriter.low(c.rootPc(a.tonic), lo);
                    int alt = BassWriter.low(c.fifthPc(a.tonic), lo);
                    int bar = 0;
                    for (double t = start; t < end - 1e-9; t += 1) {
                        if (downbeat(t, bpb)) {
                            p.note(t, 0.8, bar++ % 2 == 0 ? bass : alt, 0.6);
                        } else {
                            for (int k : v) {
                                if (k > bass + 4) {
                                    p.note(t, 0.6, k, 0.45);
                                }
                            }
                        }
                    }
                }
                case TREMOLO -> {
                    for (double t = start; t < end - 1e-9; t += 0.25) {
                        for (int j = 0; j < Math.min(2, v.length); j++) {
                            p.note(t, 0.24, v[v.length - 1 - j], 0.4 + 0.1 * Math.sin(t));
                        }
                    }
                }
                case MONTUNO -> {
                    double[] at = {0, 0.5, 1.5, 2, 2.5, 3.5};
                    for (double bar = start; bar < end - 1e-9; bar += 4) {
                        for (int i = 0; i < at.length; i++) {
                            if (bar + at[i] < end - 1e-9) {
                                int top = v[v.length - 1 - (i % 2)];
                                p.note(bar + at[i], 0.4, top, 0.55);
                                p.note(bar + at[i], 0.4, top - 12 >= lo ? top - 12 : top, 0.5);
                            }
                        }
                    }
                }
                case ROLL -> {
                    int[] roll = {0, 1, 3, 0, 1, 3, 0, 2};
                    int i = 0;
                    double step = a.clock.bpm > 125 ? 0.5 : 0.25;
                    for (double t = start; t < end - 1e-9; t += step, i++) {
                        p.note(t, step * 1.5, v[roll[i % roll.length] % v.length], i % 3 == 0 ? 0.6 : 0.45);
                    }
                }
                case OFFBEAT -> {
                    for (double t = start + 0.5; t < end - 1e-9; t += 1) {
                        for (int k : v) {
                            p.note(t, 0.3, k, 0.55);
                        }
                    }
                }
                default -> throw new IllegalStateException(texture.name());
            }
        }
        if (Instruments.isKeyboard(p.program) && p.program <= 7 && texture != Texture.STABS && texture != Texture.SKANK) {
            Articulation.sustainPedal(p, a.chords.within(from, to));
        }
        a.trait("comping", texture.name());
        return texture.name();
    }

    private static boolean downbeat(double t, int bpb) {
        double x = t / bpb;
        return Math.abs(x - Math.rint(x)) < 1e-6;
    }

    /** Root, fifth and octave low in the register. */
    private static int[] power(Chord c, int tonic, int lo) {
        int root = BassWriter.low(c.rootPc(tonic), lo);
        return new int[] {root, root + 7, root + 12};
    }

    /** Third and seventh (or third and sixth) above the root: a jazz shell. */
    private static int[] shell(Chord c, int tonic, int lo) {
        int root = BassWriter.low(c.rootPc(tonic), lo + 3);
        int third = root + (c.intervals()[1] == 7 ? 4 : c.intervals()[1]);
        int seventh = root + (c.intervals().length > 3 ? c.intervals()[3] : 9);
        if (seventh > 20 + root) {
            seventh -= 12;
        }
        return new int[] {third, seventh};
    }
}
