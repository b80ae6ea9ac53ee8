package io.tagger.model.network;

import io.tagger.serving.network.BranchShape;
import io.tagger.serving.network.NetworkConfig;
import io.tagger.serving.network.Normalization;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The multi-input CNN of the paper in TensorFlow graph mode: one branch per feature (1-D
 * convolution and pooling as Conv2D/MaxPool over a height-1 image for the 11 one-dimensional
 * features, 2-D for chromagram and MFCC), blocks basic / SE / ReSE whose filter size equals the
 * pooling size, global max pooling per branch, concatenation, FC + ReLU, dropout 0.5, FC to the
 * tag logits, sigmoid.
 *
 * <p>The same code builds the training graph (batch statistics, moving averages updated by
 * {@link Built#batchNormUpdates()}, a fed dropout mask) and the inference graph (moving
 * statistics, no dropout). Variables get the same deterministic names in both, so a checkpoint
 * of the one restores into the other.
 */
public final class MultiInputCnn {
    static final float BN_EPSILON = 1e-3f;
    static final float BN_MOMENTUM = 0.99f;

    /** What a build returns. */
    public record Built(Map<String, Placeholder<TFloat32>> inputs, Operand<TFloat32> logits, Operand<TFloat32> scores,
                        List<Variable<TFloat32>> trainable, List<Variable<TFloat32>> convKernels,
                        List<Op> batchNormUpdates, Placeholder<TFloat32> dropoutMask, long parameters,
                        List<Variable<TFloat32>> variables) {
    }

    private final Ops tf;
    private final NetworkConfig cfg;
    private final boolean training;
    private final Random init;
    private final List<Variable<TFloat32>> trainable = new ArrayList<>();
    private final List<Variable<TFloat32>> kernels = new ArrayList<>();
    private final List<Variable<TFloat32>> variables = new ArrayList<>();
    private final List<Op> updates = new ArrayList<>();
    private long parameters;

    private MultiInputCnn(Ops tf, NetworkConfig cfg, boolean training, long seed) {
        this.tf = tf;
        this.cfg = cfg;
        this.training = training;
        this.init = new Random(seed);
    }

    /**
     * @param training build the training graph (variables initialised from {@code seed});
     *                 otherwise the inference graph (variables zero until restored)
     */
    public static Built build(Ops tf, NetworkConfig cfg, Normalization norm, boolean training, long seed) {
        return new MultiInputCnn(tf, cfg, training, seed).build(norm);
    }

    private Built build(Normalization norm) {
        Map<String, Placeholder<TFloat32>> inputs = new LinkedHashMap<>();
        List<Operand<TFloat32>> pooled = new ArrayList<>();
        int concatWidth = 0;
        for (BranchShape b : cfg.branches()) {
            Placeholder<TFloat32> in = tf.withName(b.feature()).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, b.rows(), b.frames())));
            inputs.put(b.feature(), in);
            Operand<TFloat32> x = normalize(in, b, norm);
            // NHWC: 1-D features as a height-1 image, 2-D features rows x frames, 1 channel.
            x = b.twoDimensional() ? tf.expandDims(x, tf.constant(3))
                    : tf.expandDims(tf.expandDims(tf.squeeze(x, org.tensorflow.op.core.Squeeze.axis(List.of(1L))),
                    tf.constant(1)), tf.constant(3));
            int channels = 1;
            for (int i = 0; i < b.blocks(); i++) {
                int filters = cfg.filters(i);
                String name = b.feature() + "_b" + i;
                x = block(name, x, b, b.pools()[i], channels, filters);
                channels = filters;
            }
            pooled.add(tf.reduceMax(x, tf.constant(new int[]{1, 2})));
            concatWidth += channels;
        }
        Operand<TFloat32> h = tf.concat(pooled, tf.constant(1));
        Operand<TFloat32> fc = tf.nn.relu(dense("fc1", h, concatWidth, cfg.fc()));
        Placeholder<TFloat32> mask = null;
        if (training) {
            // Inverted dropout with a mask fed from Java (seeded, so runs repeat): 0 or 1/(1-0.5).
            mask = tf.withName("dropout_mask").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, cfg.fc())));
            fc = tf.math.mul(fc, mask);
        }
        Operand<TFloat32> logits = dense("fc2", fc, cfg.fc(), cfg.tags());
        Operand<TFloat32> scores = tf.withName("tags").math.sigmoid(logits);
        return new Built(inputs, logits, scores, trainable, kernels, updates, mask, parameters, variables);
    }

    private Operand<TFloat32> normalize(Operand<TFloat32> x, BranchShape b, Normalization norm) {
        float[] mean = norm.mean().get(b.feature());
        float[] std = norm.std().get(b.feature());
        if (mean == null || mean.length != b.rows()) {
            throw new IllegalArgumentException("no normalisation statistics for " + b.feature());
        }
        float[] inv = new float[std.length];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = 1f / std[i];
        }
        Operand<TFloat32> m = tf.constant(Shape.of(b.rows(), 1), org.tensorflow.ndarray.buffer.DataBuffers.of(mean));
        Operand<TFloat32> s = tf.constant(Shape.of(b.rows(), 1), org.tensorflow.ndarray.buffer.DataBuffers.of(inv));
        Operand<TFloat32> z = tf.math.mul(tf.math.sub(x, m), s);
        return tf.select(tf.math.isNan(z), tf.zerosLike(z), z);
    }

    private Operand<TFloat32> block(String name, Operand<TFloat32> x, BranchShape b, int p, int cin, int cout) {
        int kh = b.twoDimensional() ? p : 1;
        Operand<TFloat32> y;
        switch (cfg.block()) {
            case BASIC -> y = tf.nn.relu(batchNorm(name + "_bn", conv(name + "_conv", x, kh, p, cin, cout), cout));
            case SE -> {
                y = tf.nn.relu(batchNorm(name + "_bn", conv(name + "_conv", x, kh, p, cin, cout), cout));
                y = squeezeExcite(name + "_se", y, cout);
            }
            default -> {
                Operand<TFloat32> a = tf.nn.relu(batchNorm(name + "_bn1", conv(name + "_conv1", x, kh, p, cin, cout), cout));
                Operand<TFloat32> c = batchNorm(name + "_bn2", conv(name + "_conv2", a, kh, p, cout, cout), cout);
                c = squeezeExcite(name + "_se", c, cout);
                Operand<TFloat32> shortcut = cin == cout ? x
                        : batchNorm(name + "_bns", conv(name + "_convs", x, 1, 1, cin, cout), cout);
                y = tf.nn.relu(tf.math.add(c, shortcut));
            }
        }
        if (p > 1) {
            y = tf.nn.maxPool(y, tf.constant(new int[]{1, kh, p, 1}), tf.constant(new int[]{1, kh, p, 1}), "SAME");
        }
        return y;
    }

    private Operand<TFloat32> conv(String name, Operand<TFloat32> x, int kh, int kw, int cin, int cout) {
        Variable<TFloat32> w = weight(name + "_w", new long[]{kh, kw, cin, cout}, Math.sqrt(2.0 / (kh * kw * cin)));
        kernels.add(w);
        return tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "SAME");
    }

    private Operand<TFloat32> batchNorm(String name, Operand<TFloat32> x, int channels) {
        Variable<TFloat32> gamma = constantVar(name + "_gamma", channels, 1f, true);
        Variable<TFloat32> beta = constantVar(name + "_beta", channels, 0f, true);
        Variable<TFloat32> movingMean = constantVar(name + "_mean", channels, 0f, false);
        Variable<TFloat32> movingVar = constantVar(name + "_var", channels, 1f, false);
        if (training) {
            Operand<TFloat32> empty = tf.constant(new float[0]);
            FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(x, gamma, beta, empty, empty,
                    FusedBatchNorm.epsilon(BN_EPSILON), FusedBatchNorm.isTraining(true));
            Operand<TFloat32> keep = tf.constant(BN_MOMENTUM);
            Operand<TFloat32> take = tf.constant(1 - BN_MOMENTUM);
            updates.add(tf.assign(movingMean, tf.math.add(tf.math.mul(movingMean, keep), tf.math.mul(bn.batchMean(), take))));
            updates.add(tf.assign(movingVar, tf.math.add(tf.math.mul(movingVar, keep), tf.math.mul(bn.batchVariance(), take))));
            return bn.y();
        }
        return tf.nn.fusedBatchNorm(x, gamma, beta, movingMean, movingVar, FusedBatchNorm.epsilon(BN_EPSILON),
                FusedBatchNorm.isTraining(false)).y();
    }

    private Operand<TFloat32> squeezeExcite(String name, Operand<TFloat32> x, int channels) {
        int hidden = Math.max(1, channels / cfg.seRatio());
        Operand<TFloat32> s = tf.math.mean(x, tf.constant(new int[]{1, 2}));
        Operand<TFloat32> z = tf.nn.relu(dense(name + "_fc1", s, channels, hidden));
        Operand<TFloat32> e = tf.math.sigmoid(dense(name + "_fc2", z, hidden, channels));
        return tf.math.mul(x, tf.reshape(e, tf.constant(new long[]{-1, 1, 1, channels})));
    }

    private Operand<TFloat32> dense(String name, Operand<TFloat32> x, int in, int out) {
        Variable<TFloat32> w = weight(name + "_w", new long[]{in, out}, Math.sqrt(2.0 / in));
        Variable<TFloat32> bias = constantVar(name + "_b", out, 0f, true);
        return tf.nn.biasAdd(tf.linalg.matMul(x, w), bias);
    }

    private Variable<TFloat32> weight(String name, long[] shape, double std) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        parameters += n;
        Operand<TFloat32> value;
        if (training) {
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                double g;
                do {
                    g = init.nextGaussian();
                } while (Math.abs(g) > 2); // truncated normal
                v[i] = (float) (g * std);
            }
            value = tf.constant(Shape.of(shape), org.tensorflow.ndarray.buffer.DataBuffers.of(v));
        } else {
            value = tf.zeros(tf.constant(shape), TFloat32.class);
        }
        Variable<TFloat32> var = tf.withName(name).variable(value);
        trainable.add(var);
        variables.add(var);
        return var;
    }

    private Variable<TFloat32> constantVar(String name, int size, float v, boolean isTrainable) {
        Operand<TFloat32> value = tf.fill(tf.constant(new long[]{size}), tf.constant(v));
        Variable<TFloat32> var = tf.withName(name).variable(value);
        variables.add(var);
        if (isTrainable) {
            trainable.add(var);
            parameters += size;
        } else {
            parameters += size; // moving statistics are parameters of the model too (not trained)
        }
        return var;
    }
}
