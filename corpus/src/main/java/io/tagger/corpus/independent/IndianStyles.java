package io.tagger.corpus.independent;

import static io.tagger.corpus.independent.Instruments.*;

import io.tagger.corpus.Part.Role;

/**
 * Sitar music. The raga: a sitar over a drone (a tanpura or a held tonic), unmetred alap or a
 * metred gat with tabla (hand drums on the drum channel), a bansuri answering. The fusion: a
 * sitar over a modern band or a drum machine, with or without a drone.
 */
final class IndianStyles {
    private static final Scale[] RAGAS = {Scale.RAGA_YAMAN, Scale.RAGA_BHAIRAV, Scale.RAGA_KAFI, Scale.RAGA_BHUPALI,
        Scale.RAGA_TODI, Scale.RAGA_KHAMAJ, Scale.RAGA_MALKAUNS, Scale.RAGA_MARWA};

    private IndianStyles() {
    }

    static void raga(Arrangement a) {
        boolean alap = a.chance(0.35);
        TempoBand band = alap ? TempoBand.SLOW : Ensemble.tempo(a, 0.15, 0.15, 0.35, 0.1, 0.25);
        Meter meter = alap ? Meter.FOUR_FOUR : a.weighted(0.6, Meter.FOUR_FOUR, 0.2, Meter.SEVEN_FOUR, 0.2, Meter.FIVE_FOUR);
        a.setup(band, meter, Ensemble.loudness(a, 0.3, 0.6, 0, 0.1), new Feel(0, 0.012));
        Scale raga = a.pick(RAGAS);
        a.modal(raga, raga.steps()[2] == 4 || raga.steps()[1] == 4 ? "I" : "i");
        a.trait("raga", raga.name());
        boolean drone = a.chance(0.95);
        if (drone) {
            int program = a.weighted(0.45, SITAR, 0.2, STRINGS, 0.15, WARM_PAD, 0.1, SHANAI, 0.1, HARMONICA);
            PartWriter p = a.part(program, Role.DRONE);
            if (program == SITAR) {
                DroneWriter.tanpura(a, p, DroneWriter.companion(a));
            } else {
                DroneWriter.held(a, p, DroneWriter.companion(a));
            }
        }
        PartWriter sitar = a.part(SITAR, Role.MELODY);
        if (alap) {
            RagaWriter.alap(a, sitar, 0, a.totalBeats());
        } else {
            boolean flute = a.chance(0.25);
            double split = flute ? a.bar(a.between(2, Math.max(2, a.bars() / 2))) : a.totalBeats();
            RagaWriter.gat(a, sitar, a.bar(a.pick(0, 1)), split, band == TempoBand.FAST);
            if (flute) {
                PartWriter bansuri = a.part(FLUTE, Role.COUNTER);
                MelodyWriter m = new MelodyWriter(a, bansuri, 62, 88);
                m.expressive = true;
                m.markov(split, a.totalBeats(), MelodyWriter.Density.MEDIUM, 2);
                a.trait("counter", "bansuri answers");
            }
            if (a.chance(0.1)) {
                PartWriter santoor = a.part(DULCIMER, Role.ARPEGGIO);
                Accompanist.write(a, santoor, Accompanist.Texture.ARPEGGIO, 0, a.totalBeats(), 55, 79);
            }
            if (a.chance(0.85)) {
                DrumGroove taal = meter == Meter.SEVEN_FOUR ? DrumGroove.RUPAK : meter == Meter.FIVE_FOUR ? DrumGroove.FIVE : DrumGroove.TABLA;
                Drummer d = Ensemble.drums(a, KIT_STANDARD, taal, a.pick(0, 1, 2));
                d.phraseBars = a.pick(4, 0);
            }
        }
    }

    static void fusion(Arrangement a) {
        boolean machine = a.chance(0.55);
        boolean steady = machine && a.chance(0.6);
        TempoBand band = steady ? a.pick(TempoBand.BRISK, TempoBand.FAST) : Ensemble.tempo(a, 0.1, 0.1, 0.4, 0.25, 0.15);
        a.setup(band.draw(a.r, 150), Meter.FOUR_FOUR, Ensemble.loudness(a, 0.1, 0.65, 0.15, 0.1), Ensemble.feel(a, 0.15));
        Scale raga = a.pick(RAGAS);
        boolean drone = a.chance(0.6);
        if (drone || a.chance(0.5)) {
            a.modal(raga, raga.steps()[2] == 4 || raga.steps()[1] == 4 ? "I" : "i");
        } else {
            a.harmony(a.pick(HarmonicVocabulary.DORIAN, HarmonicVocabulary.PHRYGIAN, HarmonicVocabulary.MINOR, HarmonicVocabulary.ANDALUSIAN), 4 * a.pick(1, 2));
            raga = a.scale;
        }
        a.trait("raga", raga.name());
        if (drone) {
            int program = a.pick(WARM_PAD, NEW_AGE_PAD, SITAR, STRINGS, BOWED_PAD);
            PartWriter p = a.part(program, program == SITAR ? Role.DRONE : Role.PAD);   // a pad holding the tonic is a drone too
            if (program == SITAR) {
                DroneWriter.tanpura(a, p, DroneWriter.companion(a));
            } else {
                DroneWriter.held(a, p, DroneWriter.companion(a));
            }
        } else if (a.chance(0.6)) {
            Ensemble.comp(a, a.pick(WARM_PAD, POLYSYNTH_PAD, SWEEP_PAD, STRINGS), Role.PAD, Accompanist.Texture.PAD);
        }
        PartWriter sitar = a.part(SITAR, Role.MELODY);
        RagaWriter.gat(a, sitar, a.bar(a.pick(0, 1, 2)), a.totalBeats(), false);
        if (a.chance(0.7)) {
            Ensemble.bass(a, a.pick(SYNTH_BASS, FINGER_BASS, FRETLESS_BASS), a.pick(BassWriter.Line.SYNCOPATED, BassWriter.Line.ROOTS, BassWriter.Line.ACID), 0);
        }
        if (a.chance(0.2)) {
            Ensemble.comp(a, a.pick(CLEAN_GUITAR, GRAND_PIANO, RHODES), Role.CHORDS, a.pick(Accompanist.Texture.ARPEGGIO, Accompanist.Texture.OFFBEAT));
        }
        if (a.chance(0.3)) {
            PartWriter lead = a.part(a.pick(SQUARE_LEAD, SAW_LEAD, CHIFF_LEAD), Role.ARPEGGIO);
            Accompanist.write(a, lead, Accompanist.Texture.ARPEGGIO, a.bar(4), a.totalBeats(), 60, 84);
        }
        if (machine) {
            DrumGroove g = steady ? a.pick(DrumGroove.TECHNO, DrumGroove.HOUSE, DrumGroove.MINIMAL)
                    : a.pick(DrumGroove.BREAKBEAT, DrumGroove.TRIP_HOP, DrumGroove.ELECTRO);
            Drummer d = Ensemble.drums(a, a.pick(KIT_TR808, KIT_ELECTRONIC), g, 0);
            d.phraseBars = a.pick(4, 8);
        } else if (a.chance(0.5)) {
            Ensemble.drums(a, KIT_STANDARD, a.pick(DrumGroove.TABLA, DrumGroove.BACKBEAT, DrumGroove.HALF_TIME), a.pick(0, 2));
        }
    }
}
