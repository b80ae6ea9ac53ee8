package io.tagger.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The primary engine's melodic parts: each role has several pattern families (comping rhythms and
 * voicings, bass lines, arpeggios, pads, motif-based melodies, counter-lines), and a part may enter
 * late or rest for a section. Only notes inside the clip are written.
 */
final class Lines {
    private Lines() {
    }

    static List<Note> line(Part.Role role, int ch, Harmony h, Feel f, Random r) {
        List<Note> out = new ArrayList<>();
        int octave = (r.nextInt(3) - 1) * 12;
        switch (role) {
            case DRONE -> drone(out, ch, h, f, r);
            case CHORDS -> chords(out, ch, h, f, octave, r);
            case PAD -> pad(out, ch, h, f, octave, r);
            case BASS -> bass(out, ch, h, f, r);
            case ARPEGGIO -> arpeggio(out, ch, h, f, octave, r);
            case COUNTER -> melody(out, ch, h, f, 64 + octave / 2, true, r);
            case KEYBOARD -> keyboard(out, ch, h, f, r);
            default -> melody(out, ch, h, f, 72 + octave / 2, false, r);
        }
        if (role != Part.Role.DRONE && r.nextInt(4) == 0) {
            rest(out, f, r);
        }
        return out;
    }

    /** Holds the tonic (and a fifth or fourth) all through: the contract's drone. */
    private static void drone(List<Note> out, int ch, Harmony h, Feel f, Random r) {
        int root = 36 + 12 * r.nextInt(2) + h.tonic;
        int other = new int[]{0, 7, 5}[r.nextInt(3)];
        double len = f.bar() * (2 + r.nextInt(3));
        for (double t = 0; t < Composer.CLIP_SECONDS; t += len) {
            double d = Math.min(len, Composer.CLIP_SECONDS - t);
            out.add(new Note(ch, root, f.velocity(r), t, d));
            if (other != 0) {
                out.add(new Note(ch, root + other, f.velocity(r), t, d));
            }
        }
    }

    /** Comping: one rhythm per clip (whole, halves, quarters, off-beats, a syncopated cell, a strum), one voicing rule. */
    private static void chords(List<Note> out, int ch, Harmony h, Feel f, int octave, Random r) {
        int beats = f.beatsPerBar();
        double[][] cells = {{0}, {0, beats / 2.0}, quarters(beats), offbeats(beats), {0, 1.5, 3}, {0, 0.75, 1.5, 2.5},
                {0.5, 1.5, 2.5, 3.5}};
        double[] cell = cells[r.nextInt(cells.length)];
        boolean seventh = r.nextInt(3) == 0;
        boolean open = r.nextBoolean();
        boolean strum = r.nextInt(3) == 0;
        double hold = 0.4 + r.nextDouble() * 0.55;
        for (int b = 0; b < f.bars(); b++) {
            for (int i = 0; i < cell.length; i++) {
                if (cell[i] >= beats) {
                    continue;
                }
                double t0 = b * f.bar() + cell[i] * f.beat();
                int half = h.chordsPerBar == 2 && cell[i] >= beats / 2.0 ? 1 : 0;
                int[] keys = h.voice(h.chord(h.degree(b, half), seventh), 48 + octave, r.nextInt(3), open);
                double next = i + 1 < cell.length && cell[i + 1] < beats ? cell[i + 1] : beats;
                double len = (next - cell[i]) * f.beat() * hold;
                double t = f.place(t0, r);
                for (int k = 0; k < keys.length; k++) {
                    add(out, ch, keys[k], i == 0 ? f.accent(r) : f.velocity(r), t + (strum ? k * 0.012 : 0), len);
                }
            }
        }
    }

    private static void pad(List<Note> out, int ch, Harmony h, Feel f, int octave, Random r) {
        boolean seventh = r.nextBoolean();
        int bars = 1 + r.nextInt(2);
        for (int b = 0; b < f.bars(); b += bars) {
            int[] keys = h.voice(h.chord(h.degree(b, 0), seventh), 48 + octave, r.nextInt(3), r.nextBoolean());
            for (int k : keys) {
                add(out, ch, k, f.velocity(r), b * f.bar(), bars * f.bar() * 0.98);
            }
        }
    }

    /** Bass: roots, root-fifth, walking steps, pumping eighths, or a syncopated figure. */
    private static void bass(List<Note> out, int ch, Harmony h, Feel f, Random r) {
        int family = r.nextInt(5);
        int base = 33 + r.nextInt(6);
        for (int b = 0; b < f.bars(); b++) {
            int root = base + h.tonic % 12 + h.pitch(h.degree(b, 0)) % 12;
            double t0 = b * f.bar();
            switch (family) {
                case 0 -> add(out, ch, root, f.accent(r), f.place(t0, r), f.bar() * 0.9);
                case 1 -> {
                    for (int s = 0; s < f.beatsPerBar(); s++) {
                        add(out, ch, root + (s % 2 == 1 ? 7 : 0), s == 0 ? f.accent(r) : f.velocity(r),
                                f.place(t0 + s * f.beat(), r), f.beat() * 0.85);
                    }
                }
                case 2 -> {
                    int step = 0;
                    for (int s = 0; s < f.beatsPerBar(); s++) {
                        add(out, ch, base + h.tonic % 12 + h.pitch(h.degree(b, 0) + step) % 24, f.velocity(r),
                                f.place(t0 + s * f.beat(), r), f.beat() * 0.9);
                        step += r.nextBoolean() ? 1 : 2;
                    }
                }
                case 3 -> {
                    for (int s = 0; s < 2 * f.beatsPerBar(); s++) {
                        add(out, ch, root + (s % 4 == 3 ? 12 : 0), s % 2 == 0 ? f.accent(r) : f.ghost(r),
                                f.place(t0 + s * f.beat() / 2, r), f.beat() / 2 * 0.7);
                    }
                }
                default -> {
                    double[] cell = {0, 1.5, 2.5};
                    for (double c : cell) {
                        if (c < f.beatsPerBar()) {
                            add(out, ch, root + (c == 2.5 ? 7 : 0), f.velocity(r), f.place(t0 + c * f.beat(), r), f.beat() * 0.8);
                        }
                    }
                }
            }
        }
    }

    /** Broken chords: up, down, up-down or random order, in eighths, triplets or sixteenths. */
    private static void arpeggio(List<Note> out, int ch, Harmony h, Feel f, int octave, Random r) {
        int perBeat = new int[]{2, 2, 3, 4}[r.nextInt(4)];
        int order = r.nextInt(4);
        boolean seventh = r.nextBoolean();
        for (int b = 0; b < f.bars(); b++) {
            int[] keys = h.voice(h.chord(h.degree(b, 0), seventh), 60 + octave, 0, false);
            int steps = perBeat * f.beatsPerBar();
            for (int s = 0; s < steps; s++) {
                int i = switch (order) {
                    case 0 -> s % keys.length;
                    case 1 -> keys.length - 1 - s % keys.length;
                    case 2 -> {
                        int period = 2 * keys.length - 2;
                        int k = s % period;
                        yield k < keys.length ? k : period - k;
                    }
                    default -> r.nextInt(keys.length);
                };
                int up = (s / keys.length) % 2 == 1 && order == 0 ? 12 : 0;
                add(out, ch, keys[i] + up, s % perBeat == 0 ? f.accent(r) : f.velocity(r),
                        f.place(b * f.bar() + s * f.beat() / perBeat, r), f.beat() / perBeat * 0.9);
            }
        }
    }

    /**
     * A melody from a one-bar motif that repeats, moves in sequence and varies (rhythm kept, some
     * steps changed), with rests; a counter-line answers in longer values, lower.
     */
    private static void melody(List<Note> out, int ch, Harmony h, Feel f, int centre, boolean counter, Random r) {
        double[] values = counter ? new double[]{1, 2, 2, 1.5} : new double[]{0.5, 0.5, 1, 1, 0.25, 1.5, 2};
        List<double[]> motif = new ArrayList<>(); // {beat offset, length in beats, step}
        double pos = 0;
        int step = r.nextInt(5);
        while (pos < f.beatsPerBar() - 1e-9) {
            double len = Math.min(values[r.nextInt(values.length)], f.beatsPerBar() - pos);
            motif.add(new double[]{pos, len, step});
            step += r.nextInt(5) - 2;
            pos += len;
        }
        double legato = 0.5 + r.nextDouble() * 0.48;
        int transpose = 0;
        for (int b = 0; b < f.bars(); b++) {
            if (b % 2 == 1) {
                transpose += r.nextInt(5) - 2;
            }
            if (b % 4 == 0) {
                transpose = 0;
            }
            boolean vary = r.nextInt(3) == 0;
            for (double[] m : motif) {
                if (r.nextInt(counter ? 5 : 8) == 0) {
                    continue;
                }
                int s = (int) m[2] + transpose + (vary ? r.nextInt(3) - 1 : 0);
                int key = centre + h.tonic + h.pitch(s) - 12 + (counter ? -12 : 0);
                add(out, ch, key, m[0] == 0 ? f.accent(r) : f.velocity(r), f.place(b * f.bar() + m[0] * f.beat(), r),
                        m[1] * f.beat() * legato);
            }
        }
    }

    /**
     * Two hands on one channel, as a pianist, harpsichordist or harpist plays: a melody in the right
     * hand over a left-hand figure (Alberti bass, broken chords, block chords, or stride: bass notes
     * on the strong beats and chords between).
     */
    private static void keyboard(List<Note> out, int ch, Harmony h, Feel f, Random r) {
        int family = r.nextInt(4);
        boolean seventh = r.nextInt(3) == 0;
        int low = 36 + r.nextInt(7);
        int beats = f.beatsPerBar();
        for (int b = 0; b < f.bars(); b++) {
            int[] keys = h.voice(h.chord(h.degree(b, 0), seventh), low + 12, 0, false);
            int root = keys[0] - 12;
            double t0 = b * f.bar();
            switch (family) {
                case 0 -> { // Alberti: low, high, middle, high in eighths
                    int[] order = {0, keys.length - 1, Math.min(1, keys.length - 1), keys.length - 1};
                    for (int s = 0; s < 2 * beats; s++) {
                        add(out, ch, keys[order[s % 4]], s == 0 ? f.accent(r) : f.ghost(r),
                                f.place(t0 + s * f.beat() / 2, r), f.beat() / 2 * 0.95);
                    }
                }
                case 1 -> { // broken chord from the bass up, held with the pedal
                    int steps = 2 * beats;
                    for (int s = 0; s < steps; s++) {
                        int key = s == 0 ? root : keys[(s - 1) % keys.length] + (s > keys.length ? 12 : 0);
                        add(out, ch, key, s == 0 ? f.accent(r) : f.velocity(r), f.place(t0 + s * f.beat() / 2, r),
                                (steps - s) * f.beat() / 2);
                    }
                }
                case 2 -> { // block chords on each beat, the root below
                    for (int s = 0; s < beats; s++) {
                        double t = f.place(t0 + s * f.beat(), r);
                        add(out, ch, root, s == 0 ? f.accent(r) : f.velocity(r), t, f.beat() * 0.9);
                        for (int k : keys) {
                            add(out, ch, k, f.velocity(r), t, f.beat() * 0.8);
                        }
                    }
                }
                default -> { // stride: bass on the strong beats, chord on the others
                    for (int s = 0; s < beats; s++) {
                        double t = f.place(t0 + s * f.beat(), r);
                        if (s % 2 == 0) {
                            add(out, ch, root - (s == 2 ? 5 : 0), f.accent(r), t, f.beat() * 0.8);
                        } else {
                            for (int k : keys) {
                                add(out, ch, k, f.velocity(r), t, f.beat() * 0.5);
                            }
                        }
                    }
                }
            }
        }
        melody(out, ch, h, f, 72 + 12 * (r.nextInt(3) - 1) / 2, false, r);
    }

    /** Silences the part for a section: it enters late, or leaves early, or rests in the middle. */
    private static void rest(List<Note> out, Feel f, Random r) {
        int bars = f.bars();
        int len = Math.max(1, bars / (2 + r.nextInt(3)));
        int from = switch (r.nextInt(3)) {
            case 0 -> 0;
            case 1 -> bars - len;
            default -> r.nextInt(Math.max(1, bars - len));
        };
        double a = from * f.bar();
        double z = (from + len) * f.bar();
        List<Note> kept = out.stream().filter(n -> n.start() < a || n.start() >= z).toList();
        if (!kept.isEmpty()) {
            out.clear();
            out.addAll(kept);
        }
    }

    private static double[] quarters(int beats) {
        double[] q = new double[beats];
        for (int i = 0; i < beats; i++) {
            q[i] = i;
        }
        return q;
    }

    private static double[] offbeats(int beats) {
        double[] q = new double[beats];
        for (int i = 0; i < beats; i++) {
            q[i] = i + 0.5;
        }
        return q;
    }

    static void add(List<Note> out, int ch, int key, int velocity, double start, double duration) {
        if (start < Composer.CLIP_SECONDS && key >= 0 && key <= 127) {
            out.add(new Note(ch, key, velocity, start, Math.max(0.02, Math.min(duration, Composer.CLIP_SECONDS - start))));
        }
    }
}
