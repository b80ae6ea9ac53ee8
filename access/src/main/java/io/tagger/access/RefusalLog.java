package io.tagger.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Logs refused requests without letting a flood fill the logs: per client address the first
 * {@code perAddress} refusals of each minute, and no more than {@code inAll} lines a minute in
 * all. What is left out is counted and logged as one summary line a minute (the total and the
 * addresses with the most). Lines never hold a key.
 */
public final class RefusalLog {
    public static final long MINUTE = 60_000;
    private static final int TRACKED = 100_000;
    private static final int NAMED_IN_SUMMARY = 5;
    private final int perAddress;
    private final int inAll;
    private final Consumer<String> out;
    private final Map<String, long[]> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > TRACKED;
        }
    };
    private long minuteStart = Long.MIN_VALUE;
    private int linesThisMinute;
    private long leftOut;
    private final Map<String, Long> leftOutBy = new HashMap<>();

    public RefusalLog(int perAddress, int inAll, Consumer<String> out) {
        if (perAddress < 1 || inAll < 1) {
            throw new IllegalArgumentException("refusal log limits must be >= 1");
        }
        this.perAddress = perAddress;
        this.inAll = inAll;
        this.out = out;
    }

    /** One refused request from {@code address}; {@code line} is what to log if it is logged. */
    public void refused(String address, String line, long now) {
        List<String> lines = new ArrayList<>(2);
        synchronized (this) {
            roll(now, lines);
            long[] w = windows.get(address); // {start of the address's minute, refusals in it}
            if (w == null || now - w[0] >= MINUTE) {
                w = new long[]{now, 0};
                windows.put(address, w);
            }
            w[1]++;
            if (w[1] <= perAddress && linesThisMinute < inAll) {
                linesThisMinute++;
                lines.add(w[1] == perAddress ? line + " (more refusals from " + address + " this minute are counted, not logged)" : line);
            } else {
                leftOut++;
                if (leftOutBy.size() < TRACKED || leftOutBy.containsKey(address)) {
                    leftOutBy.merge(address, 1L, Long::sum);
                }
            }
        }
        lines.forEach(out);
    }

    /** A line about the flood itself (an address throttled): within the limit in all, else counted. */
    public void notice(String line, long now) {
        List<String> lines = new ArrayList<>(2);
        synchronized (this) {
            roll(now, lines);
            if (linesThisMinute < inAll) {
                linesThisMinute++;
                lines.add(line);
            } else {
                leftOut++;
            }
        }
        lines.forEach(out);
    }

    /** Logs the last minute's summary once the minute is over (called by a timer, and on each refusal). */
    public void flush(long now) {
        List<String> lines = new ArrayList<>(1);
        synchronized (this) {
            roll(now, lines);
        }
        lines.forEach(out);
    }

    private void roll(long now, List<String> lines) {
        if (minuteStart != Long.MIN_VALUE && now - minuteStart < MINUTE) {
            return;
        }
        if (leftOut > 0) {
            String most = leftOutBy.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(NAMED_IN_SUMMARY).map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
            lines.add(leftOut + " refused requests were not logged in the last minute (most from " + most + ")");
        }
        minuteStart = now;
        linesThisMinute = 0;
        leftOut = 0;
        leftOutBy.clear();
    }
}
