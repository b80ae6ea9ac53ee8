package io.tagger.corpus.independent;

import java.util.Arrays;

/**
 * A chord relative to the key: its root in semitones above the tonic and its intervals above
 * the root. Written as Roman numerals against the major scale: case gives the triad quality
 * ({@code V} major, {@code vi} minor), a leading {@code b} or {@code #} alters the root
 * ({@code bVII}), and a suffix adds colour: {@code 7}, {@code maj7}, {@code 6}, {@code add9},
 * {@code sus2}, {@code sus4}, {@code o} (diminished) or {@code 5} (a power chord, root and fifth).
 */
record Chord(String symbol, int root, int[] intervals) {
    private static final int[] MAJOR_DEGREES = {0, 2, 4, 5, 7, 9, 11};

    static Chord parse(String roman) {
        int i = 0;
        int alter = 0;
        while (i < roman.length() && (roman.charAt(i) == 'b' || roman.charAt(i) == '#')) {
            alter += roman.charAt(i) == 'b' ? -1 : 1;
            i++;
        }
        int start = i;
        while (i < roman.length() && "IViv".indexOf(roman.charAt(i)) >= 0) {
            i++;
        }
        String numeral = roman.substring(start, i);
        String suffix = roman.substring(i);
        boolean major = Character.isUpperCase(numeral.charAt(0));
        int degree = switch (numeral.toUpperCase()) {
            case "I" -> 0;
            case "II" -> 1;
            case "III" -> 2;
            case "IV" -> 3;
            case "V" -> 4;
            case "VI" -> 5;
            case "VII" -> 6;
            default -> throw new IllegalArgumentException("not a Roman numeral: " + roman);
        };
        int third = major ? 4 : 3;
        int[] intervals = switch (suffix) {
            case "" -> new int[] {0, third, 7};
            case "7" -> new int[] {0, third, 7, 10};
            case "maj7" -> new int[] {0, 4, 7, 11};
            case "6" -> new int[] {0, third, 7, 9};
            case "add9" -> new int[] {0, third, 7, 14};
            case "sus2" -> new int[] {0, 2, 7};
            case "sus4" -> new int[] {0, 5, 7};
            case "o" -> new int[] {0, 3, 6};
            case "5" -> new int[] {0, 7};
            default -> throw new IllegalArgumentException("unknown chord suffix: " + roman);
        };
        return new Chord(roman, Math.floorMod(MAJOR_DEGREES[degree] + alter, 12), intervals);
    }

    /** Pitch classes, root first, in the order of the intervals. */
    int[] pitchClasses(int tonic) {
        return Arrays.stream(intervals).map(iv -> Math.floorMod(tonic + root + iv, 12)).toArray();
    }

    int rootPc(int tonic) {
        return Math.floorMod(tonic + root, 12);
    }

    /** The fifth above the root, or the root for chords without one. */
    int fifthPc(int tonic) {
        for (int iv : intervals) {
            if (iv == 7 || iv == 6) {
                return Math.floorMod(tonic + root + iv, 12);
            }
        }
        return rootPc(tonic);
    }

    /** The third (or the suspension), or the root for power chords. */
    int thirdPc(int tonic) {
        return intervals.length > 2 || intervals[1] != 7 ? Math.floorMod(tonic + root + intervals[1], 12) : rootPc(tonic);
    }

    boolean contains(int tonic, int key) {
        int pc = Math.floorMod(key, 12);
        for (int p : pitchClasses(tonic)) {
            if (p == pc) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
