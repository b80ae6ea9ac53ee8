package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the upload path with thousands of malformed requests (seeded, so a failure replays):
 * random bytes, broken and truncated multipart bodies, wrong or missing boundaries and types,
 * huge or odd headers and file names, random audio-like bytes, random credentials. Every answer
 * must come within the timeout, be a client error (never 5xx) and show no internals (no stack
 * trace, class or package name); afterwards the service is healthy and a real upload works.
 */
@QuarkusTest
@TestProfile(UploadFuzzTest.NoRateLimit.class)
@QuarkusTestResource(KafkaResource.class)
class UploadFuzzTest {
    static final int CASES = Integer.getInteger("tagger.fuzz.cases", 2000);
    static final Set<Integer> ALLOWED = Set.of(202, 400, 401, 403, 404, 405, 409, 411, 413, 415, 422, 429, 431);
    static final Pattern INTERNALS = Pattern.compile("Exception|\\tat |\\bat (io|java|org|jdk|sun)\\.|io\\.tagger|org\\.jboss|"
            + "io\\.quarkus|io\\.vertx|java\\.lang|NullPointer|/work/|/tmp/", Pattern.CASE_INSENSITIVE);

    public static class NoRateLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tagger.access.rate-per-minute", "10000000", "tagger.access.rate-burst", "10000000",
                    "quarkus.http.limits.max-body-size", "256K", "tagger.ingest.max-concurrent-uploads", "64",
                    "tagger.ingest.max-concurrent-uploads-per-key", "64", "tagger.access.auth-failures-per-minute", "0");
        }
    }

    @TestHTTPResource("/tracks")
    URI tracks;

    @Test
    void malformedUploadsNeverCrashHangOrLeak() throws Exception {
        Random r = new Random(20261126);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        byte[] wav = Files.readAllBytes(IngestServiceTest.AUDIO.resolve("chord16k.wav"));
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Case c = generate(r, wav, i);
            HttpRequest.Builder req = HttpRequest.newBuilder(tracks).timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(c.body));
            c.headers.forEach(req::header);
            HttpResponse<String> res;
            try {
                res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException e) {
                problems.add("case " + i + " (" + c.kind + "): no answer within 20 s");
                continue;
            } catch (java.io.IOException e) {
                // The server may close a connection on a body it refuses outright (413): an answer, not a crash.
                statuses.merge(-1, 1, Integer::sum);
                continue;
            }
            statuses.merge(res.statusCode(), 1, Integer::sum);
            if (!ALLOWED.contains(res.statusCode())) {
                problems.add("case " + i + " (" + c.kind + "): HTTP " + res.statusCode() + " " + res.body());
            }
            if (INTERNALS.matcher(res.body()).find()) {
                problems.add("case " + i + " (" + c.kind + "): internals in the answer: " + res.body());
            }
        }
        System.out.println("upload fuzz: " + CASES + " cases, answers by status (-1: connection closed on a refused body): " + statuses);
        assertThat(problems).as("statuses " + statuses).isEmpty();
        assertThat(statuses.keySet()).as("the fuzzer reached the decoder and the refusals").contains(400, 401, 422);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", IngestServiceTest.AUDIO.resolve("chord16k.wav").toFile())
                .when().post("/tracks").then().statusCode(202);
    }

    record Case(String kind, Map<String, String> headers, byte[] body) {
    }

    static Case generate(Random r, byte[] wav, int i) {
        String boundary = "b" + Long.toHexString(r.nextLong());
        Map<String, String> h = new TreeMap<>();
        h.put("Authorization", switch (r.nextInt(10)) {
            case 0 -> "Bearer " + randomText(r, r.nextInt(300));
            case 1 -> "Basic " + randomText(r, 20);
            case 2 -> "Bearer " + TestApiKeys.READER;
            default -> "Bearer " + TestApiKeys.UPLOADER;
        });
        int kind = r.nextInt(9);
        byte[] body;
        String name;
        switch (kind) {
            case 0 -> { // random bytes under a multipart type
                name = "random-bytes";
                h.put("Content-Type", "multipart/form-data; boundary=" + boundary);
                body = randomBytes(r, r.nextInt(8192));
            }
            case 1 -> { // a well-formed multipart with random "audio"
                name = "random-audio";
                h.put("Content-Type", "multipart/form-data; boundary=" + boundary);
                body = multipart(boundary, "file", randomText(r, 12) + ".mp3", randomBytes(r, r.nextInt(16384)), true);
            }
            case 2 -> { // a real WAV, truncated or corrupted
                name = "mangled-wav";
                h.put("Content-Type", "multipart/form-data; boundary=" + boundary);
                byte[] w = java.util.Arrays.copyOf(wav, Math.min(wav.length, 44 + r.nextInt(4096)));
                for (int k = 0; k < 1 + r.nextInt(20); k++) {
                    w[r.nextInt(w.length)] = (byte) r.nextInt();
                }
                body = multipart(boundary, "file", "song.wav", w, r.nextBoolean());
            }
            case 3 -> { // a boundary that does not match the body's
                name = "wrong-boundary";
                h.put("Content-Type", "multipart/form-data; boundary=" + boundary + "x");
                body = multipart(boundary, "file", "song.wav", java.util.Arrays.copyOf(wav, 2048), true);
            }
            case 4 -> { // no or odd content type
                name = "odd-type";
                String[] types = {"application/octet-stream", "text/plain", "multipart/form-data", "multipart/mixed; boundary=x",
                        "multipart/form-data; boundary=", "audio/wav", "multipart/form-data; boundary=\"" + randomText(r, 80) + "\""};
                h.put("Content-Type", types[r.nextInt(types.length)]);
                body = r.nextBoolean() ? java.util.Arrays.copyOf(wav, 1024) : randomBytes(r, 512);
            }
            case 5 -> { // hostile part headers: long, non-UTF-8, path-like file names, other field names
                name = "odd-part-headers";
                h.put("Content-Type", "multipart/form-data; boundary=" + boundary);
                String[] names = {"../../etc/passwd", "a\u0000b.wav", "%s%s%n.wav", "x".repeat(5000), "\u202Eevil.wav", "", "\"quoted\".wav"};
                String field = r.nextInt(4) == 0 ? randomText(r, 6) : "file";
                body = multipart(boundary, field, names[r.nextInt(names.length)], java.util.Arrays.copyOf(wav, 4096), true);
            }
            case 6 -> { // an id field with anything in it
                name = "odd-id";
                h.put("Content-Type", "multipart/form-data; boundary=" + boundary);
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                byte[] id = r.nextBoolean() ? randomBytes(r, r.nextInt(400)) : randomText(r, r.nextInt(400)).getBytes(StandardCharsets.UTF_8);
                b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                b.writeBytes(id);
                b.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                b.writeBytes(multipart(boundary, "file", "song.wav", wav, true));
                body = b.toByteArray();
            }
            case 7 -> { // nested and repeated parts
                name = "nested-parts";
                h.put("Content-Type", "multipart/form-data; boundary=" + boundary);
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                for (int k = 0; k < 1 + r.nextInt(30); k++) {
                    b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p" + k
                            + ".wav\"\r\nContent-Type: multipart/mixed; boundary=" + boundary + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    b.writeBytes(randomBytes(r, r.nextInt(256)));
                    b.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                if (r.nextBoolean()) {
                    b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                body = b.toByteArray();
            }
            default -> { // over the size limit, or an empty body
                name = r.nextBoolean() ? "oversized" : "empty";
                h.put("Content-Type", "multipart/form-data; boundary=" + boundary);
                body = name.equals("oversized") ? multipart(boundary, "file", "big.wav", randomBytes(r, 300 * 1024), true) : new byte[0];
            }
        }
        if (r.nextInt(20) == 0) {
            h.put("X-Api-Key", randomText(r, r.nextInt(100)));
        }
        return new Case(name + "#" + i, h, body);
    }

    static byte[] multipart(String boundary, String field, String filename, byte[] content, boolean close) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(content);
        b.writeBytes(("\r\n--" + boundary + (close ? "--" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static String randomText(Random r, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) (0x21 + r.nextInt(0x5e)));
        }
        return s.toString();
    }
}
