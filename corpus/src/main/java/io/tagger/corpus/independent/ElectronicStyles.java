package io.tagger.corpus.independent;

import static io.tagger.corpus.independent.Instruments.*;

import io.tagger.corpus.Part.Role;

/**
 * Synthesizer music: techno and house on a steady kick, electro and its relatives (breakbeats,
 * trip-hop, drum and bass, synth-pop) whose kick never lands on every beat, and ambient washes.
 */
final class ElectronicStyles {
    private ElectronicStyles() {
    }

    static void techno(Arrangement a) {
        boolean house = a.chance(0.35);
        TempoBand band = house ? TempoBand.BRISK : a.pick(TempoBand.BRISK, TempoBand.FAST);
        a.setup(band.draw(a.r, 150), Meter.FOUR_FOUR, Ensemble.loudness(a, 0, 0.5, 0.4, 0.1), new Feel(house && a.chance(0.4) ? 0.3 : 0, 0.003));
        a.harmony(a.pick(HarmonicVocabulary.DORIAN, HarmonicVocabulary.MINOR, HarmonicVocabulary.STATIC, HarmonicVocabulary.PHRYGIAN,
                house ? HarmonicVocabulary.JAZZ : HarmonicVocabulary.STATIC), 4 * a.pick(1, 2));
        int kit = a.chance(0.9) ? a.pick(KIT_TR808, KIT_ELECTRONIC) : KIT_STANDARD;
        PartWriter bass = a.part(a.pick(SYNTH_BASS, SYNTH_BASS_2, BASS_LEAD), Role.BASS);
        BassWriter.write(a, bass, a.pick(BassWriter.Line.ACID, BassWriter.Line.OCTAVES, BassWriter.Line.SYNCOPATED), 0, a.totalBeats());
        int enter = a.pick(2, 4, 4, 8);
        if (a.chance(0.6)) {
            Ensemble.comp(a, a.pick(NEW_AGE_PAD, WARM_PAD, POLYSYNTH_PAD, HALO_PAD, SWEEP_PAD), Role.PAD,
                    a.pick(Accompanist.Texture.PAD, Accompanist.Texture.OFFBEAT));
        } else {
            Ensemble.comp(a, a.pick(SAW_LEAD, SQUARE_LEAD, FIFTHS_LEAD), Role.CHORDS, Accompanist.Texture.OFFBEAT);
        }
        if (a.chance(0.6)) {
            PartWriter lead = a.part(a.pick(SQUARE_LEAD, SAW_LEAD, CALLIOPE_LEAD, CHIFF_LEAD, CHARANG_LEAD), Role.ARPEGGIO);
            Accompanist.write(a, lead, Accompanist.Texture.ARPEGGIO, a.bar(enter), a.totalBeats(), 60, 84);
            for (int bar = enter; bar < a.bars(); bar += 4) {
                Articulation.modulation(lead, a.clock.at(a.bar(bar)), a.between(0, 90));
            }
        }
        if (house && a.chance(0.7)) {
            Ensemble.comp(a, a.pick(GRAND_PIANO, BRIGHT_PIANO, ELECTRIC_GRAND), Role.CHORDS, Accompanist.Texture.OFFBEAT, a.bar(a.pick(0, 4)), a.totalBeats());
        }
        if (a.chance(0.25)) {
            Ensemble.melody(a, a.pick(SYNTH_VOICE, VOICE_OOHS, CHOIR_AAHS), a.bar(enter), MelodyWriter.Density.SPARSE);
        }
        Drummer d = new Drummer(a, a.drums(kit), house ? DrumGroove.HOUSE : a.pick(DrumGroove.TECHNO, DrumGroove.MINIMAL, DrumGroove.TECHNO));
        d.phraseBars = a.pick(4, 8, 0);
        int breakdown = a.chance(0.4) ? a.between(4, Math.max(4, a.bars() - 4)) : -1;
        if (breakdown > 0) {
            d.play(0, breakdown);
            d.kickOnly(breakdown, breakdown + 2);
            d.play(breakdown + 2, a.bars());
            a.trait("form", "breakdown");
        } else {
            d.play(0, a.bars());
        }
        a.trait("kit", Integer.toString(kit));
    }

    static void electro(Arrangement a) {
        DrumGroove groove = a.pick(DrumGroove.ELECTRO, DrumGroove.BREAKBEAT, DrumGroove.TRIP_HOP, DrumGroove.DRUM_AND_BASS,
                DrumGroove.HALF_TIME, DrumGroove.PUSHED_BACKBEAT);
        TempoBand band = switch (groove) {
            case TRIP_HOP -> a.pick(TempoBand.SLOW, TempoBand.BETWEEN);
            case DRUM_AND_BASS -> TempoBand.FAST;
            default -> Ensemble.tempo(a, 0.05, 0.1, 0.4, 0.3, 0.15);
        };
        a.setup(band, Meter.FOUR_FOUR, Ensemble.loudness(a, 0.1, 0.6, 0.25, 0.05), Ensemble.feel(a, 0.2));
        a.harmony(a.pick(HarmonicVocabulary.MINOR, HarmonicVocabulary.DORIAN, HarmonicVocabulary.POP, HarmonicVocabulary.PHRYGIAN,
                HarmonicVocabulary.LYDIAN), 4 * a.pick(1, 2));
        Ensemble.bass(a, a.pick(SYNTH_BASS, SYNTH_BASS_2, SLAP_BASS), a.pick(BassWriter.Line.SYNCOPATED, BassWriter.Line.ACID, BassWriter.Line.ROOTS), 0);
        Ensemble.comp(a, a.pick(WARM_PAD, POLYSYNTH_PAD, SWEEP_PAD, METALLIC_PAD, SYNTH_STRINGS), Role.PAD,
                a.pick(Accompanist.Texture.PAD, Accompanist.Texture.STABS, Accompanist.Texture.ARPEGGIO));
        int lead = a.weighted(0.5, a.pick(SQUARE_LEAD, SAW_LEAD, VOICE_LEAD, FIFTHS_LEAD, CHIFF_LEAD), 0.2, SYNTH_VOICE, 0.15, RHODES, 0.15, -1);
        if (lead >= 0) {
            Ensemble.melody(a, lead, a.bar(a.pick(1, 2, 4)), a.pick(MelodyWriter.Density.values()));
        }
        if (a.chance(0.15)) {
            Ensemble.comp(a, a.pick(CLEAN_GUITAR, MUTED_GUITAR), Role.CHORDS, Accompanist.Texture.STABS);
        }
        if (a.chance(0.1)) {
            Ensemble.comp(a, ELECTRIC_GRAND, Role.CHORDS, Accompanist.Texture.BLOCK);
        }
        Drummer d = Ensemble.drums(a, a.weighted(0.35, KIT_TR808, 0.35, KIT_ELECTRONIC, 0.3, KIT_STANDARD), groove, a.pick(0, 0, 2));
        d.phraseBars = a.pick(4, 8);
    }

    static void ambient(Arrangement a) {
        Meter meter = a.weighted(0.6, Meter.FOUR_FOUR, 0.25, Meter.THREE_FOUR, 0.15, Meter.SIX_EIGHT);
        boolean drums = a.chance(0.15);
        a.setup(Ensemble.tempo(a, 0.75, 0.15, 0.1, 0, 0), meter, Ensemble.loudness(a, 0.6, 0.25, 0, 0.15), new Feel(0, 0.015));
        a.harmony(a.pick(HarmonicVocabulary.LYDIAN, HarmonicVocabulary.STATIC, HarmonicVocabulary.DORIAN, HarmonicVocabulary.POP,
                HarmonicVocabulary.MINOR), meter.beatsPerBar() * a.pick(2, 2, 4));
        boolean pad = a.chance(0.7);
        boolean strings = !pad || a.chance(0.4);
        if (pad) {
            Ensemble.comp(a, a.pick(NEW_AGE_PAD, WARM_PAD, CHOIR_PAD, BOWED_PAD, HALO_PAD, SWEEP_PAD, METALLIC_PAD, POLYSYNTH_PAD),
                    Role.PAD, Accompanist.Texture.PAD);
        }
        if (strings) {
            Ensemble.comp(a, a.pick(STRINGS, SLOW_STRINGS, SYNTH_STRINGS, SYNTH_STRINGS_2), Role.PAD, Accompanist.Texture.PAD,
                    a.bar(a.pick(0, 2)), a.totalBeats());
        }
        if (a.chance(0.3)) {
            Ensemble.comp(a, a.pick(CHOIR_AAHS, VOICE_OOHS, SYNTH_VOICE), Role.PAD, Accompanist.Texture.PAD, a.bar(a.pick(1, 3)), Ensemble.until(a));
        }
        if (a.chance(0.3)) {
            DroneWriter.held(a, a.part(a.pick(WARM_PAD, BOWED_PAD, CONTRABASS, SLOW_STRINGS), Role.DRONE), DroneWriter.companion(a));
        }
        if (a.chance(0.25)) {
            Ensemble.comp(a, HARP, Role.ARPEGGIO, Accompanist.Texture.ARPEGGIO);
        }
        if (a.chance(0.25)) {
            PartWriter bells = a.part(a.pick(CELESTA, MUSIC_BOX, VIBRAPHONE, TUBULAR_BELLS, GLOCKENSPIEL, KALIMBA, GRAND_PIANO), Role.MELODY);
            MelodyWriter m = new MelodyWriter(a, bells);
            m.legato = 1.3;
            a.trait("melody", m.markov(a.bar(2), a.totalBeats(), MelodyWriter.Density.SPARSE, 2));
            if (bells.program == GRAND_PIANO) {
                Articulation.sustainPedal(bells, a.chords.spans);
            }
        }
        if (a.chance(0.2)) {
            Ensemble.melody(a, a.pick(FLUTE, PAN_FLUTE, SHAKUHACHI, CELLO, OCARINA), a.bar(a.pick(2, 4)), MelodyWriter.Density.SPARSE);
        }
        if (drums) {
            Ensemble.drums(a, a.pick(KIT_TR808, KIT_ELECTRONIC, KIT_BRUSH), a.pick(DrumGroove.TRIP_HOP, DrumGroove.BRUSH_BALLAD, DrumGroove.HALF_TIME),
                    a.pick(2, 4));
        }
    }
}
