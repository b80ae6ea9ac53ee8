package io.tagger.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reason kinds of the reasons each stage writes (counted by dlq count and the dead-letter counter). */
class DeadLetterReasonsTest {
    static String kind(String stage, String reason) {
        return DeadLetterReasons.of(stage, reason);
    }

    @Test
    void everyReasonTheStagesWriteHasAKind() {
        assertThat(kind("features", "not an AudioSegment (corrupt protobuf): While parsing a protocol message..."))
                .isEqualTo("corrupt-protobuf");
        assertThat(kind("inference", "not SegmentFeatures (corrupt protobuf): x (original value of 3145728 bytes too large"
                + " to keep whole: truncated to 524288)")).isEqualTo("corrupt-protobuf");
        assertThat(kind("features", "AudioSegment without track id")).isEqualTo("no-track-id");
        assertThat(kind("features", "AudioSegment without pcm_s16le (no PCM)")).isEqualTo("no-pcm");
        assertThat(kind("retag-features", "AudioSegment without pcm_s16le: its PCM is in 'samples', a form removed before 1.0"
                + " that is no longer read; publish the track again")).isEqualTo("no-pcm");
        assertThat(kind("features", "record key is not the track id 't1'")).isEqualTo("key-not-track-id");
        assertThat(kind("features", "segment at 8000 Hz, the feature settings 'a' need 16000 Hz")).isEqualTo("wrong-sample-rate");
        assertThat(kind("features", "segment of 100 samples, expected 46560")).isEqualTo("wrong-segment-length");
        assertThat(kind("inference", "segment index 12 of 10")).isEqualTo("bad-segment-index");
        assertThat(kind("features", "pcm_s16le of 3 bytes is not a whole number of 16-bit samples")).isEqualTo("bad-pcm");
        assertThat(kind("inference", "features computed with settings 'b-0', the model m 1 needs 'a-1'"))
                .isEqualTo("other-feature-settings");
        assertThat(kind("inference", "feature 'mfcc' is missing")).isEqualTo("misshaped-features");
        assertThat(kind("inference", "feature 'mfcc' is 2 x 3, the model needs 13 x 128")).isEqualTo("misshaped-features");
        assertThat(kind("features", "unexpected error in processor 'KSTREAM-PROCESSVALUES-0000000001': NullPointerException"))
                .isEqualTo("processing-error");
        assertThat(kind("features", "cannot deserialize the record: SerializationException: x")).isEqualTo("deserialization-error");
        assertThat(kind("ingest", "x.mp3: cannot open (Invalid data found when processing input)")).isEqualTo("undecodable-audio");
        assertThat(kind("features", "something new")).isEqualTo(DeadLetterReasons.OTHER);
        assertThat(DeadLetterReasons.KINDS).contains("corrupt-protobuf", "no-pcm", "undecodable-audio", DeadLetterReasons.OTHER);
    }
}
