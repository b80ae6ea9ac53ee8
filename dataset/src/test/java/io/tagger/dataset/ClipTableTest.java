package io.tagger.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClipTableTest {
    @Test
    void readsAColumnOfAQuotedOrPlainTableAndNamesTheColumnsWhenOneIsMissing(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("plan.tsv");
        Files.writeString(t, "\"clip_id\"\t\"style\"\n\"a\"\t\"rock\"\nb\tpop\nshort\n");
        assertThat(ClipTable.column(t, "style")).containsExactlyInAnyOrderEntriesOf(Map.of("a", "rock", "b", "pop"));
        assertThatThrownBy(() -> ClipTable.column(t, "soundfont")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no soundfont column").hasMessageContaining("clip_id, style");
        Path empty = Files.writeString(dir.resolve("empty.tsv"), "");
        assertThatThrownBy(() -> ClipTable.column(empty, "style")).hasMessageContaining("is empty");
    }
}
