package io.tagger.pipeline;

import io.tagger.audio.SegmentPcm;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.FeatureSettings;
import io.tagger.proto.v1.AudioSegment;
import io.tagger.proto.v1.SegmentFeatures;
import io.tagger.producer.AudioSegments;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/** Conversions between the feature library's values and the wire messages. */
public final class FeatureMessages {
    private FeatureMessages() {
    }

    /**
     * The PCM forms removed from {@code AudioSegment} before 1.0, by field number: their numbers and
     * names are reserved in the .proto, so a record that still carries one (an old record on the
     * retained {@code audio-in}) parses with it as an unknown field, and has no PCM.
     */
    static final Map<Integer, String> REMOVED_PCM_FORMS = Map.of(5, "samples", 9, "pcm_f32le");

    /** The segment's PCM, from {@code pcm_s16le}: the one form ({@link #sampleCount} for the checks). */
    public static double[] samples(AudioSegment s) {
        double[] x = new double[sampleCount(s)];
        SegmentPcm.decode(s.getPcmS16Le().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer(),
                s.getPcmS16LeExponent(), x);
        return x;
    }

    /**
     * How many samples the segment's {@code pcm_s16le} holds.
     *
     * @throws NoPcm                    where the segment carries no {@code pcm_s16le}
     * @throws IllegalArgumentException where the PCM bytes are not a whole number of samples
     */
    public static int sampleCount(AudioSegment s) {
        if (s.getPcmS16Le().isEmpty()) {
            String removed = removedPcmForm(s);
            throw new NoPcm(removed == null ? "AudioSegment without pcm_s16le (no PCM)"
                    : "AudioSegment without pcm_s16le: its PCM is in '" + removed + "', a form removed before 1.0 that is"
                    + " no longer read; publish the track again", removed != null);
        }
        int bytes = s.getPcmS16Le().size();
        if (bytes % Short.BYTES != 0) {
            throw new IllegalArgumentException("pcm_s16le of " + bytes + " bytes is not a whole number of 16-bit samples");
        }
        return bytes / Short.BYTES;
    }

    /**
     * The name of the removed PCM form the record carries (as an unknown field), or null: such a
     * record was tagged before 1.0 and is not readable now.
     */
    public static String removedPcmForm(AudioSegment s) {
        for (int field : new java.util.TreeSet<>(REMOVED_PCM_FORMS.keySet())) {
            if (s.getUnknownFields().hasField(field)) {
                return REMOVED_PCM_FORMS.get(field);
            }
        }
        return null;
    }

    /** A segment without {@code pcm_s16le}: no PCM the pipeline reads. */
    public static final class NoPcm extends IllegalArgumentException {
        private final boolean removedForm;

        NoPcm(String message, boolean removedForm) {
            super(message);
            this.removedForm = removedForm;
        }

        /** True where the record carries its PCM in a form removed before 1.0 (it was readable when it came in). */
        public boolean removedForm() {
            return removedForm;
        }
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
