package io.tagger.audio;

/**
 * Mono PCM at {@code sampleRate}, floats in [-1, 1] scale (16-bit PCM divided by 32768, as
 * MATLAB's audioread), channels summed.
 *
 * @param sourceSampleRate the file's own rate before resampling
 * @param channels         the file's channel count (summed into one)
 * @param codec            the decoder FFmpeg used
 */
public record DecodedAudio(float[] samples, int sampleRate, int sourceSampleRate, int channels, String codec) {

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    public double[] toDoubles() {
        double[] d = new double[samples.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = samples[i];
        }
        return d;
    }
}
