package io.tagger.corpus.independent;

import io.tagger.corpus.Note;
import java.util.ArrayList;
import java.util.List;

/** Collects the drum part: notes on channel 10 (index 9), humanised or, for a steady kick, exact. */
final class DrumWriter {
    static final int CHANNEL = 9;
    private final Arrangement a;
    final List<Note> hits = new ArrayList<>();

    DrumWriter(Arrangement a) {
        this.a = a;
    }

    /** A humanised hit at a beat position, swung by the clip's feel. */
    void hit(double beat, int key, double level) {
        hit(beat, key, level, true);
    }

    /** A humanised hit; {@code swing} false leaves the position as written (triplet patterns). */
    void hit(double beat, int key, double level, boolean swing) {
        double start = a.clock.at(swing ? a.feel.place(beat) : beat) + a.feel.jitter(a.r);
        double limit = a.clock.seconds - 0.001;
        double s = Math.max(0, start);
        if (s > limit - 0.03) {
            return;
        }
        add(s, key, level, limit);
    }

    /**
     * A hit exactly on beat {@code beat} (time beat * 60 / bpm, no swing, no timing error), as
     * a four-on-the-floor kick needs. It is written however close to the clip's end it falls.
     */
    void exact(int beat, int key, double level) {
        double s = beat * 60.0 / a.clock.bpm;
        if (s >= a.clock.seconds) {
            return;
        }
        add(s, key, level, a.clock.seconds - 0.0001);
    }

    private void add(double start, int key, double level, double limit) {
        double d = Math.min(0.12, limit - start);
        if (d <= 0) {
            d = (a.clock.seconds - start) / 2;
        }
        int velocity = a.loudness.velocity(a.r, level, start / a.clock.seconds);
        hits.add(new Note(CHANNEL, key, velocity, start, d));
    }

    List<Note> sorted() {
        List<Note> out = new ArrayList<>(hits);
        out.sort((x, y) -> Double.compare(x.start(), y.start()));
        return out;
    }
}
