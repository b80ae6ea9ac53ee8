package io.tagger.audio;

import java.util.Arrays;
import java.util.Random;

/**
 * Mutates a valid audio file into a damaged or hostile one, deterministically from a seed: bytes
 * flipped or overwritten (mostly in the header, where lengths and counts live), 16- and 32-bit
 * fields set to extremes, truncation, chunks deleted, duplicated or inserted, and another
 * container's header spliced in. One to four mutations per file.
 */
final class FileMutator {
    private static final int[] EXTREMES = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff};

    private final byte[][] seeds;

    /** @param seeds every valid file, for splicing */
    FileMutator(byte[][] seeds) {
        this.seeds = seeds;
    }

    byte[] mutate(byte[] seed, Random r) {
        byte[] x = seed.clone();
        int mutations = 1 + r.nextInt(4);
        for (int m = 0; m < mutations && x.length > 0; m++) {
            x = switch (r.nextInt(8)) {
                case 0 -> flipBits(x, r);
                case 1 -> overwrite(x, r);
                case 2 -> extremeField(x, r);
                case 3 -> truncate(x, r);
                case 4 -> deleteChunk(x, r);
                case 5 -> duplicateChunk(x, r);
                case 6 -> insertRandom(x, r);
                default -> spliceHeader(x, r);
            };
        }
        return x;
    }

    /** A position, three times in four within the first 256 bytes (the header). */
    private static int position(byte[] x, Random r) {
        return r.nextInt(4) > 0 ? r.nextInt(Math.min(256, x.length)) : r.nextInt(x.length);
    }

    private static byte[] flipBits(byte[] x, Random r) {
        for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
            x[position(x, r)] ^= (byte) (1 << r.nextInt(8));
        }
        return x;
    }

    private static byte[] overwrite(byte[] x, Random r) {
        int at = position(x, r);
        int n = Math.min(x.length - at, 1 + r.nextInt(16));
        for (int i = 0; i < n; i++) {
            x[at + i] = (byte) r.nextInt(256);
        }
        return x;
    }

    private static byte[] extremeField(byte[] x, Random r) {
        int v = EXTREMES[r.nextInt(EXTREMES.length)];
        int width = r.nextBoolean() ? 2 : 4;
        int at = position(x, r);
        boolean little = r.nextBoolean();
        for (int i = 0; i < width && at + i < x.length; i++) {
            int shift = 8 * (little ? i : width - 1 - i);
            x[at + i] = (byte) (v >>> shift);
        }
        return x;
    }

    private static byte[] truncate(byte[] x, Random r) {
        return Arrays.copyOf(x, r.nextInt(4) == 0 ? r.nextInt(Math.min(x.length, 512)) + 1 : r.nextInt(x.length) + 1);
    }

    private static byte[] deleteChunk(byte[] x, Random r) {
        int at = r.nextInt(x.length);
        int n = Math.min(x.length - at, 1 + r.nextInt(4096));
        byte[] y = new byte[x.length - n];
        System.arraycopy(x, 0, y, 0, at);
        System.arraycopy(x, at + n, y, at, y.length - at);
        return y.length == 0 ? x : y;
    }

    private static byte[] duplicateChunk(byte[] x, Random r) {
        int at = r.nextInt(x.length);
        int n = Math.min(x.length - at, 1 + r.nextInt(4096));
        int to = r.nextInt(x.length + 1);
        byte[] y = new byte[x.length + n];
        System.arraycopy(x, 0, y, 0, to);
        System.arraycopy(x, at, y, to, n);
        System.arraycopy(x, to, y, to + n, x.length - to);
        return y;
    }

    private static byte[] insertRandom(byte[] x, Random r) {
        byte[] junk = new byte[1 + r.nextInt(512)];
        r.nextBytes(junk);
        int to = position(x, r);
        byte[] y = new byte[x.length + junk.length];
        System.arraycopy(x, 0, y, 0, to);
        System.arraycopy(junk, 0, y, to, junk.length);
        System.arraycopy(x, to, y, to + junk.length, x.length - to);
        return y;
    }

    /** The first bytes of another seed (another container's header, or the same one's) over this file's. */
    private byte[] spliceHeader(byte[] x, Random r) {
        byte[] other = seeds[r.nextInt(seeds.length)];
        int n = Math.min(other.length, 4 + r.nextInt(256));
        byte[] y = x.length >= n ? x : Arrays.copyOf(x, n);
        System.arraycopy(other, 0, y, 0, n);
        return y;
    }
}
