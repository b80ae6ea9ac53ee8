package io.tagger.benchmarks;

import io.tagger.dataset.MtatDataset;
import io.tagger.model.train.SegmentSet;
import io.tagger.model.train.Trainer;
import io.tagger.model.train.TrainingConfig;
import io.tagger.serving.BundlePredictor;
import io.tagger.serving.ModelBundle;
import io.tagger.serving.network.BlockType;
import io.tagger.serving.network.BranchShape;
import io.tagger.serving.network.ModelSpec;
import io.tagger.serving.network.NetworkConfig;
import io.tagger.serving.network.Normalization;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A careful harness (TensorFlow sessions do not fit JMH's forks well): warm-up, then several timed
 * runs, median reported.
 * <ul>
 *   <li>{@code train WIDTH...}: training throughput (segments/s) of a-ReSE at each width, on
 *       random inputs of the real shapes (the step's cost does not depend on the values);</li>
 *   <li>{@code infer BUNDLE}: DJL inference of a bundle: latency per track (the bundle's segments per track),
 *       throughput and the process's CPU time per segment (all threads, TensorFlow's included) at
 *       batch 1, 10 and 64, or the sizes {@code -Dtagger.bench.batches=4,8,16} names.</li>
 * </ul>
 */
public final class ModelBenchmark {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("train")) {
            for (int i = 1; i < args.length; i++) {
                train(Double.parseDouble(args[i]));
            }
        } else if (args.length == 2 && args[0].equals("infer")) {
            infer(Path.of(args[1]));
        } else {
            System.err.println("usage: ModelBenchmark train WIDTH... | infer BUNDLE_DIR");
            System.exit(2);
        }
    }

    static void train(double width) throws Exception {
        NetworkConfig cfg = ModelSpec.network("a", BlockType.RESE, width, MtatDataset.TOP_TAGS);
        int segments = 23 * 20;
        Path work = Files.createTempDirectory("bench-train");
        Normalization norm = Normalization.identity(cfg.branches());
        SegmentSet set = RandomSegments.of(cfg.branches(), segments, MtatDataset.TOP_TAGS, 1);
        double[] rates = new double[4];
        try (Trainer t = new Trainer(cfg, norm, new TrainingConfig(rates.length + 1, 23, 0.01, 20, 5, 0.9, 1e-3, 0.5, 1), work)) {
            List<Trainer.Epoch> h = t.train(set, List.of(), QUIET); // epoch 1 = warm-up
            for (int i = 0; i < rates.length; i++) {
                rates[i] = h.get(i + 1).segmentsPerSecond();
            }
            System.out.printf(Locale.ROOT, "train a-rese width %.2f (%,d parameters), batch 23: median %.1f segments/s"
                    + " (runs %s)%n", width, t.parameters(), median(rates), Arrays.toString(round(rates)));
        }
    }

    static void infer(Path bundleDir) throws Exception {
        ModelBundle bundle = ModelBundle.read(bundleDir);
        List<BranchShape> branches = bundle.network().branches();
        int nf = branches.size();
        int[] rows = new int[nf];
        int[] frames = new int[nf];
        for (int o = 0; o < nf; o++) {
            rows[o] = branches.get(o).rows();
            frames[o] = branches.get(o).frames();
        }
        try (BundlePredictor p = new BundlePredictor(bundle); BundlePredictor.Scorer s = p.newScorer()) {
            int[] batches = java.util.Arrays.stream(System.getProperty("tagger.bench.batches", "1,10,64").split(","))
                    .mapToInt(Integer::parseInt).toArray();
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int batch : batches) {
                if (batch == 0) {
                    mixedBatches(s, rows, frames, os);
                    continue;
                }
                List<float[]> inputs = randomInputs(new Random(batch), batch, rows, frames);
                for (int i = 0; i < 20; i++) {
                    s.score(inputs, batch, rows, frames); // warm-up
                }
                int reps = Math.max(10, 400 / batch);
                double[] ms = new double[7];
                double[] cpu = new double[7];
                for (int run = 0; run < ms.length; run++) {
                    long t0 = System.nanoTime();
                    long c0 = os.getProcessCpuTime();
                    for (int i = 0; i < reps; i++) {
                        s.score(inputs, batch, rows, frames);
                    }
                    ms[run] = (System.nanoTime() - t0) / 1e6 / reps;
                    cpu[run] = (os.getProcessCpuTime() - c0) / 1e6 / reps;
                }
                double m = median(ms);
                System.out.printf(Locale.ROOT, "infer %s batch %2d: median CPU %.3f ms per segment (all threads)%n",
                        bundle.network().name(), batch, median(cpu) / batch);
                System.out.printf(Locale.ROOT, "infer %s batch %2d: median %.2f ms per batch, %.0f segments/s,"
                        + " %.2f ms per track of %d segments%n", bundle.network().name(), batch, m, batch / m * 1000,
                        m / batch * bundle.segmentsPerTrack(), bundle.segmentsPerTrack());
            }
        }
    }

    /** One batch of {@code batch} segments of Gaussian values, an array per input of the bundle. */
    static List<float[]> randomInputs(Random r, int batch, int[] rows, int[] frames) {
        List<float[]> inputs = new ArrayList<>();
        for (int o = 0; o < rows.length; o++) {
            float[] v = new float[batch * rows[o] * frames[o]];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            inputs.add(v);
        }
        return inputs;
    }

    /**
     * Batches of every size from 1 to {@code tagger.bench.max-batch} (32) in a shuffled order, as a stream of partly filled batches
     * reaches the model: TensorFlow's oneDNN kernels are specialised (JIT-compiled) per input shape
     * and kept in caches of limited capacity, so many distinct batch sizes can cost more than one.
     */
    static void mixedBatches(BundlePredictor.Scorer s, int[] rows, int[] frames,
            com.sun.management.OperatingSystemMXBean os) throws Exception {
        int max = Integer.getInteger("tagger.bench.max-batch", 32);
        int[] order = new int[max * 4];
        for (int i = 0; i < order.length; i++) {
            order[i] = 1 + i % max;
        }
        Random r = new Random(7);
        for (int i = order.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<List<float[]>> inputs = new ArrayList<>(); // inputs.get(b - 1): a batch of b
        for (int b = 1; b <= max; b++) {
            inputs.add(randomInputs(r, b, rows, frames));
        }
        for (int b : order) {
            s.score(inputs.get(b - 1), b, rows, frames); // warm-up: every size once or more
        }
        double[] cpu = new double[7];
        for (int run = 0; run < cpu.length; run++) {
            long c0 = os.getProcessCpuTime();
            long segments = 0;
            for (int b : order) {
                s.score(inputs.get(b - 1), b, rows, frames);
                segments += b;
            }
            cpu[run] = (os.getProcessCpuTime() - c0) / 1e6 / segments;
        }
        System.out.printf(Locale.ROOT, "infer mixed batches 1..%d: median CPU %.3f ms per segment (runs %s)%n",
                max, median(cpu), Arrays.toString(round(cpu)));
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 10) / 10.0;
        }
        return r;
    }
}
