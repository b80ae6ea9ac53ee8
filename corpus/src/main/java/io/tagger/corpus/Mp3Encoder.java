package io.tagger.corpus;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Encodes 16-bit mono PCM to MP3 as MagnaTagATune's files are (16 kHz mono, 32 kbit/s) with
 * Debian's {@code lame}, which the project's set-up installs.
 */
public final class Mp3Encoder {
    private final String lame;
    private final int kbps;

    public Mp3Encoder(String lame, int kbps) {
        this.lame = lame;
        this.kbps = kbps;
    }

    public static Mp3Encoder mtat() {
        return new Mp3Encoder(System.getenv().getOrDefault("TAGGER_LAME", "lame"), 32);
    }

    public String lame() {
        return lame;
    }

    public void encode(short[] pcm, int sampleRate, Path out) throws IOException, InterruptedException {
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        List<String> cmd = List.of(lame, "--quiet", "-r", "-s", String.valueOf(sampleRate / 1000.0), "--bitwidth", "16",
                "--signed", "--little-endian", "-m", "m", "-b", String.valueOf(kbps), "-", tmp.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run '" + lame + "' (install Debian's lame: deploy/setup.sh)", e);
        }
        byte[] buf = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            buf[2 * i] = (byte) pcm[i];
            buf[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        try (OutputStream os = p.getOutputStream()) {
            os.write(buf);
        }
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            Files.deleteIfExists(tmp);
            throw new IOException("lame failed for " + out + ": " + log.strip());
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
