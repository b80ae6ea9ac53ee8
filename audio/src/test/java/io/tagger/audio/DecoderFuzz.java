package io.tagger.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The decoder fuzz harness (#20 C): mutated copies of small valid files of every supported
 * container (WAV, MP3, FLAC, OGG: the audio module's test fixtures), each decoded in a child JVM
 * ({@link DecodeWorkerProcess}, one per thread) with a per-file timeout. Every file must end
 * decoded or refused with an {@link AudioDecodingException}: a hang, a crash or any other
 * exception is a finding, and its file is kept under the output folder.
 *
 * <p>Run: {@code benchmarks/run-decoder-fuzz.sh [FILES] [THREADS]}; the test suite runs 300
 * files ({@code DecoderFuzzTest}).
 */
public final class DecoderFuzz {
    /** Seed files by container. */
    static final Map<String, List<String>> SEEDS = Map.of(
            "wav", List.of("chord16k.wav", "stereo.wav", "half-second.wav"),
            "mp3", List.of("chord16k.mp3"),
            "flac", List.of("chord16k.flac"),
            "ogg", List.of("chord16k.ogg"));
    static final String[] CONTAINERS = {"wav", "mp3", "flac", "ogg"};

    /** Counts by container and outcome, and the files that ended otherwise. */
    record Report(Map<String, Map<DecodeWorkerProcess.Outcome, Integer>> counts, List<String> findings, int restarts,
                  double seconds) {
        int total() {
            return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        }

        String table() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-6s", ""));
            for (DecodeWorkerProcess.Outcome o : DecodeWorkerProcess.Outcome.values()) {
                s.append(String.format(Locale.ROOT, " %15s", o.name().toLowerCase(Locale.ROOT)));
            }
            s.append('\n');
            for (var e : counts.entrySet()) {
                s.append(String.format(Locale.ROOT, "%-6s", e.getKey()));
                for (DecodeWorkerProcess.Outcome o : DecodeWorkerProcess.Outcome.values()) {
                    s.append(String.format(Locale.ROOT, " %15d", e.getValue().getOrDefault(o, 0)));
                }
                s.append('\n');
            }
            return s.toString();
        }
    }

    private DecoderFuzz() {
    }

    /**
     * @param files    mutated files in all, spread evenly over the containers
     * @param threads  child processes decoding at once
     * @param seed     the run's random seed (the same seed makes the same files)
     * @param work     where mutated files are written (and findings kept, under {@code findings/})
     * @param progress print a progress line to standard error
     */
    static Report run(int files, int threads, long seed, Path work, boolean progress) throws Exception {
        Path fixtures = Paths.get(System.getProperty("tagger.fuzz.seeds", "src/test/resources/audio"));
        Map<String, List<byte[]>> seeds = new TreeMap<>();
        List<byte[]> all = new ArrayList<>();
        for (String c : CONTAINERS) {
            List<byte[]> list = new ArrayList<>();
            for (String name : SEEDS.get(c)) {
                list.add(Files.readAllBytes(fixtures.resolve(name)));
            }
            seeds.put(c, list);
            all.addAll(list);
        }
        FileMutator mutator = new FileMutator(all.toArray(new byte[0][]));
        Path findingsDir = work.resolve("findings");
        if (Files.isDirectory(findingsDir)) {
            try (var old = Files.list(findingsDir)) {
                for (Path p : (Iterable<Path>) old::iterator) {
                    Files.delete(p); // a previous run's
                }
            }
        }
        Files.createDirectories(findingsDir);
        Map<String, Map<DecodeWorkerProcess.Outcome, Integer>> counts = new TreeMap<>();
        for (String c : CONTAINERS) {
            counts.put(c, new EnumMap<>(DecodeWorkerProcess.Outcome.class));
        }
        List<String> findings = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger restarts = new AtomicInteger();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    // Per-file timeout: the child's own decode limit is 10 s; 30 s leaves room for a loaded machine.
                    try (DecodeWorkerProcess worker = new DecodeWorkerProcess("128m", 10, 30_000)) {
                        Path file = work.resolve("worker-" + thread);
                        for (int i; (i = next.getAndIncrement()) < files; ) {
                            String container = CONTAINERS[i % CONTAINERS.length];
                            Random r = new Random(seed * 1_000_003L + i);
                            List<byte[]> own = seeds.get(container);
                            byte[] bytes = mutator.mutate(own.get(r.nextInt(own.size())), r);
                            Files.write(file, bytes);
                            DecodeWorkerProcess.Result result = worker.decode(file);
                            synchronized (counts) {
                                counts.get(container).merge(result.outcome(), 1, Integer::sum);
                            }
                            if (result.outcome() != DecodeWorkerProcess.Outcome.DECODED
                                    && result.outcome() != DecodeWorkerProcess.Outcome.REJECTED) {
                                Path kept = work.resolve("findings").resolve(String.format(Locale.ROOT, "%05d.%s", i, container));
                                Files.write(kept, bytes);
                                findings.add(kept.getFileName() + " " + result.outcome() + " " + result.detail());
                            }
                            int d = done.incrementAndGet();
                            if (progress) {
                                progress(d, files, t0);
                            }
                        }
                        restarts.addAndGet(worker.restarts());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (progress) {
            System.err.println();
        }
        return new Report(counts, new ArrayList<>(findings), restarts.get(), (System.nanoTime() - t0) / 1e9);
    }

    private static synchronized void progress(int done, int total, long t0) {
        if (done % 10 != 0 && done != total) {
            return;
        }
        int width = 40;
        int filled = (int) ((long) width * done / total);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf(Locale.ROOT, "\rdecoder fuzz [%s%s] %d/%d files  %.0f s", "#".repeat(filled),
                " ".repeat(width - filled), done, total, seconds);
    }

    /** Arguments: files (10000), threads (2), seed (20), work folder (target/decoder-fuzz). */
    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20;
        Path work = Paths.get(args.length > 3 ? args[3] : "target/decoder-fuzz");
        Report report = run(files, threads, seed, work, true);
        System.out.printf(Locale.ROOT, "decoder fuzz: %d files, seed %d, %d threads, %.0f s, %d worker restarts%n",
                report.total(), seed, threads, report.seconds(), report.restarts());
        System.out.print(report.table());
        for (String f : report.findings()) {
            System.out.println("finding: " + f);
        }
        System.exit(report.findings().isEmpty() ? 0 : 1);
    }
}
