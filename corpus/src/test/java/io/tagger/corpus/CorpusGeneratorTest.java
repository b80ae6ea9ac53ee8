package io.tagger.corpus;

import io.tagger.audio.AudioDecoder;
import io.tagger.audio.DecodedAudio;
import io.tagger.dataset.Clip;
import io.tagger.dataset.MtatDataset;
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
    void neighbouringClipsDrawIndependently() {
        // java.util.Random's first draw from consecutive seeds is nearly constant; hashed seeds are not
        int below = 0;
        for (int i = 0; i < 5000; i++) {
            if (CorpusGenerator.clipRandom(101, i, 0).nextDouble() < 0.04) {
                below++;
            }
        }
        assertThat(below).isBetween(150, 250);
        List<CorpusGenerator.Draft> drafts = new CorpusGenerator(soundfonts, 1,
                new CorpusGenerator.Options(new Composer(), 1, 0.1, true)).draft(1000, 3);
        assertThat(drafts.stream().filter(d -> !d.isMusic()).count()).isBetween(70L, 130L);
        assertThat(drafts.stream().map(d -> d.plan().style()).distinct().count())
                .isGreaterThanOrEqualTo(Composer.STYLES.length + 6);
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
    void voicingAndProductionNeverChangeATag() {
        CorpusGenerator randomised = new CorpusGenerator(soundfonts, 1, new CorpusGenerator.Options(new Composer(), 1, 0, true));
        CorpusGenerator plain = new CorpusGenerator(soundfonts, 1, new CorpusGenerator.Options(new Composer(), 1, 0, false));
        List<CorpusGenerator.Draft> a = randomised.draft(200, 4);
        List<CorpusGenerator.Draft> b = plain.draft(200, 4);
        int voiced = 0;
        for (int i = 0; i < a.size(); i++) {
            ClipPlan x = a.get(i).plan();
            ClipPlan y = b.get(i).plan();
            assertThat(x.parts()).extracting(Part::notes).isEqualTo(y.parts().stream().map(Part::notes).toList());
            assertThat(TagContract.tagsOf(x)).isEqualTo(TagContract.tagsOf(y));
            voiced += x.parts().stream().mapToInt(p -> p.controls().size()).sum() > 0 ? 1 : 0;
            assertThat(y.parts()).allMatch(p -> p.controls().isEmpty());
            assertThat(b.get(i).production().mp3Kbps()).isEqualTo(32);
        }
        assertThat(voiced).isGreaterThan(190);
    }

    @Test
    void thePrimaryEngineVariesItsArrangements() {
        List<ClipPlan> plans = new CorpusGenerator(soundfonts, 1, 1).compose(300, 21);
        java.util.Set<String> grooves = new java.util.HashSet<>();
        java.util.Set<Integer> partCounts = new java.util.HashSet<>();
        java.util.Set<Part.Role> roles = new java.util.HashSet<>();
        for (ClipPlan p : plans) {
            // a groove's fingerprint: the drum keys of its first bar, in order
            double bar = 4 * 60 / p.bpm();
            grooves.add(p.drums().stream().filter(n -> n.start() < bar).map(n -> String.valueOf(n.key())).sorted()
                    .reduce("", String::concat));
            partCounts.add(p.parts().size());
            p.parts().forEach(x -> roles.add(x.role()));
        }
        assertThat(grooves.size()).isGreaterThan(60);
        assertThat(partCounts).contains(1, 2, 3, 4);
        // every role but the two-handed keyboard, which only --keyboard-textures writes (ComposerTexturesTest)
        assertThat(roles).containsAll(java.util.EnumSet.complementOf(java.util.EnumSet.of(Part.Role.KEYBOARD)))
                .doesNotContain(Part.Role.KEYBOARD);
        assertThat(plans.stream().map(ClipPlan::tonic).distinct().count()).isEqualTo(12);
    }

    @Test
    void sameSeedSameCorpusAndClipsAreAudible(@TempDir Path a, @TempDir Path b) throws Exception {
        CorpusGenerator two = new CorpusGenerator(soundfonts, 2, new CorpusGenerator.Options(new Composer(), 8, 0.5, true));
        CorpusGenerator one = new CorpusGenerator(soundfonts, 1, new CorpusGenerator.Options(new Composer(), 8, 0.5, true));
        two.generate(a, 8, 5);
        one.generate(b, 8, 5);
        List<String> plan = java.nio.file.Files.readAllLines(a.resolve(CorpusGenerator.PLAN));
        assertThat(plan.get(0)).startsWith("clip_id\tengine\tstyle").contains("production");
        assertThat(plan).hasSize(9).anyMatch(l -> l.contains("non-music:")).anyMatch(l -> l.contains("\tprimary\t"));
        assertThat(a.resolve(MtatDataset.ANNOTATIONS)).hasSameTextualContentAs(b.resolve(MtatDataset.ANNOTATIONS));
        MtatDataset ds = MtatDataset.read(a, 50);
        assertThat(ds.problems()).isEmpty();
        assertThat(ds.clips()).hasSize(8);
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
            boolean music = !plan.get(Integer.parseInt(c.id()) + 1).contains("non-music:");
            if (music) {
                assertThat(Math.sqrt(rms / x.samples().length)).as("clip " + c.id() + " not silent").isGreaterThan(1e-3);
            }
        }
    }
}
