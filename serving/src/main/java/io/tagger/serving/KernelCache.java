package io.tagger.serving;

import java.util.Map;
import java.util.Optional;

/**
 * The capacity of oneDNN's kernel cache, which TensorFlow's CPU convolutions and dense layers go
 * through. oneDNN JIT-compiles a kernel per layer and input shape, so every distinct batch size
 * is a new set of kernels; a streaming service's batches take every size from 1 to its maximum,
 * and at oneDNN's default of 1,024 kernels those sets evict each other and are compiled again
 * and again (1.9 vs 1.4 ms of CPU per segment over batches of 1..32 in
 * {@code benchmarks/run-model.sh}). oneDNN reads the capacity once, from the environment
 * variable {@value #ENV}: it has to be set before the JVM starts (the launcher, the stack
 * script and the container images set {@value #RECOMMENDED}), so here it is only checked.
 */
public final class KernelCache {
    public static final String ENV = "ONEDNN_PRIMITIVE_CACHE_CAPACITY";
    /** oneDNN's own default capacity, in kernels ("primitives"). */
    public static final int ONEDNN_DEFAULT = 1024;
    /** Enough for the shipped architectures at every batch size up to 64 (4,096 still misses some there). */
    public static final int RECOMMENDED = 8192;

    private KernelCache() {
    }

    /** The capacity the given environment gives oneDNN: its value, or oneDNN's default where unset or not a number. */
    public static int capacity(Map<String, String> env) {
        String v = env.get(ENV);
        if (v == null || v.isBlank()) {
            return ONEDNN_DEFAULT;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return ONEDNN_DEFAULT;
        }
    }

    /** A line for the operator where the capacity is below {@link #RECOMMENDED}; empty otherwise. */
    public static Optional<String> warning(Map<String, String> env) {
        int c = capacity(env);
        if (c >= RECOMMENDED) {
            return Optional.empty();
        }
        return Optional.of(ENV + " is " + (env.containsKey(ENV) ? "'" + env.get(ENV) + "'" : "unset")
                + ": oneDNN keeps " + c + " compiled kernels, fewer than batches of every size need, and compiles"
                + " them again and again (about a third more CPU per segment); set it to " + RECOMMENDED
                + " in the service's environment");
    }
}
