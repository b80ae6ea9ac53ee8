package io.tagger.features.algorithms;

import io.tagger.features.Check;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.FrameSpec;
import io.tagger.features.Framing;
import io.tagger.features.spectrum.FftSize;
import io.tagger.features.spectrum.Windows;

/**
 * {@code mirpulseclarity(x,'Frame',...)} with MIRtoolbox's defaults ('MaxAutocor', spectral
 * onset curve, resonance 'ToiviainenSnyder', 40-200 BPM):
 * <ol>
 *   <li>2000 zero samples are prepended (whatever the sample rate);</li>
 *   <li>0.1 s frames, hop 0.1 of that, laid out with MIRtoolbox's pre-silence rule; MATLAB
 *       {@code hanning} window; power spectrum of {@code 2^nextpow2(l)} bins 0..N/2;</li>
 *   <li>onset curve {@code o(k) = sum_f (P(k+1,f) - P(k,f))}, divided by {@code max|o|};</li>
 *   <li>the curve is framed with {@code frame} (default 5 s, hop 0.1) at its own rate;</li>
 *   <li>per frame: mean removed, autocorrelation normalised by lag 0, lags from 60/maxBpm to
 *       60/minBpm s (capped at half the frame), resonance weights
 *       {@code max(0, 1 - 0.25 log2(lag/0.5)^2)} scaled as MATLAB's {@code w/max(w)} does;
 *       the pulse clarity is the largest weighted coefficient.</li>
 * </ol>
 * The curve is summed over frequency before the difference; since that sum is linear, it is
 * computed from each frame's energy by Parseval's identity instead of an FFT per frame
 * ({@link OnsetFrameEnergies}).
 */
public final class PulseClarity {
    public static final String NAME = "pulseclarity";
    /** MIRtoolbox pads with this many zeros whatever the sample rate. */
    public static final int PRE_SILENCE_SAMPLES = 2000;
    private static final FrameSpec ONSET_FRAME = FrameSpec.ratio(0.1, 0.1);

    /**
     * @param frame  framing of the onset curve; default 5 s with hop 0.1 (the paper: 1 s / 0.1 s)
     * @param minBpm slowest tempo, in [1, maxBpm), default 40
     * @param maxBpm fastest tempo, in (minBpm, 1000], default 200
     */
    public record Config(FrameSpec frame, double minBpm, double maxBpm) {
        public Config {
            java.util.Objects.requireNonNull(frame, "frame");
            Check.inRange("maxBpm", maxBpm, 2, 1000);
            Check.inRange("minBpm", minBpm, 1, Math.nextDown(maxBpm));
        }

        public static Config defaults() {
            return new Config(FrameSpec.ratio(5, 0.1), 40, 200);
        }

        /** The paper's setting for architecture a: 1 s frames, 0.1 s hop. */
        public static Config paper() {
            return new Config(FrameSpec.seconds(1, 0.1), 40, 200);
        }
    }

    private final Config config;
    private final boolean directEnergies;

    public PulseClarity(Config config) {
        this(config, false);
    }

    /** With {@code directEnergies}, the onset energies take the direct route whatever the framing (tests). */
    PulseClarity(Config config, boolean directEnergies) {
        this.config = config;
        this.directEnergies = directEnergies;
    }

    /** The normalised onset curve and the time of each of its samples. */
    record OnsetCurve(double[] values, double[] times, double rate) {
    }

    OnsetCurve onsetCurve(double[] signal, int offset, int length, double sr) {
        int padded = length + PRE_SILENCE_SAMPLES;
        Framing frames = Framing.withPreSilence(ONSET_FRAME, sr, padded);
        int l = frames.frameSamples();
        int n = FftSize.nextPow2(l);
        double[] window = Windows.hanning(l);
        int count = frames.count();
        int signalStart = offset - PRE_SILENCE_SAMPLES; // padded index 0 in signal coordinates
        double[] energy = directEnergies
                ? OnsetFrameEnergies.direct(signal, signalStart, PRE_SILENCE_SAMPLES, padded, frames, window, n)
                : OnsetFrameEnergies.compute(signal, signalStart, PRE_SILENCE_SAMPLES, padded, frames, window, n);
        double[] time = new double[count];
        for (int i = 0; i < count; i++) {
            int st = frames.start(i);
            time[i] = (firstSampleTime(st, sr) + lastSampleTime(st, sr, l)) / 2;
        }
        int m = count - 1;
        double[] onset = new double[Math.max(m, 0)];
        double max = 0;
        for (int k = 0; k < m; k++) {
            onset[k] = energy[k + 1] - energy[k];
            max = Math.max(max, Math.abs(onset[k]));
        }
        for (int k = 0; k < m; k++) {
            onset[k] /= max;
        }
        double rate = count > 1 ? curveRate(frames, sr) : sr;
        return new OnsetCurve(onset, java.util.Arrays.copyOf(time, Math.max(m, 0)), rate);
    }

    /** Length and sampling rate of the onset curve of {@code samples} samples at {@code sr}. */
    public record CurveShape(int samples, double rate) {
    }

    public static CurveShape onsetCurveShape(int samples, double sr) {
        Framing frames = Framing.withPreSilence(ONSET_FRAME, sr, samples + PRE_SILENCE_SAMPLES);
        if (frames.count() < 3) {
            throw new IllegalArgumentException("signal too short for an onset curve (" + samples + " samples)");
        }
        return new CurveShape(frames.count() - 1, curveRate(frames, sr));
    }

    private static double curveRate(Framing frames, double sr) {
        return 1 / (firstSampleTime(frames.start(1), sr) - firstSampleTime(frames.start(0), sr));
    }

    /** Time of padded sample q (0-based): the pre-silence runs from -2000/sr. */
    private static double t(int q, double sr) {
        return (q - PRE_SILENCE_SAMPLES) / sr;
    }

    /** FramePos(1): MIRtoolbox shifts the times of frames that start before the signal. */
    private static double firstSampleTime(int st, double sr) {
        return st < 0 ? t(0, sr) - (t(-st, sr) - t(0, sr)) : t(st, sr);
    }

    /** FramePos(2) of a frame of l samples starting at st. */
    private static double lastSampleTime(int st, double sr, int l) {
        return st < 0 ? t(l - 1, sr) - (t(-st, sr) - t(0, sr)) : t(st + l - 1, sr);
    }

    public FeatureMatrix compute(double[] signal, int offset, int length, double sr) {
        if (length < 1) {
            throw new IllegalArgumentException("cannot compute pulse clarity of an empty signal");
        }
        OnsetCurve curve = onsetCurve(signal, offset, length, sr);
        double[] o = curve.values();
        double[] times = curve.times();
        int m = o.length;
        if (m < 2) {
            throw new IllegalArgumentException("signal too short for pulse clarity (" + length + " samples)");
        }
        Framing framing = config.frame().frame(curve.rate(), m);
        int frames = framing.count();
        int ls = framing.frameSamples();
        double minLag = 60 / config.maxBpm();
        double maxLag = 60 / config.minBpm();
        // Lag indices from the first frame's times (MIRtoolbox uses its column for all frames).
        int st0 = framing.start(0);
        int misp = -1;
        int masp = Integer.MAX_VALUE;
        for (int r = 0; r < ls; r++) {
            double pl = times[st0 + r] - times[st0];
            if (misp < 0 && pl >= minLag) {
                misp = r;
            }
            if (pl >= maxLag) {
                masp = r;
                break;
            }
        }
        // masp is exclusive here: lags 0..masp-1 are computed (MATLAB's masp is 1-based).
        masp = (int) Math.min(masp + 1L, (ls + 1) / 2);
        double[] out = new double[frames];
        double[] fs = new double[frames];
        double[] fe = new double[frames];
        for (int i = 0; i < frames; i++) {
            int st = framing.start(i);
            fs[i] = times[st];
            fe[i] = times[st + ls - 1];
        }
        if (misp < 0 || masp <= misp) {
            java.util.Arrays.fill(out, Double.NaN);
            return new FeatureMatrix(NAME, 1, frames, out, fs, fe);
        }
        int lags = masp - misp;
        // Resonance curve per frame from each frame's own delays, then MATLAB's w / max(w):
        // for several frames a least-squares division giving one curve for all.
        double[] w = new double[lags];
        double[] colMax = new double[frames];
        double[] wFrame = new double[lags * frames];
        for (int i = 0; i < frames; i++) {
            int st = framing.start(i);
            double mx = 0;
            for (int j = 0; j < lags; j++) {
                double delay = times[st + misp + j] - times[st];
                double lg = log2(Math.max(delay, 1e-12) / 0.5);
                double v = Math.max(1 - 0.25 * lg * lg, 0);
                wFrame[j * frames + i] = v;
                mx = Math.max(mx, v);
            }
            colMax[i] = mx;
        }
        double mm = 0;
        for (double c : colMax) {
            mm += c * c;
        }
        boolean resonance = mm > 0;
        for (int j = 0; j < lags; j++) {
            double acc = 0;
            for (int i = 0; i < frames; i++) {
                acc += wFrame[j * frames + i] * colMax[i];
            }
            w[j] = resonance ? acc / mm : 1;
        }
        double[] x = new double[ls];
        for (int i = 0; i < frames; i++) {
            int st = framing.start(i);
            double mean = 0;
            for (int r = 0; r < ls; r++) {
                double v = o[st + r];
                x[r] = Double.isNaN(v) ? 0 : v;
                mean += x[r];
            }
            mean /= ls;
            double c0 = 0;
            for (int r = 0; r < ls; r++) {
                x[r] -= mean;
                c0 += x[r] * x[r];
            }
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < lags; j++) {
                int lag = misp + j;
                double c = 0;
                for (int r = 0; r + lag < ls; r++) {
                    c += x[r] * x[r + lag];
                }
                double v = c / c0 * w[j];
                if (v > best || Double.isNaN(v)) {
                    best = v;
                    if (Double.isNaN(v)) {
                        break;
                    }
                }
            }
            out[i] = best;
        }
        return new FeatureMatrix(NAME, 1, frames, out, fs, fe);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
