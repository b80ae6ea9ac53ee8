package io.tagger.e2e;

import io.tagger.audio.AudioDecoder;
import io.tagger.audio.Segmenter;
import io.tagger.features.FeatureExtractor;
import io.tagger.features.FeatureMatrix;
import io.tagger.serving.BundlePredictor;
import io.tagger.serving.ModelBundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline must give, computed without it: a file decoded, cut into segments, its
 * features extracted and scored one segment at a time with the bundle through DJL, and the mean
 * over the segments.
 */
final class OfflineTagger implements AutoCloseable {
    private final ModelBundle bundle;
    private final FeatureExtractor extractor;
    private final Segmenter segmenter;
    private final AudioDecoder decoder;
    private final BundlePredictor predictor;
    private final BundlePredictor.Scorer scorer;

    OfflineTagger(ModelBundle bundle) throws Exception {
        this.bundle = bundle;
        extractor = new FeatureExtractor(bundle.settings());
        segmenter = new Segmenter(bundle.settings().segmentSamples(), bundle.segmentsPerTrack());
        decoder = AudioDecoder.builder().setSampleRate(bundle.settings().sampleRate()).build();
        predictor = new BundlePredictor(bundle);
        scorer = predictor.newScorer();
    }

    /** The track's score of every tag, in the bundle's order, and how many segments it has. */
    record Track(double[] scores, int segments) {
    }

    Track tag(Path file) throws Exception {
        List<String> keys = bundle.settings().keys();
        float[] audio = decoder.decode(file).samples();
        var plan = segmenter.plan(audio.length);
        double[] mean = new double[bundle.tags().size()];
        double[] buf = new double[segmenter.segmentSamples()];
        for (var seg : plan) {
            segmenter.copy(audio, seg, buf);
            Map<String, FeatureMatrix> m = extractor.extract(buf, bundle.settings().sampleRate());
            List<float[]> inputs = new ArrayList<>();
            int[] rows = new int[keys.size()];
            int[] frames = new int[keys.size()];
            for (int o = 0; o < keys.size(); o++) {
                FeatureMatrix f = m.get(keys.get(o));
                rows[o] = f.rows();
                frames[o] = f.frames();
                float[] v = new float[f.values().length];
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) f.values()[k];
                }
                inputs.add(v);
            }
            float[] s = scorer.score(inputs, 1, rows, frames)[0];
            for (int k = 0; k < mean.length; k++) {
                mean[k] += s[k] / plan.size();
            }
        }
        return new Track(mean, plan.size());
    }

    @Override
    public void close() throws Exception {
        scorer.close();
        predictor.close();
    }
}
