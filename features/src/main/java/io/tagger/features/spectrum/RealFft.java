package io.tagger.features.spectrum;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A reusable real FFT of one size: fill {@link #input()}, call {@link #forward(int)}, read the
 * bins 0..N/2 from {@link #spectrum()} (interleaved re, im) or through
 * {@link #magnitudes}. The library behind it is {@link FftBackend#selected()} (FFTW where it
 * loads). Not thread-safe: one per thread; the hot loop allocates nothing. Close it (FFTW's
 * buffers are native memory; an unclosed one is freed when it is garbage-collected).
 *
 * <p>{@link #open(int)} takes one from the calling thread's few idle transforms (a track's
 * segments ask for the same sizes again and again; a new FFTW transform costs two native
 * allocations, a zeroed buffer and a cleaner) and {@link #close()} gives it back; the
 * constructors always make a new one, which {@code close()} frees.
 */
public final class RealFft implements AutoCloseable {
    /** Idle transforms kept per thread, of any sizes; beyond them the least recently used is freed. */
    static final int MAX_IDLE_PER_THREAD = 4;
    private static final ThreadLocal<ArrayDeque<RealFft>> IDLE = ThreadLocal.withInitial(ArrayDeque::new);

    private final int size;
    private final FftBackend backend;
    private final RealTransform transform;
    private final double[] input;
    private final double[] spectrum;
    private final double[] scratch;
    private final boolean pooled;
    private boolean open = true;

    public RealFft(int size) {
        this(size, FftBackend.selected());
    }

    public RealFft(int size, FftBackend backend) {
        this(size, backend, false);
    }

    private RealFft(int size, FftBackend backend, boolean pooled) {
        if (size < 2 || size % 2 != 0) {
            throw new IllegalArgumentException("FFT size must be even and at least 2, got " + size);
        }
        this.size = size;
        this.backend = backend;
        this.transform = backend.create(size);
        this.input = new double[size];
        this.spectrum = new double[size + 2];
        this.scratch = new double[size / 2 + 1];
        this.pooled = pooled;
    }

    /**
     * A transform of {@code size} points with the selected backend: one of this thread's idle ones
     * if there is one, else a new one; {@link #close()} returns it to this thread's idle set. The
     * input buffer holds whatever its last user left: {@link #forward(int)} reads only the frame.
     */
    public static RealFft open(int size) {
        FftBackend backend = FftBackend.selected();
        for (Iterator<RealFft> it = IDLE.get().iterator(); it.hasNext(); ) {
            RealFft f = it.next();
            if (f.size == size && f.backend == backend) {
                it.remove();
                f.open = true;
                return f;
            }
        }
        return new RealFft(size, backend, true);
    }

    /** How many idle transforms this thread holds (for tests). */
    static int idleOnThisThread() {
        return IDLE.get().size();
    }

    public int size() {
        return size;
    }

    public int bins() {
        return size / 2 + 1;
    }

    /** The input buffer: fill [0, length), then call {@link #forward(int)}. */
    public double[] input() {
        return input;
    }

    /**
     * Transforms {@code input()[0..length)} zero-padded to the size (whatever the buffer holds
     * beyond {@code length} is ignored). The input buffer is left as it was.
     */
    public void forward(int length) {
        if (length < 0 || length > size) {
            throw new IllegalArgumentException("frame of " + length + " samples for an FFT of " + size);
        }
        transform.forward(input, length, spectrum);
    }

    /** After {@link #forward}: {@code re_k = s[2k], im_k = s[2k+1]} for k in 0..N/2 (do not modify). */
    public double[] spectrum() {
        return spectrum;
    }

    /** |X_k| of bins 0..N/2 into {@code out[offset..]} after {@link #forward}. */
    public void magnitudes(double[] out, int offset) {
        int bins = size / 2 + 1;
        double[] s = spectrum;
        // Powers from the interleaved spectrum (stride 2, scalar), then the square roots with one
        // index for both arrays (vectorised by the JIT).
        for (int k = 0; k < bins; k++) {
            double re = s[2 * k];
            double im = s[2 * k + 1];
            scratch[k] = re * re + im * im;
        }
        for (int k = 0; k < bins; k++) {
            scratch[k] = Math.sqrt(scratch[k]);
        }
        System.arraycopy(scratch, 0, out, offset, bins);
    }

    /** Frees it, or, if it came from {@link #open(int)}, gives it back to this thread's idle set. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        if (!pooled) {
            transform.close();
            return;
        }
        ArrayDeque<RealFft> idle = IDLE.get();
        if (idle.size() >= MAX_IDLE_PER_THREAD) {
            idle.removeLast().transform.close(); // the least recently used goes
        }
        idle.push(this);
    }
}
