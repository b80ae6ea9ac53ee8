package io.tagger.audio;

import org.junit.jupiter.api.Test;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class AudioDecoderTest {
    private static final AudioDecoder AT_16K = AudioDecoder.builder().setSampleRate(16000).build();

    static Path fixture(String name) {
        return Paths.get("src/test/resources/audio", name);
    }

    /** 16-bit PCM read directly, scaled by 1/32768 (what audioread gives). */
    static float[] pcm(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] b = in.readAllBytes();
            int ch = in.getFormat().getChannels();
            float[] x = new float[b.length / 2 / ch];
            for (int i = 0; i < x.length; i++) {
                float s = 0;
                for (int c = 0; c < ch; c++) {
                    int j = 2 * (i * ch + c);
                    s += (short) ((b[j] & 0xff) | (b[j + 1] << 8)) / 32768f;
                }
                x[i] = s;
            }
            return x;
        }
    }

    @Test
    void wavAtItsOwnRateIsBitExact() throws Exception {
        DecodedAudio a = AT_16K.decode(fixture("chord16k.wav"));
        assertThat(a.sampleRate()).isEqualTo(16000);
        assertThat(a.sourceSampleRate()).isEqualTo(16000);
        assertThat(java.util.Arrays.equals(a.samples(), pcm(fixture("chord16k.wav")))).isTrue();
    }

    @Test
    void stereoIsTheSumOfItsChannels() throws Exception {
        DecodedAudio a = AudioDecoder.builder().setSampleRate(22050).build().decode(fixture("stereo.wav"));
        assertThat(a.channels()).isEqualTo(2);
        float[] expected = pcm(fixture("stereo.wav"));
        assertThat(a.samples()).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(a.samples()[i]).isEqualTo(expected[i], offset(1e-6f));
        }
    }

    @Test
    void resampledStereoIsTheSumOfItsResampledChannels() throws Exception {
        // The resampler sums the channels first and resamples one: the same (up to float
        // rounding) as resampling each channel alone and summing them.
        Path dir = Files.createTempDirectory("stereo");
        float[] sum = null;
        for (int c = 0; c < 2; c++) {
            Path one = dir.resolve("channel" + c + ".wav");
            writeChannel(fixture("stereo.wav"), c, one);
            float[] x = AT_16K.decode(one).samples();
            if (sum == null) {
                sum = x.clone();
            } else {
                for (int i = 0; i < x.length; i++) {
                    sum[i] += x[i];
                }
            }
        }
        DecodedAudio a = AT_16K.decode(fixture("stereo.wav"));
        assertThat(a.channels()).isEqualTo(2);
        assertThat(a.samples()).hasSize(sum.length);
        for (int i = 0; i < sum.length; i++) {
            assertThat(a.samples()[i]).isEqualTo(sum[i], offset(1e-6f));
        }
    }

    /** Writes one channel of a 16-bit WAV as a mono WAV. */
    static void writeChannel(Path wav, int channel, Path out) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] b = in.readAllBytes();
            int ch = in.getFormat().getChannels();
            byte[] one = new byte[b.length / ch];
            for (int i = 0; i < one.length / 2; i++) {
                one[2 * i] = b[2 * (i * ch + channel)];
                one[2 * i + 1] = b[2 * (i * ch + channel) + 1];
            }
            AudioFormat f = new AudioFormat(in.getFormat().getSampleRate(), 16, 1, true, false);
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(one), f, one.length / 2),
                    AudioFileFormat.Type.WAVE, out.toFile());
        }
    }

    @Test
    void sourceRateKeepsEachFilesOwnRate() throws Exception {
        DecodedAudio a = AudioDecoder.builder().setSourceSampleRate().build().decode(fixture("stereo.wav"));
        assertThat(a.sampleRate()).isEqualTo(22050);
        assertThat(a.samples()).hasSize(22050);
    }

    @Test
    void resamplesToTheRequestedRate() throws Exception {
        DecodedAudio a = AudioDecoder.builder().setSampleRate(8000).build().decode(fixture("chord16k.wav"));
        assertThat(a.sampleRate()).isEqualTo(8000);
        assertThat(a.samples().length).isBetween(23900, 24100); // 3 s
    }

    @Test
    void compressedFormatsDecodeCloseToTheSource() throws Exception {
        float[] ref = pcm(fixture("chord16k.wav"));
        double refRms = rms(ref, 0, ref.length);
        for (String f : new String[]{"chord16k.flac", "chord16k.ogg", "chord16k.mp3"}) {
            DecodedAudio a = AT_16K.decode(fixture(f));
            assertThat(a.sampleRate()).as(f).isEqualTo(16000);
            // MP3 adds encoder delay and padding; all formats keep the length within 0.1 s.
            assertThat(a.durationSeconds()).as(f).isBetween(2.95, 3.15);
            assertThat(rms(a.samples(), 0, a.samples().length)).as(f).isCloseTo(refRms, org.assertj.core.data.Percentage.withPercentage(10));
        }
        // FLAC is lossless: bit-exact.
        assertThat(java.util.Arrays.equals(AT_16K.decode(fixture("chord16k.flac")).samples(), ref)).isTrue();
    }

    @Test
    void badInputGivesAClearError() {
        assertThatThrownBy(() -> AT_16K.decode(fixture("empty.wav")))
                .isInstanceOf(AudioDecodingException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> AT_16K.decode(fixture("garbage.mp3")))
                .isInstanceOf(AudioDecodingException.class).hasMessageContaining("garbage.mp3");
        assertThatThrownBy(() -> AT_16K.decode(fixture("missing.wav")))
                .isInstanceOf(AudioDecodingException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> AT_16K.decode(Paths.get("src/test/resources/audio")))
                .isInstanceOf(AudioDecodingException.class).hasMessageContaining("directory");
        AudioDecoder short1s = AudioDecoder.builder().setSampleRate(16000).optMaxSeconds(1).build();
        assertThatThrownBy(() -> short1s.decode(fixture("chord16k.wav")))
                .isInstanceOf(AudioDecodingException.class).hasMessageContaining("longer than");
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> AudioDecoder.builder().setSampleRate(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AudioDecoder.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AudioDecoder.builder().optMaxSeconds(0)).isInstanceOf(IllegalArgumentException.class);
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * (double) x[i];
        }
        return Math.sqrt(s / (to - from));
    }
}
