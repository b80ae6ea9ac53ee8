package io.tagger.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an engine's clips play, per instrument family, beyond what the labels say: how many notes a
 * part has, how long they are, where they lie. Two engines with the same label contract can differ
 * here, and a model trained on one then meets playing it has never heard
 * ({@code ./tagger corpus --describe}).
 */
public final class PlanStatistics {
    /** The families reported: the label contract's instruments and its voices. */
    public static final List<TagContract.Instrument> FAMILIES = java.util.stream.Stream.concat(
            TagContract.INSTRUMENTS.stream(), java.util.stream.Stream.of(TagContract.VOICES)).toList();

    /** Bands of keys: below C3, C3-B3, C4-B4, C5-G5, above G5. */
    public static final int[] BAND_EDGES = {48, 60, 72, 80};

    /**
     * One family's figures.
     *
     * @param soundingShare mean share of a part's whole seconds in which a note of it sounds
     * @param bandShares    share of notes in each band of {@link #BAND_EDGES} (5 values)
     */
    public record Row(TagContract.Instrument family, int parts, double notesPerPart, double meanDuration, double meanVelocity,
                      double soundingShare, double[] bandShares) {
        public String format() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-12s %5d %8.1f %8.2f %6.0f %6.0f%%", family.tag(),
                    parts, notesPerPart, meanDuration, meanVelocity, 100 * soundingShare));
            for (double s : bandShares) {
                b.append(String.format(Locale.ROOT, " %6.0f%%", 100 * s));
            }
            return b.toString();
        }
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-12s %5s %8s %8s %6s %7s %7s %7s %7s %7s %7s", "family", "parts", "notes", "length s",
                "vel", "sounds", "<C3", "C3-B3", "C4-B4", "C5-G5", ">G5");
    }

    private PlanStatistics() {
    }

    public static List<Row> of(List<ClipPlan> plans) {
        List<Row> rows = new ArrayList<>();
        for (TagContract.Instrument f : FAMILIES) {
            int parts = 0;
            long notes = 0;
            double duration = 0;
            double velocity = 0;
            double sounding = 0;
            long[] bands = new long[BAND_EDGES.length + 1];
            for (ClipPlan p : plans) {
                for (Part part : p.parts()) {
                    if (!f.plays(part.program()) || part.notes().isEmpty()) {
                        continue;
                    }
                    parts++;
                    int seconds = (int) Math.ceil(p.seconds());
                    boolean[] on = new boolean[seconds];
                    for (Note n : part.notes()) {
                        notes++;
                        duration += n.duration();
                        velocity += n.velocity();
                        int band = 0;
                        while (band < BAND_EDGES.length && n.key() >= BAND_EDGES[band]) {
                            band++;
                        }
                        bands[band]++;
                        int last = Math.min(seconds - 1, (int) (n.start() + n.duration()));
                        for (int s = Math.max(0, (int) n.start()); s <= last; s++) {
                            on[s] = true;
                        }
                    }
                    int count = 0;
                    for (boolean o : on) {
                        count += o ? 1 : 0;
                    }
                    sounding += (double) count / seconds;
                }
            }
            double[] shares = new double[bands.length];
            for (int i = 0; i < bands.length; i++) {
                shares[i] = notes == 0 ? 0 : (double) bands[i] / notes;
            }
            rows.add(new Row(f, parts, parts == 0 ? 0 : (double) notes / parts, notes == 0 ? 0 : duration / notes,
                    notes == 0 ? 0 : velocity / notes, parts == 0 ? 0 : sounding / parts, shares));
        }
        return rows;
    }
}
