package io.tagger.pipeline;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a service does when one of its stream threads dies of an exception the topology did not
 * route to the dead-letter topic (bad records never get here: a broker timeout, a fenced
 * producer, an out-of-memory in a batch). Kafka Streams' default shuts the whole client down
 * and the service stops tagging while its HTTP side looks alive. Here a dead thread is
 * replaced: its tasks restart from the last committed transaction, so exactly-once holds and
 * nothing is lost. A fault that keeps coming back is not spun on forever: after
 * {@code maxReplacements} replacements within {@code window} the client shuts down, the
 * liveness check goes DOWN and the orchestrator restarts the service. Both are counted
 * ({@link PipelineMetrics#THREAD_REPLACEMENTS}, {@link PipelineMetrics#CLIENT_SHUTDOWNS}).
 */
public final class StreamThreadRecovery implements StreamsUncaughtExceptionHandler {
    /** Replacements allowed within the window before the client shuts down. */
    public static final int DEFAULT_MAX_REPLACEMENTS = 5;
    /** The window over which replacements are counted. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadRecovery.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Long> recent = new ArrayDeque<>();

    public StreamThreadRecovery(int maxReplacements, Duration window, Clock clock) {
        if (maxReplacements < 0) {
            throw new IllegalArgumentException("maxReplacements must be >= 0, was " + maxReplacements);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
        PipelineMetrics.threadReplacements();
        PipelineMetrics.clientShutdowns();
    }

    public StreamThreadRecovery() {
        this(DEFAULT_MAX_REPLACEMENTS, DEFAULT_WINDOW, Clock.systemUTC());
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = clock.millis();
        while (!recent.isEmpty() && now - recent.peekFirst() >= window.toMillis()) {
            recent.removeFirst();
        }
        if (recent.size() >= maxReplacements) {
            LOG.error("a stream thread died ({} replaced in the last {}): shutting the Kafka Streams client down; "
                    + "the liveness check goes DOWN", recent.size(), window, exception);
            PipelineMetrics.clientShutdowns().increment();
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recent.addLast(now);
        PipelineMetrics.threadReplacements().increment();
        LOG.error("a stream thread died: replacing it ({} of {} within {}); its tasks resume from the last commit",
                recent.size(), maxReplacements, window, exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
