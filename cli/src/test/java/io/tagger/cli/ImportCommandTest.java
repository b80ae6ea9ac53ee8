package io.tagger.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./tagger import} against a stand-in ingest service that answers as the real one does: 202
 * Accepted with Location and the track's JSON for an upload, RFC 9457 problem details for a
 * refusal. Accepted files are counted as imported; a refusal is reported with the problem's detail.
 */
class ImportCommandTest {
    @Test
    void acceptedUploadsAreImportedAndRefusalsPrintTheProblemsDetail(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tracks", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
            byte[] answer;
            if (body.contains("filename=\"good.wav\"")) {
                answer = "{\"trackId\":\"0123456789abcdef\",\"segments\":3,\"zeroPadded\":false}".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.getResponseHeaders().add("Location", "/tracks/0123456789abcdef/tags");
                ex.sendResponseHeaders(202, answer.length);
            } else {
                answer = ("{\"type\":\"urn:tagger:problem:audio-refused\",\"title\":\"Audio refused\",\"status\":422,"
                        + "\"detail\":\"cannot open bad.mp3: Invalid data found when processing input\",\"instance\":\"/tracks\"}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/problem+json");
                ex.sendResponseHeaders(422, answer.length);
            }
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            Path good = Files.write(dir.resolve("good.wav"), new byte[]{1, 2, 3});
            Path bad = Files.write(dir.resolve("bad.mp3"), new byte[]{4, 5, 6});
            Path manifest = dir.resolve("manifest.tsv");
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exit = Tagger.run(new CommandLine(new Tagger()), "import", "--ingest-url",
                    "http://127.0.0.1:" + server.getAddress().getPort(), "--api-key", "tgk_test", "--parallel", "1",
                    "--manifest", manifest.toString(), good.toString(), bad.toString());
            assertThat(exit).isEqualTo(Tagger.EXIT_BAD_INPUT);
            List<String> lines = Files.readAllLines(manifest);
            assertThat(lines).contains(good + "\t0123456789abcdef\t3\tok");
            assertThat(lines).contains(bad + "\t\t0\tHTTP 422 cannot open bad.mp3: Invalid data found when processing input");
            assertThat(captured.toString(StandardCharsets.UTF_8))
                    .contains("refused: " + bad + ": HTTP 422 cannot open bad.mp3: Invalid data found when processing input")
                    .doesNotContain("urn:tagger:problem");
        } finally {
            System.setErr(err);
            server.stop(0);
        }
    }
}
