package io.tagger.features;

import java.util.Locale;
import java.util.Objects;

/**
 * A frame decomposition as MIRtoolbox's {@code 'Frame', length, 's', hop, unit} describes it:
 * a frame length in seconds and a hop that is either a fraction of that length
 * ({@link HopUnit#RATIO}, MIRtoolbox's {@code '/1'}) or a duration ({@link HopUnit#SECONDS}).
 */
public record FrameSpec(double lengthSeconds, double hop, HopUnit hopUnit) {

    /** MIRtoolbox's hop units. */
    public enum HopUnit { RATIO, SECONDS }

    public FrameSpec {
        Objects.requireNonNull(hopUnit, "hopUnit");
        if (!(lengthSeconds > 0) || Double.isInfinite(lengthSeconds)) {
            throw new IllegalArgumentException("frame length must be a positive number of seconds, got " + lengthSeconds);
        }
        if (!(hop > 0) || Double.isInfinite(hop)) {
            throw new IllegalArgumentException("frame hop must be positive, got " + hop);
        }
    }

    public static FrameSpec ratio(double lengthSeconds, double hopRatio) {
        return new FrameSpec(lengthSeconds, hopRatio, HopUnit.RATIO);
    }

    public static FrameSpec seconds(double lengthSeconds, double hopSeconds) {
        return new FrameSpec(lengthSeconds, hopSeconds, HopUnit.SECONDS);
    }

    /** The frame decomposition of {@code sampleCount} samples at {@code sampleRate}. */
    public Framing frame(double sampleRate, int sampleCount) {
        return Framing.of(this, sampleRate, sampleCount, false);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s s / %s%s", lengthSeconds, hop, hopUnit == HopUnit.RATIO ? "" : " s");
    }
}
