package io.tagger.features.spectrum;

import org.bytedeco.fftw.global.fftw3;
import org.bytedeco.fftw.global.fftw3.fftw_plan;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;

import java.lang.ref.Cleaner;
import java.util.HashMap;
import java.util.Map;

/**
 * The native backend: FFTW 3's out-of-place real-to-complex transform. One plan per size for the
 * whole JVM ({@code FFTW_ESTIMATE}: planned in milliseconds and deterministic, so the same
 * signal gives the same bits in every run, unlike a timed {@code FFTW_MEASURE} plan), executed
 * on each transform's own aligned buffers with FFTW's thread-safe new-array execute. Planning is
 * not thread-safe in FFTW and is serialised here.
 *
 * <p>The input buffer is zeroed once; FFTW's 1-d r2c preserves its input, so a frame shorter than
 * the size only copies its own samples.
 */
final class FftwTransform implements RealTransform {
    private static final Object PLANNER = new Object();
    private static final Map<Integer, fftw_plan> PLANS = new HashMap<>();
    private static final Cleaner CLEANER = Cleaner.create();
    private static volatile Throwable loadFailure;
    private static volatile boolean loaded;

    private final int size;
    private final fftw_plan plan;
    private final DoublePointer in;
    private final DoublePointer out;
    private final Cleaner.Cleanable cleanable;
    /** Samples of the previous frame still in the native input (beyond them it is all zeros). */
    private int dirty;

    FftwTransform(int size) {
        requireAvailable();
        this.size = size;
        Pointer rawIn = fftw3.fftw_malloc(8L * size);
        Pointer rawOut = fftw3.fftw_malloc(8L * (size + 2));
        if (rawIn == null || rawIn.isNull() || rawOut == null || rawOut.isNull()) {
            throw new OutOfMemoryError("fftw_malloc of an FFT of " + size + " points failed");
        }
        this.in = new DoublePointer(rawIn).capacity(size);
        this.out = new DoublePointer(rawOut).capacity(size + 2);
        in.put(new double[size], 0, size);
        this.plan = plan(size, in, out);
        this.cleanable = CLEANER.register(this, new Free(rawIn, rawOut));
    }

    @Override
    public void forward(double[] input, int length, double[] spectrum) {
        if (length < dirty) {
            // Zero what the longer previous frame left beyond this one.
            in.position(length).put(new double[dirty - length], 0, dirty - length);
        }
        in.position(0).put(input, 0, length);
        dirty = length;
        fftw3.fftw_execute_dft_r2c(plan, in, out);
        out.get(spectrum, 0, size + 2);
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    private static fftw_plan plan(int size, DoublePointer in, DoublePointer out) {
        synchronized (PLANNER) {
            fftw_plan p = PLANS.get(size);
            if (p == null) {
                // New-array execution requires the same alignment as the planning arrays:
                // fftw_malloc gives FFTW's SIMD alignment to every buffer, these included.
                p = fftw3.fftw_plan_dft_r2c_1d(size, in, out, (int) fftw3.FFTW_ESTIMATE);
                if (p == null || p.isNull()) {
                    throw new IllegalStateException("FFTW could not plan a real FFT of " + size + " points");
                }
                PLANS.put(size, p);
            }
            return p;
        }
    }

    /** Whether FFTW's native library loads on this machine (tried once). */
    static boolean available() {
        if (!loaded && loadFailure == null) {
            synchronized (PLANNER) {
                if (!loaded && loadFailure == null) {
                    try {
                        fftw3.fftw_alignment_of(new DoublePointer(1));
                        loaded = true;
                    } catch (Throwable t) {
                        loadFailure = t;
                    }
                }
            }
        }
        return loaded;
    }

    static void requireAvailable() {
        if (!available()) {
            throw new IllegalStateException("FFTW's native library does not load on this machine ("
                    + loadFailure + "); set -D" + FftBackend.PROPERTY + "=jtransforms", loadFailure);
        }
    }

    private record Free(Pointer in, Pointer out) implements Runnable {
        @Override
        public void run() {
            fftw3.fftw_free(in);
            fftw3.fftw_free(out);
        }
    }
}
