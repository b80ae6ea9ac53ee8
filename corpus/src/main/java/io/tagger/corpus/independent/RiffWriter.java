package io.tagger.corpus.independent;

/**
 * Guitar riffs for rock and metal: a one-bar figure of palm-muted low notes, power chords,
 * single notes and rests on a sixteenth (or triplet) grid, moved to each chord's root (metal
 * keeps its mutes on the tonic pedal), with a run to end each four-bar phrase. The bass, when
 * given, locks to the riff's low notes.
 */
final class RiffWriter {
    private static final String[] METAL = {"CMMMCMMMCMCMMCMM", "C.MMC.MMC.MMC.MM", "CMMNMMCMMNMMCMNM", "C..MMMC..MMMCNMN"};
    private static final String[] ROCK = {"C.C.M.C.C.M.N.C.", "C...C.M.C...N.M.", "C.M.C.M.C.M.C.N.", "C..CC..CC..CN.N."};
    private static final String[] COMPOUND = {"C.MC.MC.MC.N", "CMMCMMCMMNMN", "C..C..CMMC.."};

    private RiffWriter() {
    }

    static String write(Arrangement a, PartWriter guitar, PartWriter bass, boolean metal) {
        boolean compound = a.clock.meter.compound();
        String figure = compound ? a.pick(COMPOUND) : metal ? a.pick(METAL) : a.pick(ROCK);
        int bpb = a.clock.beatsPerBar();
        double step = compound ? 1.0 / 3 : 0.25;
        int low = metal ? a.pick(40, 40, 42) : 40;
        int tonicLow = BassWriter.low(a.tonic, low);
        int bars = a.bars();
        for (int bar = 0; bar < bars; bar++) {
            double start = a.bar(bar);
            boolean runBar = bar % 4 == 3;
            int i = 0;
            for (double t = start; t < start + bpb - 1e-9; t += step, i++) {
                if (t >= a.totalBeats()) {
                    break;
                }
                char c = figure.charAt(i % figure.length());
                Chord chord = a.chords.at(t);
                int root = BassWriter.low(chord.rootPc(a.tonic), low);
                if (runBar && t >= start + bpb / 2.0) {
                    int k = (int) Math.round((t - start - bpb / 2.0) / step);
                    int key = a.scale.key(a.tonic, a.scale.indexNear(a.tonic, tonicLow + 12) + 5 - k);
                    guitar.note(t, step * 0.9, key, 0.65);
                    continue;
                }
                switch (c) {
                    case 'C' -> {
                        guitar.note(t, step * 1.8, root, 0.85);
                        guitar.note(t, step * 1.8, root + 7, 0.8);
                        guitar.note(t, step * 1.8, root + 12, 0.75);
                        if (bass != null) {
                            bass.note(t, step * 1.8, bass.fold(root - 12), 0.75);
                        }
                    }
                    case 'M' -> {
                        int key = metal ? tonicLow : root;
                        guitar.note(t, step * 0.6, key, 0.6);
                        if (bass != null && a.chance(0.5)) {
                            bass.note(t, step * 0.7, bass.fold(key - 12), 0.6);
                        }
                    }
                    case 'N' -> {
                        int idx = a.scale.indexNear(a.tonic, root + 12) + a.pick(-1, 1, 2, 3);
                        guitar.note(t, step * 0.9, a.scale.key(a.tonic, idx), 0.7);
                    }
                    default -> {
                    }
                }
            }
        }
        a.trait("riff", figure);
        return "riff";
    }
}
