package io.tagger.e2e;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite in CI (issue #20): {@code deploy/fault-suite.sh} — the local stack on a real
 * broker, 30 synthetic tracks per fault (half through {@code ./tagger tag} straight to audio-in,
 * half uploaded to the ingest service by a retrying client), one fault at a time: each service
 * killed with SIGKILL twice at random points and restarted, the broker killed and restarted, the
 * broker stopped for longer than the transaction timeouts, the inference service's state dir and
 * the ingest's upload spool filled to ENOSPC and freed, the inference service stopped under a slow
 * reader. For each fault kind its line must say that every track was accepted and tagged exactly
 * once (counted from audio-in and track-tags with read_committed), and that every refused upload
 * said why. The seed is fixed ({@code -Dtagger.fault.seed}) so a failure can be repeated; the
 * output is kept in e2e/target/fault-suite.out.
 */
class FaultTest {
    static final List<String> FAULTS = List.of("kill9-feature", "kill9-inference", "kill9-ingest", "broker-kill9",
            "broker-stall", "disk-full-state", "disk-full-spool", "slow-consumer");
    static final int TRACKS = 30;

    @Test
    void everyAcceptedTrackIsTaggedExactlyOnceAfterEachFault() throws Exception {
        Path root = SharedPipeline.ROOT.toAbsolutePath().normalize();
        // The reactor packaged the CLI already: tell ./tagger not to rebuild it inside this build.
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/.built"), "");
        Path out = root.resolve("e2e/target/fault-suite.out");
        String seed = System.getProperty("tagger.fault.seed", "20261205");
        Process p = new ProcessBuilder(root.resolve("deploy/fault-suite.sh").toString(), "--seed", seed,
                "--tracks", String.valueOf(TRACKS)).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(25, TimeUnit.MINUTES);
        if (!done) {
            p.destroy(); // the suite's trap stops the stack and unmounts its file systems
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(done).as("the fault suite finished within 25 minutes:\n" + log).isTrue();
        // The suite's own lines (no progress bars, no broker log): every assertion shows them.
        String lines = log.lines().filter(l -> l.startsWith("fault-suite:") || l.startsWith("  "))
                .collect(java.util.stream.Collectors.joining("\n"));
        for (String fault : FAULTS) {
            Matcher m = Pattern.compile("fault-suite: " + fault + " injected=(\\d+) accepted=(\\d+) tagged=(\\d+) lost=(\\d+) "
                    + "duplicated=(\\d+) tagged-not-accepted=(\\d+) answered200-not-on-audio-in=(\\d+) .* unclear=(\\d+)").matcher(log);
            assertThat(m.find()).as("a line for " + fault + ":\n" + log).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as(fault + " faults injected\n" + lines).isPositive();
            assertThat(Integer.parseInt(m.group(2))).as(fault + " tracks accepted\n" + lines).isEqualTo(TRACKS);
            assertThat(Integer.parseInt(m.group(3))).as(fault + " tracks tagged\n" + lines).isEqualTo(TRACKS);
            assertThat(Integer.parseInt(m.group(4))).as(fault + " tracks lost\n" + lines).isZero();
            assertThat(Integer.parseInt(m.group(5))).as(fault + " tracks duplicated\n" + lines).isZero();
            assertThat(Integer.parseInt(m.group(6))).as(fault + " tracks tagged but never accepted\n" + lines).isZero();
            assertThat(Integer.parseInt(m.group(7))).as(fault + " uploads answered 200 but not on audio-in\n" + lines).isZero();
            assertThat(Integer.parseInt(m.group(8))).as(fault + " refusals without a message or Retry-After\n" + lines).isZero();
            assertThat(lines).contains("fault-suite: " + fault + ": OK");
        }
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("fault-suite: PASSED");
    }
}
