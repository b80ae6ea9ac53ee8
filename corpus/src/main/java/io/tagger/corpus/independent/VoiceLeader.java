package io.tagger.corpus.independent;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Voices successive chords in a register so that each voice moves as little as possible from
 * the previous chord (close positions, every inversion, doublings when there are more voices
 * than chord tones). The first chord sits near the middle of the register; in a register too
 * narrow for a chord, the voicings that overshoot it least are used.
 */
final class VoiceLeader {
    private final int lo;
    private final int hi;
    private final int voices;
    private int[] previous;

    VoiceLeader(int lo, int hi, int voices) {
        this.lo = lo;
        this.hi = hi;
        this.voices = voices;
    }

    int[] next(Chord chord, int tonic, Random r) {
        int[] pcs = chord.pitchClasses(tonic);
        List<int[]> candidates = new ArrayList<>();
        int leastOverflow = Integer.MAX_VALUE;
        for (int rotation = 0; rotation < pcs.length; rotation++) {
            for (int bottom = lo; bottom <= hi; bottom++) {
                if (Math.floorMod(bottom, 12) != pcs[rotation]) {
                    continue;
                }
                int[] v = new int[voices];
                v[0] = bottom;
                for (int j = 1; j < voices; j++) {
                    int pc = pcs[(rotation + j) % pcs.length];
                    int k = v[j - 1] + 1;
                    while (Math.floorMod(k, 12) != pc) {
                        k++;
                    }
                    v[j] = k;
                }
                int overflow = Math.max(0, v[voices - 1] - hi);
                if (overflow < leastOverflow) {
                    leastOverflow = overflow;
                    candidates.clear();
                }
                if (overflow == leastOverflow) {
                    candidates.add(v);
                }
            }
        }
        int[] best = null;
        double bestScore = Double.MAX_VALUE;
        double centre = (lo + hi) / 2.0;
        for (int[] c : candidates) {
            double score = r.nextDouble() * 1.5;
            if (previous == null) {
                double mean = 0;
                for (int k : c) {
                    mean += k;
                }
                score += Math.abs(mean / c.length - centre);
            } else {
                for (int j = 0; j < voices; j++) {
                    score += Math.abs(c[j] - previous[j]);
                }
            }
            if (score < bestScore) {
                bestScore = score;
                best = c;
            }
        }
        previous = best;
        return best.clone();
    }
}
