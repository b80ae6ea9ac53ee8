package io.tagger.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The primary arrangement engine: composes one clip of a style. It picks tempo and dynamics from
 * ranges with a gap around every threshold of the contract (so labels are unambiguous), a metre,
 * swing and looseness, a key, mode and progression, 1-4 melodic parts from the style's instrument
 * pool with roles drawn from several pattern families ({@link Lines}), and a drum groove family
 * ({@link Grooves}). The tags are computed afterwards from what was composed ({@link TagContract}).
 *
 * <p>With a guest share above 0, that share of the clips (every style but solo) gets one more part
 * whose instrument ignores the style: a voice, a piano, a sitar, a harp, a synth or any other
 * contract instrument, in a melodic, counter, pad or comping role. Styles then no longer predict
 * their instruments, so a model has to hear the instrument itself. The default share is 0: the
 * corpora of tagger-synth 1 and 2 repeat from their seeds.
 *
 * <p>With more than one guest allowed, a clip that gets guests gets 1 to that many, each drawn
 * alike, so instruments meet in combinations no style writes (a choir pad under distorted
 * guitars, a sitar beside a synth lead). One guest at most draws exactly what the one-guest engine
 * drew, so its corpora repeat from their seeds too.
 *
 * <p>With keyboard textures on, half of the melody, comping and arpeggio parts played by a keyboard
 * (programs 0-7) or the harp are written for two hands instead ({@link Part.Role#KEYBOARD}: a
 * melody over an Alberti, broken-chord, block-chord or stride left hand), the way a nocturne or a
 * pop piano part is played. Off, nothing more is drawn.
 *
 * <p>With idiomatic parts on, every part is passed through {@link Idiom}: half of the time its
 * notes are folded into the instrument's natural register, and half of the melodies and
 * counter-lines of sustaining instruments (voices, strings, winds, synths) become held, singing
 * lines. Off, nothing more is drawn.
 */
public final class Composer implements ArrangementEngine {
    public static final double CLIP_SECONDS = 29.1;
    static final String[] STYLES = {"classical", "rock", "metal", "electronic", "ambient", "indian", "pop",
            "country", "choral", "solo", "vocal-pop", "mixed"};
    private static final int[] STANDARD_KITS = {0, 0, 8, 16, 32, 40};
    /** Guest instruments: the voice programs (drawn a third of the time), then every tagged instrument and a few untagged ones. */
    private static final int[] GUEST_VOICES = {52, 53, 54};
    private static final int[] GUEST_OTHERS = {0, 1, 2, 3, 6, 24, 25, 26, 27, 40, 42, 46, 48, 49, 50, 51, 73, 104,
            80, 81, 82, 85, 88, 89, 90, 91, 94, 11, 21, 56, 65, 71};
    private static final Part.Role[] GUEST_ROLES = {Part.Role.MELODY, Part.Role.MELODY, Part.Role.MELODY,
            Part.Role.COUNTER, Part.Role.COUNTER, Part.Role.PAD, Part.Role.PAD, Part.Role.CHORDS, Part.Role.ARPEGGIO};

    /** The most guest parts one clip can get. */
    public static final int MAX_GUESTS = 4;

    /**
     * What the engine varies beyond its styles; {@link #NONE} is the engine of tagger-synth 1 and 2.
     * Every option that is off draws nothing, so corpora made before it existed repeat from their seeds.
     *
     * @param guestShare       share of clips, 0-1, that get guest parts whose instruments ignore the style
     * @param maxGuests        1 to {@link #MAX_GUESTS}: such a clip gets 1 to this many guests
     * @param keyboardTextures write half of the keyboard and harp parts for two hands
     * @param idiomatic        play parts in their instrument's register and sustaining melodies held ({@link Idiom})
     */
    public record Variety(double guestShare, int maxGuests, boolean keyboardTextures, boolean idiomatic) {
        public static final Variety NONE = new Variety(0, 1, false, false);

        public Variety {
            if (!(guestShare >= 0 && guestShare <= 1)) {
                throw new IllegalArgumentException("guest share must be in 0-1, got " + guestShare);
            }
            if (maxGuests < 1 || maxGuests > MAX_GUESTS) {
                throw new IllegalArgumentException("guests per clip must be in 1-" + MAX_GUESTS + ", got " + maxGuests);
            }
        }

        /** That share of clips gets 1 to {@code max} guest parts. */
        public Variety withGuests(double share, int max) {
            return new Variety(share, max, keyboardTextures, idiomatic);
        }

        public Variety withKeyboardTextures() {
            return new Variety(guestShare, maxGuests, true, idiomatic);
        }

        public Variety withIdiomaticParts() {
            return new Variety(guestShare, maxGuests, keyboardTextures, true);
        }
    }

    private final Variety variety;

    /** The engine of tagger-synth 1 and 2: no guest parts. */
    public Composer() {
        this(Variety.NONE);
    }

    /** The engine of tagger-synth 3's second corpus: that share of clips gets one guest part. */
    public Composer(double guestShare) {
        this(Variety.NONE.withGuests(guestShare, 1));
    }

    public Composer(Variety variety) {
        this.variety = variety;
    }

    public Variety variety() {
        return variety;
    }

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
        Grooves.Family groove = null;
        int kit = STANDARD_KITS[r.nextInt(STANDARD_KITS.length)];
        int beatsPerBar = 4;
        double swing = 0;
        switch (style) {
            case "classical" -> {
                bpm = tempo(r, true, true, true);
                pool = new int[]{0, 1, 2, 6, 40, 41, 42, 43, 46, 48, 49, 56, 57, 60, 68, 70, 71, 73, 74};
                beatsPerBar = r.nextInt(3) == 0 ? 3 : 4;
            }
            case "rock" -> {
                bpm = r.nextBoolean() ? between(r, 94, 126) : between(r, 134, 165);
                pool = new int[]{29, 30};
                roles.add(Part.Role.CHORDS);
                groove = pick(r, Grooves.Family.ROCK, Grooves.Family.ROCK, Grooves.Family.HALF_TIME, Grooves.Family.BREAKBEAT);
                kit = new int[]{0, 8, 16}[r.nextInt(3)];
            }
            case "metal" -> {
                bpm = between(r, 136, 182);
                pool = new int[]{30};
                roles.add(Part.Role.CHORDS);
                groove = pick(r, Grooves.Family.DOUBLE_KICK, Grooves.Family.ROCK, Grooves.Family.HALF_TIME);
                kit = new int[]{0, 16}[r.nextInt(2)];
            }
            case "electronic" -> {
                bpm = between(r, 122, 150);
                pool = new int[]{80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 94, 95};
                roles.add(Part.Role.MELODY);
                groove = r.nextInt(4) > 0 ? Grooves.Family.FOUR_ON_THE_FLOOR : Grooves.Family.BREAKBEAT;
                kit = r.nextBoolean() ? 24 : 25;
            }
            case "ambient" -> {
                bpm = between(r, 56, 76);
                pool = new int[]{88, 89, 90, 91, 92, 94, 95, 48, 49, 50, 51};
                roles.add(Part.Role.PAD);
            }
            case "indian" -> {
                bpm = tempo(r, true, true, false);
                pool = new int[]{104};
                roles.add(Part.Role.MELODY);
                roles.add(Part.Role.DRONE);
                groove = r.nextInt(3) == 0 ? pick(r, Grooves.Family.LATIN, Grooves.Family.RIDE) : null;
            }
            case "pop" -> {
                bpm = between(r, 94, 126);
                pool = new int[]{0, 1, 2, 3, 24, 25, 26, 27, 28};
                roles.add(r.nextBoolean() ? Part.Role.CHORDS : Part.Role.ARPEGGIO);
                groove = pick(r, Grooves.Family.ROCK, Grooves.Family.BREAKBEAT, Grooves.Family.LATIN, Grooves.Family.SHUFFLE,
                        Grooves.Family.HALF_TIME);
            }
            case "country" -> {
                bpm = r.nextBoolean() ? between(r, 94, 126) : between(r, 134, 160);
                pool = new int[]{25, 105, 110};
                roles.add(Part.Role.MELODY);
                groove = pick(r, Grooves.Family.TRAIN, Grooves.Family.SHUFFLE, Grooves.Family.ROCK, Grooves.Family.WALTZ);
            }
            case "choral" -> {
                bpm = tempo(r, true, true, false);
                pool = new int[]{52, 52, 19, 48, 0};
                roles.add(r.nextBoolean() ? Part.Role.CHORDS : Part.Role.PAD);
                beatsPerBar = r.nextInt(3) == 0 ? 3 : 4;
            }
            case "solo" -> {
                bpm = tempo(r, true, true, true);
                pool = new int[]{0, 1, 2, 6, 24, 25, 26, 40, 42, 46, 73, 104, 80, 81, 56, 65, 71, 11, 52, 53, 54, 105, 110};
                beatsPerBar = r.nextInt(3) == 0 ? 3 : 4;
            }
            case "vocal-pop" -> {
                bpm = tempo(r, true, true, true);
                pool = new int[]{53, 54, 0, 4, 24, 33, 81, 89};
                roles.add(Part.Role.MELODY);
                groove = r.nextBoolean() ? pick(r, Grooves.Family.ROCK, Grooves.Family.BREAKBEAT, Grooves.Family.SHUFFLE)
                        : null;
            }
            default -> { // mixed: anything, to give every tag negatives in other contexts
                bpm = tempo(r, true, true, true);
                pool = new int[]{0, 4, 5, 6, 11, 12, 16, 19, 21, 22, 24, 26, 32, 33, 40, 42, 46, 48, 56, 61, 65, 66, 71, 73,
                        80, 88, 104, 105, 108, 110};
                groove = r.nextBoolean() ? Grooves.Family.values()[r.nextInt(Grooves.Family.values().length)] : null;
                kit = r.nextInt(4) == 0 ? 25 : kit;
                beatsPerBar = r.nextInt(4) == 0 ? 3 : 4;
            }
        }
        if (groove == Grooves.Family.WALTZ) {
            beatsPerBar = 3;
        }
        if (groove == Grooves.Family.FOUR_ON_THE_FLOOR || groove == Grooves.Family.DOUBLE_KICK) {
            beatsPerBar = 4;
        }
        if (groove == Grooves.Family.SHUFFLE || (groove == null && r.nextInt(6) == 0)) {
            swing = 0.2 + r.nextDouble() * 0.13;
        }
        double looseness = style.equals("electronic") ? 0.002 * r.nextInt(3) : 0.004 + r.nextDouble() * 0.02;
        Feel feel = new Feel(bpm, beatsPerBar, swing, looseness, Feel.Dynamics.values()[r.nextInt(3)]);
        Harmony harmony = Harmony.draw(r);
        int maxParts = style.equals("solo") ? 1 : Math.max(roles.size(), 1 + r.nextInt(4));
        Part.Role[] extra = {Part.Role.MELODY, Part.Role.CHORDS, Part.Role.BASS, Part.Role.ARPEGGIO, Part.Role.PAD,
                Part.Role.COUNTER};
        while (roles.size() < maxParts) {
            roles.add(extra[r.nextInt(extra.length)]);
        }
        List<Part> parts = new ArrayList<>();
        int channel = 0;
        for (int i = 0; i < roles.size(); i++) {
            Part.Role role = roles.get(i);
            int program = i == 0 ? pool[r.nextInt(pool.length)] : secondaryProgram(style, pool, r);
            if (role == Part.Role.DRONE) {
                program = new int[]{104, 48, 19, 89, 52}[r.nextInt(5)];
            }
            if (role == Part.Role.BASS) {
                program = style.equals("classical") || style.equals("choral") || style.equals("ambient")
                        ? new int[]{42, 43, 48}[r.nextInt(3)] : new int[]{32, 33, 34, 35, 36, 38, 39}[r.nextInt(7)];
            }
            if (channel == 9) {
                channel++;
            }
            role = twoHands(role, program, r);
            List<Note> notes = idiom(Lines.line(role, channel, harmony, feel, r), program, role, r);
            parts.add(new Part(channel, program, role, 70 + r.nextInt(58), notes));
            channel++;
        }
        // drawn only when guests are on, so that a share of 0 leaves every other draw (and old corpora) as they were
        if (variety.guestShare() > 0 && !style.equals("solo") && r.nextDouble() < variety.guestShare()) {
            // the count is drawn only when several are allowed: one at most repeats the one-guest engine
            int guests = variety.maxGuests() == 1 ? 1 : 1 + r.nextInt(variety.maxGuests());
            for (int g = 0; g < guests; g++) {
                if (channel == 9) {
                    channel++;
                }
                int program = r.nextInt(3) == 0 ? GUEST_VOICES[r.nextInt(GUEST_VOICES.length)]
                        : GUEST_OTHERS[r.nextInt(GUEST_OTHERS.length)];
                Part.Role role = twoHands(GUEST_ROLES[r.nextInt(GUEST_ROLES.length)], program, r);
                int gain = 70 + r.nextInt(58); // drawn before the notes, as the one-guest engine did
                List<Note> notes = idiom(Lines.line(role, channel, harmony, feel, r), program, role, r);
                parts.add(new Part(channel, program, role, gain, notes));
                channel++;
            }
            style = style + (guests == 1 ? "+guest" : "+" + guests + "guests");
        }
        List<Note> drumNotes = groove != null ? Grooves.groove(groove, feel, r) : List.of();
        return new ClipPlan(style, bpm, harmony.tonic, parts, kit, drumNotes, CLIP_SECONDS, 0, 0);
    }

    /** With idiomatic parts, the notes as the instrument would play them; off, the notes as written (nothing drawn). */
    private List<Note> idiom(List<Note> notes, int program, Part.Role role, Random r) {
        return variety.idiomatic() && role != Part.Role.DRONE ? Idiom.apply(notes, program, role, r) : notes;
    }

    /** With keyboard textures, half of a keyboard's or harp's melody, comping and arpeggio parts become two-handed. */
    private Part.Role twoHands(Part.Role role, int program, Random r) {
        boolean twoHanded = program <= 7 || program == 46;
        boolean eligible = role == Part.Role.MELODY || role == Part.Role.CHORDS || role == Part.Role.ARPEGGIO;
        // drawn only when textures are on, so that off leaves every other draw as it was
        return variety.keyboardTextures() && twoHanded && eligible && r.nextBoolean() ? Part.Role.KEYBOARD : role;
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static int secondaryProgram(String style, int[] pool, Random r) {
        if (style.equals("rock") || style.equals("metal")) {
            return new int[]{29, 30, 16, 17, 18, 27, 81}[r.nextInt(7)];
        }
        if (style.equals("pop") || style.equals("vocal-pop")) {
            return new int[]{0, 4, 5, 24, 26, 27, 48, 50, 53, 54, 61, 81, 89}[r.nextInt(13)];
        }
        if (style.equals("country")) {
            return new int[]{25, 0, 105, 110, 22, 24, 26}[r.nextInt(7)];
        }
        return pool[r.nextInt(pool.length)];
    }

    private static double tempo(Random r, boolean slow, boolean mid, boolean fast) {
        List<double[]> ranges = new ArrayList<>();
        if (slow) {
            ranges.add(new double[]{56, 76});
        }
        if (mid) {
            ranges.add(new double[]{94, 124});
        }
        if (fast) {
            ranges.add(new double[]{134, 172});
        }
        double[] range = ranges.get(r.nextInt(ranges.size()));
        return between(r, range[0], range[1]);
    }

    private static double between(Random r, double lo, double hi) {
        return Math.round(lo + r.nextDouble() * (hi - lo));
    }
}
