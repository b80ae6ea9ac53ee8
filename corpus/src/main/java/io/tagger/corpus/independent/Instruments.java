package io.tagger.corpus.independent;

/**
 * General MIDI programs (0-based) the styles use, and each one's comfortable register. Which
 * programs drive which tags is the label contract's business (CORPUS.md); the names here only
 * make the style code readable.
 */
final class Instruments {
    static final int GRAND_PIANO = 0, BRIGHT_PIANO = 1, ELECTRIC_GRAND = 2, HONKY_TONK = 3;
    static final int RHODES = 4, CHORUS_EPIANO = 5, HARPSICHORD = 6, CLAVINET = 7;
    static final int CELESTA = 8, GLOCKENSPIEL = 9, MUSIC_BOX = 10, VIBRAPHONE = 11, MARIMBA = 12;
    static final int TUBULAR_BELLS = 14, DULCIMER = 15;
    static final int DRAWBAR_ORGAN = 16, PERCUSSIVE_ORGAN = 17, ROCK_ORGAN = 18, CHURCH_ORGAN = 19;
    static final int ACCORDION = 21, HARMONICA = 22, TANGO_ACCORDION = 23;
    static final int NYLON_GUITAR = 24, STEEL_GUITAR = 25, JAZZ_GUITAR = 26, CLEAN_GUITAR = 27, MUTED_GUITAR = 28;
    static final int OVERDRIVE_GUITAR = 29, DISTORTION_GUITAR = 30, GUITAR_HARMONICS = 31;
    static final int ACOUSTIC_BASS = 32, FINGER_BASS = 33, PICK_BASS = 34, FRETLESS_BASS = 35;
    static final int SLAP_BASS = 36, SLAP_BASS_2 = 37, SYNTH_BASS = 38, SYNTH_BASS_2 = 39;
    static final int VIOLIN = 40, VIOLA = 41, CELLO = 42, CONTRABASS = 43, TREMOLO_STRINGS = 44;
    static final int PIZZICATO = 45, HARP = 46, TIMPANI = 47;
    static final int STRINGS = 48, SLOW_STRINGS = 49, SYNTH_STRINGS = 50, SYNTH_STRINGS_2 = 51;
    static final int CHOIR_AAHS = 52, VOICE_OOHS = 53, SYNTH_VOICE = 54;
    static final int TRUMPET = 56, TROMBONE = 57, TUBA = 58, MUTED_TRUMPET = 59, FRENCH_HORN = 60;
    static final int BRASS_SECTION = 61, SYNTH_BRASS = 62;
    static final int SOPRANO_SAX = 64, ALTO_SAX = 65, TENOR_SAX = 66, BARITONE_SAX = 67;
    static final int OBOE = 68, ENGLISH_HORN = 69, BASSOON = 70, CLARINET = 71;
    static final int PICCOLO = 72, FLUTE = 73, RECORDER = 74, PAN_FLUTE = 75, SHAKUHACHI = 77;
    static final int WHISTLE = 78, OCARINA = 79;
    static final int SQUARE_LEAD = 80, SAW_LEAD = 81, CALLIOPE_LEAD = 82, CHIFF_LEAD = 83;
    static final int CHARANG_LEAD = 84, VOICE_LEAD = 85, FIFTHS_LEAD = 86, BASS_LEAD = 87;
    static final int NEW_AGE_PAD = 88, WARM_PAD = 89, POLYSYNTH_PAD = 90, CHOIR_PAD = 91;
    static final int BOWED_PAD = 92, METALLIC_PAD = 93, HALO_PAD = 94, SWEEP_PAD = 95;
    static final int SITAR = 104, BANJO = 105, SHAMISEN = 106, KOTO = 107, KALIMBA = 108;
    static final int BAGPIPE = 109, FIDDLE = 110, SHANAI = 111;

    /** GM drum kits (programs on channel 10). */
    static final int KIT_STANDARD = 0, KIT_ROOM = 8, KIT_POWER = 16, KIT_ELECTRONIC = 24, KIT_TR808 = 25;
    static final int KIT_JAZZ = 32, KIT_BRUSH = 40, KIT_ORCHESTRA = 48;

    private Instruments() {
    }

    static boolean isSynthLeadOrPad(int program) {
        return program >= 80 && program <= 95;
    }

    static boolean isKeyboard(int program) {
        return program <= 7 || program >= 16 && program <= 20;
    }

    static boolean sustains(int program) {
        return program >= 16 && program <= 23 || program >= 40 && program <= 44 || program >= 48 && program <= 95
                || program == 109 || program == 110 || program == 111;
    }

    /** The comfortable register of a program: {lowest, highest} key. */
    static int[] register(int program) {
        if (program <= 3) return new int[] {28, 100};
        if (program <= 5) return new int[] {36, 91};
        if (program == 6) return new int[] {29, 89};
        if (program == 7) return new int[] {36, 84};
        if (program == 8) return new int[] {60, 104};
        if (program == 9) return new int[] {72, 105};
        if (program == 10) return new int[] {60, 96};
        if (program == 11) return new int[] {53, 89};
        if (program <= 13) return new int[] {45, 96};
        if (program == 14) return new int[] {60, 79};
        if (program == 15) return new int[] {50, 86};
        if (program <= 20) return new int[] {36, 96};
        if (program == 22) return new int[] {60, 84};
        if (program <= 23) return new int[] {41, 89};
        if (program <= 31) return new int[] {40, 86};
        if (program <= 39) return new int[] {28, 55};
        if (program == 40) return new int[] {55, 96};
        if (program == 41) return new int[] {48, 84};
        if (program == 42) return new int[] {36, 76};
        if (program == 43) return new int[] {28, 55};
        if (program <= 45) return new int[] {40, 88};
        if (program == 46) return new int[] {28, 100};
        if (program == 47) return new int[] {40, 55};
        if (program <= 51) return new int[] {36, 96};
        if (program <= 54) return new int[] {45, 81};
        if (program == 56 || program == 59) return new int[] {55, 84};
        if (program == 57) return new int[] {40, 72};
        if (program == 58) return new int[] {28, 55};
        if (program == 60) return new int[] {41, 77};
        if (program <= 63) return new int[] {45, 84};
        if (program == 64) return new int[] {56, 87};
        if (program == 65) return new int[] {49, 80};
        if (program == 66) return new int[] {44, 75};
        if (program == 67) return new int[] {36, 68};
        if (program == 68) return new int[] {58, 91};
        if (program == 69) return new int[] {52, 81};
        if (program == 70) return new int[] {34, 67};
        if (program == 71) return new int[] {50, 91};
        if (program == 72) return new int[] {74, 105};
        if (program <= 75) return new int[] {60, 96};
        if (program <= 77) return new int[] {55, 84};
        if (program == 78) return new int[] {67, 100};
        if (program == 79) return new int[] {60, 84};
        if (program == 87) return new int[] {36, 72};
        if (program <= 87) return new int[] {48, 96};
        if (program <= 95) return new int[] {36, 84};
        if (program == 104) return new int[] {48, 84};
        if (program == 105) return new int[] {48, 84};
        if (program <= 108) return new int[] {50, 88};
        if (program == 109) return new int[] {55, 81};
        if (program == 110) return new int[] {55, 93};
        if (program == 111) return new int[] {60, 88};
        return new int[] {48, 84};
    }
}
