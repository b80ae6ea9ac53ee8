package io.tagger.features.algorithms;

import io.tagger.features.Framing;

/**
 * The energy of every frame of the pulse-clarity onset curve: {@code sum_{f=0}^{N/2} |Y_f|^2} of
 * the Hann-windowed frame zero-padded to N, by Parseval's identity,
 * {@code (N sum y^2 + Y_0^2 + Y_{N/2}^2) / 2} with {@code Y_0 = sum y} and
 * {@code Y_{N/2} = sum (-1)^k y}, where {@code y_k = z_{st+k} w_k} and z is the signal with its
 * pre-silence (zeros before it and after it).
 *
 * <p>Two routes give the same sums in a different order:
 * <ul>
 *   <li><b>blocks</b>, when the hop is a whole number h of samples and the frame length l a
 *       multiple of it (16 kHz: l = 1600, h = 160; 44.1 kHz: 4410 and 441). Each frame is then
 *       q = l/h consecutive blocks of h samples, shared by q frames. MATLAB's Hann window
 *       {@code w_k = 0.5 - 0.5 cos(t (k+1))}, {@code t = 2 pi/(l+1)}, squared is
 *       {@code 3/8 - cos(t (k+1))/2 + cos(2 t (k+1))/8}; with {@code k = r h + m} each cosine is
 *       the real part of {@code e^{i t r h}} times a sum over the block's own m. So every block
 *       is summed once (x^2, x^2 e^{i t (m+1)}, x^2 e^{2 i t (m+1)}, x, x e^{i t (m+1)} and
 *       their alternating-sign versions) and each frame combines q of those: about 12
 *       multiply-adds a sample instead of 3 per sample per frame (30 at q = 10);</li>
 *   <li><b>direct</b> otherwise: each frame summed over its samples.</li>
 * </ul>
 * Both routes' rounding errors are absolute, a few 1e-16 of the largest frame energy (the
 * block route's somewhat smaller, against exact sums); a frame whose only content lies under the
 * window's tails keeps fewer digits of its own, tiny, energy in either route.
 * {@code OnsetFrameEnergiesTest} holds the routes within 1e-10 of the largest frame energy on
 * signals of several kinds and rates, and pulse clarity within 1e-9 relative on MIRtoolbox's
 * reference signals read at 16 and 44.1 kHz (the reference tests themselves run at 22.05 kHz,
 * which takes the direct route). Steady tones make pulse clarity ill-conditioned (the onset
 * curve's spread falls to rounding level), so there the two routes, like any two summation
 * orders, can differ by more.
 */
final class OnsetFrameEnergies {
    private OnsetFrameEnergies() {
    }

    /**
     * @param signal      samples; padded index p is {@code signal[signalStart + p]} for
     *                    {@code preSilence <= p < padded}, zero elsewhere
     * @param frames      the onset framing over the padded signal (pre-silence layout)
     * @param window      the frame's Hann window ({@code Windows.hanning(l)}; the block route uses
     *                    its closed form)
     * @param n           the FFT size the frame is zero-padded to
     */
    static double[] compute(double[] signal, int signalStart, int preSilence, int padded, Framing frames,
                            double[] window, int n) {
        double h = frames.hop();
        int l = frames.frameSamples();
        if (window.length != l) {
            throw new IllegalArgumentException("window of " + window.length + " samples for frames of " + l);
        }
        int hop = (int) h;
        // A whole hop gives starts first + i*hop exactly (Framing: floor(i*h + 1) - 1).
        if (!frames.isWholeSignal() && hop == h && l % hop == 0) {
            return blocks(signal, signalStart, preSilence, padded, frames, hop, l, n);
        }
        return direct(signal, signalStart, preSilence, padded, frames, window, n);
    }

    static double[] direct(double[] signal, int signalStart, int preSilence, int padded, Framing frames,
                           double[] window, int n) {
        int l = frames.frameSamples();
        double[] energy = new double[frames.count()];
        for (int i = 0; i < energy.length; i++) {
            int st = frames.start(i);
            int kFrom = Math.max(0, preSilence - st);
            int kTo = Math.min(l, padded - st);
            energy[i] = halfSpectrumEnergy(signal, signalStart + st, window, kFrom, kTo, n);
        }
        return energy;
    }

    /**
     * {@code sum_{k=0}^{N/2} |Y_k|^2} of the frame {@code y_k = x[base + k] * window[k]} for k in
     * [from, to), zero elsewhere and zero-padded to N. Even and odd k are summed apart in
     * independent accumulators (no branch, no single dependency chain).
     */
    static double halfSpectrumEnergy(double[] x, int base, double[] window, int from, int to, int n) {
        double sq0 = 0;
        double sq1 = 0;
        double even0 = 0;
        double even1 = 0;
        double odd0 = 0;
        double odd1 = 0;
        int k = from;
        if ((k & 1) != 0 && k < to) {
            double y = x[base + k] * window[k];
            sq1 += y * y;
            odd0 += y;
            k++;
        }
        for (; k + 3 < to; k += 4) {
            double y0 = x[base + k] * window[k];
            double y1 = x[base + k + 1] * window[k + 1];
            double y2 = x[base + k + 2] * window[k + 2];
            double y3 = x[base + k + 3] * window[k + 3];
            sq0 += y0 * y0 + y2 * y2;
            sq1 += y1 * y1 + y3 * y3;
            even0 += y0;
            even1 += y2;
            odd0 += y1;
            odd1 += y3;
        }
        for (; k < to; k++) {
            double y = x[base + k] * window[k];
            if ((k & 1) == 0) {
                sq0 += y * y;
                even0 += y;
            } else {
                sq1 += y * y;
                odd0 += y;
            }
        }
        double sq = sq0 + sq1;
        double even = even0 + even1;
        double odd = odd0 + odd1;
        return parseval(n, sq, even + odd, even - odd);
    }

    private static double parseval(int n, double sq, double dc, double nyquist) {
        return ((double) n * sq + dc * dc + nyquist * nyquist) / 2;
    }

    /** Block sums of one block, in this order; {@code _A} marks the alternating-sign sums. */
    private static final int X2 = 0;
    private static final int X2_C = 1;
    private static final int X2_S = 2;
    private static final int X2_C2 = 3;
    private static final int X2_S2 = 4;
    private static final int X = 5;
    private static final int X_C = 6;
    private static final int X_S = 7;
    private static final int X_A = 8;
    private static final int X_C_A = 9;
    private static final int X_S_A = 10;
    private static final int SUMS = 11;

    private static double[] blocks(double[] signal, int signalStart, int preSilence, int padded, Framing frames,
                                   int hop, int l, int n) {
        int count = frames.count();
        int q = l / hop;
        int first = frames.start(0);
        int blockCount = count - 1 + q;
        double t = 2 * Math.PI / (l + 1);
        // cos and sin of t (m+1) and 2 t (m+1) within a block.
        double[] c1 = new double[hop];
        double[] s1 = new double[hop];
        double[] c2 = new double[hop];
        double[] s2 = new double[hop];
        for (int m = 0; m < hop; m++) {
            c1[m] = Math.cos(t * (m + 1));
            s1[m] = Math.sin(t * (m + 1));
            c2[m] = Math.cos(2 * t * (m + 1));
            s2[m] = Math.sin(2 * t * (m + 1));
        }
        double[] sums = new double[blockCount * SUMS];
        for (int j = 0; j < blockCount; j++) {
            int p0 = first + j * hop; // padded index of the block's first sample
            int mFrom = Math.max(0, preSilence - p0);
            int mTo = Math.min(hop, padded - p0);
            double x2 = 0;
            double x2c = 0;
            double x2s = 0;
            double x2c2 = 0;
            double x2s2 = 0;
            double x1 = 0;
            double xc = 0;
            double xs = 0;
            double xa = 0;
            double xca = 0;
            double xsa = 0;
            int base = signalStart + p0;
            for (int m = mFrom; m < mTo; m++) {
                double x = signal[base + m];
                double xx = x * x;
                double sign = (m & 1) == 0 ? 1 : -1;
                x2 += xx;
                x2c += xx * c1[m];
                x2s += xx * s1[m];
                x2c2 += xx * c2[m];
                x2s2 += xx * s2[m];
                x1 += x;
                double xcm = x * c1[m];
                double xsm = x * s1[m];
                xc += xcm;
                xs += xsm;
                xa += sign * x;
                xca += sign * xcm;
                xsa += sign * xsm;
            }
            int o = j * SUMS;
            sums[o + X2] = x2;
            sums[o + X2_C] = x2c;
            sums[o + X2_S] = x2s;
            sums[o + X2_C2] = x2c2;
            sums[o + X2_S2] = x2s2;
            sums[o + X] = x1;
            sums[o + X_C] = xc;
            sums[o + X_S] = xs;
            sums[o + X_A] = xa;
            sums[o + X_C_A] = xca;
            sums[o + X_S_A] = xsa;
        }
        // e^{i t r h} and e^{2 i t r h} for the block at position r of a frame, and (-1)^{r h}.
        double[] cr = new double[q];
        double[] sr = new double[q];
        double[] cr2 = new double[q];
        double[] sr2 = new double[q];
        double[] signR = new double[q];
        for (int r = 0; r < q; r++) {
            double a = t * ((long) r * hop);
            cr[r] = Math.cos(a);
            sr[r] = Math.sin(a);
            cr2[r] = Math.cos(2 * a);
            sr2[r] = Math.sin(2 * a);
            signR[r] = ((long) r * hop & 1) == 0 ? 1 : -1;
        }
        double[] energy = new double[count];
        for (int i = 0; i < count; i++) {
            double sq = 0;
            double dc = 0;
            double nyquist = 0;
            for (int r = 0; r < q; r++) {
                int o = (i + r) * SUMS;
                // Re(e^{ia} (C + iS)) = cos a C - sin a S
                double cos1 = cr[r] * sums[o + X2_C] - sr[r] * sums[o + X2_S];
                double cos2 = cr2[r] * sums[o + X2_C2] - sr2[r] * sums[o + X2_S2];
                sq += 0.375 * sums[o + X2] - 0.5 * cos1 + 0.125 * cos2;
                dc += 0.5 * sums[o + X] - 0.5 * (cr[r] * sums[o + X_C] - sr[r] * sums[o + X_S]);
                nyquist += signR[r] * (0.5 * sums[o + X_A] - 0.5 * (cr[r] * sums[o + X_C_A] - sr[r] * sums[o + X_S_A]));
            }
            energy[i] = parseval(n, sq, dc, nyquist);
        }
        return energy;
    }
}
