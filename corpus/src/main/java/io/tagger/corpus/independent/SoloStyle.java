package io.tagger.corpus.independent;

import static io.tagger.corpus.independent.Instruments.*;

import io.tagger.corpus.Part.Role;

/**
 * One instrument alone, no drums: a line for single-voiced instruments (with double stops now
 * and then), or a self-accompanied texture (bass, chords and tune on one channel) for pianos,
 * harps, guitars and other chordal instruments.
 */
final class SoloStyle {
    private static final int[] CHORDAL = {GRAND_PIANO, BRIGHT_PIANO, HARPSICHORD, HARP, NYLON_GUITAR, STEEL_GUITAR, CLEAN_GUITAR,
        KOTO, MARIMBA, VIBRAPHONE, ACCORDION, CHURCH_ORGAN, MUSIC_BOX, KALIMBA, CELESTA, DISTORTION_GUITAR, RHODES};
    private static final int[] LINEAR = {VIOLIN, CELLO, FLUTE, CLARINET, OBOE, TRUMPET, ALTO_SAX, SAW_LEAD, SQUARE_LEAD, CHOIR_AAHS,
        VOICE_OOHS, PAN_FLUTE, SHAKUHACHI, SITAR, FIDDLE, SHAMISEN, RECORDER, VIOLA, CHARANG_LEAD, BANJO};

    private SoloStyle() {
    }

    static void solo(Arrangement a) {
        boolean chordal = a.chance(0.5);
        int program = chordal ? a.pickInt(CHORDAL) : a.pickInt(LINEAR);
        Meter meter = a.weighted(0.4, Meter.FOUR_FOUR, 0.25, Meter.THREE_FOUR, 0.15, Meter.SIX_EIGHT, 0.1, Meter.TWELVE_EIGHT, 0.1, Meter.FIVE_FOUR);
        a.setup(Ensemble.tempo(a, 0.3, 0.15, 0.3, 0.1, 0.15), meter, Ensemble.loudness(a, 0.35, 0.45, 0.1, 0.1),
                Ensemble.feel(a, 0.15));
        a.harmony(a.pick(HarmonicVocabulary.values()), meter.beatsPerBar() * (a.chance(0.7) ? 1 : 2));
        a.trait("instrument", Integer.toString(program));
        PartWriter p = a.part(program, Role.MELODY);
        if (chordal) {
            int[] reg = Instruments.register(program);
            int split = Math.max(reg[0] + 14, Math.min(reg[1] - 14, 62));
            Accompanist.Texture texture = program == HARP || program == KOTO || program == MUSIC_BOX || program == KALIMBA
                    ? Accompanist.Texture.ARPEGGIO
                    : program >= NYLON_GUITAR && program <= DISTORTION_GUITAR
                    ? a.pick(Accompanist.Texture.STRUM, Accompanist.Texture.ARPEGGIO, Accompanist.Texture.ROLL)
                    : a.pick(Accompanist.Texture.BROKEN, Accompanist.Texture.ALBERTI, Accompanist.Texture.BLOCK, Accompanist.Texture.ARPEGGIO,
                        Accompanist.Texture.OOM_PAH);
            Accompanist.write(a, p, texture, 0, a.totalBeats(), Math.max(reg[0], split - 16), split);
            MelodyWriter right = new MelodyWriter(a, p, split + 3, Math.min(reg[1], split + 27));
            a.trait("melody", Ensemble.tune(a, right, a.bar(a.pick(0, 1, 2)), a.totalBeats(), a.pick(MelodyWriter.Density.values())));
        } else {
            MelodyWriter m = new MelodyWriter(a, p);
            m.expressive = program != CHOIR_AAHS && program != VOICE_OOHS && program != FLUTE;
            m.legato = Instruments.sustains(program) ? 0.95 : 0.8;
            a.trait("melody", Ensemble.tune(a, m, 0, a.totalBeats(), a.pick(MelodyWriter.Density.values())));
            if ((program == VIOLIN || program == CELLO || program == VIOLA || program == FIDDLE) && a.chance(0.5)) {
                doubleStops(a, p);
            }
            ClassicalStyles.swellLongNotes(a, m);
        }
    }

    /** Adds a lower chord tone under some long notes of a bowed line. */
    private static void doubleStops(Arrangement a, PartWriter p) {
        int n = p.notes.size();
        for (int i = 0; i < n; i++) {
            var note = p.notes.get(i);
            if (note.duration() > 0.5 && a.chance(0.4)) {
                double beat = note.start() / a.clock.secondsPerBeat();
                int below = -1;
                for (int k = note.key() - 3; k >= note.key() - 9; k--) {
                    if (a.chords.at(beat).contains(a.tonic, k)) {
                        below = k;
                        break;
                    }
                }
                if (below >= p.lo) {
                    p.at(note.start() + 0.01, note.duration() - 0.01, below, 0.45);
                }
            }
        }
        a.trait("double stops", "yes");
    }
}
