package io.tagger.serving;

/**
 * How many threads TensorFlow runs a batch with: {@code intraOp} within one operation (a
 * convolution split over cores), {@code interOp} between independent operations. 0 leaves the
 * choice to TensorFlow (every core, each pool spinning while it waits for work).
 *
 * <p>Where the caller already runs one scoring thread per core (a streaming stage with several
 * stream threads, or cores shared with other services), 1 and 1 give the most batches per second
 * of CPU: TensorFlow's own pools only add hand-offs and spinning.
 */
public record EngineThreads(int intraOp, int interOp) {
    /** TensorFlow's own choice for both. */
    public static final EngineThreads TENSORFLOW_DEFAULT = new EngineThreads(0, 0);

    static final String INTER_OP_PROPERTY = "ai.djl.tensorflow.num_interop_threads";
    static final String INTRA_OP_PROPERTY = "ai.djl.tensorflow.num_intraop_threads";

    public EngineThreads {
        if (intraOp < 0 || interOp < 0) {
            throw new IllegalArgumentException("thread counts are >= 0 (0: TensorFlow's choice), got intra-op "
                    + intraOp + ", inter-op " + interOp);
        }
    }

    /** The same count for both pools. */
    public static EngineThreads of(int threads) {
        return new EngineThreads(threads, threads);
    }

    /**
     * Makes these the counts of every TensorFlow session and eager context this process creates
     * from now on (DJL reads them from system properties: the graph session and the eager context
     * that holds the inputs both take them). Call it before the first model loads. The default
     * changes nothing (TensorFlow's choice, or what {@code -D} options on the command line say).
     */
    public void applyToProcess() {
        if (!equals(TENSORFLOW_DEFAULT)) {
            System.setProperty(INTRA_OP_PROPERTY, Integer.toString(intraOp));
            System.setProperty(INTER_OP_PROPERTY, Integer.toString(interOp));
        }
    }
}
