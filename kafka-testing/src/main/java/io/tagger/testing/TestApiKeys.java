package io.tagger.testing;

import io.tagger.access.ApiKeys;
import io.tagger.access.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** API keys for the services' tests: fresh random keys per test JVM, in a keys file of their hashes. */
public final class TestApiKeys {
    public static final String UPLOADER = ApiKeys.newKey();
    public static final String READER = ApiKeys.newKey();
    private static Path file;

    private TestApiKeys() {
    }

    public static synchronized Path file() {
        if (file == null) {
            try {
                file = Files.createTempFile("tagger-test-keys", ".txt");
                file.toFile().deleteOnExit();
                Files.write(file, List.of(ApiKeys.line("test-uploader", Role.UPLOADER, UPLOADER),
                        ApiKeys.line("test-reader", Role.READER, READER)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    public static String bearer(String key) {
        return "Bearer " + key;
    }
}
