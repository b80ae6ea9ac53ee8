package io.tagger.access;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed authentications per client address: after {@code perMinute} failures within a minute
 * (counted from the first), the address is refused until that minute ends, whatever key it then
 * presents, so guessing keys or flooding with wrong ones costs a minute per {@code perMinute}
 * tries. {@code perMinute} 0 turns it off. At most {@link #TRACKED} addresses are remembered
 * (the least recently failing are forgotten first).
 */
public final class AuthFailureThrottle {
    static final long MINUTE = 60_000;
    static final int TRACKED = 100_000;
    private final int perMinute;
    private final Map<String, long[]> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > TRACKED;
        }
    };

    public AuthFailureThrottle(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("auth failures per minute must be >= 0 (0: no limit)");
        }
        this.perMinute = perMinute;
    }

    /** 0 when the address may try; else the milliseconds until it may again (the Retry-After). */
    public synchronized long retryAfterMillis(String address, long now) {
        if (perMinute == 0) {
            return 0;
        }
        long[] w = windows.get(address); // {start of the window, failures in it}
        if (w == null || now - w[0] >= MINUTE || w[1] < perMinute) {
            return 0;
        }
        return w[0] + MINUTE - now;
    }

    /** Counts one failure; true when it is the one that reaches the limit (the address is throttled from now on). */
    public synchronized boolean failed(String address, long now) {
        if (perMinute == 0) {
            return false;
        }
        long[] w = windows.get(address);
        if (w == null || now - w[0] >= MINUTE) {
            w = new long[]{now, 0};
            windows.put(address, w);
        }
        return ++w[1] == perMinute;
    }

    public int perMinute() {
        return perMinute;
    }
}
