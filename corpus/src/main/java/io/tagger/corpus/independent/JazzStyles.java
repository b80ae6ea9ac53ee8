package io.tagger.corpus.independent;

import static io.tagger.corpus.independent.Instruments.*;

import io.tagger.corpus.Part.Role;

/**
 * Jazz and its dance-floor cousins. Jazz: swing, bossa, jazz waltz, 5/4, ballads and twelve-bar
 * blues shuffles, with walking bass, shell comping and a horn or vibes lead. Groove: funk (slap
 * bass, clavinet, horn stabs over a breakbeat), disco (octave bass, string stabs, a steady kick
 * on an acoustic kit), reggae (one drop, skank, bubble organ) and latin (montuno, tumbao,
 * congas and cowbell).
 */
final class JazzStyles {
    private JazzStyles() {
    }

    static void jazz(Arrangement a) {
        String kind = a.weighted(0.3, "swing", 0.2, "bossa", 0.15, "blues", 0.12, "ballad", 0.12, "waltz", 0.11, "five");
        a.trait("form", kind);
        Meter meter = switch (kind) {
            case "waltz" -> Meter.THREE_FOUR;
            case "five" -> Meter.FIVE_FOUR;
            case "blues" -> a.chance(0.5) ? Meter.TWELVE_EIGHT : Meter.FOUR_FOUR;
            default -> Meter.FOUR_FOUR;
        };
        TempoBand band = switch (kind) {
            case "ballad" -> TempoBand.SLOW;
            case "bossa" -> a.pick(TempoBand.MODERATE, TempoBand.BRISK, TempoBand.BETWEEN);
            default -> Ensemble.tempo(a, 0.1, 0.15, 0.3, 0.15, 0.3);
        };
        boolean swing = !kind.equals("bossa");
        a.setup(band, meter, Ensemble.loudness(a, 0.25, 0.6, 0, 0.15), new Feel(swing ? a.uniform(0.7, 1.0) : 0, 0.01));
        a.harmony(kind.equals("blues") ? a.pick(HarmonicVocabulary.BLUES, HarmonicVocabulary.MINOR_BLUES)
                : a.pick(HarmonicVocabulary.JAZZ, HarmonicVocabulary.JAZZ, HarmonicVocabulary.CIRCLE, HarmonicVocabulary.DORIAN),
                kind.equals("blues") ? meter.beatsPerBar() : meter.beatsPerBar() * a.pick(1, 1, 2) / (meter.beatsPerBar() == 4 && a.chance(0.3) ? 2.0 : 1.0));
        boolean bossa = kind.equals("bossa");
        int comp = bossa ? NYLON_GUITAR : kind.equals("blues") ? a.pick(HONKY_TONK, DRAWBAR_ORGAN, JAZZ_GUITAR, GRAND_PIANO)
                : a.pick(GRAND_PIANO, RHODES, CHORUS_EPIANO, JAZZ_GUITAR, BRIGHT_PIANO);
        PartWriter c = a.part(comp, Role.CHORDS);
        Accompanist.write(a, c, bossa ? Accompanist.Texture.STABS : Accompanist.Texture.SHELLS, 0, a.totalBeats(), 50, 72);
        boolean drums = !kind.equals("ballad") || a.chance(0.5);
        if (drums || a.chance(0.5)) {
            Ensemble.bass(a, a.pick(ACOUSTIC_BASS, ACOUSTIC_BASS, FRETLESS_BASS),
                    bossa ? BassWriter.Line.BOSSA : meter.compound() ? BassWriter.Line.LILT : BassWriter.Line.WALKING, 0);
        }
        int lead = kind.equals("blues") ? a.pick(OVERDRIVE_GUITAR, CLEAN_GUITAR, HARMONICA, TENOR_SAX, JAZZ_GUITAR)
                : bossa ? a.pick(FLUTE, TENOR_SAX, VIBRAPHONE, NYLON_GUITAR)
                : a.pick(ALTO_SAX, TENOR_SAX, TRUMPET, MUTED_TRUMPET, VIBRAPHONE, CLARINET, TROMBONE, JAZZ_GUITAR, FLUTE, SOPRANO_SAX);
        Ensemble.melody(a, lead, a.bar(a.pick(0, 1, 2)), kind.equals("ballad") ? MelodyWriter.Density.SPARSE : MelodyWriter.Density.BUSY);
        if (drums) {
            DrumGroove g = switch (kind) {
                case "bossa" -> DrumGroove.BOSSA;
                case "waltz" -> DrumGroove.JAZZ_WALTZ;
                case "five" -> DrumGroove.FIVE;
                case "ballad" -> DrumGroove.BRUSH_BALLAD;
                case "blues" -> meter.compound() ? DrumGroove.SHUFFLE : DrumGroove.SWING;
                default -> DrumGroove.SWING;
            };
            Drummer d = Ensemble.drums(a, a.pick(KIT_JAZZ, KIT_BRUSH, KIT_STANDARD), g, 0);
            d.phraseBars = a.pick(4, 8, 0);
        }
    }

    static void groove(Arrangement a) {
        String kind = a.pick("funk", "disco", "reggae", "latin");
        a.trait("form", kind);
        TempoBand band = switch (kind) {
            case "disco" -> a.pick(TempoBand.MODERATE, TempoBand.BRISK);
            case "reggae" -> a.pick(TempoBand.SLOW, TempoBand.BETWEEN);
            case "latin" -> a.pick(TempoBand.MODERATE, TempoBand.FAST, TempoBand.BRISK);
            default -> a.pick(TempoBand.BETWEEN, TempoBand.MODERATE, TempoBand.MODERATE, TempoBand.BRISK);
        };
        a.setup(band, Meter.FOUR_FOUR, Ensemble.loudness(a, 0, 0.6, 0.3, 0.1),
                new Feel(kind.equals("reggae") ? a.uniform(0.3, 0.7) : kind.equals("funk") ? a.uniform(0, 0.4) : 0, 0.006));
        a.harmony(a.pick(HarmonicVocabulary.DORIAN, HarmonicVocabulary.MIXOLYDIAN, HarmonicVocabulary.MINOR, HarmonicVocabulary.POP,
                kind.equals("latin") ? HarmonicVocabulary.JAZZ : HarmonicVocabulary.STATIC), 4 * a.pick(1, 2));
        switch (kind) {
            case "funk" -> {
                Ensemble.bass(a, a.pick(SLAP_BASS, SLAP_BASS_2, FINGER_BASS), BassWriter.Line.SYNCOPATED, 0);
                Ensemble.comp(a, a.pick(CLAVINET, MUTED_GUITAR, CLEAN_GUITAR, RHODES), Role.CHORDS, Accompanist.Texture.STABS);
                if (a.chance(0.6)) {
                    Ensemble.comp(a, a.pick(BRASS_SECTION, SYNTH_BRASS, TENOR_SAX), Role.CHORDS, Accompanist.Texture.STABS, a.bar(2), Ensemble.until(a));
                }
                if (a.chance(0.5)) {
                    Ensemble.melody(a, a.pick(ALTO_SAX, TRUMPET, SQUARE_LEAD, DRAWBAR_ORGAN), a.bar(a.pick(2, 4)), MelodyWriter.Density.BUSY);
                }
                Ensemble.drums(a, a.pick(KIT_STANDARD, KIT_ROOM, KIT_POWER), a.pick(DrumGroove.BREAKBEAT, DrumGroove.PUSHED_BACKBEAT), 0);
            }
            case "disco" -> {
                Ensemble.bass(a, a.pick(FINGER_BASS, SYNTH_BASS, PICK_BASS), BassWriter.Line.OCTAVES, 0);
                Ensemble.comp(a, a.pick(STRINGS, SYNTH_STRINGS, BRASS_SECTION), Role.CHORDS, a.pick(Accompanist.Texture.OFFBEAT, Accompanist.Texture.PAD));
                Ensemble.comp(a, a.pick(MUTED_GUITAR, CLEAN_GUITAR, ELECTRIC_GRAND, CLAVINET), Role.CHORDS, Accompanist.Texture.STABS);
                if (a.chance(0.5)) {
                    Ensemble.melody(a, a.pick(VOICE_OOHS, FLUTE, SYNTH_VOICE, VIOLIN), a.bar(a.pick(2, 4)), MelodyWriter.Density.MEDIUM);
                }
                Ensemble.drums(a, a.pick(KIT_STANDARD, KIT_ROOM), DrumGroove.DISCO, 0);
            }
            case "reggae" -> {
                Ensemble.bass(a, a.pick(FINGER_BASS, FRETLESS_BASS, SYNTH_BASS), BassWriter.Line.ONE_DROP, 0);
                Ensemble.comp(a, a.pick(CLEAN_GUITAR, MUTED_GUITAR, JAZZ_GUITAR), Role.CHORDS, Accompanist.Texture.SKANK);
                if (a.chance(0.6)) {
                    Ensemble.comp(a, a.pick(DRAWBAR_ORGAN, PERCUSSIVE_ORGAN, ROCK_ORGAN), Role.CHORDS, Accompanist.Texture.OFFBEAT);
                }
                if (a.chance(0.5)) {
                    Ensemble.melody(a, a.pick(MELODICA_LIKE, VOICE_OOHS, TRUMPET, TROMBONE), a.bar(a.pick(1, 2)), MelodyWriter.Density.MEDIUM);
                }
                Ensemble.drums(a, KIT_STANDARD, DrumGroove.ONE_DROP, 0);
            }
            default -> {
                Ensemble.bass(a, a.pick(ACOUSTIC_BASS, FINGER_BASS), BassWriter.Line.TUMBAO, 0);
                Ensemble.comp(a, a.pick(GRAND_PIANO, BRIGHT_PIANO), Role.CHORDS, Accompanist.Texture.MONTUNO);
                if (a.chance(0.7)) {
                    Ensemble.comp(a, a.pick(BRASS_SECTION, TRUMPET, TROMBONE), Role.CHORDS, Accompanist.Texture.STABS, a.bar(2), a.totalBeats());
                }
                if (a.chance(0.5)) {
                    Ensemble.melody(a, a.pick(FLUTE, TRUMPET, VIOLIN, ALTO_SAX), a.bar(a.pick(1, 2)), MelodyWriter.Density.BUSY);
                }
                Ensemble.drums(a, KIT_STANDARD, a.pick(DrumGroove.LATIN, DrumGroove.BOSSA), 0);
            }
        }
    }

    /** GM has no melodica; an accordion with a reedy attack stands in. */
    private static final int MELODICA_LIKE = ACCORDION;
}
