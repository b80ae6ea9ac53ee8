package io.tagger.access;

import java.util.Locale;

/** What a key may do: read tags, or also upload audio. */
public enum Role {
    READER, UPLOADER;

    public boolean allows(Role needed) {
        return this == UPLOADER || needed == READER;
    }

    public static Role parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be reader or uploader, not '" + s + "'");
        }
    }
}
