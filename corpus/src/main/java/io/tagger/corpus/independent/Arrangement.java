package io.tagger.corpus.independent;

import io.tagger.corpus.ClipPlan;
import io.tagger.corpus.Part;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The working state of one clip while a style writes it: the random source, tempo and metre,
 * key, harmony, dynamics, the parts written so far and the drums. A style sets it up, calls the
 * writers, and {@link #finish()} turns it into a {@link ClipPlan}. It also records a few
 * descriptive traits (metre, groove, bass line...) that the tests use to measure variety.
 */
final class Arrangement {
    static final double SECONDS = 29.1;

    final String style;
    final Random r;
    Clock clock;
    Feel feel = Feel.straight(0.008);
    Loudness loudness = Loudness.MEDIUM;
    int tonic;
    Scale scale = Scale.IONIAN;
    ChordTrack chords;
    DrumWriter drums;
    int drumKit;
    final List<PartWriter> parts = new ArrayList<>();
    /** Parts written as drones (by {@link DroneWriter}). */
    final List<PartWriter> drones = new ArrayList<>();
    final Map<String, String> traits = new LinkedHashMap<>();
    private int nextChannel;

    Arrangement(String style, Random r) {
        this.style = style;
        this.r = r;
        this.tonic = r.nextInt(12);
    }

    // ---- set-up ----

    /** Tempo (drawn from a band), metre, dynamics and feel. */
    void setup(TempoBand band, Meter meter, Loudness loudness, Feel feel) {
        setup(band.draw(r), meter, loudness, feel);
    }

    void setup(int bpm, Meter meter, Loudness loudness, Feel feel) {
        this.clock = new Clock(bpm, meter, SECONDS);
        this.loudness = loudness;
        this.feel = meter.compound() ? new Feel(0, feel.timingSd()) : feel;
        trait("meter", meter.name());
        trait("loudness", loudness.name());
        trait("feel", this.feel.swing() > 0 ? "swing" : "straight");
    }

    /** Draws a progression from {@code vocabulary} and loops it, one chord per {@code beatsPerChord}. */
    void harmony(HarmonicVocabulary vocabulary, double beatsPerChord) {
        List<Chord> progression = vocabulary.draw(r);
        scale = vocabulary.scale;
        chords = ChordTrack.loop(vocabulary.name(), progression, beatsPerChord, clock.totalBeats());
        trait("harmony", vocabulary.name() + ": " + String.join(" ", progression.stream().map(Chord::symbol).toList()));
    }

    /** A melody-only clip over a raga or mode: one held chord, the tonic triad of the scale. */
    void modal(Scale s, String chord) {
        scale = s;
        chords = ChordTrack.loop("modal", List.of(Chord.parse(chord)), clock.beatsPerBar() * 4.0, clock.totalBeats());
        trait("harmony", "modal " + s.name());
    }

    /** A new melodic part on the next free channel (never channel 10), with a pan position. */
    PartWriter part(int program, Part.Role role) {
        int channel = nextChannel++;
        if (channel == DrumWriter.CHANNEL) {
            channel = nextChannel++;
        }
        if (channel > 15) {
            throw new IllegalStateException("more than 15 melodic parts");
        }
        int[] reg = Instruments.register(program);
        int gain = switch (role) {
            case MELODY -> between(96, 116);
            case BASS -> between(90, 110);
            case COUNTER, CHORDS -> between(80, 102);
            default -> between(70, 96);
        };
        PartWriter p = new PartWriter(this, channel, program, role, reg[0], reg[1], gain);
        int pan = switch (role) {
            case BASS, DRONE -> 64 + between(-6, 6);
            case MELODY -> 64 + between(-16, 16);
            default -> chance(0.5) ? between(24, 52) : between(76, 104);
        };
        Articulation.pan(p, pan);
        parts.add(p);
        return p;
    }

    DrumWriter drums(int kit) {
        if (drums == null) {
            drums = new DrumWriter(this);
        }
        drumKit = kit;
        return drums;
    }

    void trait(String key, String value) {
        traits.merge(key, value, (x, y) -> x.contains(y) ? x : x + "+" + y);
    }

    // ---- random helpers ----

    boolean chance(double p) {
        return r.nextDouble() < p;
    }

    int between(int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    double uniform(double lo, double hi) {
        return lo + r.nextDouble() * (hi - lo);
    }

    @SafeVarargs
    final <T> T pick(T... options) {
        return options[r.nextInt(options.length)];
    }

    int pickInt(int... options) {
        return options[r.nextInt(options.length)];
    }

    /** One of {@code options} drawn with the paired weights: pick(w1, o1, w2, o2, ...). */
    @SuppressWarnings("unchecked")
    <T> T weighted(Object... weightsAndOptions) {
        double total = 0;
        for (int i = 0; i < weightsAndOptions.length; i += 2) {
            total += ((Number) weightsAndOptions[i]).doubleValue();
        }
        double x = r.nextDouble() * total;
        for (int i = 0; i < weightsAndOptions.length; i += 2) {
            x -= ((Number) weightsAndOptions[i]).doubleValue();
            if (x < 0) {
                return (T) weightsAndOptions[i + 1];
            }
        }
        return (T) weightsAndOptions[weightsAndOptions.length - 1];
    }

    // ---- time helpers ----

    double totalBeats() {
        return clock.totalBeats();
    }

    /** Beat where bar {@code bar} starts. */
    double bar(int bar) {
        return clock.bar(bar);
    }

    int bars() {
        return clock.bars();
    }

    // ---- result ----

    ClipPlan finish() {
        List<Part> out = new ArrayList<>();
        for (PartWriter p : parts) {
            if (!p.isEmpty()) {
                out.add(p.toPart());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(style + " wrote no melodic part");
        }
        boolean hasDrums = drums != null && !drums.hits.isEmpty();
        return new ClipPlan(style, clock.bpm, tonic, out, hasDrums ? drumKit : 0,
                hasDrums ? drums.sorted() : List.of(), SECONDS, 0, 0);
    }
}
