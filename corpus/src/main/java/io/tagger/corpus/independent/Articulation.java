package io.tagger.corpus.independent;

import io.tagger.corpus.Control;
import java.util.List;

/**
 * Channel controls that shape a part's phrasing: pan, the sustain pedal on keyboards,
 * expression swells on sustained instruments, and pitch bends (scoops, bends, vibrato, slides)
 * on guitars, leads and the sitar. Pitch bends use the GM default range of two semitones.
 */
final class Articulation {
    private static final int CENTRE = 8192;

    private Articulation() {
    }

    static void pan(PartWriter p, int value) {
        p.control(0, Control.PAN, Math.max(0, Math.min(127, value)));
    }

    /** Legato pedalling: the pedal lifts just before each chord change and goes down just after. */
    static void sustainPedal(PartWriter p, List<ChordTrack.Span> spans) {
        Clock c = p.a.clock;
        for (ChordTrack.Span s : spans) {
            double t = c.at(s.start());
            if (t > 0.05) {
                p.control(t - 0.03, Control.SUSTAIN, 0);
            }
            p.control(t + 0.06, Control.SUSTAIN, 127);
        }
        p.control(c.seconds - 0.05, Control.SUSTAIN, 0);
    }

    /** Expression (CC11) rising from {@code low} to {@code high} and falling back over [from, to] seconds. */
    static void swell(PartWriter p, double from, double to, int low, int high) {
        int steps = 10;
        for (int i = 0; i <= steps; i++) {
            double x = (double) i / steps;
            double shape = Math.sin(Math.PI * x);
            int v = (int) Math.round(low + (high - low) * shape);
            p.control(from + (to - from) * x, Control.EXPRESSION, Math.max(0, Math.min(127, v)));
        }
    }

    /** Expression held at one value from a time on. */
    static void expression(PartWriter p, double time, int value) {
        p.control(time, Control.EXPRESSION, value);
    }

    static int bendValue(double semitones) {
        int v = (int) Math.round(CENTRE + semitones * 4096);
        return Math.max(0, Math.min(16383, v));
    }

    /** Slides into a note from {@code semitones} below (or above, if negative) over {@code seconds}. */
    static void scoop(PartWriter p, double start, double semitones, double seconds) {
        int steps = 5;
        for (int i = 0; i <= steps; i++) {
            double x = (double) i / steps;
            p.control(start + seconds * x, Control.PITCH_BEND, bendValue(-semitones * (1 - x)));
        }
    }

    /** Bends a held note up by {@code semitones} after its attack and releases it at its end. */
    static void bendUp(PartWriter p, double start, double duration, double semitones) {
        double rise = Math.min(0.18, duration * 0.4);
        int steps = 4;
        for (int i = 0; i <= steps; i++) {
            double x = (double) i / steps;
            p.control(start + 0.05 + rise * x, Control.PITCH_BEND, bendValue(semitones * x));
        }
        p.control(start + duration, Control.PITCH_BEND, CENTRE);
    }

    /** Pitch vibrato over a held note, ending centred. */
    static void vibrato(PartWriter p, double start, double duration, double depth, double rateHz) {
        double step = 1.0 / (rateHz * 4);
        int i = 0;
        for (double t = start + Math.min(0.2, duration * 0.3); t < start + duration; t += step, i++) {
            double v = Math.sin(i * Math.PI / 2) * depth;
            p.control(t, Control.PITCH_BEND, bendValue(v));
        }
        p.control(start + duration, Control.PITCH_BEND, CENTRE);
    }

    /** Modulation wheel (CC1) at a time. */
    static void modulation(PartWriter p, double time, int value) {
        p.control(time, Control.MODULATION, value);
    }
}
