package io.tagger.audio;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded run of the decoder fuzz harness ({@link DecoderFuzz}; the full 10,000 files:
 * {@code benchmarks/run-decoder-fuzz.sh}): every mutated file of every container ends decoded or
 * refused with a clear {@link AudioDecodingException}, each in a child JVM. {@code
 * -Dtagger.fuzz.files=N} runs more.
 */
class DecoderFuzzTest {
    @Test
    void everyMutatedFileEndsDecodedOrRefused() throws Exception {
        int files = Integer.getInteger("tagger.fuzz.files", 300);
        Path work = Paths.get("target/decoder-fuzz-test");
        DecoderFuzz.Report report = DecoderFuzz.run(files, 2, 7, work, false);
        System.out.print(report.table());
        assertThat(report.total()).isEqualTo(files);
        assertThat(report.findings()).as("hangs, crashes or other exceptions (files kept in " + work + "/findings)").isEmpty();
        for (String c : DecoderFuzz.CONTAINERS) {
            assertThat(report.counts().get(c).values().stream().mapToInt(Integer::intValue).sum()).as(c).isEqualTo(files / 4);
        }
        // Both outcomes occur: the mutations are neither all harmless nor all fatal.
        assertThat(report.counts().values().stream().mapToInt(m -> m.getOrDefault(DecodeWorkerProcess.Outcome.DECODED, 0)).sum()).isPositive();
        assertThat(report.counts().values().stream().mapToInt(m -> m.getOrDefault(DecodeWorkerProcess.Outcome.REJECTED, 0)).sum()).isPositive();
    }
}
