package io.tagger.dataset.util;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** A one-line progress bar on stderr: done/total, items per second, ETA. Thread-safe. */
public final class Progress {
    private final String label;
    private final int total;
    private final String unit;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private volatile long lastPrint;

    public Progress(String label, int total, String unit) {
        this(label, total, unit, System.err);
    }

    public Progress(String label, int total, String unit, PrintStream out) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
    }

    public void step() {
        int d = done.incrementAndGet();
        long now = System.nanoTime();
        if (d == total || now - lastPrint > 250_000_000L) {
            lastPrint = now;
            print(d, now);
        }
    }

    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    public double rate() {
        return done.get() / Math.max(1e-9, seconds());
    }

    private synchronized void print(int d, long now) {
        double secs = (now - start) / 1e9;
        double rate = d / Math.max(secs, 1e-9);
        double eta = rate > 0 ? (total - d) / rate : 0;
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) width * d / total);
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        out.printf(Locale.ROOT, "\r%s [%s] %d/%d %.1f %s/s ETA %s", label, bar, d, total, rate, unit, time(eta));
        if (d == total) {
            out.printf(Locale.ROOT, " (%s)%n", time(secs));
        }
        out.flush();
    }

    static String time(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
                : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }
}
