package io.tagger.serving.network;

import java.util.Locale;

/** The paper's three convolutional blocks. */
public enum BlockType {
    /** convolution, batch norm, ReLU, max pooling */
    BASIC,
    /** basic block with a squeeze-and-excitation gate on the channels (SENet) */
    SE,
    /** two convolutions with SE inside a residual connection (SampleCNN-ReSE) */
    RESE;

    public static BlockType parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "basic" -> BASIC;
            case "se" -> SE;
            case "rese" -> RESE;
            default -> throw new IllegalArgumentException("unknown block '" + s + "' (basic, se, rese)");
        };
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
