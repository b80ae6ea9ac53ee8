package io.tagger.producer.example;

import io.tagger.audio.AudioDecodingException;
import io.tagger.producer.CatalogueProducer;
import io.tagger.producer.TrackPublisher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Pushes every audio file of a folder (and its subfolders) to {@code audio-in} with
 * {@link CatalogueProducer}, one transaction per track, and prints each track's id:
 *
 * <pre>
 * java -cp "producer/target/tagger-producer.jar:producer/target/lib/*" io.tagger.producer.example.PushFolder \
 *     --bootstrap-servers kafka:9093 [--transactional-id catalogue-producer-NAME] [--config client.properties] FOLDER
 * </pre>
 *
 * {@code --config} names a Kafka client properties file (security settings: {@code
 * security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.*}).
 * Exit code 0 when every file was pushed, 1 when some were not audio or Kafka did not take them,
 * 2 for a usage error.
 */
public final class PushFolder {
    private PushFolder() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** The example's work, returning its exit code (tests call this). */
    public static int run(String... args) throws IOException {
        String servers = null;
        String transactionalId = null;
        Path config = null;
        Path folder = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap-servers" -> servers = i + 1 < args.length ? args[++i] : null;
                case "--transactional-id" -> transactionalId = i + 1 < args.length ? args[++i] : null;
                case "--config" -> config = i + 1 < args.length ? Path.of(args[++i]) : null;
                default -> folder = args[i].startsWith("--") ? null : Path.of(args[i]);
            }
        }
        if (servers == null || folder == null || !Files.isDirectory(folder)) {
            System.err.println("usage: PushFolder --bootstrap-servers HOST:PORT [--transactional-id ID] [--config client.properties] FOLDER");
            return 2;
        }
        Properties security = new Properties();
        if (config != null) {
            try (Reader r = Files.newBufferedReader(config)) {
                security.load(r);
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(folder)) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> f.getFileName().toString().matches("(?i).*\\.(mp3|wav|flac|ogg|m4a|aac|opus|aiff?)$"))
                    .sorted().toList();
        }
        CatalogueProducer.Builder builder = CatalogueProducer.builder().setBootstrapServers(servers).optSecurity(security);
        if (transactionalId != null) {
            builder.optTransactionalId(transactionalId);
        }
        int failed = 0;
        try (CatalogueProducer producer = builder.build()) {
            for (Path f : files) {
                try {
                    TrackPublisher.Published p = producer.push(f);
                    System.out.printf("%s\t%s\t%d segments%s%n", p.trackId(), f, p.segments(), p.zeroPadded() ? " (zero-padded)" : "");
                } catch (AudioDecodingException e) {
                    System.err.println("skipped: " + e.getMessage());
                    failed++;
                } catch (TrackPublisher.Unavailable e) {
                    System.err.println("not pushed (push again later): " + f + ": " + e.getMessage());
                    failed++;
                }
            }
        }
        System.err.printf("%d of %d files pushed%n", files.size() - failed, files.size());
        return failed == 0 ? 0 : 1;
    }
}
