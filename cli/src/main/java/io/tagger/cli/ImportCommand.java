package io.tagger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagger.dataset.util.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./tagger import FOLDER|FILE... [--list FILE]}: bulk import into the ingest service. Each
 * file is uploaded to {@code POST /tracks} (the service decodes, segments and publishes it in one
 * transaction and answers 202 Accepted: the pipeline tags it asynchronously, at the answer's
 * Location), several at a time, with a progress bar; a manifest (TSV: file, track id, segments,
 * status) records what happened to each file. A file the service refuses is reported with the
 * problem's detail (RFC 9457 problem details) and counted, and the import goes on; "too many
 * requests" (429) and "unavailable" (503) are retried after the Retry-After the service gives.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Bulk-import audio files or folders into the ingest service (the pipeline tags them).")
final class ImportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Audio files or folders.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--list", paramLabel = "FILE", description = "A text file with one audio path per line.")
    Path list;

    @Option(names = "--ingest-url", description = "The ingest service (default: the local stack's, started if needed).")
    URI ingest;

    @Option(names = "--api-key", defaultValue = "${env:TAGGER_API_KEY}", description = "API key with the upload role (default: $TAGGER_API_KEY).")
    String apiKey;

    @Option(names = "--parallel", defaultValue = "2", description = "Uploads at a time (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--manifest", paramLabel = "TSV", description = "Where to write the manifest (default: none).")
    Path manifest;

    @Option(names = "--rate", defaultValue = "0", description = "At most this many files per second (default: as fast as the service takes them).")
    double rate;

    record Outcome(Path file, String trackId, int segments, String status) {
    }

    @Override
    public Integer call() throws Exception {
        List<Path> named = new ArrayList<>(inputs);
        if (list != null) {
            for (String line : Files.readAllLines(list)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    named.add(Path.of(line.strip()));
                }
            }
        }
        List<Path> files = AudioFiles.expand(named);
        if (files.isEmpty()) {
            throw new Tagger.UserError("no audio files to import");
        }
        Path home = Path.of(System.getProperty("tagger.home", "."));
        if (ingest == null) {
            LocalStack.start(home, home.resolve("models/default"));
            ingest = URI.create("http://127.0.0.1:8081");
            if (apiKey == null || apiKey.isBlank()) {
                apiKey = Files.readString(LocalStack.dir(home).resolve("api-key")).strip();
            }
        }
        TrackUploader uploader = new TrackUploader(ingest, apiKey);
        Progress progress = new Progress("import", files.size(), "files");
        AtomicInteger failed = new AtomicInteger();
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            long pace = rate > 0 ? (long) (1e9 / rate) : 0;
            long next = System.nanoTime();
            for (Path f : files) {
                if (pace > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    next += pace;
                }
                futures.add(pool.submit(() -> {
                    Outcome o = upload(uploader, f);
                    if (!o.status().equals("ok")) {
                        failed.incrementAndGet();
                    }
                    progress.step();
                    return o;
                }));
            }
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        if (manifest != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(manifest))) {
                w.println("file\ttrack_id\tsegments\tstatus");
                outcomes.forEach(o -> w.printf(Locale.ROOT, "%s\t%s\t%d\t%s%n", o.file(), o.trackId(), o.segments(), o.status()));
            }
        }
        outcomes.stream().filter(o -> !o.status().equals("ok"))
                .forEach(o -> System.err.println("refused: " + o.file() + ": " + o.status()));
        System.out.printf(Locale.ROOT, "imported %d of %d files in %.1f s (%.1f files/s)%s%n", files.size() - failed.get(),
                files.size(), progress.seconds(), progress.rate(), manifest != null ? "; manifest " + manifest : "");
        return failed.get() == 0 ? Tagger.EXIT_OK : Tagger.EXIT_BAD_INPUT;
    }

    /** A refusal in words: the problem's detail (RFC 9457), else its title, else the raw answer. */
    static String reason(JsonNode problem, String raw) {
        for (String field : new String[]{"detail", "title", "error"}) {
            String v = problem.path(field).asText("");
            if (!v.isBlank()) {
                return v;
            }
        }
        return raw.strip();
    }

    private Outcome upload(TrackUploader uploader, Path file) {
        try {
            TrackUploader.Answer res = uploader.upload(file, null);
            // Over the key's rate or the service's concurrent uploads: wait as told, then try again.
            for (int retry = 0; retry < 120 && (res.status() == 429 || res.status() == 503); retry++) {
                Thread.sleep(Math.min(60, Math.max(1, res.retryAfterSeconds())) * 1000);
                res = uploader.upload(file, null);
            }
            JsonNode body;
            try {
                body = JSON.readTree(res.body().isBlank() ? "{}" : res.body());
            } catch (IOException notJson) {
                body = JSON.createObjectNode();
            }
            if (res.status() == 202 || res.status() == 200) { // 202 Accepted (200 from services before issue #21)
                return new Outcome(file, body.path("trackId").asText(), body.path("segments").asInt(), "ok");
            }
            return new Outcome(file, "", 0, "HTTP " + res.status() + " " + reason(body, res.body()));
        } catch (IOException e) {
            return new Outcome(file, "", 0, "upload failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(file, "", 0, "interrupted");
        }
    }
}
