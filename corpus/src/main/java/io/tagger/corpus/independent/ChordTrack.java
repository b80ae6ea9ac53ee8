package io.tagger.corpus.independent;

import java.util.ArrayList;
import java.util.List;

/** The harmony of a clip laid out in time: a progression looped at a fixed harmonic rhythm. */
final class ChordTrack {
    /** One chord sounding from {@code start} for {@code length} beats. */
    record Span(double start, double length, Chord chord) {
        double end() {
            return start + length;
        }
    }

    final String name;
    final List<Span> spans;
    private final double beatsPerChord;

    private ChordTrack(String name, List<Span> spans, double beatsPerChord) {
        this.name = name;
        this.spans = List.copyOf(spans);
        this.beatsPerChord = beatsPerChord;
    }

    /** Loops {@code progression}, one chord every {@code beatsPerChord} beats, over the clip. */
    static ChordTrack loop(String name, List<Chord> progression, double beatsPerChord, double totalBeats) {
        List<Span> spans = new ArrayList<>();
        int i = 0;
        for (double t = 0; t < totalBeats; t += beatsPerChord, i++) {
            spans.add(new Span(t, beatsPerChord, progression.get(i % progression.size())));
        }
        return new ChordTrack(name, spans, beatsPerChord);
    }

    Chord at(double beat) {
        int i = (int) Math.floor(Math.max(0, beat) / beatsPerChord);
        return spans.get(Math.min(i, spans.size() - 1)).chord();
    }

    /** Spans overlapping [from, to), clipped to it. */
    List<Span> within(double from, double to) {
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            double a = Math.max(from, s.start());
            double b = Math.min(to, s.end());
            if (b > a + 1e-9) {
                out.add(new Span(a, b - a, s.chord()));
            }
        }
        return out;
    }
}
