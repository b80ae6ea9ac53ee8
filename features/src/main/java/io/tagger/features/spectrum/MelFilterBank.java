package io.tagger.features.spectrum;

/**
 * The mel filter bank of {@code mirspectrum(...,'Mel')} (Slaney's Auditory Toolbox constants):
 * 13 linear edges from 133.3333 Hz spaced 66.66666666 Hz, then log-spaced by 1.0711703;
 * triangles of unit area, rising on {@code lower < f <= centre}, falling on
 * {@code centre < f < upper}. Weights are stored sparsely per band (first bin + values).
 */
public final class MelFilterBank {
    private final int bands;
    private final int[] firstBin;
    private final double[][] weights;

    public MelFilterBank(int bands, double[] binFrequencies) {
        this.bands = bands;
        int linear = Math.min(13, bands);
        int log = bands - linear;
        double[] freqs = new double[bands + 2];
        for (int i = 0; i < linear; i++) {
            freqs[i] = 133.3333 + i * 66.66666666;
        }
        for (int i = 1; i <= log + 2; i++) {
            freqs[linear - 1 + i] = freqs[linear - 1] * Math.pow(1.0711703, i);
        }
        firstBin = new int[bands];
        weights = new double[bands][];
        for (int b = 0; b < bands; b++) {
            double lower = freqs[b];
            double centre = freqs[b + 1];
            double upper = freqs[b + 2];
            double height = 2 / (upper - lower);
            int first = -1;
            int last = -1;
            for (int k = 0; k < binFrequencies.length; k++) {
                double f = binFrequencies[k];
                if (f > lower && f < upper) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                firstBin[b] = 0;
                weights[b] = new double[0];
                continue;
            }
            firstBin[b] = first;
            weights[b] = new double[last - first + 1];
            for (int k = first; k <= last; k++) {
                double f = binFrequencies[k];
                double rising = (f > lower && f <= centre) ? (f - lower) / (centre - lower) : 0;
                double falling = (f > centre && f < upper) ? (upper - f) / (upper - centre) : 0;
                weights[b][k - first] = height * (rising + falling);
            }
        }
    }

    public int bands() {
        return bands;
    }

    /**
     * Band energies of one frame's magnitudes ({@code mags[offset..]}): {@code W|X| + 1e-16},
     * or all zeros when the frame is silent (MIRtoolbox leaves such frames at 0).
     */
    public void apply(double[] mags, int offset, int bins, double[] out) {
        // Silent when no magnitude is positive (magnitudes are >= 0): stop at the first that is.
        boolean silent = true;
        for (int k = 0; k < bins; k++) {
            if (mags[offset + k] > 0) {
                silent = false;
                break;
            }
        }
        if (silent) {
            java.util.Arrays.fill(out, 0, bands, 0.0);
            return;
        }
        for (int b = 0; b < bands; b++) {
            double[] w = weights[b];
            int base = offset + firstBin[b];
            double e = 0;
            for (int k = 0; k < w.length; k++) {
                e += w[k] * mags[base + k];
            }
            out[b] = e + 1e-16;
        }
    }
}
