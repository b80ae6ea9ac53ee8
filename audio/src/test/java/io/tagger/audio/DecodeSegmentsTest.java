package io.tagger.audio;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AudioDecoder#decodeSegments} keeps only the segments' samples, yet gives exactly the
 * segments cutting the whole decoded track gives, on real files of every container (#20 A).
 */
class DecodeSegmentsTest {
    private static final Segmenter TEN = new Segmenter(46560, 10);
    private static final AudioDecoder AT_16K = AudioDecoder.builder().setSampleRate(16000).build();
    /** Generated files, kept between runs. */
    static final Path FILES = Paths.get("target/test-audio");

    static Path file(String container, double seconds, int rate, int channels) throws Exception {
        return file(container, seconds, rate, channels, 0);
    }

    /** A generated file of the test signal, made once and kept in target/test-audio. */
    static Path file(String container, double seconds, int rate, int channels, int bitRate) throws Exception {
        Files.createDirectories(FILES);
        Path f = FILES.resolve(String.format(java.util.Locale.ROOT, "t%.2f-%d-%d%s.%s", seconds, rate, channels,
                bitRate > 0 ? "-" + bitRate : "", container));
        if (!Files.exists(f)) {
            Path part = FILES.resolve(f.getFileName() + ".part." + container);
            TestAudioFiles.write(part, container, rate, channels, seconds, bitRate);
            Files.move(part, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return f;
    }

    static void assertSameSegments(TrackSegments streamed, TrackSegments whole, String what) {
        assertThat(streamed.trackSamples()).as(what).isEqualTo(whole.trackSamples());
        assertThat(streamed.plan()).as(what).isEqualTo(whole.plan());
        for (int i = 0; i < whole.count(); i++) {
            // Arrays.equals: bit for bit (NaN aside), and fast on 46,560 samples.
            assertThat(java.util.Arrays.equals(streamed.pcm().get(i), whole.pcm().get(i))).as(what + " segment " + i).isTrue();
            double[] a = new double[46560];
            double[] b = new double[46560];
            streamed.copy(i, a);
            whole.copy(i, b);
            assertThat(java.util.Arrays.equals(a, b)).as(what + " segment " + i + " as carried").isTrue();
        }
    }

    @Test
    void segmentsAreThoseOfTheWholeTrackForEveryContainer() throws Exception {
        // Shorter than a segment, exactly one, a few, exactly ten (contiguous), more than ten.
        double[] lengths = {1.0, 2.91, 10.0, 29.1, 47.3, 200.0};
        for (String container : TestAudioFiles.CONTAINERS) {
            for (double seconds : lengths) {
                for (int[] format : new int[][]{{16000, 1}, {44100, 2}}) {
                    Path f = file(container, seconds, format[0], format[1]);
                    TrackSegments whole = TrackSegments.cut(TEN, AT_16K.decode(f).samples(), 16000);
                    assertSameSegments(AT_16K.decodeSegments(f, TEN), whole, f.getFileName().toString());
                }
            }
        }
    }

    @Test
    void theFixturesSegmentsAreThoseOfTheWholeTrack() throws Exception {
        Segmenter one = new Segmenter(8000, 3);
        for (String name : new String[]{"chord16k.wav", "chord16k.mp3", "chord16k.flac", "chord16k.ogg", "stereo.wav",
                "half-second.wav"}) {
            Path f = AudioDecoderTest.fixture(name);
            for (Segmenter s : new Segmenter[]{TEN, one}) {
                assertSameSegments(AT_16K.decodeSegments(f, s), TrackSegments.cut(s, AT_16K.decode(f).samples(), 16000), name);
            }
        }
    }

    @Test
    void aHeaderThatIsWrongMeansASecondReadingNotOtherSegments() throws Exception {
        // Cut files: the header (FLAC's STREAMINFO, MP3's LAME tag) still announces the whole length.
        for (String container : new String[]{"flac", "mp3"}) {
            Path full = file(container, 200.0, 16000, 1);
            byte[] bytes = Files.readAllBytes(full);
            Path cut = Files.write(FILES.resolve("cut-" + full.getFileName()), java.util.Arrays.copyOf(bytes, bytes.length * 3 / 5));
            StreamInfo info = AT_16K.probe(cut);
            TrackSegments whole = TrackSegments.cut(TEN, AT_16K.decode(cut).samples(), 16000);
            assertThat(info.estimatedSamples() - whole.trackSamples()).as(container + ": the header is off by more than the margin")
                    .isGreaterThan(2 * 16000);
            assertSameSegments(AT_16K.decodeSegments(cut, TEN), whole, cut.getFileName().toString());
        }
    }

    @Test
    void decodingTheWholeTrackIsUnchanged() throws Exception {
        // SHA-256 (first 8 bytes) of the little-endian float samples, as the decoder gave them before #20.
        Map<String, String> before = new LinkedHashMap<>();
        before.put("16000 chord16k.wav", "48000 17914889054121b8");
        before.put("16000 chord16k.mp3", "49536 c2b116edade9be4a");
        before.put("16000 chord16k.flac", "48000 17914889054121b8");
        before.put("16000 chord16k.ogg", "48000 d3f3d4c7440946e0");
        before.put("16000 stereo.wav", "16000 73c889af77358c1e");
        before.put("22050 chord16k.mp3", "68267 ecacb9ff6e497935");
        before.put("22050 chord16k.ogg", "66150 a3b36353bcdc859c");
        before.put("22050 stereo.wav", "22050 0d258a6a411a95fe");
        for (var e : before.entrySet()) {
            String[] key = e.getKey().split(" ");
            float[] x = AudioDecoder.builder().setSampleRate(Integer.parseInt(key[0])).build()
                    .decode(AudioDecoderTest.fixture(key[1])).samples();
            ByteBuffer b = ByteBuffer.allocate(4 * x.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(x);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()), 0, 8);
            assertThat(x.length + " " + hash).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void theDurationLimitHoldsForSegmentsToo() throws Exception {
        AudioDecoder short5s = AudioDecoder.builder().setSampleRate(16000).optMaxSeconds(5).build();
        Path f = file("mp3", 10.0, 16000, 1);
        assertThatThrownBy(() -> short5s.decodeSegments(f, TEN))
                .isInstanceOf(AudioDecodingException.class).hasMessageContaining("longer than the allowed 5.0 s");
    }

    @Test
    void theDecodeTimeLimitEndsDecodingWithAClearError() throws Exception {
        AudioDecoder hurried = AudioDecoder.builder().setSampleRate(16000).optMaxDecodeTime(Duration.ofNanos(1)).build();
        Path f = file("flac", 47.3, 44100, 2);
        assertThatThrownBy(() -> hurried.decodeSegments(f, TEN))
                .isInstanceOf(AudioDecodingException.class).hasMessageContaining("decoding took longer than the allowed");
        assertThatThrownBy(() -> hurried.decode(f))
                .isInstanceOf(AudioDecodingException.class).hasMessageContaining("decoding took longer than the allowed");
    }

    @Test
    void probeReadsTheHeaderOnly() throws Exception {
        StreamInfo info = AT_16K.probe(file("flac", 47.3, 44100, 2));
        assertThat(info.sourceSampleRate()).isEqualTo(44100);
        assertThat(info.channels()).isEqualTo(2);
        assertThat(info.estimatedSamples()).isEqualTo(756800);
        assertThatThrownBy(() -> AT_16K.probe(AudioDecoderTest.fixture("garbage.mp3"))).isInstanceOf(AudioDecodingException.class);
    }

    @Test
    void rejectsBadLimits() {
        assertThatThrownBy(() -> AudioDecoder.builder().optMaxDecodeTime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AudioDecoder.builder().optSegmentMargin(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AudioDecoder.builder().optMaxSeconds(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
