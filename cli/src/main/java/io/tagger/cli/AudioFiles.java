package io.tagger.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The audio files a command is given: files as named, folders walked for audio by extension. */
final class AudioFiles {
    private AudioFiles() {
    }

    /**
     * Each named file, and the audio files under each named folder (sorted; hidden files left out).
     * A name that is neither is the user's error, said before any work starts.
     */
    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new Tagger.UserError("no such file or folder: " + p);
            }
            if (!Files.isReadable(p)) {
                throw new Tagger.UserError("not readable (permission denied): " + p);
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .filter(f -> f.getFileName().toString().matches("(?i).*\\.(mp3|wav|flac|ogg|m4a|aac|opus|aiff?)$"))
                            .sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }
}
