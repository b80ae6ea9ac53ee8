package io.tagger.model.network;

import io.tagger.serving.network.NetworkConfig;
import io.tagger.serving.network.Normalization;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/** Builds a network's inference graph and counts its parameters (weights, biases, batch-norm statistics). */
public final class ParameterCount {
    private ParameterCount() {
    }

    public static long of(NetworkConfig cfg) {
        try (Graph g = new Graph()) {
            return MultiInputCnn.build(Ops.create(g), cfg, Normalization.identity(cfg.branches()), false, 0).parameters();
        }
    }
}
