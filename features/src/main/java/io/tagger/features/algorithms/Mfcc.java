package io.tagger.features.algorithms;

import io.tagger.features.Check;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.Framing;
import io.tagger.features.spectrum.MagnitudeSpectrogram;
import io.tagger.features.spectrum.MelFilterBank;

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
        int frames = s.frames();
        int bins = s.bins();
        int ranks = config.ranks();
        MelFilterBank bank = new MelFilterBank(config.bands(), s.frequencies());
        double[] energies = new double[config.bands()];
        double[] out = new double[ranks * frames];
        double[] m = s.magnitudes();
        for (int i = 0; i < frames; i++) {
            bank.apply(m, i * bins, bins, energies);
            for (int j = 0; j < energies.length; j++) {
                energies[j] = Math.log10(energies[j] + 1e-16);
            }
            for (int r = 0; r < ranks; r++) {
                double[] row = dct[r];
                double c = 0;
                for (int j = 0; j < row.length; j++) {
                    c += row[j] * energies[j];
                }
                out[r * frames + i] = c;
            }
        }
        Framing framing = s.framing();
        double[] fs = new double[frames];
        double[] fe = new double[frames];
        for (int i = 0; i < frames; i++) {
            fs[i] = framing.startTime(i);
            fe[i] = framing.endTime(i);
        }
        return new FeatureMatrix(name, ranks, frames, out, fs, fe);
    }
}
