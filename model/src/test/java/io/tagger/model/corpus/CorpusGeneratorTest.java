package io.tagger.model.corpus;

import io.tagger.audio.AudioDecoder;
import io.tagger.audio.DecodedAudio;
import io.tagger.model.dataset.Clip;
import io.tagger.model.dataset.MtatDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator on real SoundFonts (Debian's, installed by deploy/setup.sh): labels follow the
 * contract on what is rendered, the same seed gives the same corpus, no clip is silent, and the
 * reader reads it back.
 */
class CorpusGeneratorTest {
    static List<Path> soundfonts;

    @BeforeAll
    static void soundfonts() {
        soundfonts = CorpusGenerator.installedSoundFonts().stream()
                .filter(p -> p.getFileName().toString().startsWith("TimGM6mb")).toList();
        assertThat(soundfonts).as("TimGM6mb.sf2 (Debian timgm6mb-soundfont; run deploy/setup.sh)").isNotEmpty();
    }

    @Test
    void labelsFollowTheContractOnEveryComposedClip() {
        CorpusGenerator g = new CorpusGenerator(soundfonts, 1, 8);
        List<ClipPlan> plans = g.compose(400, 11);
        for (ClipPlan p : plans) {
            List<String> tags = TagContract.tagsOf(p);
            assertThat(tags.contains("drums")).isEqualTo(!p.drums().isEmpty());
            assertThat(tags.contains("fast")).isEqualTo(p.bpm() >= 130);
            assertThat(tags.contains("slow")).isEqualTo(p.bpm() <= 80);
            boolean solo = p.parts().stream().filter(x -> !x.notes().isEmpty()).count() == 1 && p.drums().isEmpty();
            assertThat(tags.contains("solo")).isEqualTo(solo);
            if (tags.contains("techno")) {
                assertThat(p.drumKit()).isIn(24, 25);
                assertThat(p.bpm()).isGreaterThanOrEqualTo(120);
                assertThat(TagContract.fourOnTheFloor(p)).isTrue();
            }
            if (tags.contains("metal")) {
                assertThat(p.parts()).anyMatch(x -> x.program() == 30);
                assertThat(tags).contains("rock", "fast", "guitar", "drums");
            }
            if (tags.contains("loud")) {
                assertThat(p.parts()).allMatch(x -> x.notes().stream().allMatch(n -> n.velocity() >= 100));
            }
            assertThat(tags.contains("vocal")).isNotEqualTo(tags.contains("no vocal"));
            assertThat(tags).doesNotContainAnyElementsOf(TagContract.NOT_SYNTHESISABLE);
        }
        // Balanced: every synthesisable tag in at least 5% of clips.
        for (String tag : TagContract.TAGS) {
            if (!TagContract.NOT_SYNTHESISABLE.contains(tag)) {
                long n = plans.stream().filter(p -> TagContract.tagsOf(p).contains(tag)).count();
                assertThat(n).as(tag).isGreaterThanOrEqualTo(20);
            }
        }
    }

    @Test
    void droneAndIndianRule() {
        Part sitar = new Part(0, 104, Part.Role.MELODY, 100, List.of(new Note(0, 62, 80, 0, 1)));
        Part drone = new Part(1, 48, Part.Role.DRONE, 100, List.of(new Note(1, 50, 80, 0, 29.1), new Note(1, 57, 80, 0, 29.1)));
        Part shortDrone = new Part(1, 48, Part.Role.DRONE, 100, List.of(new Note(1, 50, 80, 0, 20)));
        assertThat(TagContract.tagsOf(new ClipPlan("t", 100, 2, List.of(sitar, drone), 0, List.of(), 29.1, 0, 0)))
                .contains("indian", "sitar", "strings");
        assertThat(TagContract.tagsOf(new ClipPlan("t", 100, 2, List.of(sitar, shortDrone), 0, List.of(), 29.1, 0, 0)))
                .doesNotContain("indian");
    }

    @Test
    void sameSeedSameCorpusAndClipsAreAudible(@TempDir Path a, @TempDir Path b) throws Exception {
        CorpusGenerator two = new CorpusGenerator(soundfonts, 2, 8);
        CorpusGenerator one = new CorpusGenerator(soundfonts, 1, 8);
        two.generate(a, 6, 5);
        one.generate(b, 6, 5);
        assertThat(a.resolve(MtatDataset.ANNOTATIONS)).hasSameTextualContentAs(b.resolve(MtatDataset.ANNOTATIONS));
        MtatDataset ds = MtatDataset.read(a, 50);
        assertThat(ds.problems()).isEmpty();
        assertThat(ds.clips()).hasSize(6);
        assertThat(ds.tags()).hasSize(50);
        AudioDecoder decoder = AudioDecoder.builder().setSampleRate(16000).build();
        for (Clip c : ds.clips()) {
            DecodedAudio x = decoder.decode(c.audio());
            DecodedAudio y = decoder.decode(b.resolve(c.relativePath()));
            assertThat(java.util.Arrays.equals(x.samples(), y.samples())).as("clip " + c.id() + " reproducible").isTrue();
            assertThat(x.durationSeconds()).isBetween(29.0, 29.3);
            double rms = 0;
            for (float v : x.samples()) {
                rms += v * v;
            }
            assertThat(Math.sqrt(rms / x.samples().length)).as("clip " + c.id() + " not silent").isGreaterThan(1e-3);
        }
    }
}
