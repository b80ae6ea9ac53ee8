package io.tagger.corpus.independent;

import static io.tagger.corpus.independent.Instruments.*;

import io.tagger.corpus.Part.Role;

/**
 * Voices: a choir singing a hymn-like homophony (its top voice the tune) or a melody over held
 * chords, with organ, strings, piano or harp; sometimes a gospel band with drums, sometimes a
 * lone line.
 */
final class VocalStyles {
    private VocalStyles() {
    }

    static void choir(Arrangement a) {
        boolean gospel = a.chance(0.2);
        Meter meter = gospel ? a.pick(Meter.TWELVE_EIGHT, Meter.FOUR_FOUR) : a.weighted(0.5, Meter.FOUR_FOUR, 0.35, Meter.THREE_FOUR, 0.15, Meter.SIX_EIGHT);
        TempoBand band = gospel ? a.pick(TempoBand.SLOW, TempoBand.MODERATE, TempoBand.BRISK) : Ensemble.tempo(a, 0.5, 0.2, 0.25, 0.05, 0);
        a.setup(band, meter, Ensemble.loudness(a, gospel ? 0 : 0.35, 0.4, 0.1, 0.15), new Feel(gospel ? 0.6 : 0, 0.012));
        a.harmony(a.pick(HarmonicVocabulary.CADENTIAL, HarmonicVocabulary.CIRCLE, HarmonicVocabulary.MINOR_CIRCLE, HarmonicVocabulary.LYDIAN,
                gospel ? HarmonicVocabulary.BLUES : HarmonicVocabulary.CADENTIAL), meter.beatsPerBar() * (a.chance(0.5) ? 1 : 2));
        int voice = a.weighted(0.8, CHOIR_AAHS, 0.2, VOICE_OOHS);
        boolean alone = !gospel && a.chance(0.15);
        if (alone || a.chance(0.5)) {
            // Homophony: every voice moves together; the top voice carries the tune.
            PartWriter choir = a.part(voice, Role.CHORDS);
            Accompanist.write(a, choir, alone ? Accompanist.Texture.BLOCK : a.pick(Accompanist.Texture.BLOCK, Accompanist.Texture.PAD),
                    0, a.totalBeats(), 50, 76);
            a.trait("melody", "homophony");
        } else {
            MelodyWriter tune = Ensemble.melody(a, voice, a.bar(a.pick(0, 1)), MelodyWriter.Density.SPARSE);
            PartWriter lower = a.part(a.chance(0.6) ? voice : a.pick(CHOIR_AAHS, VOICE_OOHS, SYNTH_VOICE), Role.PAD);
            if (a.chance(0.5)) {
                Accompanist.write(a, lower, Accompanist.Texture.PAD, 0, a.totalBeats(), 45, 66);
            } else {
                a.trait("counter", CounterLine.parallel(a, tune, lower, 0.95));
            }
        }
        if (alone) {
            return;
        }
        int accompaniment = a.weighted(0.3, CHURCH_ORGAN, 0.3, STRINGS, 0.25, GRAND_PIANO, 0.15, HARP);
        if (gospel) {
            Ensemble.comp(a, a.pick(GRAND_PIANO, DRAWBAR_ORGAN), Role.CHORDS, a.pick(Accompanist.Texture.BLOCK, Accompanist.Texture.OFFBEAT));
            Ensemble.bass(a, FINGER_BASS, meter.compound() ? BassWriter.Line.LILT : BassWriter.Line.WALKING, 0);
            Ensemble.drums(a, KIT_STANDARD, meter.compound() ? DrumGroove.TWELVE_EIGHT_BALLAD : DrumGroove.BACKBEAT, a.pick(0, 1));
            a.trait("form", "gospel");
        } else if (a.chance(0.8)) {
            Ensemble.comp(a, accompaniment, accompaniment == HARP ? Role.ARPEGGIO : Role.PAD,
                    accompaniment == HARP ? Accompanist.Texture.ARPEGGIO : accompaniment == GRAND_PIANO
                            ? a.pick(Accompanist.Texture.ARPEGGIO, Accompanist.Texture.BROKEN) : Accompanist.Texture.PAD);
            if (accompaniment == CHURCH_ORGAN && a.chance(0.5)) {
                Ensemble.bass(a, CHURCH_ORGAN, BassWriter.Line.HELD, 0);
            }
        }
        if (a.chance(0.1)) {
            Ensemble.comp(a, SYNTH_VOICE, Role.PAD, Accompanist.Texture.PAD, a.bar(2), a.totalBeats());
        }
    }
}
