package io.tagger.features.algorithms;

import io.tagger.features.Check;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.Framing;
import io.tagger.features.spectrum.FftSize;
import io.tagger.features.spectrum.RealFft;
import io.tagger.features.spectrum.FrameExtrema;
import io.tagger.features.spectrum.Windows;

/**
 * {@code mirchromagram} as MIRtoolbox up to 1.7.2 computed it (reference key
 * {@code chromagram_dB20_pre1.8}): each frame rescaled to [0,1], Hamming window, FFT of
 * {@code 2^nextpow2(l)}, bins from {@code minFrequency} to {@code maxFrequency}, the spectrum in dB
 * with a {@code dbRange} range relative to the maximum over all frames and bins (NaN reads 0),
 * bins above the last whole octave dropped, each semitone the rectangular average of its bins
 * (edge semitones halved), octaves summed into 12 pitch classes C..B, and each frame divided by
 * its maximum + 1e-6. Default frames 0.2 s with hop 0.05.
 */
public final class Chromagram {
    public static final String NAME = "chromagram";
    private static final String[] PITCH_CLASSES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

    /**
     * @param minFrequency lowest frequency, in [1, 20000] Hz, default 100
     * @param maxFrequency highest frequency before the octave cut, default 6400 (100 Hz doubled
     *                     until >= 5000); must exceed minFrequency
     * @param dbRange      dB range, in (0, 200], default 20
     * @param tuning       frequency of C, in [200, 300] Hz, default 261.6256
     */
    public record Config(double minFrequency, double maxFrequency, double dbRange, double tuning) {
        public Config {
            Check.inRange("minFrequency", minFrequency, 1, 20000);
            Check.inRange("maxFrequency", maxFrequency, minFrequency * 2, 100000);
            Check.inRange("dbRange", dbRange, Double.MIN_VALUE, 200);
            Check.inRange("tuning", tuning, 200, 300);
        }

        public static Config defaults() {
            return new Config(100, 6400, 20, 261.6256);
        }
    }

    private static final ThreadLocal<double[]> POWERS = ThreadLocal.withInitial(() -> new double[0]);
    private final Config config;
    /** The last segment layout's map (immutable; every segment of a track shares it). */
    private volatile ChromaMap lastMap;

    public Chromagram(Config config) {
        this.config = config;
    }

    public static String pitchClass(int row) {
        return PITCH_CLASSES[row];
    }

    public FeatureMatrix compute(double[] signal, int offset, Framing framing) {
        double sr = framing.sampleRate();
        int l = framing.frameSamples();
        // 'MinRes',12,'OctaveRatio',.85: if the frame is too short for semitone resolution at
        // the lowest frequency, MIRtoolbox raises that frequency instead.
        double ratio = (Math.pow(2, 1.0 / 12) - 1) * 0.85;
        double minF = config.minFrequency();
        if (sr / (minF * ratio) > l) {
            minF = sr / l / ratio;
        }
        int n = FftSize.nextPow2(l);
        double[] freqs = FftSize.binFrequencies(sr, n);
        int len = freqs.length;
        int hi = len - 1;
        for (int k = 0; k < len; k++) {
            if (freqs[k] > config.maxFrequency()) {
                hi = k - 1;
                break;
            }
        }
        int lo = -1;
        for (int k = 0; k < len; k++) {
            if (freqs[k] >= minF) {
                lo = k;
                break;
            }
        }
        if (lo < 0 || hi < lo) {
            throw new IllegalArgumentException("no spectral bin between " + minF + " and " + config.maxFrequency()
                    + " Hz at " + sr + " Hz");
        }
        // The last whole octave above the first kept bin (exact comparison, as MIRtoolbox).
        double octaveTop = freqs[lo] * Math.pow(2, Math.floor(log2(freqs[hi] / freqs[lo])));
        int top = lo;
        for (int k = lo; k <= hi; k++) {
            if (!(freqs[k] > octaveTop)) {
                top = k;
            }
        }
        int frames = framing.count();
        int kept = top - lo + 1;
        double[] powers = powersBuffer(frames * kept);
        double maxPower = spectrum(signal, offset, framing, n, lo, hi, top, powers);
        // dB relative to the largest power (see DecibelScale).
        double range = config.dbRange();
        double maxDb = Math.log10(maxPower) * 10;
        double floor = Math.pow(10, (maxDb - range) / 10) * (1 - 1e-9);
        ChromaMap map = chromaMap(freqs, sr, n, lo, top);
        DecibelScale scale = new DecibelScale(range, maxDb, floor);
        double[] out = new double[12 * frames];
        double[] classes = new double[12];
        for (int i = 0; i < frames; i++) {
            // Each bin's dB is computed where the semitone map reads it (once: the semitones'
            // bin ranges do not overlap), not stored.
            map.apply(powers, i * kept, scale, classes);
            double cmax = Double.NEGATIVE_INFINITY;
            for (double c : classes) {
                if (c > cmax) {
                    cmax = c;
                }
            }
            for (int c = 0; c < 12; c++) {
                out[c * frames + i] = classes[c] / (cmax + 1e-6);
            }
        }
        double[] fs = new double[frames];
        double[] fe = new double[frames];
        for (int i = 0; i < frames; i++) {
            fs[i] = framing.startTime(i);
            fe[i] = framing.endTime(i);
        }
        return new FeatureMatrix(NAME, 12, frames, out, fs, fe);
    }

    /**
     * Each frame rescaled to [0,1] ('NormalInput'), Hamming-windowed, zero-padded to {@code n}:
     * powers |X|^2 of bins lo..top into {@code out} (frame-major), NaN for constant frames.
     * Returns the largest power over bins lo..hi of all frames (NaN if every frame is NaN).
     */
    private static double spectrum(double[] signal, int offset, Framing framing, int n, int lo, int hi, int top,
                                   double[] out) {
        int l = framing.frameSamples();
        int kept = top - lo + 1;
        double[] window = Windows.hamming(l);
        double maxPower = Double.NaN;
        FrameExtrema extrema = FrameExtrema.of(signal, offset, framing);
        try (RealFft fft = RealFft.open(n)) {
            double[] in = fft.input();
            double[] spectrum = fft.spectrum();
            for (int i = 0; i < framing.count(); i++) {
                int st = offset + framing.start(i);
                double min = extrema.min(i);
                double range = extrema.max(i) - min;
                if (!(range > 0)) {
                    // (x - min)/(max - min) = 0/0: MIRtoolbox's frame is NaN.
                    java.util.Arrays.fill(out, i * kept, (i + 1) * kept, Double.NaN);
                    continue;
                }
                double scale = 1 / range;
                // Copy, then transform in place with one index for every array: on Java 17 the JIT
                // vectorises only loops whose arrays are indexed alike (it cannot rule out that
                // in and signal are one array read and written at different offsets).
                System.arraycopy(signal, st, in, 0, l);
                for (int k = 0; k < l; k++) {
                    in[k] = (in[k] - min) * scale * window[k];
                }
                fft.forward(l);
                // Powers of bins lo..top into the frame's row, then the largest over lo..hi.
                int row = i * kept - lo;
                double frameMax = 0;
                for (int k = lo; k <= top; k++) {
                    double re = spectrum[2 * k];
                    double im = spectrum[2 * k + 1];
                    double p = re * re + im * im;
                    out[row + k] = p;
                    frameMax = Math.max(frameMax, p);
                }
                for (int k = top + 1; k <= hi; k++) {
                    double re = spectrum[2 * k];
                    double im = spectrum[2 * k + 1];
                    frameMax = Math.max(frameMax, re * re + im * im);
                }
                if (!(frameMax <= maxPower)) {
                    maxPower = frameMax;
                }
            }
        }
        return maxPower;
    }

    private ChromaMap chromaMap(double[] freqs, double sr, int n, int lo, int top) {
        ChromaMap map = lastMap;
        if (map == null || !map.describes(sr, n, lo, top)) {
            map = new ChromaMap(freqs, lo, top, config.tuning(), sr, n);
            lastMap = map;
        }
        return map;
    }

    /**
     * This thread's scratch for a segment's powers (about 1 MB at 16 kHz: written whole by
     * {@code spectrum} before it is read, so a new zeroed array per segment was wasted work).
     */
    private static double[] powersBuffer(int length) {
        double[] b = POWERS.get();
        if (b.length < length) {
            b = new double[length];
            POWERS.set(b);
        }
        return b;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** MATLAB's round: halves away from zero. */
    static long matlabRound(double x) {
        return (long) (Math.signum(x) * Math.floor(Math.abs(x) + 0.5));
    }

    /** Bins -> absolute semitones (rectangular averages) -> 12 pitch classes. */
    static final class ChromaMap {
        private final int bins;
        private final int[] semitoneOfBinStart; // per semitone: first bin (relative) and count
        private final int[] count;
        private final double[] weight;
        private final int[] pitchClass;
        private final double sampleRate;
        private final int fftSize;
        private final int lo;
        private final int top;

        ChromaMap(double[] freqs, int lo, int top, double tuning, double sampleRate, int fftSize) {
            this.sampleRate = sampleRate;
            this.fftSize = fftSize;
            this.lo = lo;
            this.top = top;
            bins = top - lo + 1;
            long cmin = Long.MAX_VALUE;
            long cmax = Long.MIN_VALUE;
            for (int k = lo; k <= top; k++) {
                long c = matlabRound(12 * log2(freqs[k] / tuning));
                cmin = Math.min(cmin, c);
                cmax = Math.max(cmax, c);
            }
            int sc = (int) (cmax - cmin + 1);
            semitoneOfBinStart = new int[sc];
            count = new int[sc];
            weight = new double[sc];
            pitchClass = new int[sc];
            for (int s = 0; s < sc; s++) {
                long c = cmin + s;
                double fc = Math.pow(2, c / 12.0) * tuning;
                double fl = Math.pow(2, (c - 1) / 12.0) * tuning;
                double fr = Math.pow(2, (c + 1) / 12.0) * tuning;
                double left = fc - 0.5 * (fc - fl);
                double right = fc - 0.5 * (fc - fr);
                int first = -1;
                int n = 0;
                for (int k = 0; k < bins; k++) {
                    double f = freqs[lo + k];
                    if (f > left && f < right) {
                        if (first < 0) {
                            first = k;
                        }
                        n++;
                    }
                }
                semitoneOfBinStart[s] = Math.max(first, 0);
                count[s] = n;
                double w = n == 0 ? 0 : 1.0 / n;
                if (s == 0 || s == sc - 1) {
                    w = w / 2;
                }
                weight[s] = w;
                pitchClass[s] = (int) Math.floorMod(c, 12L);
            }
        }

        /** True if this map was made for these bins (the tuning is the chromagram's own). */
        boolean describes(double sr, int n, int lo, int top) {
            return sampleRate == sr && fftSize == n && this.lo == lo && this.top == top;
        }

        /**
         * The frame's 12 pitch-class sums. A semitone's dB values are summed as one logarithm
         * of the product of its bins' powers: a bin clear of the floor reads
         * {@code 10 log10(p) - maxDb + range}, so the sum over n such bins is
         * {@code 10 log10(prod p) - n (maxDb - range)}: one logarithm per semitone instead of one
         * per bin (about 60 instead of 800 a frame). The product is folded into a running
         * logarithm before it can leave double's range. Bins below the floor and NaN (silent)
         * frames read 0; the rare bins within a few 1e-9 of the floor, where the definition's
         * clip at {@code -range} may act, and zero powers take {@link DecibelScale#apply} one by one.
         * {@link #applyPerBin} is the definition this is tested against.
         */
        void apply(double[] powers, int offset, DecibelScale scale, double[] classes) {
            java.util.Arrays.fill(classes, 0.0);
            double floor = scale.floor();
            double clear = floor * (1 + 4e-9); // above it 10 log10(p) - maxDb >= -range: no clip
            double shift = scale.maxDb() - scale.range();
            for (int s = 0; s < count.length; s++) {
                int base = offset + semitoneOfBinStart[s];
                int end = base + count[s];
                double prod = 1;
                double log = 0;
                double nearFloor = 0;
                int above = 0;
                for (int k = base; k < end; k++) {
                    double p = powers[k];
                    if (!(p >= floor)) {
                        continue;
                    }
                    if (!(p >= clear && p > 0)) {
                        nearFloor += scale.apply(p);
                        continue;
                    }
                    above++;
                    if (p >= 1e-100 && p <= 1e100) {
                        prod *= p;
                        if (prod < 1e-200 || prod > 1e200) {
                            log += Math.log10(prod);
                            prod = 1;
                        }
                    } else {
                        log += Math.log10(p);
                    }
                }
                if (above > 0 || nearFloor != 0) {
                    double sum = above > 0 ? 10 * (log + Math.log10(prod)) - above * shift : 0;
                    classes[pitchClass[s]] += (sum + nearFloor) * weight[s];
                }
            }
        }

        /** The definition {@link #apply} computes faster: every bin's dB value, one by one. */
        void applyPerBin(double[] powers, int offset, DecibelScale scale, double[] classes) {
            java.util.Arrays.fill(classes, 0.0);
            for (int s = 0; s < count.length; s++) {
                double acc = 0;
                int base = offset + semitoneOfBinStart[s];
                for (int k = 0; k < count[s]; k++) {
                    acc += scale.apply(powers[base + k]) * weight[s];
                }
                classes[pitchClass[s]] += acc;
            }
        }
    }

    /**
     * dB with a fixed range relative to the maximum over all frames and bins lo..hi (before the
     * octave cut): MIRtoolbox's {@code 20*log10(|X| + 1e-16) - max}, clipped at {@code -range},
     * plus {@code range}. Each frame was rescaled to [0,1], so |X| is never near 1e-16 where it
     * matters and {@code 10*log10(|X|^2)} is the same number; log10 is monotonic, so the maximum
     * was taken on powers, and powers more than the range below it read 0 without a logarithm.
     */
    record DecibelScale(double range, double maxDb, double floor) {
        /** One bin's value: the definition, which {@link ChromaMap#apply} sums a semitone at a time. */
        double apply(double power) {
            if (power < floor) {
                return 0;
            }
            double v = Math.log10(power) * 10 - maxDb;
            // MATLAB's max(-range, NaN) is -range: NaN frames (silent) become 0.
            return range + (Double.isNaN(v) ? -range : Math.max(-range, v));
        }
    }
}
