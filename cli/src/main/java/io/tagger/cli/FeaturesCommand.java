package io.tagger.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagger.audio.AudioDecoder;
import io.tagger.audio.AudioTooLongException;
import io.tagger.audio.DecodedAudio;
import io.tagger.audio.Segmenter;
import io.tagger.audio.StreamInfo;
import io.tagger.audio.TrackSegments;
import io.tagger.features.Architectures;
import io.tagger.features.FeatureExtractor;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.FeatureSettings;
import io.tagger.features.json.FeatureJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./tagger features}: the 13 features of one file, as JSON.
 * <ul>
 *   <li>{@code --settings mirtoolbox}: on the whole file at its own sample rate, every key with
 *       MIRtoolbox's defaults (plus {@code pulseclarity_1s}); writes
 *       {@code {"sample_rate": sr, "features": {KEY: {frame_start, frame_end, data}}}}.</li>
 *   <li>{@code --settings a|b|c}: the 13 model inputs of each 2.91 s segment of the file at
 *       16 kHz; writes {@code {"sample_rate", "settings", "segments": [{index, start_sample,
 *       zero_padded, features}]}}.</li>
 * </ul>
 * Whole-file analysis holds the file and its spectrograms at once: about
 * {@link #WHOLE_FILE_BYTES_PER_SAMPLE} bytes per sample, so a file the heap cannot hold is refused
 * before it is decoded, with a message naming the limit; the segments of a|b|c take a few MB
 * whatever the file's length.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Compute the 13 MIRtoolbox features of an audio file and write them as JSON.")
final class FeaturesCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * Heap that whole-file analysis ({@code --settings mirtoolbox}) needs per sample of the file,
     * measured: 9.7 minutes at 16 kHz (9.3 M samples) fails at -Xmx768m and runs at -Xmx1g, an
     * hour at 16 kHz runs at -Xmx6g, 9.7 minutes at 44.1 kHz at -Xmx2g.
     */
    static final long WHOLE_FILE_BYTES_PER_SAMPLE = 100;

    @Option(names = "--settings", defaultValue = "mirtoolbox", paramLabel = "mirtoolbox|a|b|c",
            description = "Frame settings: MIRtoolbox's defaults on the whole file, or a model architecture's per segment (default: ${DEFAULT-VALUE}).")
    String settings;

    @Option(names = "--json", required = true, paramLabel = "OUT.json", description = "Where to write the JSON ('-' for standard output).")
    String json;

    @Option(names = "--segments", defaultValue = "" + Architectures.SEGMENTS_PER_TRACK, description = "Segments per track for a|b|c (default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--threads", description = "Threads for the segments of a|b|c (default: all cores).")
    Integer threads;

    @Option(names = "--max-seconds", defaultValue = "" + AudioDecoder.DEFAULT_MAX_SECONDS,
            description = "Longest file read, in seconds (default: ${DEFAULT-VALUE}); whole-file analysis is also limited by the heap.")
    double maxSeconds;

    @Parameters(index = "0", paramLabel = "FILE", description = "An audio file FFmpeg can read (WAV, MP3, FLAC, OGG, ...).")
    Path file;

    @Override
    public Integer call() throws Exception {
        FeatureSettings fs = Architectures.named(settings);
        if (!(maxSeconds > 0) || Double.isInfinite(maxSeconds)) {
            throw new Tagger.UserError("--max-seconds must be positive, got " + maxSeconds);
        }
        if (fs.segmentSamples() == 0) {
            DecodedAudio audio = decodeWholeFile();
            Map<String, FeatureMatrix> features = new FeatureExtractor(fs).extract(audio.samples(), audio.sampleRate());
            try (OutputStream os = open(); JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeNumberField("sample_rate", audio.sampleRate());
                g.writeFieldName("features");
                FeatureJson.writeFeatures(g, features);
                g.writeEndObject();
            }
            return Tagger.EXIT_OK;
        }
        Segmenter segmenter = new Segmenter(fs.segmentSamples(), segments);
        TrackSegments audio;
        try {
            audio = AudioDecoder.builder().setSampleRate(fs.sampleRate()).optMaxSeconds(maxSeconds).build()
                    .decodeSegments(file, segmenter);
        } catch (AudioTooLongException e) {
            throw new Tagger.UserError(e.getMessage() + " (--max-seconds)");
        }
        List<Segmenter.Segment> plan = audio.plan();
        FeatureExtractor extractor = new FeatureExtractor(fs);
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        List<Map<String, FeatureMatrix>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(nThreads, plan.size())));
        try {
            List<Future<Map<String, FeatureMatrix>>> futures = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    double[] buf = new double[fs.segmentSamples()];
                    audio.copy(index, buf);
                    return extractor.extract(buf, fs.sampleRate());
                }));
            }
            for (Future<Map<String, FeatureMatrix>> f : futures) {
                results.add(unwrap(f));
            }
        } finally {
            pool.shutdownNow();
        }
        try (OutputStream os = open(); JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
            g.setCodec(MAPPER);
            g.writeStartObject();
            g.writeNumberField("sample_rate", fs.sampleRate());
            g.writeFieldName("settings");
            g.writeTree(FeatureJson.settingsToJson(fs));
            g.writeArrayFieldStart("segments");
            for (int i = 0; i < plan.size(); i++) {
                Segmenter.Segment s = plan.get(i);
                g.writeStartObject();
                g.writeNumberField("index", s.index());
                g.writeNumberField("start_sample", s.start());
                g.writeBooleanField("zero_padded", s.zeroPadded());
                g.writeFieldName("features");
                FeatureJson.writeFeatures(g, results.get(i));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return Tagger.EXIT_OK;
    }

    /**
     * The whole file at its own rate, if the heap can hold its analysis: refused up front from the
     * length its header announces, and once decoding reads more than that (a header may lie).
     */
    private DecodedAudio decodeWholeFile() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        long maxSamples = heap / WHOLE_FILE_BYTES_PER_SAMPLE;
        AudioDecoder probe = AudioDecoder.builder().setSourceSampleRate().build();
        StreamInfo info = probe.probe(file);
        if (info.estimatedSamples() > maxSamples) {
            throw tooLargeForTheHeap(info.estimatedSamples(), info.sampleRate(), heap);
        }
        double heapSeconds = maxSamples / (double) info.sampleRate();
        try {
            return AudioDecoder.builder().setSourceSampleRate().optMaxSeconds(Math.min(maxSeconds, heapSeconds)).build()
                    .decode(file);
        } catch (AudioTooLongException e) {
            if (e.maxSeconds() < maxSeconds) {
                throw tooLargeForTheHeap(maxSamples + 1, info.sampleRate(), heap);
            }
            throw new Tagger.UserError(e.getMessage() + " (--max-seconds)");
        }
    }

    private Tagger.UserError tooLargeForTheHeap(long samples, int rate, long heap) {
        return new Tagger.UserError(String.format(Locale.ROOT, "%s: whole-file analysis (--settings mirtoolbox) of %.1f min"
                        + " at %d Hz needs about %.1f GB of heap, more than this JVM's %.1f GB (-Xmx; ./tagger takes it from"
                        + " TAGGER_JAVA_OPTS, default -Xmx6g). Analyse a shorter excerpt, or use --settings a|b|c (per 2.91 s"
                        + " segment, any length)", file, samples / (double) rate / 60, rate,
                samples * (double) WHOLE_FILE_BYTES_PER_SAMPLE / (1L << 30), heap / (double) (1L << 30)));
    }

    private static <T> T unwrap(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            if (e.getCause() instanceof Error err) {
                throw err; // an OutOfMemoryError is reported as such (Tagger.run)
            }
            throw e;
        }
    }

    private OutputStream open() throws java.io.IOException {
        if (json.equals("-")) {
            return new java.io.FilterOutputStream(System.out) {
                @Override
                public void close() throws java.io.IOException {
                    flush(); // never close standard output
                }
            };
        }
        Path out = Path.of(json);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        return new java.io.BufferedOutputStream(Files.newOutputStream(out));
    }
}
