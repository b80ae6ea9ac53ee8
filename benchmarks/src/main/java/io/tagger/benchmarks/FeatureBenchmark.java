package io.tagger.benchmarks;

import io.tagger.features.Architectures;
import io.tagger.features.FeatureExtractor;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.FeatureSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Feature extraction of one 29.1 s, 16 kHz track: its 10 segments of 2.91 s, all 13
 * architecture-a features ({@code feature = all}) or one feature alone. Time per track; run with
 * {@code -t 1} and {@code -t 2} for single-core time and two-core throughput
 * (benchmarks/run-features.sh does both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class FeatureBenchmark {
    @Param({"all", "rms", "zerocross", "pulseclarity", "beatspectrum", "flux", "centroid", "rolloff", "flatness",
            "entropy", "skewness", "kurtosis", "chromagram", "mfcc"})
    public String feature;

    private FeatureExtractor extractor;
    private double[] track;

    @Setup
    public void setup() {
        FeatureSettings a = Architectures.named("a");
        if (!feature.equals("all")) {
            Map<String, FeatureSettings.Output> one = new LinkedHashMap<>();
            one.put(feature, a.outputs().get(feature));
            a = new FeatureSettings("a-" + feature, a.sampleRate(), a.segmentSamples(), one);
        }
        extractor = new FeatureExtractor(a);
        track = SyntheticTrack.render(Architectures.SEGMENT_SAMPLES * Architectures.SEGMENTS_PER_TRACK, Architectures.SAMPLE_RATE, 42);
    }

    @Benchmark
    public void track(Blackhole bh) {
        for (int s = 0; s < Architectures.SEGMENTS_PER_TRACK; s++) {
            Map<String, FeatureMatrix> out = extractor.extract(track, s * Architectures.SEGMENT_SAMPLES,
                    Architectures.SEGMENT_SAMPLES, Architectures.SAMPLE_RATE);
            bh.consume(out);
        }
    }
}
