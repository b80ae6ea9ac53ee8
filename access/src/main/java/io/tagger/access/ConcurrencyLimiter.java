package io.tagger.access;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** At most {@code total} uploads at a time, and at most {@code perKey} of them for one key. */
public final class ConcurrencyLimiter {
    private final Semaphore total;
    private final int perKey;
    private final ConcurrentHashMap<String, Semaphore> keys = new ConcurrentHashMap<>();

    public ConcurrencyLimiter(int total, int perKey) {
        if (total < 1 || perKey < 1) {
            throw new IllegalArgumentException("concurrency limits must be >= 1");
        }
        this.total = new Semaphore(total);
        this.perKey = perKey;
    }

    /** A held slot to close when the upload ends, or null when the limit is reached. */
    public AutoCloseable tryEnter(String key) {
        Semaphore mine = keys.computeIfAbsent(key, k -> new Semaphore(perKey));
        if (!mine.tryAcquire()) {
            return null;
        }
        if (!total.tryAcquire()) {
            mine.release();
            return null;
        }
        return () -> {
            total.release();
            mine.release();
        };
    }
}
