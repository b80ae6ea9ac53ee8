package io.tagger.corpus;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Clips without music (digital silence, near-silence, noise of three colours, mains hum,
 * irregular clicks, noise with hum), so that a model learns to give no instrument, genre or
 * tempo tag when nothing is played. Their plan has no part and no drums at a tempo between the
 * contract's thresholds, so {@link TagContract} gives them only the "no voice" family.
 */
public final class NonMusic {
    public enum Kind { SILENCE, NEAR_SILENCE, WHITE, PINK, BROWN, HUM, CLICKS, NOISE_AND_HUM }

    /** The style name of a non-music clip in {@code corpus_plan.tsv}. */
    public static String style(Kind kind) {
        return "non-music:" + kind.name().toLowerCase(Locale.ROOT);
    }

    /** The plan of a non-music clip: nothing plays, 100 BPM (neither slow nor fast). */
    public static ClipPlan plan(Kind kind) {
        return new ClipPlan(style(kind), 100, 0, List.of(), 0, List.of(), Composer.CLIP_SECONDS, 0, 0);
    }

    /** The clip's samples at a random level (-50 to -12 dBFS RMS), before band limits and MP3. */
    public static double[] render(Kind kind, int samples, int sampleRate, Random r) {
        double[] x = new double[samples];
        switch (kind) {
            case SILENCE -> {
                return x;
            }
            case NEAR_SILENCE -> {
                for (int i = 0; i < samples; i++) {
                    x[i] = r.nextGaussian() * 3e-5;
                }
                return x;
            }
            case WHITE -> x = Mastering.noise(Production.Noise.WHITE, samples, sampleRate, r);
            case PINK -> x = Mastering.noise(Production.Noise.PINK, samples, sampleRate, r);
            case BROWN -> x = Mastering.noise(Production.Noise.BROWN, samples, sampleRate, r);
            case HUM -> x = Mastering.noise(Production.Noise.HUM, samples, sampleRate, r);
            case CLICKS -> {
                double rate = 0.5 + r.nextDouble() * 15;
                for (int i = 0; i < samples; i++) {
                    if (r.nextDouble() < rate / sampleRate) {
                        double a = (r.nextBoolean() ? 1 : -1) * (0.3 + 0.7 * r.nextDouble());
                        for (int k = 0; k < 40 && i + k < samples; k++) {
                            x[i + k] += a * Math.exp(-k / 6.0);
                        }
                    }
                }
            }
            case NOISE_AND_HUM -> {
                double[] n = Mastering.noise(Production.Noise.values()[r.nextInt(3)], samples, sampleRate, r);
                double[] h = Mastering.noise(Production.Noise.HUM, samples, sampleRate, r);
                double mix = r.nextDouble();
                double nr = Mastering.rms(n);
                double hr = Mastering.rms(h);
                for (int i = 0; i < samples; i++) {
                    x[i] = mix * n[i] / nr + (1 - mix) * h[i] / hr;
                }
            }
        }
        Mastering.level(x, -50 + r.nextDouble() * 38, 0);
        return x;
    }
}
