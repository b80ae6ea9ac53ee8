package io.tagger.pipeline;

import com.google.protobuf.ByteString;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.FeatureSettings;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.proto.v1.SegmentFeatures;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Conversions between the feature library's values and the wire messages. */
public final class FeatureMessages {
    private FeatureMessages() {
    }

    /** The segment's PCM, from {@code pcm_f32le} or, in older records, the packed {@code samples}. */
    public static double[] samples(AudioSegment s) {
        if (s.getPcmF32Le().isEmpty()) {
            double[] x = new double[s.getSamplesCount()];
            for (int i = 0; i < x.length; i++) {
                x[i] = s.getSamples(i);
            }
            return x;
        }
        FloatBuffer pcm = s.getPcmF32Le().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        double[] x = new double[sampleCount(s)];
        for (int i = 0; i < x.length; i++) {
            x[i] = pcm.get(i);
        }
        return x;
    }

    /**
     * How many samples the segment holds.
     *
     * @throws IllegalArgumentException where {@code pcm_f32le} is not a whole number of floats
     */
    public static int sampleCount(AudioSegment s) {
        int bytes = s.getPcmF32Le().size();
        if (bytes == 0) {
            return s.getSamplesCount();
        }
        if (bytes % Float.BYTES != 0) {
            throw new IllegalArgumentException("pcm_f32le of " + bytes + " bytes is not a whole number of float32 samples");
        }
        return bytes / Float.BYTES;
    }

    /**
     * Sets the segment's PCM as {@code pcm_f32le}: {@code available} samples of {@code track} from
     * {@code start}, then zeros up to {@code count} (a short track's padding), written through
     * {@code scratch} (at least {@code 4 * count} bytes, reused by the caller from segment to
     * segment) in one bulk copy.
     */
    public static AudioSegment.Builder setPcm(AudioSegment.Builder b, float[] track, int start, int available, int count,
                                              byte[] scratch) {
        int bytes = count * Float.BYTES;
        ByteBuffer.wrap(scratch, 0, bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(track, start, available);
        Arrays.fill(scratch, available * Float.BYTES, bytes, (byte) 0);
        return b.setPcmF32Le(ByteString.copyFrom(scratch, 0, bytes));
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
