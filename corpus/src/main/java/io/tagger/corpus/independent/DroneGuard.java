package io.tagger.corpus.independent;

import io.tagger.corpus.Note;
import java.util.List;

/**
 * Keeps the "indian" label unambiguous. The contract calls a clip indian when a sitar plays and
 * some part holds only the tonic (optionally with its fifth or its fourth) for at least 90% of
 * the clip. Drones written on purpose sound for the whole clip and pair the tonic with one
 * companion at most; any other part of a sitar clip whose notes happen to be only tonic, fifth
 * and fourth (a pedal bass, say) gets one passing note off them, so that it is clearly not a
 * drone whatever its length.
 */
final class DroneGuard {
    private DroneGuard() {
    }

    /**
     * True when every note is the tonic, its fifth or its fourth. This is the wider reading of
     * "optionally with its fifth or fourth" (both at once allowed): the guard must catch anything
     * that either reading could call a drone.
     */
    static boolean droneLike(List<Note> notes, int tonic) {
        if (notes.isEmpty()) {
            return false;
        }
        for (Note n : notes) {
            int pc = Math.floorMod(n.key() - tonic, 12);
            if (pc != 0 && pc != 5 && pc != 7) {
                return false;
            }
        }
        return true;
    }

    /** Fraction of the clip covered by at least one of the notes. */
    static double coverage(List<Note> notes, double seconds) {
        List<Note> sorted = notes.stream().sorted((x, y) -> Double.compare(x.start(), y.start())).toList();
        double covered = 0;
        double end = 0;
        for (Note n : sorted) {
            double s = Math.max(n.start(), end);
            double e = Math.min(seconds, n.start() + n.duration());
            if (e > s) {
                covered += e - s;
                end = e;
            }
        }
        return covered / seconds;
    }

    static void apply(Arrangement a) {
        boolean sitar = a.parts.stream().anyMatch(p -> p.program == Instruments.SITAR && !p.isEmpty());
        if (!sitar) {
            return;
        }
        for (PartWriter p : a.parts) {
            if (!droneLike(p.notes, a.tonic)) {
                continue;
            }
            if (a.drones.contains(p)) {
                continue;                                   // a drone, meant as one
            }
            int last = p.notes.size() - 1;
            Note n = p.notes.get(last);
            int key = n.key();
            for (int step : new int[] {2, -2, 1, -1}) {                    // a neighbour off tonic, fourth and fifth
                int pc = Math.floorMod(n.key() + step - a.tonic, 12);
                if (pc != 0 && pc != 5 && pc != 7) {
                    key = n.key() + step;
                    break;
                }
            }
            p.notes.set(last, new Note(n.channel(), key, n.velocity(), n.start(), n.duration()));
            a.trait("guard", "dedroned " + p.program);
        }
    }
}
