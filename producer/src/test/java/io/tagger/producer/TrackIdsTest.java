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

    @Test
    void contentIdsComeOnlyFromTheBytes() throws Exception {
        byte[] song = "a song".getBytes();
        String sha = TrackIds.sha256(new java.io.ByteArrayInputStream(song));
        String contentId = TrackIds.of(new java.io.ByteArrayInputStream(song));
        assertThat(sha).hasSize(64).startsWith(contentId);
        assertThat(TrackIds.ofSha256(sha)).isEqualTo(contentId).matches("[0-9a-f]{16}");
        String noise = TrackIds.of(new java.io.ByteArrayInputStream("noise".getBytes()));

        // A file's own content id may be named; another file's, in either case, may not.
        assertThat(TrackIds.checkChosen(contentId, contentId)).isEqualTo(contentId);
        for (String taken : new String[]{contentId, contentId.toUpperCase(), "0123456789abcdef", "FFFFFFFFFFFFFFFF"}) {
            assertThatThrownBy(() -> TrackIds.checkChosen(taken, noise)).as(taken).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("content id");
        }
        // Other lengths, or other characters, are ordinary chosen ids; the characters rule still holds.
        for (String ok : new String[]{contentId.substring(1), contentId + "0", "album/" + contentId, "0123456789abcdeg"}) {
            assertThat(TrackIds.checkChosen(ok, noise)).isEqualTo(ok);
        }
        assertThatThrownBy(() -> TrackIds.checkChosen("a b", noise)).hasMessageContaining("track id");
        // The read side still accepts content ids.
        assertThat(TrackIds.validate(contentId)).isEqualTo(contentId);
    }
}
