package io.tagger.features.algorithms;

import io.tagger.features.Check;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.Framing;
import io.tagger.features.spectrum.MagnitudeSpectrogram;
import io.tagger.features.spectrum.MelLogEnergies;

/**
 * {@code mirmfcc(x,'Frame')}: magnitude spectrum, mel bands, {@code log10(E + 1e-16)}, then the
 * DCT-II {@code c_r = sqrt(2/B) sum_j logE_j cos(r (2j+1) pi / (2B))} for ranks
 * {@code firstRank..lastRank} (rank 0 gets MIRtoolbox's extra {@code sqrt(1/2)}). No liftering,
 * no deltas. The spectrum must have been computed with a 66 Hz minimum resolution.
 */
public final class Mfcc {
    public static final String NAME = "mfcc";

    /**
     * @param bands     mel bands, in [1, 100], default 40
     * @param firstRank first coefficient, in [0, bands-1], default 1
     * @param lastRank  last coefficient, in [firstRank, bands-1], default 13
     */
    public record Config(int bands, int firstRank, int lastRank) {
        public Config {
            Check.inRange("bands", bands, 1, 100);
            Check.inRange("firstRank", firstRank, 0, bands - 1);
            Check.inRange("lastRank", lastRank, firstRank, bands - 1);
        }

        public static Config defaults() {
            return new Config(40, 1, 13);
        }

        public int ranks() {
            return lastRank - firstRank + 1;
        }
    }

    private final Config config;
    private final double[][] dct;

    public Mfcc(Config config) {
        this.config = config;
        int b = config.bands();
        dct = new double[config.ranks()][b];
        double scale = Math.sqrt(2.0 / b);
        for (int r = config.firstRank(); r <= config.lastRank(); r++) {
            double rowScale = r == 0 ? scale * Math.sqrt(0.5) : scale;
            for (int j = 0; j < b; j++) {
                dct[r - config.firstRank()][j] = rowScale * Math.cos(r * (2 * j + 1) * Math.PI / (2 * b));
            }
        }
    }

    public Config config() {
        return config;
    }

    /** Coefficients as a {@code ranks x frames} matrix. */
    public FeatureMatrix compute(MagnitudeSpectrogram s) {
        return compute(s, NAME);
    }

    FeatureMatrix compute(MagnitudeSpectrogram s, String name) {
        return compute(MelLogEnergies.compute(s, config.bands()), name);
    }

    /** Coefficients from log mel energies already computed with {@code config().bands()} bands. */
    public FeatureMatrix compute(MelLogEnergies mel, String name) {
        if (mel.bands() != config.bands()) {
            throw new IllegalArgumentException("MFCC of " + config.bands() + " bands given " + mel.bands() + " bands");
        }
        int frames = mel.frames();
        int bands = mel.bands();
        int ranks = config.ranks();
        double[] out = new double[ranks * frames];
        double[] logE = mel.values();
        for (int i = 0; i < frames; i++) {
            int base = i * bands;
            for (int r = 0; r < ranks; r++) {
                double[] row = dct[r];
                double c = 0;
                for (int j = 0; j < row.length; j++) {
                    c += row[j] * logE[base + j];
                }
                out[r * frames + i] = c;
            }
        }
        Framing framing = mel.framing();
        double[] fs = new double[frames];
        double[] fe = new double[frames];
        for (int i = 0; i < frames; i++) {
            fs[i] = framing.startTime(i);
            fe[i] = framing.endTime(i);
        }
        return new FeatureMatrix(name, ranks, frames, out, fs, fe);
    }
}
