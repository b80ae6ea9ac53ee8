package io.tagger.model.train;

/**
 * The paper's recipe with its defaults: SGD with Nesterov momentum 0.9, batch 23, learning rate
 * 0.01 divided by 5 every 20 epochs, L2 1e-3 on the convolution kernels, dropout 0.5.
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, int decayEvery, double decayFactor,
                             double momentum, double l2, double dropout, long seed) {
    public TrainingConfig {
        if (epochs < 1 || batchSize < 2 || !(learningRate > 0) || decayEvery < 1 || !(decayFactor >= 1)
                || momentum < 0 || momentum >= 1 || l2 < 0 || dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("invalid training configuration " + this);
        }
    }

    public static TrainingConfig paper(int epochs, long seed) {
        return new TrainingConfig(epochs, 23, 0.01, 20, 5, 0.9, 1e-3, 0.5, seed);
    }

    public double learningRate(int epoch) {
        return learningRate / Math.pow(decayFactor, epoch / decayEvery);
    }
}
