package io.tagger.pipeline;

import io.tagger.audio.SegmentPcm;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.FeatureSettings;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.proto.v1.SegmentFeatures;
import io.tagger.producer.AudioSegments;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/** Conversions between the feature library's values and the wire messages. */
public final class FeatureMessages {
    private FeatureMessages() {
    }

    /**
     * The segment's PCM: from {@code pcm_s16le} or, in older records, {@code pcm_f32le} or the
     * packed {@code samples}.
     */
    public static double[] samples(AudioSegment s) {
        double[] x = new double[sampleCount(s)];
        if (!s.getPcmS16Le().isEmpty()) {
            SegmentPcm.decode(s.getPcmS16Le().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer(),
                    s.getPcmS16LeExponent(), x);
        } else if (!s.getPcmF32Le().isEmpty()) {
            FloatBuffer pcm = s.getPcmF32Le().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            for (int i = 0; i < x.length; i++) {
                x[i] = pcm.get(i);
            }
        } else {
            for (int i = 0; i < x.length; i++) {
                x[i] = s.getSamples(i);
            }
        }
        return x;
    }

    /**
     * How many samples the segment holds.
     *
     * @throws IllegalArgumentException where the PCM bytes are not a whole number of samples
     */
    public static int sampleCount(AudioSegment s) {
        if (!s.getPcmS16Le().isEmpty()) {
            return wholeSamples(s.getPcmS16Le().size(), Short.BYTES, "pcm_s16le", "16-bit");
        }
        if (!s.getPcmF32Le().isEmpty()) {
            return wholeSamples(s.getPcmF32Le().size(), Float.BYTES, "pcm_f32le", "float32");
        }
        return s.getSamplesCount();
    }

    private static int wholeSamples(int bytes, int width, String field, String what) {
        if (bytes % width != 0) {
            throw new IllegalArgumentException(field + " of " + bytes + " bytes is not a whole number of " + what + " samples");
        }
        return bytes / width;
    }

    /** The form writers send: {@link AudioSegments#setPcm} (the producer library's). */
    public static AudioSegment.Builder setPcm(AudioSegment.Builder b, float[] track, int start, int available, int count,
                                              byte[] scratch) {
        return AudioSegments.setPcm(b, track, start, available, count, scratch);
    }

    public static SegmentFeatures toProto(AudioSegment from, FeatureSettings settings, Map<String, FeatureMatrix> features) {
        SegmentFeatures.Builder b = SegmentFeatures.newBuilder().setTrackId(from.getTrackId())
                .setSegmentIndex(from.getSegmentIndex()).setSegmentCount(from.getSegmentCount())
                .setFeatureSettingsId(settings.id()).setIngestTimeMs(from.getIngestTimeMs());
        for (FeatureMatrix m : features.values()) {
            io.tagger.proto.v1.FeatureMatrix.Builder f = io.tagger.proto.v1.FeatureMatrix.newBuilder()
                    .setName(m.name()).setRows(m.rows()).setFrames(m.frames());
            for (double v : m.values()) {
                f.addValues32((float) v);
            }
            b.addFeatures(f);
        }
        return b.build();
    }

    /**
     * The model inputs of a segment, as float32 in the order of {@code keys}; every matrix must have
     * the expected shape.
     *
     * @throws IllegalArgumentException naming the first feature that is missing or mis-shaped
     */
    public static float[][] inputs(SegmentFeatures s, List<String> keys, int[] rows, int[] frames) {
        io.tagger.proto.v1.FeatureMatrix[] matrices = checked(s, keys, rows, frames);
        float[][] out = new float[matrices.length][];
        for (int o = 0; o < matrices.length; o++) {
            io.tagger.proto.v1.FeatureMatrix m = matrices[o];
            boolean f32 = m.getValues32Count() > 0;
            float[] v = new float[f32 ? m.getValues32Count() : m.getValuesCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = f32 ? m.getValues32(i) : (float) m.getValues(i);
            }
            out[o] = v;
        }
        return out;
    }

    /**
     * The segment's matrices in the order of {@code keys}, each checked against the expected shape,
     * without copying their values.
     *
     * @throws IllegalArgumentException naming the first feature that is missing or mis-shaped
     */
    private static io.tagger.proto.v1.FeatureMatrix[] checked(SegmentFeatures s, List<String> keys, int[] rows, int[] frames) {
        io.tagger.proto.v1.FeatureMatrix[] out = new io.tagger.proto.v1.FeatureMatrix[keys.size()];
        Map<String, io.tagger.proto.v1.FeatureMatrix> byName = new java.util.HashMap<>();
        for (io.tagger.proto.v1.FeatureMatrix m : s.getFeaturesList()) {
            byName.put(m.getName(), m);
        }
        for (int o = 0; o < keys.size(); o++) {
            io.tagger.proto.v1.FeatureMatrix m = byName.get(keys.get(o));
            if (m == null) {
                throw new IllegalArgumentException("feature '" + keys.get(o) + "' is missing");
            }
            int count = m.getValues32Count() > 0 ? m.getValues32Count() : m.getValuesCount();
            if (m.getRows() != rows[o] || m.getFrames() != frames[o] || count != rows[o] * frames[o]) {
                throw new IllegalArgumentException("feature '" + keys.get(o) + "' is " + m.getRows() + " x " + m.getFrames()
                        + " with " + count + " values, the model expects " + rows[o] + " x " + frames[o]);
            }
            out[o] = m;
        }
        return out;
    }
}
