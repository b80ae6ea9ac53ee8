package io.tagger.corpus.independent;

/**
 * Drones: parts that sound only the tonic (with, at most, one companion: its fifth or its fourth)
 * from the first instant of the clip to its end, with no gap. Two manners: a tanpura's cycle of
 * four plucked strings, each ringing until it is plucked again, and a held chord re-voiced every
 * few seconds with expression swells.
 */
final class DroneWriter {
    /** Semitones of the companion above the low tonic: 7 (fifth), 5 (fourth) or 0 (none). */
    static int companion(Arrangement a) {
        return a.weighted(0.6, 7, 0.25, 5, 0.15, 0);
    }

    private DroneWriter() {
    }

    static String tanpura(Arrangement a, PartWriter p, int companion) {
        double cycle = a.uniform(2.4, 4.0);
        int low = BassWriter.low(a.tonic, Math.max(p.lo, 36));
        int[] strings = {companion == 0 ? low + 12 : low + companion, low + 12, low + 12, low};
        double pluck = cycle / 4;
        int i = 0;
        for (double t = 0; t < a.clock.seconds; t += pluck, i++) {
            double at = i == 0 ? 0 : t + a.uniform(0, 0.015);
            p.at(at, cycle + 0.05, strings[i % 4], i % 4 == 0 ? 0.6 : 0.45);
        }
        a.drones.add(p);
        a.trait("drone", "tanpura");
        return "tanpura";
    }

    static String held(Arrangement a, PartWriter p, int companion) {
        int low = BassWriter.low(a.tonic, Math.max(p.lo, 36));
        boolean upper = a.chance(0.5);
        double t = 0;
        while (t < a.clock.seconds - 0.05) {
            double length = a.uniform(4, 8);
            p.at(t, length + 0.1, low, 0.5);
            if (companion != 0) {
                p.at(t, length + 0.1, low + companion, 0.45);
            }
            if (upper) {
                p.at(t, length + 0.1, low + 12, 0.4);
            }
            if (Instruments.sustains(p.program)) {
                Articulation.swell(p, t, Math.min(a.clock.seconds, t + length), 70, 120);
            }
            t += length;
        }
        a.drones.add(p);
        a.trait("drone", "held");
        return "held";
    }
}
