package io.tagger.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagger.audio.AudioDecoder;
import io.tagger.audio.DecodedAudio;
import io.tagger.audio.Segmenter;
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
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Compute the 13 MIRtoolbox features of an audio file and write them as JSON.")
final class FeaturesCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--settings", defaultValue = "mirtoolbox", paramLabel = "mirtoolbox|a|b|c",
            description = "Frame settings: MIRtoolbox's defaults on the whole file, or a model architecture's per segment (default: ${DEFAULT-VALUE}).")
    String settings;

    @Option(names = "--json", required = true, paramLabel = "OUT.json", description = "Where to write the JSON ('-' for standard output).")
    String json;

    @Option(names = "--segments", defaultValue = "" + Architectures.SEGMENTS_PER_TRACK, description = "Segments per track for a|b|c (default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--threads", description = "Threads for the segments of a|b|c (default: all cores).")
    Integer threads;

    @Parameters(index = "0", paramLabel = "FILE", description = "An audio file FFmpeg can read (WAV, MP3, FLAC, OGG, ...).")
    Path file;

    @Override
    public Integer call() throws Exception {
        FeatureSettings fs = Architectures.named(settings);
        if (fs.segmentSamples() == 0) {
            DecodedAudio audio = AudioDecoder.builder().setSourceSampleRate().build().decode(file);
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
        DecodedAudio audio = AudioDecoder.builder().setSampleRate(fs.sampleRate()).build().decode(file);
        Segmenter segmenter = new Segmenter(fs.segmentSamples(), segments);
        List<Segmenter.Segment> plan = segmenter.plan(audio.samples().length);
        FeatureExtractor extractor = new FeatureExtractor(fs);
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        List<Map<String, FeatureMatrix>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(nThreads, plan.size())));
        try {
            List<Future<Map<String, FeatureMatrix>>> futures = new ArrayList<>();
            for (Segmenter.Segment s : plan) {
                futures.add(pool.submit(() -> {
                    double[] buf = new double[fs.segmentSamples()];
                    segmenter.copy(audio.samples(), s, buf);
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

    private static <T> T unwrap(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
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
