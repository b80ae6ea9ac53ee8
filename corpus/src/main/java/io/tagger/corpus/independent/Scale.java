package io.tagger.corpus.independent;

/**
 * A scale or mode (including a few ragas' ascending sets) as semitone offsets from the tonic.
 * Melodies move in scale-index space: index 0 is the tonic in MIDI octave 0 (key = tonic),
 * index {@code size()} the tonic an octave higher, and so on.
 */
record Scale(String name, int... steps) {
    static final Scale IONIAN = new Scale("ionian", 0, 2, 4, 5, 7, 9, 11);
    static final Scale DORIAN = new Scale("dorian", 0, 2, 3, 5, 7, 9, 10);
    static final Scale PHRYGIAN = new Scale("phrygian", 0, 1, 3, 5, 7, 8, 10);
    static final Scale LYDIAN = new Scale("lydian", 0, 2, 4, 6, 7, 9, 11);
    static final Scale MIXOLYDIAN = new Scale("mixolydian", 0, 2, 4, 5, 7, 9, 10);
    static final Scale AEOLIAN = new Scale("aeolian", 0, 2, 3, 5, 7, 8, 10);
    static final Scale HARMONIC_MINOR = new Scale("harmonic minor", 0, 2, 3, 5, 7, 8, 11);
    static final Scale MAJOR_PENTATONIC = new Scale("major pentatonic", 0, 2, 4, 7, 9);
    static final Scale MINOR_PENTATONIC = new Scale("minor pentatonic", 0, 3, 5, 7, 10);
    static final Scale BLUES = new Scale("blues", 0, 3, 5, 6, 7, 10);
    static final Scale PHRYGIAN_DOMINANT = new Scale("phrygian dominant", 0, 1, 4, 5, 7, 8, 10);
    // Ragas (thaat or audav sets), used by the Indian styles.
    static final Scale RAGA_YAMAN = new Scale("yaman", 0, 2, 4, 6, 7, 9, 11);
    static final Scale RAGA_BHAIRAV = new Scale("bhairav", 0, 1, 4, 5, 7, 8, 11);
    static final Scale RAGA_KAFI = new Scale("kafi", 0, 2, 3, 5, 7, 9, 10);
    static final Scale RAGA_BHUPALI = new Scale("bhupali", 0, 2, 4, 7, 9);
    static final Scale RAGA_TODI = new Scale("todi", 0, 1, 3, 6, 7, 8, 11);
    static final Scale RAGA_KHAMAJ = new Scale("khamaj", 0, 2, 4, 5, 7, 9, 10);
    static final Scale RAGA_MALKAUNS = new Scale("malkauns", 0, 3, 5, 8, 10);
    static final Scale RAGA_MARWA = new Scale("marwa", 0, 1, 4, 6, 9, 11);

    int size() {
        return steps.length;
    }

    /** The MIDI key of a scale index. */
    int key(int tonic, int index) {
        int n = steps.length;
        return tonic + 12 * Math.floorDiv(index, n) + steps[Math.floorMod(index, n)];
    }

    /** The scale index whose key is nearest to {@code key} (the lower one on a tie). */
    int indexNear(int tonic, int key) {
        int guess = (int) Math.round((key - tonic) * steps.length / 12.0);
        int best = guess;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = guess - 3; i <= guess + 3; i++) {
            int d = Math.abs(key(tonic, i) - key);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    boolean contains(int tonic, int key) {
        int pc = Math.floorMod(key - tonic, 12);
        for (int s : steps) {
            if (s == pc) {
                return true;
            }
        }
        return false;
    }
}
