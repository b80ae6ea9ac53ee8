package io.tagger.corpus;

import java.util.Random;

/**
 * The master chain of a synthetic clip ({@link Production}): the stereo render summed to mono
 * with the drawn balance, then band limits, shelving EQ, a room reverb (Schroeder: four combs and
 * two all-passes), a feed-forward compressor, a coloured noise floor and the final level, with a
 * whole-clip gain that keeps peaks below full scale (no clipping). Deterministic for a given
 * {@link Random}.
 */
public final class Mastering {
    private static final double PEAK = 0.98;
    /** The quietest a mastered clip may end (RMS, dBFS): quieter music is raised to it. */
    static final double FLOOR_DBFS = -42;

    private Mastering() {
    }

    /** Masters a stereo render (channels {@code left} and {@code right}, samples in [-1, 1]) to 16-bit mono. */
    public static short[] master(float[] left, float[] right, Production p, int sampleRate, Random r) {
        double[] x = new double[left.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = p.balance() * left[i] + (1 - p.balance()) * right[i];
        }
        process(x, p, sampleRate, r);
        return toPcm(x);
    }

    /** Applies the chain in place (for non-music sources too). */
    static void process(double[] x, Production p, int sampleRate, Random r) {
        if (p.highpassHz() > 20) {
            Biquad.highpass(p.highpassHz(), sampleRate).run(x);
        }
        if (p.lowpassHz() < sampleRate / 2.0) {
            Biquad.lowpass(p.lowpassHz(), sampleRate).run(x);
        }
        if (p.lowShelfDb() != 0) {
            Biquad.lowShelf(250, p.lowShelfDb(), sampleRate).run(x);
        }
        if (p.highShelfDb() != 0) {
            Biquad.highShelf(3000, p.highShelfDb(), sampleRate).run(x);
        }
        if (p.roomWet() > 0) {
            room(x, p.roomSize(), p.roomWet(), sampleRate);
        }
        if (p.compRatio() > 1) {
            compress(x, p.compRatio(), p.compThreshDb(), sampleRate);
        }
        double rms = rms(x);
        if (p.noiseDb() > -150 && rms > 0) {
            double[] n = noise(p.noise(), x.length, sampleRate, r);
            double scale = rms * Math.pow(10, p.noiseDb() / 20) / Math.max(1e-12, rms(n));
            for (int i = 0; i < x.length; i++) {
                x[i] += scale * n[i];
            }
        }
        level(x, p.targetDbfs(), p.gainDb());
    }

    /**
     * Scales to {@code targetDbfs} RMS (or by {@code gainDb} when the target is NaN), never below
     * {@link #FLOOR_DBFS}, then keeps peaks below full scale.
     */
    static void level(double[] x, double targetDbfs, double gainDb) {
        double rms = rms(x);
        double g = Double.isNaN(targetDbfs) ? Math.pow(10, gainDb / 20)
                : rms > 0 ? Math.pow(10, targetDbfs / 20) / rms : 1;
        double floor = Math.pow(10, FLOOR_DBFS / 20);
        if (rms > 0 && rms * g < floor) {
            g = floor / rms;
        }
        double peak = 0;
        for (double v : x) {
            peak = Math.max(peak, Math.abs(v * g));
        }
        if (peak > PEAK) {
            g *= PEAK / peak;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] *= g;
        }
    }

    static double rms(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s / Math.max(1, x.length));
    }

    static short[] toPcm(double[] x) {
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i] * 32768)));
        }
        return out;
    }

    /** White, pink (Kellet's filter), brown (leaky integral) noise or mains hum (50/60 Hz and harmonics), unit-free. */
    static double[] noise(Production.Noise colour, int n, int sampleRate, Random r) {
        double[] out = new double[n];
        switch (colour) {
            case WHITE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = r.nextGaussian();
                }
            }
            case PINK -> {
                double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
                for (int i = 0; i < n; i++) {
                    double w = r.nextGaussian();
                    b0 = 0.99886 * b0 + w * 0.0555179;
                    b1 = 0.99332 * b1 + w * 0.0750759;
                    b2 = 0.96900 * b2 + w * 0.1538520;
                    b3 = 0.86650 * b3 + w * 0.3104856;
                    b4 = 0.55000 * b4 + w * 0.5329522;
                    b5 = -0.7616 * b5 - w * 0.0168980;
                    out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
                    b6 = w * 0.115926;
                }
            }
            case BROWN -> {
                double y = 0;
                for (int i = 0; i < n; i++) {
                    y = 0.995 * y + r.nextGaussian() * 0.1;
                    out[i] = y;
                }
            }
            case HUM -> {
                double f = r.nextBoolean() ? 50 : 60;
                double[] amps = {1, 0.2 + 0.6 * r.nextDouble(), 0.1 + 0.4 * r.nextDouble(), 0.2 * r.nextDouble()};
                for (int i = 0; i < n; i++) {
                    double t = (double) i / sampleRate;
                    double v = 0;
                    for (int h = 0; h < amps.length; h++) {
                        v += amps[h] * Math.sin(2 * Math.PI * f * (h + 1) * t);
                    }
                    out[i] = v;
                }
            }
        }
        return out;
    }

    private static void room(double[] x, double feedback, double wet, int sampleRate) {
        double[] combMs = {29.7, 37.1, 41.1, 43.7};
        double[] y = new double[x.length];
        double stretch = 0.6 + feedback;
        for (double ms : combMs) {
            int d = Math.max(1, (int) Math.round(ms * stretch * sampleRate / 1000));
            double[] buf = new double[d];
            int k = 0;
            double lp = 0;
            for (int i = 0; i < x.length; i++) {
                double out = buf[k];
                lp = 0.7 * out + 0.3 * lp; // damping
                buf[k] = x[i] + feedback * lp;
                k = (k + 1) % d;
                y[i] += out / combMs.length;
            }
        }
        for (double ms : new double[]{5.0, 1.7}) {
            int d = Math.max(1, (int) Math.round(ms * sampleRate / 1000));
            double[] buf = new double[d];
            int k = 0;
            for (int i = 0; i < y.length; i++) {
                double b = buf[k];
                double v = y[i] + 0.7 * b;
                buf[k] = v;
                y[i] = b - 0.7 * v;
                k = (k + 1) % d;
            }
        }
        double dry = rms(x);
        double wetRms = rms(y);
        double norm = wetRms > 0 ? dry / wetRms : 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = (1 - wet) * x[i] + wet * norm * y[i];
        }
    }

    private static void compress(double[] x, double ratio, double threshDb, int sampleRate) {
        double attack = Math.exp(-1.0 / (0.005 * sampleRate));
        double release = Math.exp(-1.0 / (0.12 * sampleRate));
        double env = 0;
        for (int i = 0; i < x.length; i++) {
            double a = Math.abs(x[i]);
            env = a > env ? attack * env + (1 - attack) * a : release * env + (1 - release) * a;
            double db = 20 * Math.log10(Math.max(env, 1e-9));
            if (db > threshDb) {
                x[i] *= Math.pow(10, -(db - threshDb) * (1 - 1 / ratio) / 20);
            }
        }
    }

    /** A second-order section (RBJ's audio EQ cookbook), direct form I. */
    record Biquad(double b0, double b1, double b2, double a1, double a2) {
        static Biquad highpass(double f, int fs) {
            double w = 2 * Math.PI * f / fs;
            double alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
            double c = Math.cos(w);
            return norm((1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + alpha, -2 * c, 1 - alpha);
        }

        static Biquad lowpass(double f, int fs) {
            double w = 2 * Math.PI * f / fs;
            double alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
            double c = Math.cos(w);
            return norm((1 - c) / 2, 1 - c, (1 - c) / 2, 1 + alpha, -2 * c, 1 - alpha);
        }

        static Biquad lowShelf(double f, double db, int fs) {
            return shelf(f, db, fs, true);
        }

        static Biquad highShelf(double f, double db, int fs) {
            return shelf(f, db, fs, false);
        }

        private static Biquad shelf(double f, double db, int fs, boolean low) {
            double a = Math.pow(10, db / 40);
            double w = 2 * Math.PI * f / fs;
            double c = Math.cos(w);
            double alpha = Math.sin(w) / 2 * Math.sqrt(2);
            double sq = 2 * Math.sqrt(a) * alpha;
            if (low) {
                return norm(a * ((a + 1) - (a - 1) * c + sq), 2 * a * ((a - 1) - (a + 1) * c), a * ((a + 1) - (a - 1) * c - sq),
                        (a + 1) + (a - 1) * c + sq, -2 * ((a - 1) + (a + 1) * c), (a + 1) + (a - 1) * c - sq);
            }
            return norm(a * ((a + 1) + (a - 1) * c + sq), -2 * a * ((a - 1) + (a + 1) * c), a * ((a + 1) + (a - 1) * c - sq),
                    (a + 1) - (a - 1) * c + sq, 2 * ((a - 1) - (a + 1) * c), (a + 1) - (a - 1) * c - sq);
        }

        private static Biquad norm(double b0, double b1, double b2, double a0, double a1, double a2) {
            return new Biquad(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
        }

        void run(double[] x) {
            double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
            for (int i = 0; i < x.length; i++) {
                double y = b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
                x2 = x1;
                x1 = x[i];
                y2 = y1;
                y1 = y;
                x[i] = y;
            }
        }
    }
}
