package io.tagger.audio;

/**
 * What the decoder knows of a file before its first sample.
 *
 * @param sampleRate       the output rate (the file's own when the decoder keeps it)
 * @param sourceSampleRate the file's own rate
 * @param channels         the file's channel count (summed into one)
 * @param codec            the decoder FFmpeg uses
 * @param estimatedSamples the output samples the container's header announces (its duration at
 *                         {@code sampleRate}), or -1 when it announces none; only an estimate:
 *                         headers may be inexact (MP3 without a LAME tag) or lie
 */
public record StreamInfo(int sampleRate, int sourceSampleRate, int channels, String codec, long estimatedSamples) {

    public double estimatedSeconds() {
        return estimatedSamples < 0 ? -1 : estimatedSamples / (double) sampleRate;
    }
}
