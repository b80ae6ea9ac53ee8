package io.tagger.serving.network;

import java.util.Arrays;

/**
 * One input branch: a feature's input shape ({@code rows x frames}; rows = 1 for the 11 1-D
 * features) and its blocks' pooling sizes (= filter sizes, as the paper states).
 */
public record BranchShape(String feature, int rows, int frames, int[] pools) {
    public boolean twoDimensional() {
        return rows > 1;
    }

    public int blocks() {
        return pools.length;
    }

    /** The paper's rules: a = 3 blocks with pooling in 1..5 leaving ~4 frames; b = pooling 3; c = pooling 2. */
    public static BranchShape of(String arch, String feature, int rows, int frames) {
        int[] pools;
        switch (arch) {
            case "a" -> {
                int best = 1;
                double bestErr = Double.MAX_VALUE;
                for (int p = 1; p <= 5; p++) {
                    double err = Math.abs(frames / Math.pow(p, 3) - 4);
                    if (err < bestErr) {
                        bestErr = err;
                        best = p;
                    }
                }
                pools = new int[]{best, best, best};
            }
            case "b" -> pools = repeat(3, blocksToOne(frames, 3));
            case "c" -> pools = repeat(2, blocksToOne(frames, 2));
            default -> throw new IllegalArgumentException("unknown architecture '" + arch + "' (a, b, c)");
        }
        return new BranchShape(feature, rows, frames, pools);
    }

    /** Blocks of pooling p that reduce {@code frames} to 1 (243 -> 5 for p = 3, 27 -> 3, 128 -> 7, 32 -> 5). */
    static int blocksToOne(int frames, int p) {
        int n = 0;
        for (long v = frames; v > 1; v = (v + p - 1) / p) {
            n++;
        }
        return Math.max(1, n);
    }

    private static int[] repeat(int p, int n) {
        int[] a = new int[n];
        Arrays.fill(a, p);
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BranchShape b && b.feature.equals(feature) && b.rows == rows && b.frames == frames
                && Arrays.equals(b.pools, pools);
    }

    @Override
    public int hashCode() {
        return feature.hashCode() * 31 + Arrays.hashCode(pools);
    }
}
