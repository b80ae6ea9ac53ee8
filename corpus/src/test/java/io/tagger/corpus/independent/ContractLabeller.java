package io.tagger.corpus.independent;

import io.tagger.corpus.ClipPlan;
import io.tagger.corpus.Note;
import io.tagger.corpus.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * A second reading of the tag contract in /work/shared/CORPUS.md, written from the document
 * alone, to check the project's labeller against: two independent readings of one contract
 * must agree on every clip.
 */
final class ContractLabeller {
    /** The 40 synthesisable tags, in the contract's order. */
    static final List<String> TAGS = List.of("piano", "harpsichord", "guitar", "violin", "cello", "harp", "strings", "flute",
            "sitar", "synth", "choir", "choral", "voice", "vocal", "vocals", "singing", "no vocal", "no vocals", "no voice",
            "drums", "beat", "beats", "fast", "slow", "loud", "quiet", "soft", "solo", "classical", "classic", "rock", "metal",
            "techno", "electronic", "dance", "ambient", "new age", "indian", "pop", "country");

    private ContractLabeller() {
    }

    static Set<String> tags(ClipPlan plan) {
        List<Part> parts = plan.parts().stream().filter(p -> !p.notes().isEmpty()).toList();
        boolean drums = !plan.drums().isEmpty();
        double bpm = plan.bpm();
        Set<String> t = new TreeSet<>();
        if (has(parts, p -> p >= 0 && p <= 3)) t.add("piano");
        if (has(parts, p -> p == 6)) t.add("harpsichord");
        if (has(parts, p -> p >= 24 && p <= 31)) t.add("guitar");
        if (has(parts, p -> p == 40)) t.add("violin");
        if (has(parts, p -> p == 42)) t.add("cello");
        if (has(parts, p -> p == 46)) t.add("harp");
        if (has(parts, p -> p >= 48 && p <= 51)) t.add("strings");
        if (has(parts, p -> p == 73)) t.add("flute");
        if (has(parts, p -> p == 104)) t.add("sitar");
        if (has(parts, p -> p >= 80 && p <= 95)) t.add("synth");
        if (has(parts, p -> p == 52)) {
            t.add("choir");
            t.add("choral");
        }
        if (has(parts, p -> p >= 52 && p <= 54)) {
            t.addAll(List.of("voice", "vocal", "vocals", "singing"));
        } else {
            t.addAll(List.of("no vocal", "no vocals", "no voice"));
        }
        if (drums) t.addAll(List.of("drums", "beat", "beats"));
        if (bpm >= 130) t.add("fast");
        if (bpm <= 80) t.add("slow");
        List<Note> all = new ArrayList<>(plan.drums());
        parts.forEach(p -> all.addAll(p.notes()));
        if (!all.isEmpty() && all.stream().allMatch(n -> n.velocity() >= 100 && n.velocity() <= 127)) t.add("loud");
        if (!all.isEmpty() && all.stream().allMatch(n -> n.velocity() >= 30 && n.velocity() <= 55)) {
            t.add("quiet");
            t.add("soft");
        }
        if (parts.size() == 1 && !drums) t.add("solo");
        if (!drums && !parts.isEmpty() && parts.stream().allMatch(p -> classicalProgram(p.program()))) {
            t.add("classical");
            t.add("classic");
        }
        if (drums && has(parts, p -> p == 29 || p == 30)) t.add("rock");
        if (drums && has(parts, p -> p == 30) && bpm >= 130) t.add("metal");
        if (drums && has(parts, p -> p >= 80 && p <= 95) && (plan.drumKit() == 24 || plan.drumKit() == 25)
                && bpm >= 120 && fourOnTheFloor(plan)) {
            t.addAll(List.of("techno", "electronic", "dance"));
        }
        if (!drums && bpm <= 80 && has(parts, p -> p >= 88 && p <= 95 || p >= 48 && p <= 51)) {
            t.add("ambient");
            t.add("new age");
        }
        if (has(parts, p -> p == 104) && parts.stream().anyMatch(p -> isDrone(p, plan))) t.add("indian");
        if (drums && bpm >= 90 && bpm <= 130 && has(parts, p -> p >= 0 && p <= 3 || p >= 24 && p <= 28)) t.add("pop");
        if (drums && has(parts, p -> p == 25 || p == 105 || p == 110)) t.add("country");
        return t;
    }

    private static boolean has(List<Part> parts, IntPredicate program) {
        return parts.stream().anyMatch(p -> program.test(p.program()));
    }

    private static boolean classicalProgram(int p) {
        return p >= 0 && p <= 7 || p >= 40 && p <= 47 || p >= 48 && p <= 51 || p >= 56 && p <= 79;
    }

    /** A kick (GM 35 or 36) starting at b * 60 / bpm, within 1e-6 s, for every beat b inside the clip. */
    static boolean fourOnTheFloor(ClipPlan plan) {
        List<Double> kicks = plan.drums().stream().filter(n -> n.key() == 35 || n.key() == 36).map(Note::start).toList();
        for (int b = 0; b * 60.0 / plan.bpm() < plan.seconds(); b++) {
            double at = b * 60.0 / plan.bpm();
            if (kicks.stream().noneMatch(k -> Math.abs(k - at) <= 1e-6)) {
                return false;
            }
        }
        return true;
    }

    /** Only the tonic, optionally with its fifth or its fourth, sounding for at least 90% of the clip. */
    static boolean isDrone(Part p, ClipPlan plan) {
        boolean fifth = false;
        boolean fourth = false;
        boolean tonic = false;
        for (Note n : p.notes()) {
            int pc = Math.floorMod(n.key() - plan.tonic(), 12);
            if (pc == 0) {
                tonic = true;
            } else if (pc == 7) {
                fifth = true;
            } else if (pc == 5) {
                fourth = true;
            } else {
                return false;
            }
        }
        if (!tonic || fifth && fourth) {
            return false;
        }
        return sounding(p.notes(), plan.seconds()) >= 0.9 * plan.seconds();
    }

    /** Seconds during which at least one of the notes sounds. */
    static double sounding(List<Note> notes, double seconds) {
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
        return covered;
    }
}
