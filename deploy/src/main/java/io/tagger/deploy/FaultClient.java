package io.tagger.deploy;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault suite's clients ({@code deploy/fault-suite.sh}): an HTTP uploader that retries as a
 * careful client would and records every answer it got, and a counter that reads the topics with
 * {@code read_committed} to say which tracks were accepted and how often each was tagged.
 * <pre>
 *   upload URL KEY_FILE LIST OUT_TSV PARALLEL PACE_MS DEADLINE_S
 *   count BOOTSTRAP IDS_FILE SINCE_EPOCH_MS WAIT_S [HTTP_TSV]
 *   slow-read BOOTSTRAP IDS_FILE SINCE_EPOCH_MS SECONDS DELAY_MS
 * </pre>
 * Each prints one line of {@code key=value} pairs for the suite to read; nothing comes from logs.
 */
public final class FaultClient {
    private FaultClient() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "upload" -> upload(URI.create(args[1]), Files.readString(Path.of(args[2])).strip(), Path.of(args[3]),
                    Path.of(args[4]), Integer.parseInt(args[5]), Long.parseLong(args[6]), Long.parseLong(args[7]));
            case "count" -> count(args[1], ids(Path.of(args[2])), Long.parseLong(args[3]), Long.parseLong(args[4]),
                    args.length > 5 ? Path.of(args[5]) : null);
            case "slow-read" -> slowRead(args[1], ids(Path.of(args[2])), Long.parseLong(args[3]), Long.parseLong(args[4]),
                    Long.parseLong(args[5]));
            default -> {
                System.err.println("usage: FaultClient upload|count|slow-read ... (see the class comment)");
                System.exit(2);
            }
        }
    }

    private static Set<String> ids(Path file) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (String l : Files.readAllLines(file)) {
            if (!l.isBlank()) {
                ids.add(l.strip());
            }
        }
        return ids;
    }

    // ---------------------------------------------------------------------------------------------
    // upload

    /** One answer of the service, or "no answer" (status -1: refused or broken connection). */
    record Answer(int status, String body, long retryAfter, String failure) {
        /**
         * A refusal is clear when it says why (a JSON {@code error}) and, for "come back later"
         * (429, 503), when (Retry-After). No answer at all (a crashed service) is counted apart.
         */
        boolean unclear() {
            if (status < 400) {
                return false;
            }
            // RFC 9457 problem details (detail), or the older {"error": ...}
            boolean message = Pattern.compile("\"(detail|error)\"\\s*:\\s*\"[^\"]{8,}").matcher(body).find();
            return !message || ((status == 429 || status == 503) && retryAfter < 0);
        }
    }

    /** An upload the ingest took: 202 Accepted (200 from services before the 202 contract). */
    static boolean accepted(int status) {
        return status == 202 || status == 200;
    }

    static void upload(URI ingest, String key, Path list, Path out, int parallel, long paceMs, long deadlineS)
            throws Exception {
        List<Path> files = Files.readAllLines(list).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
        long deadline = System.currentTimeMillis() + deadlineS * 1000;
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        List<String> unclear = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<String>> rows = new ArrayList<>();
        for (Path f : files) {
            rows.add(pool.submit(() -> {
                int attempts = 0;
                while (true) {
                    attempts++;
                    Answer a = send(ingest.resolve("/tracks"), key, f);
                    String code = a.status() < 0 ? "no-answer" : String.valueOf(a.status());
                    answers.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
                    if (a.unclear()) {
                        unclear.add(f.getFileName() + ": " + a.status() + " " + a.body().strip() + " (Retry-After "
                                + a.retryAfter() + ")");
                    }
                    if (accepted(a.status())) {
                        Matcher m = Pattern.compile("\"trackId\"\\s*:\\s*\"([^\"]+)\"").matcher(a.body());
                        return f + "\t" + (m.find() ? m.group(1) : "?") + "\t" + a.status() + "\t" + attempts;
                    }
                    boolean retry = a.status() < 0 || a.status() == 429 || a.status() >= 500;
                    if (!retry || System.currentTimeMillis() > deadline) {
                        return f + "\t\t" + code + "\t" + attempts + "\t" + a.body().strip().replace('\t', ' ')
                                .replace('\n', ' ');
                    }
                    // as told (Retry-After), capped so the suite stays bounded; 1 s after no answer or a bare 5xx
                    Thread.sleep(1000 * Math.min(15, Math.max(1, a.retryAfter())));
                }
            }));
            if (paceMs > 0) {
                Thread.sleep(paceMs);
            }
        }
        int accepted = 0;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            for (Future<String> r : rows) {
                String row = r.get();
                w.println(row);
                if (accepted(Integer.parseInt(row.split("\t", -1)[2].replace("no-answer", "-1")))) {
                    accepted++;
                }
            }
        }
        pool.shutdown();
        unclear.forEach(u -> System.err.println("unclear answer: " + u));
        System.out.printf(Locale.ROOT, "files=%d answered200=%d refused=%d answers=%s unclear=%d%n", files.size(), accepted,
                files.size() - accepted, new TreeMap<>(answers).toString().replace(" ", ""), unclear.size());
    }

    /** One multipart upload, streamed (as the CLI's TrackUploader does). */
    static Answer send(URI tracks, String key, Path file) {
        String boundary = "fault-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpURLConnection c = null;
        try {
            long size = Files.size(file);
            c = (HttpURLConnection) tracks.toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setConnectTimeout(5_000);
            c.setReadTimeout(120_000);
            c.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
            c.setRequestProperty("Authorization", "Bearer " + key);
            c.setFixedLengthStreamingMode(head.length + size + tail.length);
            try (OutputStream o = c.getOutputStream()) {
                o.write(head);
                Files.copy(file, o);
                o.write(tail);
            } catch (IOException writing) {
                // a service that refuses early may answer while the body is still being sent: its
                // answer is read below; without one, getResponseCode throws and it is "no answer"
            }
            int status = c.getResponseCode();
            String body = "";
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                if (in != null) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new Answer(status, body, c.getHeaderFieldLong("Retry-After", -1), null);
        } catch (IOException e) {
            if (c != null) {
                c.disconnect();
            }
            return new Answer(-1, "", -1, e.toString());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // count

    private static Map<String, Object> consumerConfig(String bootstrap) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-count-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return c;
    }

    /** The track id of a track-tags key {@code TRACK_ID@MODEL_NAME:MODEL_VERSION} (pipeline's Topics). */
    static String trackIdOfTagsKey(String key) {
        int at = key.indexOf('@');
        return at < 0 ? key : key.substring(0, at);
    }

    /** Assigns every partition of {@code topic}, each from the first offset at or after {@code since} (or its start). */
    private static void assignSince(KafkaConsumer<String, byte[]> consumer, String topic, long since) {
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            parts.add(new TopicPartition(topic, p.partition()));
        }
        consumer.assign(parts);
        if (since <= 0) {
            consumer.seekToBeginning(parts);
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        parts.forEach(p -> times.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> at = consumer.offsetsForTimes(times, Duration.ofSeconds(30));
        Map<TopicPartition, Long> ends = consumer.endOffsets(parts, Duration.ofSeconds(30));
        for (TopicPartition p : parts) {
            OffsetAndTimestamp o = at.get(p);
            consumer.seek(p, o != null ? o.offset() : ends.get(p));
        }
    }

    /**
     * Accepted tracks: those of {@code ids} with committed segments on audio-in (since {@code
     * since}); tagged: those with a committed TrackTags record; lost: accepted but not tagged
     * within {@code waitS}; duplicated: more than one TrackTags record. An HTTP upload answered
     * 200 whose track is not on audio-in is counted as well ("answered 200, not on audio-in").
     */
    static void count(String bootstrap, Set<String> ids, long since, long waitS, Path httpTsv) throws IOException {
        Set<String> accepted = new HashSet<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig(bootstrap), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            assignSince(c, "audio-in", since);
            drain(c, r -> {
                if (r.key() != null && ids.contains(r.key())) {
                    accepted.add(r.key());
                }
            });
        }
        Set<String> acked = new HashSet<>();
        if (httpTsv != null && Files.exists(httpTsv)) {
            for (String row : Files.readAllLines(httpTsv)) {
                String[] f = row.split("\t", -1);
                if (f.length > 2 && f[2].matches("\\d+") && accepted(Integer.parseInt(f[2]))) {
                    acked.add(f[1]);
                }
            }
        }
        Map<String, Integer> tags = new HashMap<>();
        long deadline = System.currentTimeMillis() + waitS * 1000;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig(bootstrap), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            assignSince(c, "track-tags", 0);
            long quietUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    String id = trackIdOfTagsKey(r.key());
                    if (ids.contains(id)) {
                        tags.merge(id, 1, Integer::sum);
                    }
                }
                if (quietUntil == Long.MAX_VALUE && tags.keySet().containsAll(accepted)) {
                    quietUntil = System.currentTimeMillis() + 5000; // a little longer: a late duplicate would show
                }
            }
        }
        long tagged = accepted.stream().filter(tags::containsKey).count();
        long lost = accepted.size() - tagged;
        long duplicated = tags.values().stream().filter(n -> n > 1).count();
        long unaccepted = tags.keySet().stream().filter(id -> !accepted.contains(id)).count();
        long ackedMissing = acked.stream().filter(id -> !accepted.contains(id)).count();
        accepted.stream().filter(id -> !tags.containsKey(id)).forEach(id -> System.err.println("lost: " + id));
        tags.forEach((id, n) -> {
            if (n > 1) {
                System.err.println("duplicated: " + id + " x" + n);
            }
        });
        System.out.printf(Locale.ROOT, "accepted=%d tagged=%d lost=%d duplicated=%d tagged-not-accepted=%d "
                        + "answered200-not-on-audio-in=%d%n", accepted.size(), tagged, lost, duplicated, unaccepted,
                ackedMissing);
    }

    /** Reads until two seconds pass without a record (or two minutes in all). */
    private static void drain(KafkaConsumer<String, byte[]> c, java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        long idleSince = System.currentTimeMillis();
        long end = idleSince + 120_000;
        while (System.currentTimeMillis() - idleSince < 2000 && System.currentTimeMillis() < end) {
            var batch = c.poll(Duration.ofMillis(300));
            if (!batch.isEmpty()) {
                idleSince = System.currentTimeMillis();
            }
            batch.forEach(each);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // slow-read

    /**
     * A slow reader of track-tags: one record per poll, {@code delayMs} between records, from
     * {@code since}; stops when it has seen every id of the set or after {@code seconds}.
     */
    static void slowRead(String bootstrap, Set<String> ids, long since, long seconds, long delayMs) throws Exception {
        Map<String, Object> config = consumerConfig(bootstrap);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        Map<String, Integer> seen = new HashMap<>();
        int records = 0;
        long deadline = System.currentTimeMillis() + seconds * 1000;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            assignSince(c, "track-tags", since);
            while (System.currentTimeMillis() < deadline && seen.size() < ids.size()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    records++;
                    String id = trackIdOfTagsKey(r.key());
                    if (ids.contains(id)) {
                        seen.merge(id, 1, Integer::sum);
                    }
                    Thread.sleep(delayMs);
                }
            }
        }
        System.out.printf(Locale.ROOT, "slow-reader: read=%d of-the-set=%d twice=%d%n", records, seen.size(),
                seen.values().stream().filter(n -> n > 1).count());
    }
}
