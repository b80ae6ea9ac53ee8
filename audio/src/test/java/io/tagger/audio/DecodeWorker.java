package io.tagger.audio;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process that decodes files for {@link DecodeWorkerPool}: reads one path per line on
 * standard input, decodes its segments as the ingest does (16 kHz, 10 segments of 2.91 s) and
 * answers one line on standard output, after {@link #ANSWER}: {@code DECODED segments samples},
 * {@code REJECTED message} (an {@link AudioDecodingException}) or {@code OTHER class: message}
 * (anything else: a bug). A native crash or an out-of-memory kills only this process (the JVM's
 * crash report, which it prints on standard output too, has no answer prefix).
 *
 * <p>Arguments: the decode time limit in seconds (default 10).
 */
public final class DecodeWorker {
    /** What starts an answer line. */
    static final String ANSWER = "@@ ";

    private DecodeWorker() {
    }

    public static void main(String[] args) throws Exception {
        double limit = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        AudioDecoder decoder = AudioDecoder.builder().setSampleRate(16000)
                .optMaxDecodeTime(Duration.ofMillis((long) (limit * 1000))).build();
        Segmenter segmenter = new Segmenter(46560, 10);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // nothing but answers on the protocol's stream
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            out.println(ANSWER + answer(decoder, segmenter, Path.of(line)));
        }
    }

    static String answer(AudioDecoder decoder, Segmenter segmenter, Path file) {
        try {
            TrackSegments t = decoder.decodeSegments(file, segmenter);
            return "DECODED " + t.count() + " " + t.trackSamples();
        } catch (AudioDecodingException e) {
            return "REJECTED " + oneLine(e.getMessage());
        } catch (Throwable e) {
            return "OTHER " + e.getClass().getName() + ": " + oneLine(String.valueOf(e.getMessage()));
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
