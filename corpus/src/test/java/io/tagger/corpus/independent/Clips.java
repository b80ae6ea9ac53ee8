package io.tagger.corpus.independent;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Corpora of the independent engine for the tests, made once per seed and shared. */
final class Clips {
    private static final IndependentEngine ENGINE = new IndependentEngine();
    private static final java.util.Map<Long, List<Composition>> CACHE = new java.util.HashMap<>();

    private Clips() {
    }

    static IndependentEngine engine() {
        return ENGINE;
    }

    /** {@code n} clips, styles drawn uniformly, all from one seeded source (as the generator draws). */
    static synchronized List<Composition> uniform(long seed, int n) {
        return CACHE.computeIfAbsent(seed * 100_003 + n, k -> {
            Random r = new Random(seed);
            List<String> styles = ENGINE.styles();
            List<Composition> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(ENGINE.composeDetailed(styles.get(r.nextInt(styles.size())), r));
            }
            return out;
        });
    }

    /** {@code perStyle} clips of every style, each from its own seed. */
    static List<Composition> everyStyle(long seed, int perStyle) {
        List<Composition> out = new ArrayList<>();
        for (String style : ENGINE.styles()) {
            for (int i = 0; i < perStyle; i++) {
                out.add(ENGINE.composeDetailed(style, new Random(seed + 7919L * i + style.hashCode())));
            }
        }
        return out;
    }
}
