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
    void removedFormsAreNotReadAndAreNamed() throws Exception {
        double[] x = {0.1, -2};
        AudioSegment packed = AudioSegment.parseFrom(FeatureTopologyTest.withRemovedField(AudioSegment.getDefaultInstance(), 5,
                FeatureTopologyTest.floats(x)));
        AudioSegment f32 = AudioSegment.parseFrom(FeatureTopologyTest.withRemovedField(AudioSegment.getDefaultInstance(), 9,
                FeatureTopologyTest.floats(x)));
        assertThat(FeatureMessages.removedPcmForm(packed)).isEqualTo("samples");
        assertThat(FeatureMessages.removedPcmForm(f32)).isEqualTo("pcm_f32le");
        for (AudioSegment s : java.util.List.of(packed, f32)) {
            assertThat(s.getPcmS16Le().isEmpty()).isTrue();
            assertThatThrownBy(() -> FeatureMessages.samples(s)).isInstanceOf(FeatureMessages.NoPcm.class)
                    .hasMessageContaining("'" + FeatureMessages.removedPcmForm(s) + "', a form removed before 1.0")
                    .satisfies(e -> assertThat(((FeatureMessages.NoPcm) e).removedForm()).isTrue());
        }
        AudioSegment none = AudioSegment.newBuilder().setTrackId("t").build();
        assertThat(FeatureMessages.removedPcmForm(none)).isNull();
        assertThatThrownBy(() -> FeatureMessages.sampleCount(none)).isInstanceOf(FeatureMessages.NoPcm.class)
                .hasMessage("AudioSegment without pcm_s16le (no PCM)")
                .satisfies(e -> assertThat(((FeatureMessages.NoPcm) e).removedForm()).isFalse());
        // Both: the one form is read, the removed one ignored.
        AudioSegment both = AudioSegment.parseFrom(FeatureTopologyTest.withRemovedField(
                FeatureMessages.setPcm(AudioSegment.newBuilder(), new float[]{0.5f}, 0, 1, 1, new byte[2]).build(), 9,
                FeatureTopologyTest.floats(x)));
        assertThat(FeatureMessages.samples(both)).containsExactly(0.5);
    }

    @Test
    void pcmOfTornSamplesIsRefused() {
        AudioSegment odd = AudioSegment.newBuilder().setPcmS16Le(com.google.protobuf.ByteString.copyFrom(new byte[5])).build();
        assertThatThrownBy(() -> FeatureMessages.sampleCount(odd))
                .hasMessage("pcm_s16le of 5 bytes is not a whole number of 16-bit samples");
    }
}
