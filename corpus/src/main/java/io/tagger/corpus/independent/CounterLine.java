package io.tagger.corpus.independent;

import java.util.List;

/**
 * Second voices written against a melody: a parallel harmony a third or sixth away, a slow
 * line in contrary motion through the chord tones, or a canon that imitates the tune after a
 * delay.
 */
final class CounterLine {
    private CounterLine() {
    }

    /** Doubles each melody note a diatonic third (or sixth) below, in the counter part's register. */
    static String parallel(Arrangement a, MelodyWriter melody, PartWriter counter, double legato) {
        int offset = a.chance(0.6) ? -2 : -5;
        for (double[] n : melody.written) {
            int idx = a.scale.indexNear(a.tonic, (int) n[2]) + offset;
            counter.note(n[0], n[1] * legato, counter.fold(a.scale.key(a.tonic, idx)), 0.5);
        }
        return offset == -2 ? "thirds" : "sixths";
    }

    /** One or two notes per chord, moving against the melody, chosen from the chord tones. */
    static String contrary(Arrangement a, MelodyWriter melody, PartWriter counter, double from, double to) {
        int lo = counter.lo + 3;
        int hi = Math.min(counter.hi - 3, lo + 24);
        int previous = (lo + hi) / 2;
        double previousMelody = Double.NaN;
        List<ChordTrack.Span> spans = a.chords.within(from, to);
        for (ChordTrack.Span s : spans) {
            int pieces = s.length() >= 4 && a.chance(0.5) ? 2 : 1;
            double piece = s.length() / pieces;
            for (int k = 0; k < pieces; k++) {
                double at = s.start() + k * piece;
                double m = melodyKeyAt(melody, at);
                int direction = Double.isNaN(m) || Double.isNaN(previousMelody) ? 0 : (int) Math.signum(previousMelody - m);
                int best = previous;
                double bestScore = Double.MAX_VALUE;
                for (int key = lo; key <= hi; key++) {
                    if (!s.chord().contains(a.tonic, key)) {
                        continue;
                    }
                    double score = Math.abs(key - previous) + (direction != 0 && Integer.signum(key - previous) != direction ? 3 : 0)
                            + (!Double.isNaN(m) && Math.abs(key - m) < 3 ? 6 : 0) + a.r.nextDouble();
                    if (score < bestScore) {
                        bestScore = score;
                        best = key;
                    }
                }
                counter.note(at, piece * 0.95, best, 0.5);
                previous = best;
                previousMelody = m;
            }
        }
        return "contrary";
    }

    /** The melody again, {@code delayBeats} later and a scale-fifth or octave away. */
    static String canon(Arrangement a, MelodyWriter melody, PartWriter counter, double delayBeats) {
        int shift = a.pick(-7, -4, 0, 3);
        for (double[] n : melody.written) {
            double at = n[0] + delayBeats;
            if (at >= a.totalBeats()) {
                continue;
            }
            int idx = a.scale.indexNear(a.tonic, (int) n[2]) + (shift == 0 ? 0 : shift);
            int key = shift == -7 ? (int) n[2] - 12 : a.scale.key(a.tonic, idx);
            counter.note(at, n[1] * 0.9, counter.fold(key), 0.5);
        }
        return "canon";
    }

    private static double melodyKeyAt(MelodyWriter melody, double beat) {
        double key = Double.NaN;
        for (double[] n : melody.written) {
            if (n[0] <= beat + 1e-9) {
                key = n[2];
            }
        }
        return key;
    }
}
