package io.tagger.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the decoder fuzz harness found (#20 C), each decoded in a child JVM as the harness does,
 * since before the fixes they crashed or exhausted it: every one is now refused with a clear
 * {@link AudioDecodingException}.
 */
class HostileFilesTest {
    @TempDir
    Path tmp;

    private static DecodeWorkerProcess.Result decodeInAChild(Path f) throws Exception {
        try (DecodeWorkerProcess child = new DecodeWorkerProcess("128m", 10, 60_000)) {
            return child.decode(f);
        }
    }

    /** chord16k.wav with its header's sample rate (and byte rate) set to {@code rate}, channels to {@code channels}. */
    private Path wav(String name, int rate, int channels) throws Exception {
        byte[] b = Files.readAllBytes(AudioDecoderTest.fixture("chord16k.wav"));
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort(22, (short) channels);
        h.putInt(24, rate);
        h.putInt(28, rate * 2 * channels);
        h.putShort(32, (short) (2 * channels));
        return Files.write(tmp.resolve(name), b);
    }

    @Test
    void aSampleRateOfGigahertzIsRefusedBeforeTheResamplerAllocatesForIt() throws Exception {
        // Fuzz finding: 1.7 GHz made libswresample allocate its filter in GBs (over 30 s, then out of memory).
        for (int rate : new int[]{1_697_201_792, 67_130_914, 999}) {
            DecodeWorkerProcess.Result r = decodeInAChild(wav("rate" + rate + ".wav", rate, 1));
            assertThat(r.outcome()).as(r.detail()).isEqualTo(DecodeWorkerProcess.Outcome.REJECTED);
            assertThat(r.detail()).contains("a sample rate of " + rate + " Hz, outside the supported 1000 to 768000 Hz");
        }
    }

    @Test
    void moreChannelsThanTheResamplerHoldsAreRefused() throws Exception {
        DecodeWorkerProcess.Result r = decodeInAChild(wav("channels.wav", 16000, 100));
        assertThat(r.outcome()).as(r.detail()).isEqualTo(DecodeWorkerProcess.Outcome.REJECTED);
        assertThat(r.detail()).contains("100 channels, more than the 64 supported");
    }

    @Test
    void anMp3ThatChangesItsChannelsMidwayIsRefusedNotACrash() throws Exception {
        // Fuzz finding: a stereo frame after mono ones made the resampler read a plane that is not there (SIGSEGV).
        DecodeWorkerProcess.Result r = decodeInAChild(AudioDecoderTest.fixture("channel-switch.mp3"));
        assertThat(r.outcome()).as(r.detail()).isEqualTo(DecodeWorkerProcess.Outcome.REJECTED);
        assertThat(r.detail()).contains("the audio stream changes format midway");
    }
}
