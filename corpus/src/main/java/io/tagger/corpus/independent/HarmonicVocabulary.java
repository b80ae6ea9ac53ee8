package io.tagger.corpus.independent;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Families of chord progressions, each with the scale its melodies draw from. A clip picks a
 * vocabulary that suits its style, then one progression of it, which loops for the clip.
 */
enum HarmonicVocabulary {
    /** Diatonic major-key pop loops. */
    POP(Scale.IONIAN, "I V vi IV", "I vi IV V", "vi IV I V", "I IV vi V", "I V IV V", "I iii IV V", "IV I V vi"),
    /** Descending fifths, the baroque and jazz-standard engine. */
    CIRCLE(Scale.IONIAN, "vi ii V I", "I IV viio iii vi ii V I", "iii vi ii V", "I vi ii V", "I7 IV7 viio iii vi ii V I"),
    /** Cadential classical harmony. */
    CADENTIAL(Scale.IONIAN, "I IV V I", "I ii V I", "I V vi iii IV I IV V", "I IV I V", "I vi IV V", "I iii vi IV ii V I I"),
    /** Natural-minor loops. */
    MINOR(Scale.AEOLIAN, "i bVI bIII bVII", "i iv v i", "i bVII bVI bVII", "i iv bVII bIII", "i bVI iv v", "i bIII bVII iv"),
    /** Minor-key fifths with a major dominant. */
    MINOR_CIRCLE(Scale.HARMONIC_MINOR, "i iv bVII bIII bVI iio V i", "i iv V i", "i bVI iio V", "i iv i V"),
    /** The Andalusian descent. */
    ANDALUSIAN(Scale.PHRYGIAN_DOMINANT, "i bVII bVI V", "i bVII bVI V bVI V i i"),
    /** Dorian vamps. */
    DORIAN(Scale.DORIAN, "i IV", "i7 IV7", "i ii i bVII", "i7 i7 IV IV"),
    /** Mixolydian rock and folk loops. */
    MIXOLYDIAN(Scale.MIXOLYDIAN, "I bVII IV I", "I bVII I IV", "I I bVII IV", "I v bVII IV"),
    /** Lydian shimmer for pads. */
    LYDIAN(Scale.LYDIAN, "Imaj7 II", "I II vii iii", "Imaj7 II6 Imaj7 vii"),
    /** Phrygian and minor power-chord riffs. */
    PHRYGIAN(Scale.PHRYGIAN, "i5 bII5 i5 bVII5", "i5 bVI5 bVII5 i5", "i5 i5 bII5 bIII5", "i5 bVI5 bII5 i5"),
    /** Power-chord rock. */
    POWER(Scale.MINOR_PENTATONIC, "i5 bVII5 bVI5 bVII5", "I5 bVII5 IV5 I5", "i5 bIII5 bVII5 IV5", "I5 IV5 bVI5 bVII5"),
    /** Twelve-bar blues, with and without the quick change. */
    BLUES(Scale.BLUES, "I7 I7 I7 I7 IV7 IV7 I7 I7 V7 IV7 I7 V7", "I7 IV7 I7 I7 IV7 IV7 I7 I7 V7 IV7 I7 V7"),
    /** Minor blues. */
    MINOR_BLUES(Scale.MINOR_PENTATONIC, "i7 i7 i7 i7 iv7 iv7 i7 i7 bVI7 V7 i7 V7"),
    /** ii-V-I jazz. */
    JAZZ(Scale.IONIAN, "ii7 V7 Imaj7 Imaj7", "Imaj7 vi7 ii7 V7", "iii7 VI7 ii7 V7", "Imaj7 IV7 iii7 VI7 ii7 V7 Imaj7 Imaj7", "Imaj7 bIII7 ii7 V7"),
    /** One chord held: drones, grooves and ambient washes. */
    STATIC(Scale.DORIAN, "i", "isus2", "i7");

    final Scale scale;
    final List<String> progressions;

    HarmonicVocabulary(Scale scale, String... progressions) {
        this.scale = scale;
        this.progressions = List.of(progressions);
    }

    /** One progression of this vocabulary, parsed. */
    List<Chord> draw(Random r) {
        String p = progressions.get(r.nextInt(progressions.size()));
        return Arrays.stream(p.split(" ")).map(Chord::parse).toList();
    }
}
