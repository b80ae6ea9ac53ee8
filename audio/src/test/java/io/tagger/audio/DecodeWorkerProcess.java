package io.tagger.audio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived {@link DecodeWorker} child process: each file is decoded in a child JVM, so a native
 * crash, an out-of-memory or a hang costs that child (restarted for the next file) and never the
 * caller. One per thread that uses it; {@link #decode} blocks for the answer.
 */
final class DecodeWorkerProcess implements AutoCloseable {
    /** How a file ended. DECODED and REJECTED are the only acceptable outcomes. */
    enum Outcome { DECODED, REJECTED, OTHER_EXCEPTION, CRASHED, TIMED_OUT }

    record Result(Outcome outcome, String detail) {
    }

    private final List<String> command;
    private final long timeoutMillis;
    private Process process;
    private Writer toChild;
    private BlockingQueue<String> answers;
    private int restarts;

    /**
     * @param maxHeap        the child's -Xmx (e.g. "128m")
     * @param decodeLimitSec the child decoder's own time limit per file
     * @param timeoutMillis  how long the parent waits for an answer before it kills the child
     */
    DecodeWorkerProcess(String maxHeap, double decodeLimitSec, long timeoutMillis) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command = List.of(java, "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss1m",
                "-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + "/tagger-decode-worker-hs_err_%p.log",
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir",
                        System.getProperty("user.home") + "/.javacpp/cache"),
                DecodeWorker.class.getName(), String.valueOf(decodeLimitSec));
        this.timeoutMillis = timeoutMillis;
    }

    Result decode(Path file) throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            start();
        }
        String answer;
        try {
            toChild.write(file.toAbsolutePath() + "\n");
            toChild.flush();
            answer = answers.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (IOException brokenPipe) {
            answer = null;
        }
        if (answer == null) {
            boolean alive = process.isAlive();
            stop();
            return alive ? new Result(Outcome.TIMED_OUT, "no answer within " + timeoutMillis + " ms")
                    : new Result(Outcome.CRASHED, "worker exited with " + process.exitValue());
        }
        if (answer.startsWith("EOF")) {
            stop();
            return new Result(Outcome.CRASHED, "worker exited with " + process.waitFor());
        }
        int space = answer.indexOf(' ');
        String kind = space < 0 ? answer : answer.substring(0, space);
        String detail = space < 0 ? "" : answer.substring(space + 1);
        return switch (kind) {
            case "DECODED" -> new Result(Outcome.DECODED, detail);
            case "REJECTED" -> new Result(Outcome.REJECTED, detail);
            default -> new Result(Outcome.OTHER_EXCEPTION, answer);
        };
    }

    /** Children started after the first (each a crash or a hang). */
    int restarts() {
        return restarts;
    }

    private void start() throws IOException {
        if (process != null) {
            restarts++;
        }
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        toChild = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(4);
        answers = queue;
        BufferedReader fromChild = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = fromChild.readLine()) != null; ) {
                    if (line.startsWith(DecodeWorker.ANSWER)) {
                        queue.put(line.substring(DecodeWorker.ANSWER.length()));
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the child is gone
            }
            queue.offer("EOF");
        }, "decode-worker-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void stop() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Ends the child: it exits when its input closes, or is killed after 5 s. */
    @Override
    public void close() {
        if (process != null) {
            try {
                toChild.close();
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    stop();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
