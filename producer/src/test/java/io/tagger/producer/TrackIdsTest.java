package io.tagger.producer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackIdsTest {
    @Test
    void callerChosenIdsAreNamesNeverRelativePaths() {
        for (String ok : new String[]{"upload-1", "album:1.b_c-d", "artist/album/track", "a.b", "..a", "a..", "x".repeat(200)}) {
            assertThat(TrackIds.validate(ok)).isEqualTo(ok);
        }
        for (String bad : new String[]{"", "a b", "a#", "a?x=1", "a%2F", "a/../../q/metrics", "..", ".", "a/./b", "/a", "a/",
                "a//b", "x".repeat(201), "é"}) {
            assertThatThrownBy(() -> TrackIds.validate(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("track id");
        }
        assertThatThrownBy(() -> TrackIds.validate(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
