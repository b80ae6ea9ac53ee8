package io.tagger.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A missing or unreadable file is reported as what it is, not as its bare path (./tagger tag missing.ogg). */
class FileErrorsTest {
    @Test
    void aMissingNameIsTheUsersErrorBeforeAnyWorkStarts(@TempDir Path dir) throws Exception {
        Path song = Files.write(dir.resolve("song.mp3"), new byte[]{1});
        assertThat(AudioFiles.expand(List.of(song))).containsExactly(song);
        assertThatThrownBy(() -> AudioFiles.expand(List.of(song, dir.resolve("missing.ogg"))))
                .isInstanceOf(Tagger.UserError.class)
                .hasMessage("no such file or folder: " + dir.resolve("missing.ogg"));
    }

    @Test
    void fileSystemErrorsSayWhatIsWrong() {
        assertThat(Tagger.describe(new NoSuchFileException("missing.ogg"))).isEqualTo("no such file or folder: missing.ogg");
        assertThat(Tagger.describe(new AccessDeniedException("locked.ogg"))).isEqualTo("permission denied: locked.ogg");
        assertThat(Tagger.describe(new FileSystemException("x.ogg", null, "Is a directory")))
                .isEqualTo("Is a directory: x.ogg");
        assertThat(Tagger.describe(new IllegalStateException("plain"))).isEqualTo("plain");
    }
}
