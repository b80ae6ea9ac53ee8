package io.tagger.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The local stack (deploy/stack.sh: Kafka and the three services on this machine) that
 * {@code tag}, {@code retag} and {@code import} use when no cluster is named.
 */
final class LocalStack {
    private LocalStack() {
    }

    /** Where the local stack keeps its data, logs and API key (deploy/stack.sh's TAGGER_LOCAL). */
    static Path dir(Path home) {
        String local = System.getenv("TAGGER_LOCAL");
        return local != null && !local.isBlank() ? Path.of(local) : home.resolve("deploy/target/local");
    }

    /** Starts the local stack serving {@code bundleDir} (reused when already up); returns its bootstrap servers. */
    static String start(Path home, Path bundleDir) throws IOException, InterruptedException {
        Path script = home.resolve("deploy/stack.sh");
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "start").redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("TAGGER_MODEL_DIR", bundleDir.toAbsolutePath().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new Tagger.UserError("the local stack did not start (logs in deploy/target/local/logs)");
        }
        String[] lines = out.split("\n");
        return lines[lines.length - 1].strip();
    }
}
