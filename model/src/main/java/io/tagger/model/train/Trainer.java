package io.tagger.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagger.dataset.util.Progress;
import io.tagger.model.eval.Evaluation;
import io.tagger.model.network.MultiInputCnn;
import io.tagger.serving.network.NetworkConfig;
import io.tagger.serving.network.Normalization;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains a {@link NetworkConfig} with the paper's recipe in TensorFlow graph mode: binary
 * cross-entropy on logits ({@code max(z,0) - z t + log1p(exp(-|z|))}), L2 on the convolution
 * kernels, SGD with Nesterov momentum applied per variable, batch-norm moving averages updated
 * with each step. Every epoch ends with a checkpoint and the validation ROC-AUC (clip level: mean
 * of segment scores); an interrupted run resumes from its last checkpoint. Shuffling and dropout
 * masks come from the seed and the epoch number, so a run (or a resumed one) repeats.
 */
public final class Trainer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NetworkConfig cfg;
    private final Normalization norm;
    private final TrainingConfig tc;
    private final Path work;
    private final Graph graph;
    private final Session session;
    private final MultiInputCnn.Built net;
    private final Placeholder<TFloat32> labels;
    private final Placeholder<TFloat32> learningRate;
    private final Operand<TFloat32> loss;
    private final List<Op> trainOps = new ArrayList<>();

    /** One epoch's figures. */
    public record Epoch(int epoch, double loss, double validationRocAuc, double seconds, double segmentsPerSecond) {
    }

    public Trainer(NetworkConfig cfg, Normalization norm, TrainingConfig tc, Path workDir) throws IOException {
        this.cfg = cfg;
        this.norm = norm;
        this.tc = tc;
        this.work = workDir;
        Files.createDirectories(workDir);
        graph = new Graph();
        Ops tf = Ops.create(graph);
        net = MultiInputCnn.build(tf, cfg, norm, true, tc.seed());
        labels = tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, cfg.tags())));
        learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        Operand<TFloat32> z = net.logits();
        Operand<TFloat32> ce = tf.math.add(tf.math.sub(tf.math.maximum(z, tf.zerosLike(z)), tf.math.mul(z, labels)),
                tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(z)))));
        Operand<TFloat32> dataLoss = tf.math.mean(ce, tf.constant(new int[]{0, 1}));
        Operand<TFloat32> l2 = tf.constant(0f);
        for (Variable<TFloat32> k : net.convKernels()) {
            l2 = tf.math.add(l2, tf.nn.l2Loss(k));
        }
        loss = tf.withName("loss").math.add(dataLoss, tf.math.mul(tf.constant((float) tc.l2()), l2));
        List<Variable<TFloat32>> vars = net.trainable();
        Output<?>[] xs = new Output<?>[vars.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = vars.get(i).asOutput();
        }
        Output<?>[] grads = graph.addGradients(loss.asOutput(), xs);
        Operand<TFloat32> momentum = tf.constant((float) tc.momentum());
        for (int i = 0; i < vars.size(); i++) {
            Variable<TFloat32> v = vars.get(i);
            Variable<TFloat32> slot = tf.withName(v.op().name() + "_momentum")
                    .variable(tf.zeros(tf.constant(v.shape().asArray()), TFloat32.class));
            @SuppressWarnings("unchecked")
            Operand<TFloat32> g = (Operand<TFloat32>) grads[i];
            trainOps.add(tf.train.applyMomentum(v, slot, learningRate, g, momentum, ApplyMomentum.useNesterov(true)));
        }
        trainOps.addAll(net.batchNormUpdates());
        session = new Session(graph);
        session.initialize();
    }

    public long parameters() {
        return net.parameters();
    }

    /**
     * Starts from the weights of a model bundle (fine-tuning): every variable of the network, batch-norm
     * moving statistics included, is set to the bundle's value; momentum starts at zero. The bundle must
     * hold the same network (the caller checks its configuration). A run resuming from its own
     * checkpoint ignores this, since the checkpoint replaces every value.
     */
    public void startFrom(Path bundleDir) {
        Ops tf = Ops.create(graph);
        List<Variable<TFloat32>> variables = net.variables();
        List<TFloat32> values = List.of();
        try (InferenceGraph inf = new InferenceGraph(cfg, norm)) {
            inf.restore(bundleDir.resolve("variables").resolve("variables"));
            values = inf.values(variables.stream().map(v -> v.op().name()).toList());
            // one run for every assignment: each new run signature would extend the session's graph and build an executor
            Session.Runner runner = session.runner();
            for (int i = 0; i < variables.size(); i++) {
                Placeholder<TFloat32> p = tf.placeholder(TFloat32.class);
                runner.feed(p, values.get(i)).addTarget(tf.assign(variables.get(i), p));
            }
            runner.run();
        } finally {
            values.forEach(TFloat32::close);
        }
    }

    /** Writes a checkpoint of every variable now (tests compare what a run starts from). */
    void save(Path prefix) throws IOException {
        Files.createDirectories(prefix.getParent());
        session.save(prefix.toString());
    }

    Path checkpoint(int epoch) {
        return work.resolve("checkpoints").resolve("epoch-" + epoch).resolve("model");
    }

    /** The epoch to start from: 0, or the one after the last completed checkpoint (resume). */
    int resume(PrintStream log) throws IOException {
        Path state = work.resolve("state.json");
        if (!Files.exists(state)) {
            return 0;
        }
        int last = JSON.readTree(state.toFile()).get("last_epoch").asInt();
        session.restore(checkpoint(last).toString());
        log.printf(Locale.ROOT, "resuming after epoch %d from %s%n", last + 1, checkpoint(last).getParent());
        return last + 1;
    }

    /**
     * Trains until {@code tc.epochs()}; returns the history (resumed epochs included from the
     * state file) and leaves the best validation checkpoint's path in {@link #bestCheckpoint()}.
     * An epoch's validation ROC-AUC is the mean of the macro ROC-AUC over {@code valids} (for
     * example the own validation split, another engine's clips and an unseen SoundFont's; none:
     * NaN), so the best epoch is the one that generalises best, not the one that fits the
     * training generator best.
     */
    public List<Epoch> train(SegmentSet train, List<SegmentSet> valids, PrintStream log) throws IOException {
        List<Epoch> history = new ArrayList<>(readHistory());
        int start = resume(log);
        int n = train.segments();
        int batch = tc.batchSize();
        List<String> features = train.features();
        float[][] buffers = new float[features.size()][];
        for (int o = 0; o < features.size(); o++) {
            buffers[o] = new float[batch * train.rows(o) * train.frames(o)];
        }
        float[] labelBuf = new float[batch * cfg.tags()];
        float[] maskBuf = new float[batch * cfg.fc()];
        float keepScale = (float) (1 / (1 - tc.dropout()));
        for (int epoch = start; epoch < tc.epochs(); epoch++) {
            long t0 = System.nanoTime();
            int[] order = shuffled(n, new Random(tc.seed() * 1_000_003L + epoch));
            Random dropout = new Random(tc.seed() * 7_919L + epoch);
            int steps = n / batch; // the last partial batch is dropped (batch norm needs a batch)
            Progress progress = new Progress(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, tc.epochs()),
                    steps, "steps", log);
            double lossSum = 0;
            float lr = (float) tc.learningRate(epoch);
            for (int step = 0; step < steps; step++) {
                List<TFloat32> tensors = new ArrayList<>();
                try {
                    Session.Runner runner = session.runner();
                    for (int o = 0; o < features.size(); o++) {
                        int size = train.rows(o) * train.frames(o);
                        for (int i = 0; i < batch; i++) {
                            train.copy(o, order[step * batch + i], buffers[o], i * size);
                        }
                        TFloat32 t = TFloat32.tensorOf(Shape.of(batch, train.rows(o), train.frames(o)),
                                DataBuffers.of(buffers[o], true, false));
                        tensors.add(t);
                        runner.feed(net.inputs().get(features.get(o)), t);
                    }
                    for (int i = 0; i < batch; i++) {
                        int clip = train.clipOf(order[step * batch + i]);
                        for (int t = 0; t < cfg.tags(); t++) {
                            labelBuf[i * cfg.tags() + t] = train.label(clip, t) ? 1f : 0f;
                        }
                    }
                    for (int i = 0; i < maskBuf.length; i++) {
                        maskBuf[i] = dropout.nextDouble() < tc.dropout() ? 0f : keepScale;
                    }
                    TFloat32 y = TFloat32.tensorOf(Shape.of(batch, cfg.tags()), DataBuffers.of(labelBuf, true, false));
                    TFloat32 m = TFloat32.tensorOf(Shape.of(batch, cfg.fc()), DataBuffers.of(maskBuf, true, false));
                    TFloat32 rate = TFloat32.scalarOf(lr);
                    tensors.add(y);
                    tensors.add(m);
                    tensors.add(rate);
                    runner.feed(labels, y).feed(net.dropoutMask(), m).feed(learningRate, rate);
                    trainOps.forEach(runner::addTarget);
                    try (Result r = runner.fetch(loss).run()) {
                        lossSum += ((TFloat32) r.get(0)).getFloat();
                    }
                } finally {
                    tensors.forEach(TFloat32::close);
                }
                progress.step();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Path ckpt = checkpoint(epoch);
            Files.createDirectories(ckpt.getParent());
            session.save(ckpt.toString());
            double auc = Double.NaN;
            List<SegmentSet> present = valids.stream().filter(v -> v.clips() > 0).toList();
            if (!present.isEmpty()) {
                double sum = 0;
                List<String> each = new ArrayList<>();
                try (InferenceGraph inf = new InferenceGraph(cfg, norm)) {
                    inf.restore(ckpt);
                    for (SegmentSet v : present) {
                        double a = Evaluation.of(v, inf.predict(v, 64), null).macroRocAuc();
                        each.add(String.format(Locale.ROOT, "%.4f", a));
                        sum += a;
                    }
                }
                auc = sum / present.size();
                if (present.size() > 1) {
                    log.println("validation ROC-AUC per set: " + String.join(", ", each));
                }
            }
            Epoch e = new Epoch(epoch, lossSum / Math.max(1, steps), auc, seconds, steps * batch / seconds);
            history.add(e);
            log.printf(Locale.ROOT, "epoch %d: loss %.4f, validation ROC-AUC %.4f, %.1f s (%.0f segments/s)%n",
                    epoch + 1, e.loss(), e.validationRocAuc(), e.seconds(), e.segmentsPerSecond());
            writeState(epoch, history);
        }
        return history;
    }

    /** The checkpoint with the best validation ROC-AUC (the last one when there is no validation). */
    public Path bestCheckpoint() throws IOException {
        List<Epoch> h = readHistory();
        Epoch best = h.get(h.size() - 1);
        for (Epoch e : h) {
            if (e.validationRocAuc() > best.validationRocAuc() || Double.isNaN(best.validationRocAuc())) {
                best = e;
            }
        }
        return checkpoint(best.epoch());
    }

    private void writeState(int epoch, List<Epoch> history) throws IOException {
        ObjectNode s = JSON.createObjectNode();
        s.put("last_epoch", epoch);
        var arr = s.putArray("history");
        for (Epoch e : history) {
            arr.addObject().put("epoch", e.epoch()).put("loss", e.loss()).put("validation_roc_auc", e.validationRocAuc())
                    .put("seconds", e.seconds()).put("segments_per_second", e.segmentsPerSecond());
        }
        Path tmp = work.resolve("state.json.part");
        Files.writeString(tmp, JSON.writeValueAsString(s));
        Files.move(tmp, work.resolve("state.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public List<Epoch> readHistory() throws IOException {
        Path state = work.resolve("state.json");
        List<Epoch> h = new ArrayList<>();
        if (Files.exists(state)) {
            for (var e : JSON.readTree(state.toFile()).get("history")) {
                h.add(new Epoch(e.get("epoch").asInt(), e.get("loss").asDouble(),
                        e.get("validation_roc_auc").asDouble(Double.NaN), e.get("seconds").asDouble(),
                        e.get("segments_per_second").asDouble()));
            }
        }
        return h;
    }

    private static int[] shuffled(int n, Random r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
