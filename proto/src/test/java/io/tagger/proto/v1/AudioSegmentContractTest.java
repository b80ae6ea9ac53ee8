package io.tagger.proto.v1;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #21: AudioSegment carries its PCM in one form, {@code pcm_s16le}; the numbers and names of
 * the two removed forms are reserved, so no later field can reuse them (and make an old record's
 * bytes mean something else).
 */
class AudioSegmentContractTest {
    static final Descriptor D = AudioSegment.getDescriptor();

    @Test
    void thePcmHasOneForm() {
        List<String> pcm = D.getFields().stream().map(FieldDescriptor::getName)
                .filter(n -> n.startsWith("pcm") || n.equals("samples")).toList();
        assertThat(pcm).containsExactly("pcm_s16le", "pcm_s16le_exponent");
        assertThat(D.findFieldByName("pcm_s16le").getNumber()).isEqualTo(10);
        assertThat(D.findFieldByName("pcm_s16le").getType()).isEqualTo(FieldDescriptor.Type.BYTES);
        assertThat(D.findFieldByName("pcm_s16le_exponent").getNumber()).isEqualTo(11);
    }

    @Test
    void theRemovedFormsAreReserved() {
        for (int n : new int[]{5, 9}) {
            assertThat(D.findFieldByNumber(n)).as("field %d", n).isNull();
            assertThat(D.isReservedNumber(n)).as("field %d reserved", n).isTrue();
        }
        assertThat(D.isReservedName("samples")).isTrue();
        assertThat(D.isReservedName("pcm_f32le")).isTrue();
        // The fields a reader needs are where they were.
        assertThat(D.findFieldByNumber(1).getName()).isEqualTo("track_id");
        assertThat(D.findFieldByNumber(4).getName()).isEqualTo("sample_rate");
        assertThat(D.findFieldByNumber(8).getName()).isEqualTo("zero_padded");
    }
}
