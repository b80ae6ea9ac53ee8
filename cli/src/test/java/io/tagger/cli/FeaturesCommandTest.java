package io.tagger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;

/** The command contract of {@code ./tagger features}, end to end on real files. */
class FeaturesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The features module's MIRtoolbox reference data (the build passes its path). */
    private static final Path REF = Paths.get(System.getProperty("mirtoolbox.reference.dir",
            "../features/src/test/resources/mirtoolbox-reference"));
    private static final Path AUDIO = Paths.get("../audio/src/test/resources/audio");

    @TempDir
    Path tmp;

    @Test
    void mirtoolboxSettingsWriteEveryKeyAsTheReferenceLaysItOut() throws Exception {
        Path out = tmp.resolve("out.json");
        int rc = Tagger.run("features", "--settings", "mirtoolbox", "--json", out.toString(),
                REF.resolve("clicks120_dither.wav").toString());
        assertThat(rc).isZero();
        JsonNode root = JSON.readTree(out.toFile());
        assertThat(root.get("sample_rate").asInt()).isEqualTo(22050);
        JsonNode f = root.get("features");
        assertThat(iterable(f.fieldNames())).containsExactly("rms", "zerocross", "pulseclarity", "pulseclarity_1s",
                "beatspectrum", "flux", "centroid", "rolloff", "flatness", "entropy", "skewness", "kurtosis",
                "chromagram", "mfcc");
        JsonNode ref = JSON.readTree(REF.resolve("clicks120_dither_centroid.json").toFile());
        JsonNode centroid = f.get("centroid");
        assertThat(centroid.get("data").get(0).size()).isEqualTo(119);
        for (int j = 0; j < 119; j++) {
            JsonNode a = centroid.get("data").get(0).get(j);
            JsonNode b = ref.get("data").get(j);
            assertThat(a.isNull()).as("NaN written as null at " + j).isEqualTo(b.isNull());
            if (!b.isNull()) {
                assertThat(a.asDouble()).isCloseTo(b.asDouble(), org.assertj.core.data.Percentage.withPercentage(1e-4));
            }
            assertThat(centroid.get("frame_start").get(j).asDouble()).isEqualTo(ref.get("frame_start").get(j).asDouble());
        }
        assertThat(f.get("chromagram").get("data").size()).isEqualTo(12);
        assertThat(f.get("mfcc").get("data").size()).isEqualTo(13);
    }

    @Test
    void architectureSettingsWriteEachSegment() throws Exception {
        Path out = tmp.resolve("b.json");
        assertThat(Tagger.run("features", "--settings", "b", "--json", out.toString(),
                AUDIO.resolve("chord16k.mp3").toString())).isZero();
        JsonNode root = JSON.readTree(out.toFile());
        assertThat(root.get("sample_rate").asInt()).isEqualTo(16000);
        assertThat(root.get("settings").get("name").asText()).isEqualTo("b");
        JsonNode seg = root.get("segments").get(0);
        assertThat(seg.get("features").get("mfcc").get("data").get(0).size()).isEqualTo(243);
        assertThat(seg.get("features").get("pulseclarity").get("data").get(0).size()).isEqualTo(27);
    }

    @Test
    void badInputExitsNonZeroWithAMessage() {
        assertThat(Tagger.run("features", "--json", tmp.resolve("x.json").toString(),
                AUDIO.resolve("garbage.mp3").toString())).isEqualTo(Tagger.EXIT_BAD_INPUT);
        assertThat(Tagger.run("features", "--json", tmp.resolve("x.json").toString(),
                AUDIO.toString())).isEqualTo(Tagger.EXIT_BAD_INPUT);
        assertThat(Tagger.run("features", "--settings", "z", "--json", tmp.resolve("x.json").toString(),
                AUDIO.resolve("chord16k.wav").toString())).isEqualTo(Tagger.EXIT_BAD_INPUT);
        assertThat(tmp.resolve("x.json")).doesNotExist();
    }

    private static <T> java.util.List<T> iterable(java.util.Iterator<T> it) {
        java.util.List<T> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
