package io.tagger.audio;

/**
 * Receives a file's mono output samples in order, a chunk at a time, while the decoder reads
 * it: what a sink keeps is all the memory decoding needs.
 */
public interface PcmSink {
    /**
     * The next {@code n} samples, {@code chunk[0..n)}; the array is reused for the next chunk.
     *
     * @throws AudioDecodingException to stop decoding with that error
     */
    void accept(float[] chunk, int n) throws AudioDecodingException;
}
