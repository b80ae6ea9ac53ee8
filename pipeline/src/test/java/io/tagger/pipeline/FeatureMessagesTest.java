package io.tagger.pipeline;

import io.tagger.proto.v1.AudioSegment;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureMessagesTest {
    @Test
    void aSegmentsPcmIsItsPartOfTheTrackThenZerosAndReadsBackExactly() {
        float[] track = {9f, 0.25f, -1.5f, 3.0e-7f, 7f};
        byte[] scratch = new byte[6 * Float.BYTES];
        Arrays.fill(scratch, (byte) 1); // what a previous segment left there
        AudioSegment s = FeatureMessages.setPcm(AudioSegment.newBuilder(), track, 1, 4, 6, scratch).build();
        assertThat(s.getPcmF32Le().size()).isEqualTo(6 * Float.BYTES);
        assertThat(FeatureMessages.sampleCount(s)).isEqualTo(6);
        assertThat(FeatureMessages.samples(s)).containsExactly(0.25, -1.5, (double) 3.0e-7f, 7.0, 0.0, 0.0);
    }
}
