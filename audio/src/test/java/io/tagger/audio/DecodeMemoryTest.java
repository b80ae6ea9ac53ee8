package io.tagger.audio;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decoding a track's segments costs memory in proportion to the segments kept, not to the file
 * (#20 A: a 3.6 MB, 60-minute, 8 kbit/s MP3 took the ingest from 190 MB to 1.2 GB with two
 * uploads at once, decoded whole into a growing array to keep ten 2.91 s segments). Measured two
 * ways, without timing: bytes allocated by the decoding thread, and a child JVM whose heap
 * (-Xmx24m) could not hold the track (60 min at 16 kHz: 230 MB of floats).
 */
class DecodeMemoryTest {
    private static final Segmenter TEN = new Segmenter(46560, 10);
    private static final AudioDecoder AT_16K = AudioDecoder.builder().setSampleRate(16000).build();

    /** 60 minutes: MP3 at 8 kbit/s (8 kHz mono, ~3.6 MB) and 16-bit WAV (16 kHz mono, 115 MB). */
    static Path[] hour() throws Exception {
        return new Path[]{DecodeSegmentsTest.file("mp3", 3600, 8000, 1, 8000), DecodeSegmentsTest.file("wav", 3600, 16000, 1)};
    }

    @Test
    void anHoursSegmentsAllocateAFewMegabytes() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Path f : hour()) {
            long before = threads.getCurrentThreadAllocatedBytes();
            TrackSegments t = AT_16K.decodeSegments(f, TEN);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            System.out.printf("%s (%.1f MB): segments allocated %.1f MB%n", f.getFileName(), Files.size(f) / 1e6, allocated / 1e6);
            assertThat(t.count()).isEqualTo(10);
            assertThat(t.durationSeconds()).as(f.toString()).isBetween(3599.0, 3601.0);
            // Ten segments plus margins (4.4 MB of floats) and the decoder's per-packet garbage; the
            // whole track alone is 230 MB (and its growing array's copies about 3 times that).
            assertThat(allocated).as(f + ": bytes allocated").isLessThan(40_000_000L);
        }
    }

    @Test
    void anHoursSegmentsDecodeInAChildJvmOf24Megabytes() throws Exception {
        try (DecodeWorkerProcess child = new DecodeWorkerProcess("24m", 600, 900_000)) {
            for (Path f : hour()) {
                DecodeWorkerProcess.Result r = child.decode(f);
                assertThat(r.outcome()).as(f + ": " + r.detail()).isEqualTo(DecodeWorkerProcess.Outcome.DECODED);
                assertThat(r.detail()).startsWith("10 ");
            }
        }
    }
}
