package io.tagger.corpus;

import io.tagger.dataset.MtatDataset;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * The label contract of the synthetic corpus (docs/corpus.md): each tag's rule over what a clip
 * renders. The tags are MagnaTagATune's top 50 ({@link MtatDataset#VOCABULARY}), in MTAT's order;
 * ten of them cannot be synthesised and are never positive.
 */
public final class TagContract {
    /** MagnaTagATune's most frequent tags, most frequent first: the vocabulary ({@link MtatDataset#VOCABULARY}). */
    public static final List<String> TAGS = MtatDataset.VOCABULARY;

    /** Tags no synthesised clip can have (excluded from synthetic metrics). */
    public static final List<String> NOT_SYNTHESISABLE = List.of("female", "male", "woman", "man", "opera", "weird",
            "male vocal", "female vocal", "male voice", "female voice");

    public static final double FAST_BPM = 130;
    public static final double SLOW_BPM = 80;

    private TagContract() {
    }

    /** An instrument tag and the GM programs (0-based, {@code from}-{@code to}) whose parts give it. */
    public record Instrument(String tag, int from, int to) {
        public boolean plays(int program) {
            return program >= from && program <= to;
        }
    }

    /** The contract's instrument rows, in the order a clip's tags list them. */
    public static final List<Instrument> INSTRUMENTS = List.of(new Instrument("piano", 0, 3),
            new Instrument("harpsichord", 6, 6), new Instrument("guitar", 24, 31), new Instrument("violin", 40, 40),
            new Instrument("cello", 42, 42), new Instrument("harp", 46, 46), new Instrument("strings", 48, 51),
            new Instrument("flute", 73, 73), new Instrument("sitar", 104, 104), new Instrument("synth", 80, 95));

    /** The programs that make a clip vocal (voice, vocal, vocals, singing). */
    public static final Instrument VOICES = new Instrument("voice", 52, 54);

    public static List<String> tagsOf(ClipPlan c) {
        List<String> t = new ArrayList<>();
        List<Part> parts = c.parts().stream().filter(p -> !p.notes().isEmpty()).toList();
        boolean drums = c.hasDrums();
        boolean fast = c.bpm() >= FAST_BPM;
        boolean slow = c.bpm() <= SLOW_BPM;
        for (Instrument i : INSTRUMENTS) {
            if (any(parts, i.from(), i.to())) {
                t.add(i.tag());
            }
        }
        boolean synth = t.contains("synth");
        if (any(parts, 52, 52)) {
            t.addAll(List.of("choir", "choral"));
        }
        if (any(parts, VOICES.from(), VOICES.to())) {
            t.addAll(List.of("voice", "vocal", "vocals", "singing"));
        } else {
            t.addAll(List.of("no vocal", "no vocals", "no voice"));
        }
        if (drums) {
            t.addAll(List.of("drums", "beat", "beats"));
        }
        if (fast) {
            t.add("fast");
        }
        if (slow) {
            t.add("slow");
        }
        List<Note> all = Stream.concat(parts.stream().flatMap(p -> p.notes().stream()), c.drums().stream()).toList();
        if (!all.isEmpty() && all.stream().allMatch(n -> n.velocity() >= 100 && n.velocity() <= 127)) {
            t.add("loud");
        }
        if (!all.isEmpty() && all.stream().allMatch(n -> n.velocity() >= 30 && n.velocity() <= 55)) {
            t.addAll(List.of("quiet", "soft"));
        }
        if (parts.size() == 1 && !drums) {
            t.add("solo");
        }
        if (!parts.isEmpty() && !drums && parts.stream().allMatch(p -> classicalProgram(p.program()))) {
            t.addAll(List.of("classical", "classic"));
        }
        if (drums && (any(parts, 29, 29) || any(parts, 30, 30))) {
            t.add("rock");
        }
        if (drums && fast && any(parts, 30, 30)) {
            t.add("metal");
        }
        if (synth && drums && (c.drumKit() == 24 || c.drumKit() == 25) && fourOnTheFloor(c) && c.bpm() >= 120) {
            t.addAll(List.of("techno", "electronic", "dance"));
        }
        if ((any(parts, 88, 95) || any(parts, 48, 51)) && !drums && slow) {
            t.addAll(List.of("ambient", "new age"));
        }
        if (any(parts, 104, 104) && parts.stream().anyMatch(p -> isDrone(p, c))) {
            t.add("indian");
        }
        if ((any(parts, 0, 3) || any(parts, 24, 28)) && drums && c.bpm() >= 90 && c.bpm() <= 130) {
            t.add("pop");
        }
        if ((any(parts, 25, 25) || any(parts, 105, 105) || any(parts, 110, 110)) && drums) {
            t.add("country");
        }
        return t;
    }

    public static BitSet bits(ClipPlan c) {
        BitSet b = new BitSet(TAGS.size());
        for (String tag : tagsOf(c)) {
            b.set(TAGS.indexOf(tag));
        }
        return b;
    }

    private static boolean any(List<Part> parts, int lo, int hi) {
        return parts.stream().anyMatch(p -> p.program() >= lo && p.program() <= hi);
    }

    static boolean classicalProgram(int p) {
        return (p >= 0 && p <= 7) || (p >= 40 && p <= 47) || (p >= 48 && p <= 51) || (p >= 56 && p <= 79);
    }

    /** A kick (GM 35 or 36) starts on every beat of the clip. */
    static boolean fourOnTheFloor(ClipPlan c) {
        double beat = 60 / c.bpm();
        int beats = (int) Math.floor(c.seconds() / beat);
        for (int b = 0; b < beats; b++) {
            double t = b * beat;
            boolean kick = c.drums().stream().anyMatch(n -> (n.key() == 35 || n.key() == 36)
                    && Math.abs(n.start() - t) < 1e-6);
            if (!kick) {
                return false;
            }
        }
        return beats > 0;
    }

    /** Holds only the tonic (optionally with its fifth or fourth) for at least 90% of the clip. */
    static boolean isDrone(Part p, ClipPlan c) {
        int tonic = c.tonic();
        for (Note n : p.notes()) {
            int pc = Math.floorMod(n.key() - tonic, 12);
            if (pc != 0 && pc != 7 && pc != 5) {
                return false;
            }
        }
        boolean hasTonic = p.notes().stream().anyMatch(n -> Math.floorMod(n.key() - tonic, 12) == 0);
        return hasTonic && coveredSeconds(p.notes(), c.seconds()) >= 0.9 * c.seconds();
    }

    /** Seconds during which at least one of the notes sounds. */
    static double coveredSeconds(List<Note> notes, double seconds) {
        List<double[]> iv = notes.stream().map(n -> new double[]{Math.max(0, n.start()),
                Math.min(seconds, n.start() + n.duration())}).sorted((a, b) -> Double.compare(a[0], b[0])).toList();
        double covered = 0;
        double end = 0;
        for (double[] i : iv) {
            if (i[1] <= end) {
                continue;
            }
            covered += i[1] - Math.max(i[0], end);
            end = i[1];
        }
        return covered;
    }
}
