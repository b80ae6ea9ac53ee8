package io.tagger.corpus.independent;

import java.util.Random;

/**
 * The tempo classes the label contract distinguishes (slow at or below 80 BPM, pop from 90 to
 * 130, techno from 120, fast from 130), each kept at least 3 BPM away from every threshold so
 * that no clip sits on a border. Tempos are whole BPM and constant within a clip.
 */
enum TempoBand {
    /** Slow: at most 77 BPM. */
    SLOW(50, 77),
    /** Between slow and pop: neither slow nor fast nor pop. */
    BETWEEN(83, 87),
    /** Pop's range, below techno's. */
    MODERATE(93, 117),
    /** Pop's range and techno's: 120-130, kept to 123-127. */
    BRISK(123, 127),
    /** Fast: at least 133 BPM. */
    FAST(133, 172);

    final int min;
    final int max;

    TempoBand(int min, int max) {
        this.min = min;
        this.max = max;
    }

    int draw(Random r) {
        return min + r.nextInt(max - min + 1);
    }

    /** A tempo in this band, no higher than {@code cap} (when the band allows it). */
    int draw(Random r, int cap) {
        int hi = Math.max(min, Math.min(max, cap));
        return min + r.nextInt(hi - min + 1);
    }
}
