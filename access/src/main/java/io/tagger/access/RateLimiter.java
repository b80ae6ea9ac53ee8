package io.tagger.access;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per key: a token bucket of {@code burst} requests refilled at {@code perMinute} a
 * minute. {@link #acquire} answers 0 when the request may go, else how many milliseconds until it
 * may (the Retry-After).
 */
public final class RateLimiter {
    private final double perMilli;
    private final double burst;
    private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute, int burst) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("rate limit needs perMinute >= 1 and burst >= 1");
        }
        this.perMilli = perMinute / 60_000.0;
        this.burst = burst;
    }

    public long acquire(String key, long nowMillis) {
        double[] b = buckets.computeIfAbsent(key, k -> new double[]{burst, nowMillis});
        synchronized (b) {
            b[0] = Math.min(burst, b[0] + (nowMillis - b[1]) * perMilli);
            b[1] = nowMillis;
            if (b[0] >= 1) {
                b[0] -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - b[0]) / perMilli);
        }
    }
}
