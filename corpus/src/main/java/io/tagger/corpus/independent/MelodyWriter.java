package io.tagger.corpus.independent;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes tunes. Two methods, chosen per clip:
 * <ul>
 *   <li>{@link #motif}: a short motif (a rhythm and a contour of scale steps) stated, restated
 *       in sequence, contrasted and brought to a cadence, phrase after phrase (AA'BA and kin);
 *   <li>{@link #markov}: a first-order Markov walk over scale steps and note lengths, in
 *       breathing phrases that end on a chord tone.
 * </ul>
 * Notes on the beat lean to chord tones; the line keeps to a register. Expressive leads (guitars,
 * synth leads) get bends, scoops and vibrato.
 */
final class MelodyWriter {
    enum Density { SPARSE, MEDIUM, BUSY }

    private static final double T = 1.0 / 3;
    private static final double[][] SIMPLE_CELLS = {
        {1}, {0.5, 0.5}, {2}, {1.5, 0.5}, {0.75, 0.25}, {0.25, 0.25, 0.5}, {0.5, 0.25, 0.25},
        {0.25, 0.25, 0.25, 0.25}, {T, T, T}, {3}, {0.5, 1, 0.5}};
    private static final double[][] SIMPLE_WEIGHTS = {
        {4, 1, 4, 3, 0, 0, 0, 0, 0, 2, 1},   // sparse
        {4, 5, 2, 3, 2, 1, 1, 0.5, 0.5, 0.5, 2}, // medium
        {1, 5, 0.5, 1, 3, 3, 3, 3, 1, 0, 1}};    // busy
    private static final double[][] COMPOUND_CELLS = {
        {1}, {2 * T, T}, {T, T, T}, {T, 2 * T}, {0.5, 1.0 / 6, T}, {2}, {1.0 / 6, 1.0 / 6, T, T}, {3}};
    private static final double[][] COMPOUND_WEIGHTS = {
        {4, 3, 0.5, 1, 1, 4, 0, 2},
        {3, 5, 2, 2, 1, 1.5, 0.5, 0.5},
        {1, 4, 5, 2, 2, 0, 2, 0}};
    private static final int[] STEPS = {-4, -3, -2, -1, 0, 1, 2, 3, 4};
    private static final double[] STEP_WEIGHTS = {0.02, 0.05, 0.13, 0.28, 0.07, 0.28, 0.11, 0.04, 0.02};

    private final Arrangement a;
    private final PartWriter p;
    private final Random r;
    private final int lo;
    private final int hi;
    /** Fraction of each written length that sounds. */
    double legato = 0.92;
    /** Bends, scoops and vibrato on long notes. */
    boolean expressive;
    /** Keys and starts (beats) of the notes written, for counter-lines. */
    final List<double[]> written = new ArrayList<>();

    MelodyWriter(Arrangement a, PartWriter p, int lo, int hi) {
        this.a = a;
        this.p = p;
        this.r = a.r;
        this.lo = lo;
        this.hi = hi;
    }

    MelodyWriter(Arrangement a, PartWriter p) {
        this(a, p, p.lo, p.hi);
    }

    PartWriter part() {
        return p;
    }

    // ---- motif and variation ----

    private record Motif(double[] lengths, boolean[] rests, int[] steps) {
        double span() {
            double s = 0;
            for (double l : lengths) {
                s += l;
            }
            return s;
        }
    }

    /** A motif-based melody over [from, to) beats; returns its form, e.g. "motif AA'BA". */
    String motif(double from, double to, Density density) {
        Meter m = a.clock.meter;
        double span = m.beatsPerBar() >= 4 ? m.beatsPerBar() : m.beatsPerBar() * 2;
        Motif main = newMotif(span, density);
        Motif contrast = newMotif(span, density);
        String form = a.pick("AA'BA", "ABAC", "AABA'", "ABA'B", "AA'A''B");
        int sequenceShift = a.pick(1, 2, -1, 3);
        int home = a.scale.indexNear(a.tonic, (lo + hi) / 2 - 2);
        int slot = 0;
        for (double t = from; t < to - 0.25; t += span, slot++) {
            char kind = form.charAt(formIndex(form, slot % formLength(form)));
            int primes = primes(form, slot % formLength(form));
            boolean cadence = slot % formLength(form) == formLength(form) - 1;
            Motif use = kind == 'A' ? main : kind == 'B' ? contrast : newMotif(span, density);
            int anchor = home + (primes == 1 ? sequenceShift : primes == 2 ? -sequenceShift : 0) + (kind == 'B' ? 2 : 0);
            boolean invert = kind == 'C' && r.nextBoolean();
            play(use, t, Math.min(to, t + span), anchor, cadence, invert, primes > 0 && r.nextDouble() < 0.4);
        }
        return "motif " + form;
    }

    private static int formLength(String form) {
        return (int) form.chars().filter(Character::isLetter).count();
    }

    private static int formIndex(String form, int n) {
        int seen = -1;
        for (int i = 0; i < form.length(); i++) {
            if (Character.isLetter(form.charAt(i)) && ++seen == n) {
                return i;
            }
        }
        return 0;
    }

    private static int primes(String form, int n) {
        int i = formIndex(form, n) + 1;
        int count = 0;
        while (i < form.length() && form.charAt(i) == '\'') {
            count++;
            i++;
        }
        return count;
    }

    private Motif newMotif(double span, Density density) {
        boolean compound = a.clock.meter.compound();
        double[][] cells = compound ? COMPOUND_CELLS : SIMPLE_CELLS;
        double[] weights = (compound ? COMPOUND_WEIGHTS : SIMPLE_WEIGHTS)[density.ordinal()];
        List<Double> lengths = new ArrayList<>();
        double t = 0;
        while (t < span - 1e-9) {
            double[] cell = cells[pickIndex(weights)];
            double sum = 0;
            for (double c : cell) {
                sum += c;
            }
            if (t + sum > span + 1e-9) {
                cell = new double[] {span - t};
                sum = span - t;
            }
            for (double c : cell) {
                lengths.add(c);
            }
            t += sum;
        }
        int n = lengths.size();
        double[] ls = new double[n];
        boolean[] rests = new boolean[n];
        int[] steps = new int[n];
        for (int i = 0; i < n; i++) {
            ls[i] = lengths.get(i);
            rests[i] = i > 0 && i < n - 1 && r.nextDouble() < 0.08;
            steps[i] = i == 0 ? 0 : STEPS[pickIndex(STEP_WEIGHTS)];
        }
        return new Motif(ls, rests, steps);
    }

    private void play(Motif m, double at, double until, int anchor, boolean cadence, boolean invert, boolean ornament) {
        int n = m.lengths().length;
        int[] idx = new int[n];
        double[] onset = new double[n];
        double t = at;
        int base = nearestChordTone(anchor, at);
        int current = base;
        for (int i = 0; i < n; i++) {
            current += invert ? -m.steps()[i] : m.steps()[i];
            onset[i] = t;
            idx[i] = onBeat(t) ? nearestChordTone(current, t) : current;
            current = idx[i];
            t += m.lengths()[i];
        }
        if (cadence) {
            idx[n - 1] = nearestRoot(idx[n - 1], onset[n - 1]);
        }
        int shift = fitShift(idx);
        for (int i = 0; i < n; i++) {
            if (m.rests()[i] || onset[i] >= until - 1e-9) {
                continue;
            }
            double len = Math.min(m.lengths()[i], until - onset[i]);
            if (cadence && i == n - 1) {
                len = until - onset[i];
            }
            int key = a.scale.key(a.tonic, idx[i] + shift);
            if (ornament && len >= 1 && r.nextDouble() < 0.5) {
                int upper = a.scale.key(a.tonic, idx[i] + shift + 1);
                emit(onset[i], 0.25, upper, 0.5);
                emit(onset[i] + 0.25, len - 0.25, key, 0.6);
            } else {
                emit(onset[i], len, key, level(onset[i]));
            }
        }
    }

    // ---- Markov walk ----

    /** A Markov melody over [from, to) beats in phrases of {@code phraseBars} bars. */
    String markov(double from, double to, Density density, int phraseBars) {
        boolean compound = a.clock.meter.compound();
        double[] lengths = compound ? new double[] {T, 2 * T, 1, 2, 3}
                : new double[] {0.25, 0.5, 1, 1.5, 2, 3};
        double[][] table = lengthTable(lengths.length, density);
        int state = Math.min(2, lengths.length - 1);
        int idx = a.scale.indexNear(a.tonic, (lo + hi) / 2);
        int previousStep = 1;
        double phrase = phraseBars * a.clock.beatsPerBar();
        double t = from;
        while (t < to - 0.25) {
            double end = Math.min(to, t + phrase);
            while (t < end - 1e-9) {
                state = next(table[state]);
                double len = Math.min(lengths[state], end - t);
                int step = stepAfter(previousStep);
                idx += step;
                int key = a.scale.key(a.tonic, idx);
                if (key > hi - 2 || key < lo + 2) {
                    idx -= 2 * step;
                    step = -step;
                    key = a.scale.key(a.tonic, idx);
                }
                if (onBeat(t) && r.nextDouble() < 0.7) {
                    idx = nearestChordTone(idx, t);
                    key = a.scale.key(a.tonic, idx);
                }
                boolean last = t + len >= end - 1e-9;
                if (last) {
                    idx = nearestChordTone(idx, t);
                    key = a.scale.key(a.tonic, idx);
                }
                emit(t, len, key, level(t));
                previousStep = step == 0 ? previousStep : step;
                t += len;
            }
            t = end + (r.nextDouble() < 0.6 ? a.pick(0.5, 1.0, 2.0) : 0);
        }
        return "markov";
    }

    private double[][] lengthTable(int n, Density density) {
        double[][] table = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double w = 1.0 / (1 + Math.abs(i - j));        // lengths cluster
                double pull = switch (density) {
                    case SPARSE -> j >= n / 2 ? 2.0 : 0.5;
                    case MEDIUM -> j == 1 || j == 2 ? 2.0 : 0.8;
                    case BUSY -> j <= 1 ? 2.5 : 0.4;
                };
                table[i][j] = w * pull * (0.6 + r.nextDouble());
            }
        }
        return table;
    }

    private int stepAfter(int previous) {
        if (Math.abs(previous) >= 3 && r.nextDouble() < 0.7) {
            return -Integer.signum(previous);                 // leaps recover by step
        }
        int s = STEPS[pickIndex(STEP_WEIGHTS)];
        if (s != 0 && Math.abs(s) == 1 && r.nextDouble() < 0.3) {
            s = Integer.signum(previous);                     // runs continue
        }
        return s;
    }

    // ---- shared ----

    private void emit(double beat, double beats, int key, double level) {
        int k = key;
        while (k > hi) {
            k -= 12;
        }
        while (k < lo) {
            k += 12;
        }
        int before = p.notes.size();
        p.note(beat, beats * legato, k, level);
        written.add(new double[] {beat, beats, k});
        if (expressive && p.notes.size() > before && beats >= 0.9) {
            var n = p.notes.get(p.notes.size() - 1);
            double roll = r.nextDouble();
            if (roll < 0.25) {
                Articulation.scoop(p, n.start(), 1, Math.min(0.12, n.duration() / 3));
            } else if (roll < 0.5) {
                Articulation.vibrato(p, n.start(), n.duration(), 0.25, 5.5);
            } else if (roll < 0.65 && p.program >= 24 && p.program <= 31) {
                Articulation.bendUp(p, n.start(), n.duration(), a.pick(1.0, 2.0));
            }
        }
    }

    private double level(double beat) {
        double inBar = beat - Math.floor(beat / a.clock.beatsPerBar()) * a.clock.beatsPerBar();
        double l = inBar < 1e-6 ? 0.75 : onBeat(beat) ? 0.6 : 0.45;
        return l + r.nextGaussian() * 0.05;
    }

    private static boolean onBeat(double beat) {
        return Math.abs(beat - Math.rint(beat)) < 1e-6;
    }

    private int nearestChordTone(int idx, double beat) {
        Chord c = a.chords.at(beat);
        for (int d = 0; d <= 3; d++) {
            int up = idx + d;
            int down = idx - d;
            boolean upOk = c.contains(a.tonic, a.scale.key(a.tonic, up));
            boolean downOk = c.contains(a.tonic, a.scale.key(a.tonic, down));
            if (upOk && downOk) {
                return r.nextBoolean() ? up : down;
            }
            if (upOk) {
                return up;
            }
            if (downOk) {
                return down;
            }
        }
        return idx;
    }

    private int nearestRoot(int idx, double beat) {
        int root = a.chords.at(beat).rootPc(a.tonic);
        for (int d = 0; d <= 4; d++) {
            if (Math.floorMod(a.scale.key(a.tonic, idx - d), 12) == root) {
                return idx - d;
            }
            if (Math.floorMod(a.scale.key(a.tonic, idx + d), 12) == root) {
                return idx + d;
            }
        }
        return nearestChordTone(idx, beat);
    }

    /** Scale-index shift (whole octaves) that brings a phrase into the register. */
    private int fitShift(int[] idx) {
        int n = a.scale.size();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i : idx) {
            min = Math.min(min, a.scale.key(a.tonic, i));
            max = Math.max(max, a.scale.key(a.tonic, i));
        }
        int octaves = 0;
        while (max + 12 * octaves > hi && min + 12 * (octaves - 1) >= lo) {
            octaves--;                                      // down while the bottom still fits
        }
        while (min + 12 * octaves < lo) {
            octaves++;
        }
        int shift = octaves * n;
        return shift;
    }

    private int pickIndex(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private int next(double[] row) {
        return pickIndex(row);
    }
}
