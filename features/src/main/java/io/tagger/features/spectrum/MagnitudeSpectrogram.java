package io.tagger.features.spectrum;

import io.tagger.features.Framing;

/**
 * MIRtoolbox's default {@code mirspectrum} of every frame: symmetric Hamming window on the
 * frame, zero padding to {@code N = 2^nextpow2(max(l, sr/minResolution))}, magnitude
 * {@code |FFT|} of bins 0..N/2, no normalisation. Optionally each frame is first rescaled to
 * [0, 1] ({@code 'NormalInput'}, used by the chromagram); a constant frame then gives NaN.
 *
 * <p>Magnitudes are stored frame-major in one array ({@code magnitude(frame, bin)}), computed
 * once and shared by every feature that reads the same frames.
 */
public final class MagnitudeSpectrogram {
    private final Framing framing;
    private final int fftSize;
    private final int bins;
    private final double[] frequencies;
    private final double[] magnitudes;
    private double[] relativeRms;

    private MagnitudeSpectrogram(Framing framing, int fftSize, double[] frequencies, double[] magnitudes) {
        this.framing = framing;
        this.fftSize = fftSize;
        this.bins = fftSize / 2 + 1;
        this.frequencies = frequencies;
        this.magnitudes = magnitudes;
    }

    /**
     * @param minResolutionHz MIRtoolbox's {@code 'MinRes'}: the FFT is at least {@code sr/minRes}
     *                        long (66 Hz for mel spectra); 0 for none
     * @param normalInput     rescale each frame to [0,1] before windowing
     */
    public static MagnitudeSpectrogram compute(double[] signal, int offset, Framing framing,
                                               double minResolutionHz, boolean normalInput) {
        int l = framing.frameSamples();
        double sr = framing.sampleRate();
        double minN = minResolutionHz > 0 ? Math.max(l, sr / minResolutionHz) : l;
        int n = FftSize.nextPow2(minN);
        return compute(signal, offset, framing, n, normalInput);
    }

    /** As above with an explicit FFT size (>= frame length). */
    public static MagnitudeSpectrogram compute(double[] signal, int offset, Framing framing, int fftSize,
                                               boolean normalInput) {
        int l = framing.frameSamples();
        if (fftSize < l) {
            throw new IllegalArgumentException("FFT size " + fftSize + " shorter than the frame (" + l + ")");
        }
        int frames = framing.count();
        int bins = fftSize / 2 + 1;
        double[] window = Windows.hamming(l);
        double[] mags = new double[frames * bins];
        try (RealFft fft = RealFft.open(fftSize)) {
            double[] in = fft.input();
            for (int i = 0; i < frames; i++) {
                int st = offset + framing.start(i);
                if (normalInput) {
                    double min = Double.POSITIVE_INFINITY;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < l; k++) {
                        double v = signal[st + k];
                        if (v < min) {
                            min = v;
                        }
                        if (v > max) {
                            max = v;
                        }
                    }
                    double range = max - min;
                    if (!(range > 0)) {
                        // (x - min)/(max - min) = 0/0: MIRtoolbox's frame becomes NaN.
                        java.util.Arrays.fill(mags, i * bins, (i + 1) * bins, Double.NaN);
                        continue;
                    }
                    System.arraycopy(signal, st, in, 0, l);
                    for (int k = 0; k < l; k++) {
                        in[k] = (in[k] - min) / range * window[k];
                    }
                } else {
                    // Copy, then window in place with one index for every array (see Chromagram).
                    System.arraycopy(signal, st, in, 0, l);
                    for (int k = 0; k < l; k++) {
                        in[k] = in[k] * window[k];
                    }
                }
                fft.forward(l);
                fft.magnitudes(mags, i * bins);
            }
        }
        return new MagnitudeSpectrogram(framing, fftSize, FftSize.binFrequencies(framing.sampleRate(), fftSize), mags);
    }

    public Framing framing() {
        return framing;
    }

    public int frames() {
        return framing.count();
    }

    public int bins() {
        return bins;
    }

    public int fftSize() {
        return fftSize;
    }

    /** Bin frequencies in Hz (shared, do not modify). */
    public double[] frequencies() {
        return frequencies;
    }

    /** All magnitudes, frame-major: {@code [frame * bins() + bin]} (shared, do not modify). */
    public double[] magnitudes() {
        return magnitudes;
    }

    public double magnitude(int frame, int bin) {
        return magnitudes[frame * bins + bin];
    }

    /**
     * MIRtoolbox's "MinRMS" mask: the spectral RMS {@code sqrt(sum|X|^2 / l)} of each frame
     * relative to the loudest frame; {@code true} where it is below {@code minRms} (the
     * feature is NaN there).
     */
    public boolean[] belowRelativeRms(double minRms) {
        double[] relative = relativeRms();
        boolean[] mask = new boolean[relative.length];
        for (int i = 0; i < mask.length; i++) {
            // NaN < x is false in MATLAB too: an all-silent file (0/0) keeps its values.
            mask[i] = relative[i] < minRms;
        }
        return mask;
    }

    /** Each frame's spectral RMS over the loudest frame's, computed once. */
    private synchronized double[] relativeRms() {
        if (relativeRms != null) {
            return relativeRms;
        }
        int frames = frames();
        double[] rms = new double[frames];
        double max = Double.NEGATIVE_INFINITY;
        double l = framing.length();
        for (int i = 0; i < frames; i++) {
            double s = 0;
            int base = i * bins;
            for (int k = 0; k < bins; k++) {
                double m = magnitudes[base + k];
                s += m * m;
            }
            rms[i] = Math.sqrt(s / l);
            if (rms[i] > max) {
                max = rms[i];
            }
        }
        for (int i = 0; i < frames; i++) {
            rms[i] = rms[i] / max;
        }
        relativeRms = rms;
        return rms;
    }
}
