package io.tagger.featurecache;

import io.tagger.audio.AudioDecoder;
import io.tagger.audio.Segmenter;
import io.tagger.corpus.CorpusGenerator;
import io.tagger.dataset.Clip;
import io.tagger.dataset.MtatDataset;
import io.tagger.features.Architectures;
import io.tagger.features.FeatureExtractor;
import io.tagger.features.FeatureSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureCacheTest {
    @TempDir
    static Path corpus;
    static MtatDataset dataset;
    static final FeatureSettings A = Architectures.named("a");

    @BeforeAll
    static void corpus() throws Exception {
        List<Path> sf = CorpusGenerator.installedSoundFonts().stream()
                .filter(p -> p.getFileName().toString().startsWith("TimGM6mb")).toList();
        new CorpusGenerator(sf, 2, 4).generate(corpus, 4, 21);
        // One undecodable clip, as MTAT has a few.
        Path annotations = corpus.resolve(MtatDataset.ANNOTATIONS);
        List<String> lines = new ArrayList<>(Files.readAllLines(annotations));
        String[] cells = lines.get(1).split("\t");
        cells[0] = "\"broken\"";
        cells[cells.length - 1] = "\"5/broken.mp3\"";
        lines.add(String.join("\t", cells));
        Files.write(annotations, lines);
        Files.writeString(corpus.resolve("5/broken.mp3"), "not audio at all");
        dataset = MtatDataset.read(corpus, MtatDataset.TOP_TAGS);
    }

    @Test
    void roundTripIsBitExactAgainstDirectExtraction(@TempDir Path dir) throws Exception {
        FeatureCache cache = new FeatureCache(dir, A, Architectures.SEGMENTS_PER_TRACK);
        FeatureCache.BuildReport r = cache.build(dataset.clips(), 2, false);
        assertThat(r.computed()).isEqualTo(4);
        assertThat(r.skipped()).singleElement().asString().startsWith("broken:");
        Clip clip = dataset.clips().get(0);
        ClipFeatures cached = cache.read(clip.id());
        float[] audio = AudioDecoder.builder().setSampleRate(16000).build().decode(clip.audio()).samples();
        ClipFeatures direct = FeatureCache.compute(new FeatureExtractor(A), new Segmenter(A.segmentSamples(), Architectures.SEGMENTS_PER_TRACK),
                clip.id(), audio);
        assertThat(cached.segments()).hasSize(10).hasSameSizeAs(direct.segments());
        for (int s = 0; s < 10; s++) {
            for (int o = 0; o < A.outputs().size(); o++) {
                float[] x = cached.segments().get(s).values()[o];
                float[] y = direct.segments().get(s).values()[o];
                assertThat(x).hasSize(y.length);
                for (int i = 0; i < x.length; i++) {
                    assertThat(Float.floatToRawIntBits(x[i])).isEqualTo(Float.floatToRawIntBits(y[i]));
                }
            }
        }
        assertThat(cached.segments().get(0).frames()[A.keys().indexOf("chromagram")]).isEqualTo(272);
        assertThat(dir.resolve(A.id()).resolve("manifest.json")).exists();
    }

    @Test
    void rerunSkipsWhatIsCachedAndRebuildsCorruptEntries(@TempDir Path dir) throws Exception {
        FeatureCache cache = new FeatureCache(dir, A, Architectures.SEGMENTS_PER_TRACK);
        cache.build(dataset.clips(), 2, false);
        FeatureCache.BuildReport again = cache.build(dataset.clips(), 2, false);
        assertThat(again.computed()).isZero();
        assertThat(again.cached()).isEqualTo(4);

        Path e0 = cache.entry(dataset.clips().get(0).id());
        byte[] b = Files.readAllBytes(e0);
        b[b.length / 2] ^= 0x40; // a flipped bit
        Files.write(e0, b);
        Path e1 = cache.entry(dataset.clips().get(1).id());
        byte[] c = Files.readAllBytes(e1);
        Files.write(e1, java.util.Arrays.copyOf(c, c.length / 3)); // a partial write
        FeatureCache.BuildReport repaired = cache.build(dataset.clips(), 2, false);
        assertThat(repaired.rebuilt()).isEqualTo(2);
        assertThat(repaired.computed()).isEqualTo(2);
        assertThat(cache.read(dataset.clips().get(0).id()).segments()).hasSize(10);
    }
}
