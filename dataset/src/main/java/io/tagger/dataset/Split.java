package io.tagger.dataset;

import java.util.Locale;

/** MagnaTagATune's split by folder: 0-b train, c validation, d-f test (12:1:3). */
public enum Split {
    TRAIN, VALIDATION, TEST;

    /** The split of a clip stored under folder {@code d} (one hex digit). */
    public static Split ofFolder(char d) {
        int v = Character.digit(d, 16);
        if (v < 0) {
            throw new IllegalArgumentException("'" + d + "' is not a hex folder name (0-9, a-f)");
        }
        if (v <= 0xb) {
            return TRAIN;
        }
        return v == 0xc ? VALIDATION : TEST;
    }

    public static Split parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "train" -> TRAIN;
            case "valid", "validation", "val" -> VALIDATION;
            case "test" -> TEST;
            default -> throw new IllegalArgumentException("unknown split '" + s + "' (train, validation, test)");
        };
    }
}
