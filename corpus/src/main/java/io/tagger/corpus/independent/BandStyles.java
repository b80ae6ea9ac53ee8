package io.tagger.corpus.independent;

import static io.tagger.corpus.independent.Instruments.*;

import io.tagger.corpus.Part.Role;

/** Guitar bands: rock, metal, pop, country and (mostly drumless) folk. */
final class BandStyles {
    private BandStyles() {
    }

    static void rock(Arrangement a) {
        TempoBand band = Ensemble.tempo(a, 0.1, 0.1, 0.4, 0.15, 0.25);
        boolean shuffle = band != TempoBand.FAST && a.chance(0.2);
        Meter meter = shuffle ? Meter.TWELVE_EIGHT : band == TempoBand.SLOW && a.chance(0.5) ? Meter.SIX_EIGHT : Meter.FOUR_FOUR;
        a.setup(band, meter, Ensemble.loudness(a, 0, 0.45, 0.45, 0.1), Ensemble.feel(a, 0.1));
        a.harmony(a.pick(HarmonicVocabulary.POWER, HarmonicVocabulary.MIXOLYDIAN, HarmonicVocabulary.MINOR, HarmonicVocabulary.POP,
                HarmonicVocabulary.BLUES), meter.beatsPerBar() * (a.chance(0.7) ? 1 : 2));
        int rhythm = a.weighted(0.5, OVERDRIVE_GUITAR, 0.5, DISTORTION_GUITAR);
        PartWriter guitar = a.part(rhythm, Role.CHORDS);
        PartWriter bass = a.part(a.pick(FINGER_BASS, PICK_BASS, PICK_BASS, FRETLESS_BASS), Role.BASS);
        if (a.chance(0.5)) {
            RiffWriter.write(a, guitar, bass, false);
        } else {
            Accompanist.write(a, guitar, a.pick(Accompanist.Texture.POWER, Accompanist.Texture.STRUM), 0, a.totalBeats(), 40, 64);
            BassWriter.write(a, bass, a.pick(BassWriter.Line.ROOTS, BassWriter.Line.SYNCOPATED, BassWriter.Line.ROOT_FIFTH), 0, a.totalBeats());
        }
        int intro = a.pick(1, 2, 4);
        if (a.chance(0.55)) {
            Ensemble.melody(a, a.pick(OVERDRIVE_GUITAR, DISTORTION_GUITAR, CLEAN_GUITAR, CHARANG_LEAD), a.bar(intro), MelodyWriter.Density.MEDIUM);
        } else if (a.chance(0.25)) {
            Ensemble.melody(a, VOICE_OOHS, a.bar(intro), MelodyWriter.Density.MEDIUM);
        }
        if (a.chance(0.15)) {
            Ensemble.comp(a, ROCK_ORGAN, Role.PAD, Accompanist.Texture.PAD, a.bar(intro), Ensemble.until(a));
        }
        if (a.chance(0.15)) {
            Ensemble.comp(a, BRIGHT_PIANO, Role.CHORDS, Accompanist.Texture.BLOCK);
        }
        DrumGroove groove = shuffle ? DrumGroove.SHUFFLE : meter == Meter.SIX_EIGHT ? DrumGroove.SIX_EIGHT
                : band == TempoBand.FAST ? a.pick(DrumGroove.PUNK, DrumGroove.BACKBEAT)
                : a.pick(DrumGroove.BACKBEAT, DrumGroove.PUSHED_BACKBEAT, DrumGroove.RIDE_ROCK, DrumGroove.HALF_TIME);
        Drummer d = Ensemble.drums(a, a.pick(KIT_STANDARD, KIT_POWER, KIT_ROOM), groove, a.chance(0.2) ? 1 : 0);
        d.rideFrom = a.chance(0.3) ? 4 : -1;
    }

    static void metal(Arrangement a) {
        boolean doom = a.chance(0.1);
        TempoBand band = doom ? a.pick(TempoBand.SLOW, TempoBand.BETWEEN, TempoBand.MODERATE) : TempoBand.FAST;
        Meter meter = a.weighted(0.8, Meter.FOUR_FOUR, 0.12, Meter.TWELVE_EIGHT, 0.08, Meter.SIX_EIGHT);
        a.setup(band.draw(a.r, 180), meter, Ensemble.loudness(a, 0, 0.3, 0.7, 0), Feel.straight(0.004));
        a.harmony(a.pick(HarmonicVocabulary.PHRYGIAN, HarmonicVocabulary.POWER, HarmonicVocabulary.MINOR, HarmonicVocabulary.ANDALUSIAN),
                meter.beatsPerBar() * a.pick(1, 2));
        PartWriter guitar = a.part(DISTORTION_GUITAR, Role.CHORDS);
        PartWriter bass = a.part(a.pick(PICK_BASS, FINGER_BASS, PICK_BASS), Role.BASS);
        RiffWriter.write(a, guitar, bass, true);
        if (a.chance(0.6)) {
            PartWriter lead = a.part(a.pick(DISTORTION_GUITAR, OVERDRIVE_GUITAR), Role.MELODY);
            MelodyWriter m = new MelodyWriter(a, lead, 55, 86);
            m.expressive = true;
            a.trait("melody", Ensemble.tune(a, m, a.bar(a.pick(2, 4)), a.totalBeats(), MelodyWriter.Density.BUSY));
            if (a.chance(0.4)) {
                PartWriter harmony = a.part(DISTORTION_GUITAR, Role.COUNTER);
                a.trait("counter", CounterLine.parallel(a, m, harmony, 0.9));
            }
        }
        if (a.chance(0.2)) {
            Ensemble.comp(a, CHOIR_AAHS, Role.PAD, Accompanist.Texture.PAD);
        } else if (a.chance(0.2)) {
            Ensemble.comp(a, a.pick(STRINGS, WARM_PAD, POLYSYNTH_PAD, CHURCH_ORGAN), Role.PAD, Accompanist.Texture.PAD);
        }
        DrumGroove groove = meter.compound() ? (meter == Meter.SIX_EIGHT ? DrumGroove.SIX_EIGHT : DrumGroove.TWELVE_EIGHT_BALLAD)
                : doom ? DrumGroove.HALF_TIME : a.pick(DrumGroove.DOUBLE_KICK, DrumGroove.BLAST, DrumGroove.GALLOP, DrumGroove.PUNK, DrumGroove.HALF_TIME);
        Ensemble.drums(a, a.pick(KIT_POWER, KIT_STANDARD), groove, 0);
    }

    static void pop(Arrangement a) {
        TempoBand band = Ensemble.tempo(a, 0.07, 0.08, 0.55, 0.25, 0.05);
        Meter meter = a.weighted(0.8, Meter.FOUR_FOUR, 0.1, Meter.THREE_FOUR, 0.1, Meter.TWELVE_EIGHT);
        a.setup(band, meter, Ensemble.loudness(a, 0.1, 0.6, 0.2, 0.1), Ensemble.feel(a, 0.15));
        a.harmony(a.pick(HarmonicVocabulary.POP, HarmonicVocabulary.POP, HarmonicVocabulary.MINOR, HarmonicVocabulary.CIRCLE,
                HarmonicVocabulary.MIXOLYDIAN), meter.beatsPerBar() * (a.chance(0.7) ? 1 : 2));
        boolean piano = a.chance(0.6);
        boolean guitar = !piano || a.chance(0.5);
        if (piano) {
            PartWriter p = a.part(a.weighted(0.4, GRAND_PIANO, 0.3, BRIGHT_PIANO, 0.2, ELECTRIC_GRAND, 0.1, HONKY_TONK), Role.CHORDS);
            Accompanist.write(a, p, a.pick(Accompanist.Texture.BLOCK, Accompanist.Texture.ARPEGGIO, Accompanist.Texture.OFFBEAT,
                    Accompanist.Texture.BROKEN), 0, a.totalBeats(), 50, 74);
        }
        if (guitar) {
            Ensemble.comp(a, a.pick(NYLON_GUITAR, STEEL_GUITAR, JAZZ_GUITAR, CLEAN_GUITAR, MUTED_GUITAR), Role.CHORDS,
                    a.pick(Accompanist.Texture.STRUM, Accompanist.Texture.ARPEGGIO, Accompanist.Texture.STABS), a.bar(a.pick(0, 0, 2)), a.totalBeats());
        }
        if (a.chance(0.85)) {
            Ensemble.bass(a, a.pick(FINGER_BASS, PICK_BASS, SLAP_BASS, SYNTH_BASS, FRETLESS_BASS),
                    meter.compound() ? BassWriter.Line.LILT : a.pick(BassWriter.Line.ROOTS, BassWriter.Line.SYNCOPATED, BassWriter.Line.ROOT_FIFTH,
                    BassWriter.Line.OCTAVES), 0);
        }
        int lead = a.weighted(0.25, VOICE_OOHS, 0.1, SYNTH_VOICE, 0.2, a.pick(SQUARE_LEAD, SAW_LEAD, CALLIOPE_LEAD), 0.1, ALTO_SAX,
                0.05, VIOLIN, 0.1, FLUTE, 0.2, -1);
        if (lead >= 0) {
            Ensemble.melody(a, lead, a.bar(a.pick(1, 2)), MelodyWriter.Density.MEDIUM);
        }
        if (a.chance(0.3)) {
            Ensemble.comp(a, a.pick(STRINGS, SLOW_STRINGS, SYNTH_STRINGS), Role.PAD, Accompanist.Texture.PAD, a.bar(a.pick(0, 4)), Ensemble.until(a));
        }
        if (a.chance(0.2)) {
            Ensemble.comp(a, a.pick(NEW_AGE_PAD, WARM_PAD, HALO_PAD), Role.PAD, Accompanist.Texture.PAD);
        }
        if (a.chance(0.08)) {
            PartWriter cello = a.part(CELLO, Role.COUNTER);
            CounterLine.contrary(a, new MelodyWriter(a, cello), cello, 0, a.totalBeats());
        }
        if (a.chance(0.9)) {
            DrumGroove groove = meter == Meter.THREE_FOUR ? DrumGroove.WALTZ : meter.compound() ? DrumGroove.TWELVE_EIGHT_BALLAD
                    : a.pick(DrumGroove.BACKBEAT, DrumGroove.PUSHED_BACKBEAT, DrumGroove.HALF_TIME, DrumGroove.DISCO, DrumGroove.BREAKBEAT);
            Ensemble.drums(a, a.pick(KIT_STANDARD, KIT_ROOM, KIT_STANDARD), groove, a.pick(0, 0, 1, 2));
        }
    }

    static void country(Arrangement a) {
        TempoBand band = Ensemble.tempo(a, 0.15, 0.1, 0.4, 0.1, 0.25);
        Meter meter = a.weighted(0.75, Meter.FOUR_FOUR, 0.2, Meter.THREE_FOUR, 0.05, Meter.TWO_FOUR);
        a.setup(band, meter, Ensemble.loudness(a, 0.1, 0.6, 0.2, 0.1), Ensemble.feel(a, 0.35));
        a.harmony(a.pick(HarmonicVocabulary.CADENTIAL, HarmonicVocabulary.POP, HarmonicVocabulary.MIXOLYDIAN, HarmonicVocabulary.BLUES),
                meter.beatsPerBar() * (a.chance(0.5) ? 1 : 2));
        boolean steel = a.chance(0.7);
        boolean banjo = a.chance(0.4);
        boolean fiddle = a.chance(0.5) || !steel && !banjo;
        if (steel) {
            Ensemble.comp(a, STEEL_GUITAR, Role.CHORDS, a.pick(Accompanist.Texture.STRUM, Accompanist.Texture.STRUM, Accompanist.Texture.ARPEGGIO));
        }
        if (banjo) {
            Ensemble.comp(a, BANJO, Role.ARPEGGIO, Accompanist.Texture.ROLL);
        }
        if (fiddle) {
            MelodyWriter m = Ensemble.melody(a, FIDDLE, a.bar(a.pick(0, 1, 2)), a.pick(MelodyWriter.Density.MEDIUM, MelodyWriter.Density.BUSY));
            ClassicalStyles.swellLongNotes(a, m);
        } else if (a.chance(0.5)) {
            Ensemble.melody(a, a.pick(HARMONICA, JAZZ_GUITAR, CLEAN_GUITAR), a.bar(1), MelodyWriter.Density.MEDIUM);
        }
        Ensemble.bass(a, a.pick(ACOUSTIC_BASS, FINGER_BASS), a.pick(BassWriter.Line.ROOT_FIFTH, BassWriter.Line.ROOT_FIFTH, BassWriter.Line.WALKING), 0);
        if (a.chance(0.3)) {
            Ensemble.comp(a, a.pick(HONKY_TONK, GRAND_PIANO), Role.CHORDS, a.pick(Accompanist.Texture.OOM_PAH, Accompanist.Texture.BLOCK));
        }
        if (a.chance(0.85)) {
            DrumGroove groove = meter == Meter.THREE_FOUR ? DrumGroove.WALTZ : meter == Meter.TWO_FOUR ? DrumGroove.MARCH
                    : a.pick(DrumGroove.TRAIN, DrumGroove.TWO_STEP, DrumGroove.TWO_STEP, DrumGroove.BRUSH_BALLAD);
            Ensemble.drums(a, a.pick(KIT_STANDARD, KIT_BRUSH, KIT_ROOM), groove, 0);
        }
    }

    static void folk(Arrangement a) {
        Meter meter = a.weighted(0.35, Meter.SIX_EIGHT, 0.3, Meter.FOUR_FOUR, 0.25, Meter.THREE_FOUR, 0.1, Meter.NINE_EIGHT);
        a.setup(Ensemble.tempo(a, 0.15, 0.1, 0.35, 0.1, 0.3), meter, Ensemble.loudness(a, 0.2, 0.6, 0.1, 0.1), Feel.straight(0.012));
        a.harmony(a.pick(HarmonicVocabulary.MIXOLYDIAN, HarmonicVocabulary.DORIAN, HarmonicVocabulary.CADENTIAL, HarmonicVocabulary.MINOR),
                meter.beatsPerBar() * (a.chance(0.5) ? 1 : 2));
        boolean pipes = a.chance(0.15);
        int tune = pipes ? BAGPIPE : a.weighted(0.4, FIDDLE, 0.2, WHISTLE, 0.15, FLUTE, 0.15, ACCORDION, 0.1, RECORDER);
        MelodyWriter m = Ensemble.melody(a, tune, 0, MelodyWriter.Density.BUSY);
        if (pipes) {
            DroneWriter.held(a, a.part(BAGPIPE, Role.DRONE), 7);
        }
        if (a.chance(0.6)) {
            Ensemble.comp(a, a.pick(NYLON_GUITAR, STEEL_GUITAR, ACCORDION, DULCIMER, HARP), Role.CHORDS,
                    a.pick(Accompanist.Texture.STRUM, Accompanist.Texture.OOM_PAH, Accompanist.Texture.ARPEGGIO));
        }
        if (a.chance(0.15)) {
            Ensemble.comp(a, BANJO, Role.ARPEGGIO, Accompanist.Texture.ROLL);
        }
        if (a.chance(0.3)) {
            PartWriter second = a.part(a.pick(FLUTE, FIDDLE, ACCORDION, WHISTLE), Role.COUNTER);
            a.trait("counter", a.chance(0.5) ? CounterLine.parallel(a, m, second, 0.85) : CounterLine.contrary(a, m, second, 0, a.totalBeats()));
        }
        if (a.chance(0.25)) {
            DrumGroove groove = meter.compound() ? DrumGroove.JIG : meter == Meter.THREE_FOUR ? DrumGroove.WALTZ : DrumGroove.TWO_STEP;
            Ensemble.drums(a, KIT_STANDARD, groove, a.pick(0, 2));
        }
    }
}
