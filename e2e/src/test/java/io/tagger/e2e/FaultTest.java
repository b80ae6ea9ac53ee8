package io.tagger.e2e;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kill -9 fault test in CI: {@code deploy/fault-test.sh 200} — the local stack on a real
 * broker, 200 synthetic 29.1 s tracks sent with {@code ./tagger tag}, the feature and inference
 * services killed with SIGKILL mid-run and restarted — must end with every track tagged exactly
 * once. Its output is kept in e2e/target/fault-test.out.
 */
class FaultTest {
    @Test
    void killingTheFeatureAndInferenceServicesMidRunLosesAndDuplicatesNothing() throws Exception {
        Path root = SharedPipeline.ROOT.toAbsolutePath().normalize();
        // The reactor packaged the CLI already: tell ./tagger not to rebuild it inside this build.
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/.built"), "");
        Path out = root.resolve("e2e/target/fault-test.out");
        Process p = new ProcessBuilder(root.resolve("deploy/fault-test.sh").toString(), "200").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(20, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(done).as("the fault test finished within 20 minutes:\n" + log).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("track-tags records 200, distinct 200, tracks with duplicates 0", "PASSED");
    }
}
