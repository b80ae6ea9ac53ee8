package io.tagger.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Access to the MIRtoolbox reference data in src/test/resources/mirtoolbox-reference (its README
 * gives the provenance): the test WAVs and MIRtoolbox's outputs for them. The build passes the
 * folder as {@code -Dmirtoolbox.reference.dir}; without it (an IDE run) the path is relative to
 * this module's folder.
 */
public final class ReferenceSignals {
    public static final String[] SIGNALS = {"sine440", "noise", "clicks120", "clicks120_dither", "chord_drums"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceSignals() {
    }

    static Path dir() {
        String configured = System.getProperty("mirtoolbox.reference.dir");
        Path p = configured != null ? Paths.get(configured) : Paths.get("src/test/resources/mirtoolbox-reference");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("MIRtoolbox reference folder not found at " + p.toAbsolutePath()
                    + " (set -Dmirtoolbox.reference.dir)");
        }
        return p;
    }

    /** 16-bit PCM scaled by 1/32768, as MATLAB's audioread. */
    public record Wav(double[] samples, double sampleRate) {
    }

    public static Wav wav(String signal) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(dir().resolve(signal + ".wav").toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getSampleSizeInBits() != 16 || f.getChannels() != 1 || f.isBigEndian()) {
                throw new IllegalStateException("expected 16-bit little-endian mono: " + f);
            }
            byte[] b = in.readAllBytes();
            double[] x = new double[b.length / 2];
            for (int i = 0; i < x.length; i++) {
                short s = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
                x[i] = s / 32768.0;
            }
            return new Wav(x, f.getSampleRate());
        }
    }

    static JsonNode reference(String signal, String key) throws IOException {
        return JSON.readTree(dir().resolve(signal + "_" + key + ".json").toFile());
    }
}
