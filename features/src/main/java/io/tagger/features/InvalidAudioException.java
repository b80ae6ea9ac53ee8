package io.tagger.features;

/** The audio cannot be analysed (empty, non-finite samples, too short, wrong rate); the message says why. */
public class InvalidAudioException extends IllegalArgumentException {
    public InvalidAudioException(String message) {
        super(message);
    }

    public InvalidAudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
