package io.tagger.model.train;

import io.tagger.model.network.MultiInputCnn;
import io.tagger.serving.network.NetworkConfig;
import io.tagger.serving.network.Normalization;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inference-mode network (batch norm on moving statistics, no dropout) in its own graph:
 * restores a training checkpoint, scores segments, and exports the SavedModel of the bundle
 * (signature {@code serving_default}: one input per feature, output {@code tags}). It holds no
 * optimizer state, so the export carries none.
 */
public final class InferenceGraph implements AutoCloseable {
    public static final String SIGNATURE = "serving_default";
    public static final String OUTPUT = "tags";

    private final NetworkConfig cfg;
    private final Graph graph;
    private final Session session;
    private final MultiInputCnn.Built net;

    public InferenceGraph(NetworkConfig cfg, Normalization norm) {
        this.cfg = cfg;
        this.graph = new Graph();
        this.net = MultiInputCnn.build(Ops.create(graph), cfg, norm, false, 0);
        this.session = new Session(graph);
        session.initialize();
    }

    public void restore(Path checkpointPrefix) {
        session.restore(checkpointPrefix.toString());
    }

    /** The current values of the variables named {@code names}, in one run (the caller closes them). */
    List<TFloat32> values(List<String> names) {
        Session.Runner runner = session.runner();
        names.forEach(runner::fetch);
        List<TFloat32> out = new ArrayList<>();
        try (Result r = runner.run()) {
            for (int i = 0; i < names.size(); i++) {
                TFloat32 t = (TFloat32) r.get(i);
                TFloat32 copy = TFloat32.tensorOf(t.shape());
                t.copyTo(copy);
                out.add(copy);
            }
        }
        return out;
    }

    public long parameters() {
        return net.parameters();
    }

    /** Scores of every segment of {@code set}, {@code [segment][tag]}. */
    public float[][] predict(SegmentSet set, int batch) {
        int n = set.segments();
        int tags = cfg.tags();
        float[][] out = new float[n][tags];
        List<String> features = set.features();
        float[][] buffers = new float[features.size()][];
        for (int o = 0; o < features.size(); o++) {
            buffers[o] = new float[batch * set.rows(o) * set.frames(o)];
        }
        for (int start = 0; start < n; start += batch) {
            int b = Math.min(batch, n - start);
            List<TFloat32> inputs = new ArrayList<>();
            try {
                Session.Runner runner = session.runner();
                for (int o = 0; o < features.size(); o++) {
                    int size = set.rows(o) * set.frames(o);
                    for (int i = 0; i < b; i++) {
                        set.copy(o, start + i, buffers[o], i * size);
                    }
                    TFloat32 t = TFloat32.tensorOf(Shape.of(b, set.rows(o), set.frames(o)),
                            DataBuffers.of(buffers[o], true, false).narrow((long) b * size));
                    inputs.add(t);
                    runner.feed(net.inputs().get(features.get(o)), t);
                }
                try (Result r = runner.fetch(net.scores()).run()) {
                    TFloat32 s = (TFloat32) r.get(0);
                    for (int i = 0; i < b; i++) {
                        for (int t = 0; t < tags; t++) {
                            out[start + i][t] = s.getFloat(i, t);
                        }
                    }
                }
            } finally {
                inputs.forEach(TFloat32::close);
            }
        }
        return out;
    }

    /** Writes {@code saved_model.pb} and {@code variables/} into {@code dir}. */
    public void export(Path dir) throws IOException {
        Files.createDirectories(dir);
        Signature.Builder sig = Signature.builder().key(SIGNATURE);
        net.inputs().forEach(sig::input);
        sig.output(OUTPUT, net.scores());
        SavedModelBundle.exporter(dir.toString()).withTags("serve")
                .withFunction(SessionFunction.create(sig.build(), session)).export();
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
