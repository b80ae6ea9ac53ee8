package io.tagger.audio;

/** A file could not be decoded; the message says which file and why, in words a user can act on. */
public class AudioDecodingException extends Exception {
    public AudioDecodingException(String message) {
        super(message);
    }

    public AudioDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
