package io.tagger.producer;

import com.google.protobuf.ByteString;
import io.tagger.audio.SegmentPcm;
import io.tagger.proto.v1.AudioSegment;

import java.util.Arrays;

/**
 * What a writer of {@code audio-in} needs besides the generated {@link AudioSegment} class: the
 * topic's name and the PCM form writers send (docs/producing.md).
 */
public final class AudioSegments {
    /** The topic catalogue tracks go to: AudioSegment records keyed by track id. */
    public static final String TOPIC = "audio-in";

    private AudioSegments() {
    }

    /**
     * Sets the segment's PCM as {@code pcm_s16le} ({@link SegmentPcm}): {@code available} samples
     * of {@code track} from {@code start}, then zeros up to {@code count} (a short track's
     * padding), written through {@code scratch} (at least {@code 2 * count} bytes, reused by the
     * caller from segment to segment).
     */
    public static AudioSegment.Builder setPcm(AudioSegment.Builder b, float[] track, int start, int available, int count,
                                              byte[] scratch) {
        int bytes = count * Short.BYTES;
        int exponent = SegmentPcm.exponent(track, start, available);
        SegmentPcm.encode(track, start, available, exponent, scratch, 0);
        Arrays.fill(scratch, available * Short.BYTES, bytes, (byte) 0);
        return b.setPcmS16Le(ByteString.copyFrom(scratch, 0, bytes)).setPcmS16LeExponent(exponent);
    }
}
