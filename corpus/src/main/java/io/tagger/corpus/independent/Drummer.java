package io.tagger.corpus.independent;

/**
 * Plays a {@link DrumGroove} bar after bar: fills at the ends of phrases (tom runs or snare
 * rolls), a crash on the next downbeat, small variations (open hi-hats, extra ghost notes) and,
 * for steady-kick grooves, a kick exactly on every beat that never drops out, fills included.
 */
final class Drummer {
    private static final int[][] TOM_RUNS = {{50, 48, 47, 45}, {48, 48, 45, 45}, {50, 47, 43, 41}, {38, 38, 38, 38}};

    private final Arrangement a;
    private final DrumWriter w;
    private final DrumGroove groove;
    private final int kick;
    /** Bars per phrase; a fill ends each phrase. 0 for no fills. */
    int phraseBars;
    /** Swap the hi-hat lane for the ride from this bar on (a chorus), or -1. */
    int rideFrom = -1;

    Drummer(Arrangement a, DrumWriter w, DrumGroove groove) {
        this.a = a;
        this.w = w;
        this.groove = groove;
        this.kick = a.chance(0.5) ? 36 : 35;
        this.phraseBars = a.pick(4, 4, 8, 2, 0);
        a.trait("groove", groove.name());
    }

    /** Plays bars [fromBar, toBar). */
    void play(int fromBar, int toBar) {
        int bpb = a.clock.beatsPerBar();
        int[] fill = a.pick(TOM_RUNS);
        for (int bar = fromBar; bar < toBar && a.bar(bar) < a.totalBeats(); bar++) {
            double start = a.bar(bar);
            boolean fillBar = phraseBars > 0 && bar % phraseBars == phraseBars - 1 && bar < toBar - 1;
            double fillFrom = fillBar ? start + bpb - (bpb >= 4 && a.chance(0.4) ? 2 : 1) : Double.MAX_VALUE;
            boolean crash = phraseBars > 0 && bar > fromBar && bar % phraseBars == 0;
            for (DrumGroove.Lane lane : groove.lanes) {
                int length = lane.levels().length;
                double perBeat = (double) length / groove.meter.beatsPerBar();
                int steps = (int) Math.round(perBeat * bpb);          // the pattern cycles over this bar
                int key = lane.key() == 36 ? kick : rideFrom >= 0 && bar >= rideFrom && lane.key() == 42 ? 51 : lane.key();
                for (int i = 0; i < steps; i++) {
                    double level = lane.levels()[i % length];
                    if (level == 0) {
                        continue;
                    }
                    double beat = start + i / perBeat;
                    boolean onBeat = Math.abs(beat - Math.rint(beat)) < 1e-9;
                    if (groove.steadyKick && lane.key() == 36 && onBeat) {
                        continue;                                   // written exactly below
                    }
                    if (beat >= fillFrom && lane.key() != 36) {
                        continue;
                    }
                    hit(beat, key, level + a.r.nextGaussian() * 0.05, perBeat);
                }
            }
            if (groove.steadyKick) {
                for (int b = 0; b < bpb; b++) {
                    w.exact((int) Math.round(start) + b, kick, b == 0 ? 0.9 : 0.8);
                }
            }
            if (crash) {
                w.hit(start, a.chance(0.7) ? 49 : 57, 0.85);
                if (!groove.steadyKick) {
                    w.hit(start, kick, 0.85);
                }
            }
            if (fillBar) {
                double step = a.clock.meter.compound() ? 1.0 / 3 : 0.25;
                int i = 0;
                for (double t = fillFrom; t < start + bpb - 1e-9; t += step, i++) {
                    int key = fill[Math.min(fill.length - 1, i * fill.length / (int) Math.round((start + bpb - fillFrom) / step))];
                    w.hit(t, key, 0.5 + 0.4 * i * step / (start + bpb - fillFrom));
                }
            } else if (a.chance(0.12) && !a.clock.meter.compound()) {
                w.hit(start + bpb - 0.5, 46, 0.6);                 // an open hat to lift the next bar
            }
        }
    }

    /** Plays only the steady kick (a breakdown), bars [fromBar, toBar). */
    void kickOnly(int fromBar, int toBar) {
        int bpb = a.clock.beatsPerBar();
        for (int bar = fromBar; bar < toBar && a.bar(bar) < a.totalBeats(); bar++) {
            for (int b = 0; b < bpb; b++) {
                w.exact((int) Math.round(a.bar(bar)) + b, kick, 0.8);
            }
        }
    }

    private void hit(double beat, int key, double level, double perBeat) {
        boolean tripletsInSimple = !a.clock.meter.compound() && Math.abs(perBeat - 3) < 1e-9;
        w.hit(beat, key, level, !tripletsInSimple);
    }
}
