package io.tagger.audio;

/** A file is longer than the decoder's {@code maxSeconds}: refused once that much was read. */
public class AudioTooLongException extends AudioDecodingException {
    private final double maxSeconds;

    public AudioTooLongException(String message, double maxSeconds) {
        super(message);
        this.maxSeconds = maxSeconds;
    }

    /** The limit the file exceeded. */
    public double maxSeconds() {
        return maxSeconds;
    }
}
