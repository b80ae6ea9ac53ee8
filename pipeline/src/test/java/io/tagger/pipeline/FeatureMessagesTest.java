package io.tagger.pipeline;

import io.tagger.audio.SegmentPcm;
import io.tagger.proto.v1.AudioSegment;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureMessagesTest {
    @Test
    void aSegmentsPcmIsItsPartOfTheTrackAt16BitsThenZeros() {
        float[] track = {9f, 0.25f, -1.5f, 3.0e-7f, 7f};
        byte[] scratch = new byte[6 * Short.BYTES];
        Arrays.fill(scratch, (byte) 1); // what a previous segment left there
        AudioSegment s = FeatureMessages.setPcm(AudioSegment.newBuilder(), track, 1, 4, 6, scratch).build();
        assertThat(s.getPcmS16Le().size()).isEqualTo(6 * Short.BYTES);
        assertThat(s.getPcmF32Le().isEmpty()).isTrue();
        assertThat(s.getPcmS16LeExponent()).isEqualTo(-12); // 7 = 28672 * 2^-12
        assertThat(FeatureMessages.sampleCount(s)).isEqualTo(6);
        // 0.25, -1.5 and 7 are whole codes; 3e-7 is below half a step (2^-13).
        assertThat(FeatureMessages.samples(s)).containsExactly(0.25, -1.5, 0.0, 7.0, 0.0, 0.0);
    }

    @Test
    void whatTheOfflinePathAnalysesIsWhatTheRecordCarries() {
        float[] track = new float[5000];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < track.length; i++) {
            track[i] = (float) (r.nextGaussian() * 0.2);
        }
        AudioSegment s = FeatureMessages.setPcm(AudioSegment.newBuilder(), track, 1000, 3000, 4000, new byte[8000]).build();
        double[] offline = new double[4000];
        SegmentPcm.roundTrip(track, 1000, 3000, offline);
        assertThat(FeatureMessages.samples(s)).containsExactly(offline);
    }

    @Test
    void olderFormsStillRead() {
        java.nio.ByteBuffer f32 = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(0.1f).putFloat(-2f);
        AudioSegment bytes = AudioSegment.newBuilder().setPcmF32Le(com.google.protobuf.ByteString.copyFrom(f32.array())).build();
        AudioSegment packed = AudioSegment.newBuilder().addSamples(0.1f).addSamples(-2f).build();
        assertThat(FeatureMessages.samples(bytes)).containsExactly(0.1f, -2.0);
        assertThat(FeatureMessages.samples(packed)).containsExactly(0.1f, -2.0);
    }

    @Test
    void pcmOfTornSamplesIsRefused() {
        AudioSegment odd = AudioSegment.newBuilder().setPcmS16Le(com.google.protobuf.ByteString.copyFrom(new byte[5])).build();
        assertThatThrownBy(() -> FeatureMessages.sampleCount(odd))
                .hasMessage("pcm_s16le of 5 bytes is not a whole number of 16-bit samples");
        AudioSegment torn = AudioSegment.newBuilder().setPcmF32Le(com.google.protobuf.ByteString.copyFrom(new byte[6])).build();
        assertThatThrownBy(() -> FeatureMessages.sampleCount(torn))
                .hasMessage("pcm_f32le of 6 bytes is not a whole number of float32 samples");
    }
}
