package io.tagger.serving.network;

import io.tagger.features.Architectures;
import io.tagger.features.FeatureExtractor;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.FeatureSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The 9 variants: architecture a | b | c (feature settings and pooling) x block basic | SE | ReSE. */
public final class ModelSpec {
    /** Filters of a branch's first block at width 1: puts a-ReSE near the paper's 13M parameters. */
    public static final int DEFAULT_BASE_FILTERS = 78;

    private ModelSpec() {
    }

    /** The input branches of an architecture: each feature's rows x frames on one segment. */
    public static List<BranchShape> branches(FeatureSettings settings, String arch) {
        double[] probe = new double[settings.segmentSamples()];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < probe.length; i++) {
            probe[i] = 0.1 * r.nextGaussian();
        }
        Map<String, FeatureMatrix> m = new FeatureExtractor(settings).extract(probe, settings.sampleRate());
        List<BranchShape> out = new ArrayList<>();
        for (FeatureMatrix f : m.values()) {
            out.add(BranchShape.of(arch, f.name(), f.rows(), f.frames()));
        }
        return out;
    }

    public static NetworkConfig network(String arch, BlockType block, double width, int tags) {
        FeatureSettings settings = Architectures.named(arch);
        return new NetworkConfig(arch, block, branches(settings, arch), DEFAULT_BASE_FILTERS, width, 512, 16, tags);
    }
}
