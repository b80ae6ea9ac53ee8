package io.tagger.corpus.independent;

import io.tagger.corpus.Control;
import io.tagger.corpus.Note;
import io.tagger.corpus.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the notes and channel controls of one melodic part (one channel, one GM program).
 * Notes written in beats are swung and humanised by the clip's {@link Feel}; velocities come
 * from the clip's {@link Loudness}; every note is folded into the part's register and kept
 * inside the clip.
 */
final class PartWriter {
    final Arrangement a;
    final int channel;
    final int program;
    final Part.Role role;
    /** Lowest and highest key the part plays; notes are folded into it by octaves. */
    final int lo;
    final int hi;
    final int gain;
    final List<Note> notes = new ArrayList<>();
    final List<Control> controls = new ArrayList<>();

    PartWriter(Arrangement a, int channel, int program, Part.Role role, int lo, int hi, int gain) {
        if (hi - lo < 12) {
            throw new IllegalArgumentException("register narrower than an octave: " + lo + "-" + hi);
        }
        this.a = a;
        this.channel = channel;
        this.program = program;
        this.role = role;
        this.lo = lo;
        this.hi = hi;
        this.gain = gain;
    }

    /** A note at a beat position, lasting {@code beats} (as written: the caller sets articulation). */
    void note(double beat, double beats, int key, double level) {
        Clock c = a.clock;
        double start = c.at(a.feel.place(beat)) + a.feel.jitter(a.r);
        double end = c.at(a.feel.place(beat + beats));
        at(start, end - start, key, level);
    }

    /** A note at a time in seconds, not humanised. */
    void at(double start, double duration, int key, double level) {
        double limit = a.clock.seconds - 0.001;
        double s = Math.max(0, start);
        if (s > limit - 0.03) {
            return;
        }
        double d = Math.min(Math.max(duration, 0.03), limit - s);
        int k = fold(key);
        int velocity = a.loudness.velocity(a.r, level, s / a.clock.seconds);
        notes.add(new Note(channel, k, velocity, s, d));
    }

    /** {@code key} moved by octaves into the part's register. */
    int fold(int key) {
        int k = key;
        while (k < lo) {
            k += 12;
        }
        while (k > hi) {
            k -= 12;
        }
        return Math.max(0, Math.min(127, k));
    }

    void control(double time, int controller, int value) {
        double t = Math.max(0, Math.min(a.clock.seconds - 0.001, time));
        controls.add(new Control(t, controller, value));
    }

    boolean isEmpty() {
        return notes.isEmpty();
    }

    /** The key sounding (or last started) at a time, or -1. */
    int keyAt(double seconds) {
        int key = -1;
        for (Note n : notes) {
            if (n.start() <= seconds + 1e-9) {
                key = n.key();
            }
        }
        return key;
    }

    Part toPart() {
        List<Note> sorted = new ArrayList<>(notes);
        sorted.sort((x, y) -> Double.compare(x.start(), y.start()));
        List<Control> cs = new ArrayList<>(controls);
        cs.sort((x, y) -> Double.compare(x.time(), y.time()));
        return new Part(channel, program, role, gain, sorted, cs);
    }
}
