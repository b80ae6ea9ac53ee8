package io.tagger.corpus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * How an instrument is usually played, applied to a part the engine wrote without regard to it:
 * notes folded by octaves into the program's natural register (a choir sings between C3 and G5, a
 * cello does not play above C5), and a held, singing line (notes on the beat, each held into the
 * next) for instruments that sustain. The primary engine's pattern families are written for any
 * instrument alike, so without this voices and strings play short notes far above their range.
 * The registers are this engine's own choice, from common orchestration ranges.
 */
final class Idiom {
    private Idiom() {
    }

    /** The natural register of a GM program: {lowest, highest} key. */
    static int[] register(int program) {
        if (program == 6) return new int[]{41, 89};           // harpsichord
        if (program <= 7) return new int[]{36, 96};           // pianos, keyboards
        if (program <= 15) return new int[]{53, 96};          // chromatic percussion
        if (program <= 23) return new int[]{36, 91};          // organs, accordion, harmonica
        if (program <= 31) return new int[]{40, 84};          // guitars
        if (program <= 39) return new int[]{28, 60};          // basses
        if (program == 40) return new int[]{55, 96};          // violin
        if (program == 41) return new int[]{48, 84};          // viola
        if (program == 42) return new int[]{36, 72};          // cello
        if (program == 43) return new int[]{28, 60};          // contrabass
        if (program == 46) return new int[]{36, 96};          // harp
        if (program <= 51) return new int[]{36, 91};          // strings
        if (program <= 54) return new int[]{48, 79};          // choir, voices
        if (program <= 63) return new int[]{45, 82};          // brass
        if (program <= 71) return new int[]{48, 84};          // reeds
        if (program <= 79) return new int[]{60, 96};          // pipes
        if (program <= 95) return new int[]{41, 89};          // synth leads and pads
        if (program == 104) return new int[]{48, 79};         // sitar
        if (program == 110) return new int[]{55, 93};         // fiddle
        return new int[]{48, 84};
    }

    /** Programs whose notes are held as long as the player wants: voices, bowed strings, winds, synths. */
    static boolean sustains(int program) {
        return program >= 40 && program <= 45 || program >= 48 && program <= 95 || program >= 16 && program <= 23
                || program == 110;
    }

    /**
     * The part's notes played idiomatically: half of the time folded into the natural register; a
     * melody or counter-line of a sustaining instrument, half of the time, as a held line.
     */
    static List<Note> apply(List<Note> notes, int program, Part.Role role, Random r) {
        List<Note> out = notes;
        boolean fold = r.nextBoolean();
        boolean held = (role == Part.Role.MELODY || role == Part.Role.COUNTER) && sustains(program) && r.nextBoolean();
        if (held) {
            out = held(out);
        }
        if (fold) {
            out = fold(out, register(program));
        }
        return out;
    }

    /** Octaves up or down until each note is inside {@code range} (ranges are at least an octave wide). */
    static List<Note> fold(List<Note> notes, int[] range) {
        List<Note> out = new ArrayList<>(notes.size());
        for (Note n : notes) {
            int k = n.key();
            while (k > range[1]) {
                k -= 12;
            }
            while (k < range[0]) {
                k += 12;
            }
            out.add(new Note(n.channel(), k, n.velocity(), n.start(), n.duration()));
        }
        return out;
    }

    /**
     * A held line: of notes less than 0.3 s after the last kept onset only the first stays, and each
     * kept note is held until just before the next one (at most 3 s), as a singer or a bow would.
     */
    static List<Note> held(List<Note> notes) {
        List<Note> sorted = new ArrayList<>(notes);
        sorted.sort(Comparator.comparingDouble(Note::start));
        List<Note> kept = new ArrayList<>();
        double last = Double.NEGATIVE_INFINITY;
        for (Note n : sorted) {
            if (n.start() - last >= 0.3) {
                kept.add(n);
                last = n.start();
            }
        }
        List<Note> out = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            Note n = kept.get(i);
            double next = i + 1 < kept.size() ? kept.get(i + 1).start() : Composer.CLIP_SECONDS;
            double d = Math.max(n.duration(), Math.min(3.0, (next - n.start()) * 0.97));
            out.add(new Note(n.channel(), n.key(), n.velocity(), n.start(), Math.min(d, Composer.CLIP_SECONDS - n.start())));
        }
        return out;
    }
}
