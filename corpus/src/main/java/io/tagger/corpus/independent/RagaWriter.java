package io.tagger.corpus.independent;

/**
 * Sitar (or bansuri) lines over a raga: the unmetred alap, long notes reached by slides (meend)
 * and shaken (gamak), moving outward from the tonic and returning to it; and the metred gat,
 * a motif-based tune with slides, closed by jhala strokes on the high tonic when fast.
 */
final class RagaWriter {
    private RagaWriter() {
    }

    /** Alap over [from, to) beats: free rhythm, long notes, slides between neighbours. */
    static String alap(Arrangement a, PartWriter p, double from, double to) {
        int home = a.scale.indexNear(a.tonic, BassWriter.low(a.tonic, 55));
        int idx = home;
        int reach = 1;
        double t = from;
        int previousKey = -1;
        while (t < to - 0.5) {
            double len = a.pick(1.0, 1.5, 2.0, 3.0, 0.5, 0.75);
            if (a.chance(0.15)) {
                idx = home;                                     // return to Sa
                reach = Math.min(reach + 1, 8);
            } else {
                idx += a.pick(-1, 1, 1, -2, 2);
                idx = Math.max(home - 3, Math.min(home + reach + 2, idx));
            }
            int key = a.scale.key(a.tonic, idx);
            int before = p.notes.size();
            p.note(t + a.uniform(0, 0.15), len * 0.97, key, a.uniform(0.4, 0.7));
            if (p.notes.size() > before) {
                var n = p.notes.get(p.notes.size() - 1);
                if (previousKey >= 0 && Math.abs(key - previousKey) <= 2 && key != previousKey && a.chance(0.6)) {
                    Articulation.scoop(p, n.start(), key - previousKey, Math.min(0.35, n.duration() * 0.5));
                } else if (n.duration() > 0.8 && a.chance(0.4)) {
                    Articulation.vibrato(p, n.start(), n.duration(), 0.4, 4.5);
                }
            }
            previousKey = key;
            t += len + (a.chance(0.2) ? a.pick(0.5, 1.0) : 0);
        }
        a.trait("melody", "alap");
        return "alap";
    }

    /** Gat over [from, to) beats: a motif tune with meend; jhala (high tonic strokes) when fast. */
    static String gat(Arrangement a, PartWriter p, double from, double to, boolean jhala) {
        MelodyWriter m = new MelodyWriter(a, p, Math.max(p.lo, 50), Math.min(p.hi, 81));
        m.expressive = true;
        m.legato = 0.85;
        double split = jhala ? from + (to - from) * a.uniform(0.5, 0.75) : to;
        m.motif(from, split, a.chance(0.5) ? MelodyWriter.Density.BUSY : MelodyWriter.Density.MEDIUM);
        if (jhala) {
            int high = BassWriter.low(a.tonic, 67);
            int i = 0;
            for (double t = split; t < to - 1e-9; t += 0.25, i++) {
                int key = i % 4 == 0 ? a.scale.key(a.tonic, a.scale.indexNear(a.tonic, 60) + a.pick(0, 1, 2, -1)) : high;
                p.note(t, 0.2, key, i % 4 == 0 ? 0.7 : 0.45);
            }
        }
        a.trait("melody", jhala ? "gat+jhala" : "gat");
        return "gat";
    }
}
