package io.tagger.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Per-part sound and articulation that no tag depends on, added to any engine's plan when the
 * production is randomised: pan, brightness and resonance (CC74, CC71), chorus and reverb sends,
 * sustain pedal on keyboards, vibrato (CC1) and pitch bends on leads and strings, expression
 * swells (CC11) on held parts.
 */
final class PartVoicing {
    private PartVoicing() {
    }

    static ClipPlan voice(ClipPlan clip, Production production, Random r) {
        List<Part> parts = new ArrayList<>();
        for (Part p : clip.parts()) {
            List<Control> c = new ArrayList<>(p.controls());
            c.add(new Control(0, Control.PAN, 20 + r.nextInt(88)));
            c.add(new Control(0, 74, 30 + r.nextInt(98)));
            c.add(new Control(0, 71, 20 + r.nextInt(80)));
            c.add(new Control(0, 91, Math.max(0, Math.min(127, production.reverb() + r.nextInt(41) - 20))));
            if (production.chorus() > 0) {
                c.add(new Control(0, 93, Math.max(0, Math.min(127, production.chorus() + r.nextInt(31) - 15))));
            }
            boolean keyboard = p.program() <= 7;
            boolean bends = (p.program() >= 24 && p.program() <= 31) || (p.program() >= 80 && p.program() <= 87)
                    || p.program() == 104 || (p.program() >= 40 && p.program() <= 42) || p.program() == 110;
            if (keyboard && r.nextInt(3) > 0) {
                pedal(c, p, r);
            }
            if (bends && r.nextBoolean()) {
                bendSome(c, p, r);
            }
            if (r.nextInt(3) == 0) {
                vibrato(c, clip.seconds(), r);
            }
            if ((p.role() == Part.Role.PAD || p.role() == Part.Role.DRONE || p.role() == Part.Role.CHORDS)
                    && r.nextBoolean()) {
                swells(c, clip.seconds(), r);
            }
            parts.add(new Part(p.channel(), p.program(), p.role(), p.gain(), p.notes(), c));
        }
        return new ClipPlan(clip.style(), clip.bpm(), clip.tonic(), parts, clip.drumKit(), clip.drums(), clip.seconds(),
                clip.soundfont(), clip.reverb());
    }

    /** Pedal down a little after each bar's first note, up just before the next. */
    private static void pedal(List<Control> c, Part p, Random r) {
        double every = 1.5 + r.nextDouble() * 2.5;
        double end = p.notes().stream().mapToDouble(n -> n.start() + n.duration()).max().orElse(0);
        for (double t = 0; t < end; t += every) {
            c.add(new Control(t + 0.02, Control.SUSTAIN, 127));
            c.add(new Control(t + every - 0.03, Control.SUSTAIN, 0));
        }
    }

    /** Bends on some notes: up a semitone or two from the start, or a slide into the note. */
    private static void bendSome(List<Control> c, Part p, Random r) {
        for (Note n : p.notes()) {
            if (r.nextInt(6) != 0 || n.duration() < 0.2) {
                continue;
            }
            int target = 8192 + (r.nextBoolean() ? 2048 : 4095);
            boolean slideIn = r.nextBoolean();
            int steps = 6;
            for (int s = 0; s <= steps; s++) {
                double f = (double) s / steps;
                int v = (int) Math.round(slideIn ? target + (8192 - target) * f : 8192 + (target - 8192) * f);
                c.add(new Control(n.start() + f * Math.min(0.15, n.duration() / 2), Control.PITCH_BEND, v));
            }
            c.add(new Control(n.start() + n.duration(), Control.PITCH_BEND, 8192));
        }
    }

    private static void vibrato(List<Control> c, double seconds, Random r) {
        for (double t = 0; t < seconds; t += 1 + r.nextDouble() * 3) {
            c.add(new Control(t, Control.MODULATION, r.nextInt(3) == 0 ? 0 : 20 + r.nextInt(80)));
        }
    }

    private static void swells(List<Control> c, double seconds, Random r) {
        double period = 2 + r.nextDouble() * 6;
        for (double t = 0; t < seconds; t += 0.1) {
            double v = 0.5 + 0.5 * Math.sin(2 * Math.PI * t / period);
            c.add(new Control(t, Control.EXPRESSION, (int) Math.round(60 + 67 * v)));
        }
    }
}
