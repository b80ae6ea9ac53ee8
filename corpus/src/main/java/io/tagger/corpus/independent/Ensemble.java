package io.tagger.corpus.independent;

import io.tagger.corpus.Part;

/**
 * Small recipes the styles share: drawing a dynamic class, starting a drum part, adding a
 * melody, bass or accompaniment part in one call.
 */
final class Ensemble {
    private Ensemble() {
    }

    /** A dynamic class drawn with weights for quiet, medium, loud and swelling. */
    static Loudness loudness(Arrangement a, double quiet, double medium, double loud, double swelling) {
        return a.weighted(quiet, Loudness.QUIET, medium, Loudness.MEDIUM, loud, Loudness.LOUD, swelling, Loudness.SWELLING);
    }

    /** A tempo band drawn with weights for slow, between, moderate, brisk and fast. */
    static TempoBand tempo(Arrangement a, double slow, double between, double moderate, double brisk, double fast) {
        return a.weighted(slow, TempoBand.SLOW, between, TempoBand.BETWEEN, moderate, TempoBand.MODERATE,
                brisk, TempoBand.BRISK, fast, TempoBand.FAST);
    }

    /** A human feel: straight or swung, with a timing spread of a few milliseconds. */
    static Feel feel(Arrangement a, double swingChance) {
        double sd = a.uniform(0.004, 0.012);
        return a.chance(swingChance) ? new Feel(a.uniform(0.5, 1.0), sd) : Feel.straight(sd);
    }

    /** Drums on {@code kit} playing {@code groove} from {@code fromBar} to the end. */
    static Drummer drums(Arrangement a, int kit, DrumGroove groove, int fromBar) {
        Drummer d = new Drummer(a, a.drums(kit), groove);
        d.play(fromBar, a.bars());
        a.trait("kit", Integer.toString(kit));
        return d;
    }

    /** A melody part: motif-based or Markov, from {@code fromBeat} to the end. */
    static MelodyWriter melody(Arrangement a, int program, double fromBeat, MelodyWriter.Density density) {
        PartWriter p = a.part(program, Part.Role.MELODY);
        MelodyWriter m = new MelodyWriter(a, p);
        m.expressive = program >= 24 && program <= 31 || program >= 80 && program <= 87 || program == 104 || program == 110
                || program == 22 || program >= 64 && program <= 67;
        m.legato = Instruments.sustains(program) ? a.uniform(0.88, 0.98) : a.uniform(0.7, 0.95);
        a.trait("melody", tune(a, m, fromBeat, a.totalBeats(), density));
        return m;
    }

    /** Motif or Markov, half and half. */
    static String tune(Arrangement a, MelodyWriter m, double from, double to, MelodyWriter.Density density) {
        return a.chance(0.5) ? m.motif(from, to, density) : m.markov(from, to, density, a.pick(2, 2, 4, 1));
    }

    /** Where a part that may leave early stops: the end of the clip, or two to six bars before it. */
    static double until(Arrangement a) {
        if (a.chance(0.5) || a.bars() < 10) {
            return a.totalBeats();
        }
        a.trait("form", "a part leaves");
        return a.bar(a.bars() - a.between(2, 6));
    }

    static PartWriter bass(Arrangement a, int program, BassWriter.Line line, double fromBeat) {
        PartWriter p = a.part(program, Part.Role.BASS);
        BassWriter.write(a, p, line, fromBeat, a.totalBeats());
        return p;
    }

    /** An accompaniment part in the middle of its instrument's register. */
    static PartWriter comp(Arrangement a, int program, Part.Role role, Accompanist.Texture texture, double fromBeat, double toBeat) {
        PartWriter p = a.part(program, role);
        int lo = Math.max(p.lo, 48);
        int hi = Math.min(p.hi, lo + 24);
        if (hi - lo < 14) {
            lo = p.lo;
            hi = p.hi;
        }
        Accompanist.write(a, p, texture, fromBeat, toBeat, lo, hi);
        return p;
    }

    static PartWriter comp(Arrangement a, int program, Part.Role role, Accompanist.Texture texture) {
        return comp(a, program, role, texture, 0, a.totalBeats());
    }
}
