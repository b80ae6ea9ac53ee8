package io.tagger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * #20 B: {@code ./tagger features --settings mirtoolbox} on a 9.7-minute 16 kHz WAV died with a
 * bare OutOfMemoryError at -Xmx6g (the beat spectrum's similarity matrix was n x n: 4.3 GB). It
 * now runs in 1.2 GB; a file the heap cannot hold is refused before decoding with a message
 * naming the limit; and no command prints a bare out-of-memory stack trace.
 */
class OutOfMemoryTest {
    @TempDir
    static Path tmp;
    static Path long16k;

    /** 9.7 minutes of 16 kHz mono 16-bit WAV (18.6 MB): a chord with clicks and noise. */
    @BeforeAll
    static void writeLongWav() throws Exception {
        int rate = 16000;
        int n = rate * 582;
        byte[] pcm = new byte[2 * n];
        java.util.Random r = new java.util.Random(20);
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double v = 0.2 * Math.sin(2 * Math.PI * 261.63 * t) + 0.15 * Math.sin(2 * Math.PI * 392 * t)
                    + (t % 0.5 < 0.01 ? 0.4 * Math.sin(2 * Math.PI * 1000 * t) : 0) + 0.01 * r.nextGaussian();
            short s = (short) Math.round(v * 32767);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        long16k = tmp.resolve("long16k.wav");
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), new AudioFormat(rate, 16, 1, true, false), n),
                AudioFileFormat.Type.WAVE, long16k.toFile());
    }

    record Run(int exitCode, String stderr) {
    }

    /** {@code ./tagger ARGS} in a child JVM with {@code -Xmx}{@code heap}. */
    static Run tagger(String heap, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir",
                        System.getProperty("user.home") + "/.javacpp/cache"),
                Tagger.class.getName()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./tagger " + String.join(" ", args) + " did not end within 10 minutes");
        }
        return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void wholeFileFeaturesOfTenMinutesRunInAGigabyteAndAHalf() throws Exception {
        Path out = tmp.resolve("mirtoolbox.json");
        Run r = tagger("1200m", "features", "--settings", "mirtoolbox", "--json", out.toString(), long16k.toString());
        assertThat(r.stderr()).doesNotContain("OutOfMemoryError");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode f = new ObjectMapper().readTree(out.toFile()).get("features");
        assertThat(f.get("beatspectrum").get("data").get(0).size()).isEqualTo(160); // lags up to 4 s
        assertThat(f.get("mfcc").get("data").get(0).size()).isGreaterThan(23_000); // 50 ms frames, hop 25 ms, 9.7 min
    }

    @Test
    void aFileTheHeapCannotHoldIsRefusedUpFrontWithTheLimitNamed() throws Exception {
        Run r = tagger("256m", "features", "--settings", "mirtoolbox", "--json", tmp.resolve("x.json").toString(),
                long16k.toString());
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(Tagger.EXIT_BAD_INPUT);
        assertThat(r.stderr()).contains("whole-file analysis (--settings mirtoolbox) of 9.7 min at 16000 Hz needs about 0.9 GB of heap")
                .contains("-Xmx").contains("TAGGER_JAVA_OPTS").contains("--settings a|b|c")
                .doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
        assertThat(Files.exists(tmp.resolve("x.json"))).isFalse();
    }

    @Test
    void theSameFilesSegmentsNeedNoMoreThanAFewMegabytesOfAudio() throws Exception {
        Path out = tmp.resolve("a.json");
        Run r = tagger("256m", "features", "--settings", "a", "--threads", "1", "--json", out.toString(), long16k.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(new ObjectMapper().readTree(out.toFile()).get("segments").size()).isEqualTo(10);
    }

    @Test
    void maxSecondsIsNamedWhenAFileIsLongerThanIt() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Tagger());
        cli.setErr(new PrintWriter(err, true));
        int rc = Tagger.run(cli, "features", "--settings", "a", "--max-seconds", "60", "--json", tmp.resolve("m.json").toString(),
                long16k.toString());
        assertThat(rc).isEqualTo(Tagger.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("longer than the allowed 60.0 s (--max-seconds)");
    }

    @CommandLine.Command(name = "oom")
    static final class OutOfMemoryCommand implements Callable<Integer> {
        @CommandLine.Option(names = "--in-pool")
        boolean inPool;

        @Override
        public Integer call() throws Exception {
            if (!inPool) {
                throw new OutOfMemoryError("Java heap space");
            }
            var pool = Executors.newSingleThreadExecutor();
            try {
                return pool.submit((Callable<Integer>) () -> {
                    throw new OutOfMemoryError("Java heap space");
                }).get();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anOutOfMemoryErrorIsAMessageAndAnExitCodeNeverAStackTrace() {
        for (String[] args : new String[][]{{"oom"}, {"oom", "--in-pool"}}) {
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new Tagger()).addSubcommand("oom", new OutOfMemoryCommand());
            cli.setErr(new PrintWriter(err, true));
            int rc = Tagger.run(cli, args);
            assertThat(rc).as(String.join(" ", args)).isEqualTo(Tagger.EXIT_FAILURE);
            assertThat(err.toString()).as(String.join(" ", args))
                    .startsWith("error: out of memory (Java heap space): the command needed more than this JVM's")
                    .contains("TAGGER_JAVA_OPTS").doesNotContain("\tat ").doesNotContain("java.lang.OutOfMemoryError");
        }
    }
}
