package io.tagger.corpus.independent;

import static io.tagger.corpus.independent.Instruments.*;

import io.tagger.corpus.Part.Role;

/**
 * Concert music without drums: a baroque trio (keyboard continuo, a treble line imitated by a
 * second one, a walking bass), a string chamber group, a piano nocturne and an orchestra (which
 * sometimes marches, with a drum section).
 */
final class ClassicalStyles {
    private ClassicalStyles() {
    }

    static void baroque(Arrangement a) {
        Meter meter = a.weighted(0.45, Meter.FOUR_FOUR, 0.3, Meter.THREE_FOUR, 0.15, Meter.TWELVE_EIGHT, 0.1, Meter.SIX_EIGHT);
        a.setup(Ensemble.tempo(a, 0.15, 0.15, 0.4, 0.1, 0.2), meter, Ensemble.loudness(a, 0.2, 0.7, 0, 0.1), Feel.straight(0.006));
        a.harmony(a.pick(HarmonicVocabulary.CIRCLE, HarmonicVocabulary.CADENTIAL, HarmonicVocabulary.MINOR_CIRCLE),
                meter.beatsPerBar() >= 4 && a.chance(0.5) ? meter.beatsPerBar() / 2.0 : meter.beatsPerBar());
        int keyboard = a.weighted(0.85, HARPSICHORD, 0.08, GRAND_PIANO, 0.07, CHURCH_ORGAN);
        PartWriter continuo = a.part(keyboard, Role.CHORDS);
        Accompanist.write(a, continuo, a.pick(Accompanist.Texture.BLOCK, Accompanist.Texture.ARPEGGIO, Accompanist.Texture.ALBERTI),
                0, a.totalBeats(), 55, 76);
        if (a.chance(0.9)) {
            int treble = a.pick(VIOLIN, FLUTE, OBOE, RECORDER, TRUMPET, VIOLIN, FLUTE);
            MelodyWriter tune = Ensemble.melody(a, treble, 0, a.chance(0.5) ? MelodyWriter.Density.BUSY : MelodyWriter.Density.MEDIUM);
            if (a.chance(0.45)) {
                PartWriter second = a.part(a.pick(VIOLIN, FLUTE, CLARINET, OBOE, VIOLA), Role.COUNTER);
                a.trait("counter", a.chance(0.5) ? CounterLine.canon(a, tune, second, a.clock.beatsPerBar() * a.pick(1, 2))
                        : CounterLine.parallel(a, tune, second, 0.9));
            }
        }
        if (a.chance(0.6)) {
            Ensemble.bass(a, a.pick(CELLO, CELLO, BASSOON, CONTRABASS), BassWriter.Line.CONTINUO, 0);
        }
        if (a.chance(0.25)) {
            Ensemble.comp(a, STRINGS, Role.PAD, Accompanist.Texture.PAD);
        }
    }

    static void chamber(Arrangement a) {
        Meter meter = a.weighted(0.35, Meter.THREE_FOUR, 0.35, Meter.FOUR_FOUR, 0.2, Meter.SIX_EIGHT, 0.1, Meter.TWO_FOUR);
        a.setup(Ensemble.tempo(a, 0.3, 0.15, 0.3, 0.1, 0.15), meter, Ensemble.loudness(a, 0.35, 0.5, 0, 0.15), Feel.straight(0.01));
        a.harmony(a.pick(HarmonicVocabulary.CADENTIAL, HarmonicVocabulary.MINOR, HarmonicVocabulary.CIRCLE, HarmonicVocabulary.MINOR_CIRCLE),
                meter.beatsPerBar() * (a.chance(0.3) ? 2 : 1));
        int lead = a.weighted(0.8, VIOLIN, 0.1, CLARINET, 0.1, FLUTE);
        MelodyWriter tune = Ensemble.melody(a, lead, a.bar(a.pick(0, 1, 2)), a.pick(MelodyWriter.Density.values()));
        swellLongNotes(a, tune);
        Accompanist.Texture inner = a.pick(Accompanist.Texture.ARPEGGIO, Accompanist.Texture.TREMOLO, Accompanist.Texture.BLOCK,
                Accompanist.Texture.PAD, Accompanist.Texture.ALBERTI);
        if (a.chance(0.6)) {
            Ensemble.comp(a, a.pick(VIOLA, VIOLIN, PIZZICATO, TREMOLO_STRINGS), Role.CHORDS, inner);
        }
        if (a.chance(0.9)) {
            if (a.chance(0.3)) {
                PartWriter cello = a.part(CELLO, Role.COUNTER);
                a.trait("counter", CounterLine.contrary(a, tune, cello, 0, a.totalBeats()));
            } else {
                Ensemble.bass(a, CELLO, a.pick(BassWriter.Line.HELD, BassWriter.Line.ROOT_FIFTH, BassWriter.Line.CONTINUO,
                        meter.compound() ? BassWriter.Line.LILT : BassWriter.Line.HELD), 0);
            }
        }
        if (a.chance(0.25)) {
            PartWriter piano = a.part(a.pick(GRAND_PIANO, BRIGHT_PIANO), Role.CHORDS);
            Accompanist.write(a, piano, a.pick(Accompanist.Texture.BROKEN, Accompanist.Texture.BLOCK, Accompanist.Texture.ARPEGGIO), 0, a.totalBeats(), 52, 74);
        }
        if (a.chance(0.25)) {
            Ensemble.comp(a, HARP, Role.ARPEGGIO, Accompanist.Texture.ARPEGGIO);
        }
        if (a.chance(0.15)) {
            Ensemble.comp(a, HARPSICHORD, Role.CHORDS, Accompanist.Texture.BLOCK);
        }
        if (a.chance(0.15)) {
            Ensemble.bass(a, CONTRABASS, BassWriter.Line.HELD, 0);
        }
        if (a.chance(0.15)) {
            Ensemble.comp(a, a.pick(FRENCH_HORN, CLARINET, BASSOON), Role.PAD, Accompanist.Texture.PAD);
        }
    }

    static void nocturne(Arrangement a) {
        Meter meter = a.weighted(0.35, Meter.THREE_FOUR, 0.3, Meter.FOUR_FOUR, 0.2, Meter.SIX_EIGHT, 0.15, Meter.TWELVE_EIGHT);
        a.setup(Ensemble.tempo(a, 0.55, 0.25, 0.2, 0, 0), meter, Ensemble.loudness(a, 0.5, 0.4, 0, 0.1),
                new Feel(0, a.uniform(0.01, 0.02)));
        a.harmony(a.pick(HarmonicVocabulary.CADENTIAL, HarmonicVocabulary.MINOR, HarmonicVocabulary.CIRCLE, HarmonicVocabulary.JAZZ,
                HarmonicVocabulary.MINOR_CIRCLE), meter.beatsPerBar() * (a.chance(0.6) ? 1 : 2));
        PartWriter piano = a.part(a.weighted(0.5, GRAND_PIANO, 0.25, BRIGHT_PIANO, 0.15, ELECTRIC_GRAND, 0.1, HONKY_TONK), Role.MELODY);
        // Both hands on one channel: a broken-chord left hand, a singing right hand.
        Accompanist.write(a, piano, a.pick(Accompanist.Texture.BROKEN, Accompanist.Texture.BROKEN, Accompanist.Texture.ALBERTI,
                Accompanist.Texture.OOM_PAH, Accompanist.Texture.ARPEGGIO), 0, a.totalBeats(), 48, 67);
        MelodyWriter right = new MelodyWriter(a, piano, 69, 91);
        right.legato = 0.95;
        a.trait("melody", Ensemble.tune(a, right, a.bar(a.pick(1, 2)), a.totalBeats(), a.pick(MelodyWriter.Density.SPARSE, MelodyWriter.Density.MEDIUM)));
        if (a.chance(0.2)) {
            MelodyWriter duet = Ensemble.melody(a, a.pick(CELLO, VIOLIN), a.bar(a.pick(2, 4)), MelodyWriter.Density.SPARSE);
            swellLongNotes(a, duet);
        }
    }

    static void orchestral(Arrangement a) {
        boolean march = a.chance(0.4);
        Meter meter = march ? a.pick(Meter.TWO_FOUR, Meter.SIX_EIGHT, Meter.FOUR_FOUR)
                : a.weighted(0.5, Meter.FOUR_FOUR, 0.3, Meter.THREE_FOUR, 0.2, Meter.TWELVE_EIGHT);
        TempoBand band = march ? a.pick(TempoBand.MODERATE, TempoBand.BRISK, TempoBand.FAST) : Ensemble.tempo(a, 0.4, 0.15, 0.3, 0.05, 0.1);
        a.setup(band, meter, Ensemble.loudness(a, 0.1, 0.4, march ? 0.4 : 0.2, 0.2), Feel.straight(0.009));
        a.harmony(a.pick(HarmonicVocabulary.CADENTIAL, HarmonicVocabulary.MINOR, HarmonicVocabulary.MINOR_CIRCLE, HarmonicVocabulary.POP),
                meter.beatsPerBar() * (band == TempoBand.SLOW ? 1 : 2));
        int intro = a.pick(0, 1, 2);
        Ensemble.comp(a, a.pick(STRINGS, SLOW_STRINGS, STRINGS), Role.PAD,
                band == TempoBand.SLOW ? Accompanist.Texture.PAD : a.pick(Accompanist.Texture.PAD, Accompanist.Texture.TREMOLO, Accompanist.Texture.BLOCK));
        int lead = a.pick(FLUTE, OBOE, CLARINET, FRENCH_HORN, TRUMPET, VIOLIN, FLUTE);
        MelodyWriter tune = Ensemble.melody(a, lead, a.bar(intro), a.pick(MelodyWriter.Density.SPARSE, MelodyWriter.Density.MEDIUM));
        swellLongNotes(a, tune);
        if (a.chance(0.5)) {
            Ensemble.comp(a, a.pick(BRASS_SECTION, FRENCH_HORN, TROMBONE), Role.CHORDS, a.pick(Accompanist.Texture.BLOCK, Accompanist.Texture.PAD),
                    a.bar(a.pick(0, 2, 4)), Ensemble.until(a));
        }
        Ensemble.bass(a, a.pick(CONTRABASS, TUBA, CELLO, BASSOON), march ? BassWriter.Line.ROOT_FIFTH : BassWriter.Line.HELD, 0);
        if (a.chance(0.4)) {
            Ensemble.comp(a, HARP, Role.ARPEGGIO, Accompanist.Texture.ARPEGGIO);
        }
        if (a.chance(0.3)) {
            timpani(a);
        }
        if (a.chance(0.15)) {
            Ensemble.comp(a, CHOIR_AAHS, Role.PAD, Accompanist.Texture.PAD, a.bar(2), a.totalBeats());
        }
        if (march) {
            Ensemble.drums(a, a.pick(KIT_ORCHESTRA, KIT_STANDARD), meter.compound() ? DrumGroove.SIX_EIGHT
                    : meter.beatsPerBar() == 2 ? DrumGroove.MARCH : DrumGroove.TWO_STEP, 0);
            a.trait("form", "march");
        }
    }

    /** Timpani on the tonic and dominant: single strokes on downbeats and rolls into cadences. */
    private static void timpani(Arrangement a) {
        PartWriter p = a.part(TIMPANI, Role.BASS);
        int tonic = BassWriter.low(a.tonic, 41);
        int dominant = BassWriter.low((a.tonic + 7) % 12, 41);
        for (int bar = 0; bar < a.bars(); bar++) {
            double t = a.bar(bar);
            if (bar % 4 == 3) {
                for (double x = 0; x < a.clock.beatsPerBar(); x += 0.25) {
                    p.note(t + x, 0.25, dominant, 0.3 + 0.5 * x / a.clock.beatsPerBar());
                }
            } else if (bar % 2 == 0) {
                p.note(t, 1, tonic, 0.7);
            }
        }
    }

    /** Expression swells over a bowed or blown line's long notes. */
    static void swellLongNotes(Arrangement a, MelodyWriter m) {
        PartWriter p = m.part();
        if (!Instruments.sustains(p.program)) {
            return;
        }
        for (var n : p.notes) {
            if (n.duration() > 0.9 && a.chance(0.6)) {
                Articulation.swell(p, n.start(), n.start() + n.duration(), a.between(60, 80), a.between(105, 127));
            }
        }
    }
}
