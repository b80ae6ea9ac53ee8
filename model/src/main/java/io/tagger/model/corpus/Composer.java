package io.tagger.model.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Composes one clip of a style: picks tempo and dynamics from ranges with a gap around every
 * threshold of the contract (so labels are unambiguous), 1-3 melodic parts from the style's
 * instrument pool with roles, and the style's drum pattern. The tags are computed afterwards
 * from what was composed (see {@link TagContract}).
 */
public final class Composer implements ArrangementEngine {
    public static final double CLIP_SECONDS = 29.1;
    static final String[] STYLES = {"classical", "rock", "metal", "electronic", "ambient", "indian", "pop",
            "country", "choral", "solo", "vocal-pop", "mixed"};
    private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    private static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};
    private static final int[][] PROGRESSIONS = {{0, 4, 5, 3}, {0, 5, 3, 4}, {0, 3, 4, 0}, {5, 3, 0, 4}};


    @Override
    public String name() {
        return "primary";
    }

    @Override
    public List<String> styles() {
        return List.of(STYLES);
    }

    @Override
    public ClipPlan compose(String style, Random r) {
        double bpm;
        int[] pool;
        List<Part.Role> roles = new ArrayList<>();
        boolean drums;
        int kit = 0;
        switch (style) {
            case "classical" -> {
                bpm = tempo(r, true, true, true);
                pool = new int[]{0, 1, 2, 6, 40, 41, 42, 46, 48, 49, 56, 60, 68, 71, 73};
                drums = false;
            }
            case "rock" -> {
                bpm = r.nextBoolean() ? between(r, 92, 126) : between(r, 134, 165);
                pool = new int[]{29, 30};
                roles.add(Part.Role.CHORDS);
                drums = true;
            }
            case "metal" -> {
                bpm = between(r, 136, 180);
                pool = new int[]{30};
                roles.add(Part.Role.CHORDS);
                drums = true;
            }
            case "electronic" -> {
                bpm = between(r, 122, 150);
                pool = new int[]{80, 81, 82, 87, 88, 89, 90, 91, 94, 95};
                roles.add(Part.Role.MELODY);
                drums = true;
                kit = r.nextBoolean() ? 24 : 25;
            }
            case "ambient" -> {
                bpm = between(r, 56, 76);
                pool = new int[]{88, 89, 91, 92, 94, 48, 49, 50, 51};
                roles.add(Part.Role.PAD);
                drums = false;
            }
            case "indian" -> {
                bpm = tempo(r, true, true, false);
                pool = new int[]{104};
                roles.add(Part.Role.MELODY);
                roles.add(Part.Role.DRONE);
                drums = r.nextInt(3) == 0;
            }
            case "pop" -> {
                bpm = between(r, 92, 126);
                pool = new int[]{0, 1, 2, 24, 25, 26, 27};
                roles.add(Part.Role.CHORDS);
                drums = true;
            }
            case "country" -> {
                bpm = r.nextBoolean() ? between(r, 92, 126) : between(r, 134, 160);
                pool = new int[]{25, 105, 110};
                roles.add(Part.Role.MELODY);
                drums = true;
            }
            case "choral" -> {
                bpm = tempo(r, true, true, false);
                pool = new int[]{52, 52, 19, 48, 0};
                roles.add(Part.Role.CHORDS);
                drums = false;
            }
            case "solo" -> {
                bpm = tempo(r, true, true, true);
                pool = new int[]{0, 6, 24, 25, 40, 42, 46, 73, 104, 80, 56, 65, 71, 11, 52, 53};
                drums = false;
            }
            case "vocal-pop" -> {
                bpm = tempo(r, true, true, true);
                pool = new int[]{53, 54, 0, 4, 24, 33, 81, 89};
                roles.add(Part.Role.MELODY);
                drums = r.nextBoolean();
            }
            default -> { // mixed: anything, to give every tag negatives in other contexts
                bpm = tempo(r, true, true, true);
                pool = new int[]{0, 4, 6, 11, 16, 19, 21, 24, 26, 32, 33, 40, 42, 46, 48, 56, 61, 65, 71, 73, 80,
                        88, 104, 105, 110};
                drums = r.nextBoolean();
                kit = r.nextInt(4) == 0 ? 25 : 0;
            }
        }
        int nParts = style.equals("solo") ? 1 : Math.max(roles.size(), 1 + r.nextInt(3));
        while (roles.size() < nParts) {
            Part.Role[] all = {Part.Role.MELODY, Part.Role.CHORDS, Part.Role.BASS, Part.Role.ARPEGGIO, Part.Role.PAD};
            roles.add(all[r.nextInt(all.length)]);
        }
        Dynamics dyn = Dynamics.values()[r.nextInt(3)];
        int tonic = r.nextInt(12);
        boolean minor = r.nextBoolean();
        int[] progression = PROGRESSIONS[r.nextInt(PROGRESSIONS.length)];
        List<Part> parts = new ArrayList<>();
        int channel = 0;
        for (int i = 0; i < roles.size(); i++) {
            Part.Role role = roles.get(i);
            int program = i == 0 || role == Part.Role.DRONE && style.equals("indian")
                    ? pool[r.nextInt(pool.length)] : secondaryProgram(style, pool, role, r);
            if (role == Part.Role.DRONE) {
                program = new int[]{104, 48, 19, 89}[r.nextInt(4)];
            }
            if (role == Part.Role.BASS && !style.equals("solo") && !style.equals("classical")) {
                program = new int[]{32, 33, 34, 38}[r.nextInt(4)];
            }
            if (channel == 9) {
                channel++;
            }
            List<Note> notes = notes(role, channel, tonic, minor, progression, bpm, dyn, r);
            parts.add(new Part(channel, program, role, 80 + r.nextInt(48), notes));
            channel++;
        }
        List<Note> drumNotes = drums ? drumPattern(style, bpm, dyn, r) : List.of();
        return new ClipPlan(style, bpm, tonic, parts, kit, drumNotes, CLIP_SECONDS, 0, 0);
    }

    private static int secondaryProgram(String style, int[] pool, Part.Role role, Random r) {
        if (style.equals("classical") || style.equals("ambient") || style.equals("electronic")) {
            return pool[r.nextInt(pool.length)];
        }
        if (style.equals("rock") || style.equals("metal")) {
            return new int[]{29, 30, 33, 34, 16}[r.nextInt(5)];
        }
        return pool[r.nextInt(pool.length)];
    }

    /** Velocity classes with gaps around the contract's 55/100 thresholds. */
    enum Dynamics {
        QUIET(34, 52), MEDIUM(62, 92), LOUD(104, 124);
        final int lo;
        final int hi;

        Dynamics(int lo, int hi) {
            this.lo = lo;
            this.hi = hi;
        }

        int velocity(Random r) {
            return lo + r.nextInt(hi - lo + 1);
        }
    }

    private static double tempo(Random r, boolean slow, boolean mid, boolean fast) {
        List<double[]> ranges = new ArrayList<>();
        if (slow) {
            ranges.add(new double[]{58, 76});
        }
        if (mid) {
            ranges.add(new double[]{88, 124});
        }
        if (fast) {
            ranges.add(new double[]{134, 170});
        }
        double[] range = ranges.get(r.nextInt(ranges.size()));
        return between(r, range[0], range[1]);
    }

    private static double between(Random r, double lo, double hi) {
        return Math.round(lo + r.nextDouble() * (hi - lo));
    }

    private static List<Note> notes(Part.Role role, int ch, int tonic, boolean minor, int[] progression, double bpm,
                                    Dynamics dyn, Random r) {
        int[] scale = minor ? MINOR : MAJOR;
        double beat = 60 / bpm;
        double bar = 4 * beat;
        List<Note> out = new ArrayList<>();
        int bars = (int) Math.ceil(CLIP_SECONDS / bar);
        if (role == Part.Role.DRONE) {
            int root = 48 + tonic;
            boolean fifth = r.nextBoolean();
            for (double t = 0; t < CLIP_SECONDS; t += 4 * bar) {
                double d = Math.min(4 * bar, CLIP_SECONDS - t);
                out.add(new Note(ch, root, dyn.velocity(r), t, d));
                if (fifth) {
                    out.add(new Note(ch, root + 7, dyn.velocity(r), t, d));
                }
            }
            return out;
        }
        for (int b = 0; b < bars; b++) {
            double t0 = b * bar;
            int degree = progression[b % progression.length];
            int[] chord = {scale[degree % 7] + 12 * (degree / 7), scale[(degree + 2) % 7] + ((degree + 2) >= 7 ? 12 : 0),
                    scale[(degree + 4) % 7] + ((degree + 4) >= 7 ? 12 : 0)};
            switch (role) {
                case CHORDS -> {
                    int strokes = r.nextBoolean() ? 1 : 4;
                    for (int s = 0; s < strokes; s++) {
                        for (int c : chord) {
                            add(out, ch, 60 + tonic + c - 12, dyn.velocity(r), t0 + s * bar / strokes, bar / strokes * 0.95);
                        }
                    }
                }
                case PAD -> {
                    for (int c : chord) {
                        add(out, ch, 60 + tonic + c - 12, dyn.velocity(r), t0, bar);
                    }
                }
                case BASS -> {
                    for (int s = 0; s < 4; s++) {
                        add(out, ch, 36 + tonic + chord[0] + (s == 2 ? 7 : 0), dyn.velocity(r), t0 + s * beat, beat * 0.9);
                    }
                }
                case ARPEGGIO -> {
                    for (int s = 0; s < 8; s++) {
                        int c = chord[s % 3] + (s >= 3 && s < 6 ? 12 : 0);
                        add(out, ch, 60 + tonic + c, dyn.velocity(r), t0 + s * beat / 2, beat / 2 * 0.9);
                    }
                }
                default -> { // MELODY
                    double t = t0;
                    while (t < t0 + bar - 1e-9) {
                        double len = beat * new double[]{0.5, 1, 1, 2}[r.nextInt(4)];
                        len = Math.min(len, t0 + bar - t);
                        int step = r.nextInt(10);
                        int key = 72 + tonic + scale[step % 7] + (step >= 7 ? 12 : 0) - 12;
                        if (r.nextInt(8) > 0) {
                            add(out, ch, key, dyn.velocity(r), t, len * 0.95);
                        }
                        t += len;
                    }
                }
            }
        }
        return out;
    }

    private static void add(List<Note> out, int ch, int key, int velocity, double start, double duration) {
        if (start < CLIP_SECONDS) {
            out.add(new Note(ch, key, velocity, start, Math.min(duration, CLIP_SECONDS - start)));
        }
    }

    /** GM drum keys: 36 kick, 38 snare, 39 clap, 42 closed hat, 46 open hat, 49 crash. */
    private static List<Note> drumPattern(String style, double bpm, Dynamics dyn, Random r) {
        double beat = 60 / bpm;
        List<Note> out = new ArrayList<>();
        int beats = (int) Math.ceil(CLIP_SECONDS / beat);
        boolean fourFloor = style.equals("electronic");
        for (int b = 0; b < beats; b++) {
            double t = b * beat;
            int inBar = b % 4;
            if (fourFloor || inBar == 0 || inBar == 2 || (style.equals("metal") && r.nextBoolean())) {
                add(out, 9, 36, dyn.velocity(r), t, 0.1);
            }
            if (inBar == 1 || inBar == 3) {
                add(out, 9, fourFloor ? 39 : 38, dyn.velocity(r), t, 0.1);
            }
            add(out, 9, fourFloor ? 42 : 42, dyn.velocity(r), t + beat / 2, 0.05);
            if (!fourFloor) {
                add(out, 9, 42, dyn.velocity(r), t, 0.05);
            }
        }
        if (!fourFloor) {
            // Some patterns drop the kick on a beat: only the electronic style keeps four on the floor.
            out.removeIf(n -> n.key() == 36 && r.nextInt(16) == 0 && n.start() > 0);
        }
        return out;
    }
}
