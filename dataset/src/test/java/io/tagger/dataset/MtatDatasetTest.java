package io.tagger.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MtatDatasetTest {
    @TempDir
    Path root;

    /** A tiny tree in MTAT's layout: quoted header, a malformed row, a missing file, an unquoted row. */
    private void fabricate() throws Exception {
        String csv = String.join("\n",
                "\"clip_id\"\t\"guitar\"\t\"piano\"\t\"rock\"\t\"mp3_path\"",
                "\"2\"\t\"1\"\t\"0\"\t\"1\"\t\"0/a-2.mp3\"",
                "\"6\"\t\"0\"\t\"1\"\t\"0\"\t\"c/b-6.mp3\"",
                "7\t1\t0\t0\te/c-7.mp3",
                "\"9\"\t\"1\"\t\"0\"",                          // malformed: too few cells
                "\"10\"\t\"1\"\t\"x\"\t\"0\"\t\"d/d-10.mp3\"",    // malformed: not 0/1
                "\"11\"\t\"1\"\t\"0\"\t\"0\"\t\"f/missing.mp3\"", // file missing
                "");
        Files.writeString(root.resolve(MtatDataset.ANNOTATIONS), csv);
        for (String f : new String[]{"0/a-2.mp3", "c/b-6.mp3", "e/c-7.mp3", "d/d-10.mp3"}) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.write(root.resolve(f), new byte[]{1});
        }
    }

    @Test
    void theVocabularyIsMtatsTop50AndTheTagCountIsItsSize() {
        assertThat(MtatDataset.VOCABULARY).hasSize(50).doesNotHaveDuplicates().startsWith("guitar", "classical", "slow")
                .endsWith("female voice", "choral");
        assertThat(MtatDataset.TOP_TAGS).isEqualTo(MtatDataset.VOCABULARY.size());
    }

    @Test
    void readsQuotedAndUnquotedRowsAndReportsTheRest() throws Exception {
        fabricate();
        MtatDataset ds = MtatDataset.read(root, MtatDataset.TOP_TAGS);
        assertThat(ds.tags()).containsExactly("guitar", "piano", "rock"); // by frequency: 2, 1, 1
        assertThat(ds.clips()).extracting(Clip::id).containsExactly("2", "6", "7");
        assertThat(ds.problems()).hasSize(3).anyMatch(p -> p.contains("cells")).anyMatch(p -> p.contains("'x'"))
                .anyMatch(p -> p.contains("missing"));
        Clip c2 = ds.clips().get(0);
        assertThat(c2.split()).isEqualTo(Split.TRAIN);
        assertThat(c2.has(ds.tags().indexOf("rock"))).isTrue();
        assertThat(c2.has(ds.tags().indexOf("piano"))).isFalse();
        assertThat(ds.clips(Split.VALIDATION)).extracting(Clip::id).containsExactly("6");
        assertThat(ds.clips(Split.TEST)).extracting(Clip::id).containsExactly("7");
    }

    @Test
    void keepsOnlyTheMostFrequentTags() throws Exception {
        fabricate();
        assertThat(MtatDataset.read(root, 1).tags()).containsExactly("guitar");
    }

    @Test
    void readsTagsByNameInTheVocabularysOrderWhateverTheirFrequency() throws Exception {
        fabricate();
        MtatDataset ds = MtatDataset.read(root, java.util.List.of("rock", "violin", "guitar", "piano"));
        assertThat(ds.tags()).containsExactly("rock", "violin", "guitar", "piano");
        assertThat(ds.absentTags()).containsExactly("violin");
        Clip c2 = ds.clips().get(0);
        assertThat(c2.id()).isEqualTo("2");
        assertThat(c2.tags().stream().toArray()).containsExactly(0, 2); // rock, guitar
        Clip c6 = ds.clips().get(1);
        assertThat(c6.tags().stream().toArray()).containsExactly(3); // piano
        assertThat(ds.problems()).hasSize(3);
        assertThat(MtatDataset.read(root, MtatDataset.TOP_TAGS).absentTags()).isEmpty();
    }

    @Test
    void splitFollowsTheHexFolder() {
        assertThat(Split.ofFolder('0')).isEqualTo(Split.TRAIN);
        assertThat(Split.ofFolder('b')).isEqualTo(Split.TRAIN);
        assertThat(Split.ofFolder('c')).isEqualTo(Split.VALIDATION);
        assertThat(Split.ofFolder('f')).isEqualTo(Split.TEST);
        assertThatThrownBy(() -> Split.ofFolder('g')).hasMessageContaining("hex");
    }

    @Test
    void aFolderWithoutAnnotationsIsAClearError() {
        assertThatThrownBy(() -> MtatDataset.read(root, MtatDataset.TOP_TAGS)).hasMessageContaining("annotations_final.csv");
    }
}
