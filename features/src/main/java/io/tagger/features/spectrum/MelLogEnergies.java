package io.tagger.features.spectrum;

import io.tagger.features.Framing;

/**
 * {@code log10(E + 1e-16)} of the mel band energies (see {@link MelFilterBank}) of every frame of
 * a magnitude spectrogram, frame-major. The MFCC and the beat spectrum's MFCC both start from it
 * (40 bands, the same frames in every architecture), so the extractor computes it once.
 */
public final class MelLogEnergies {
    private final Framing framing;
    private final int bands;
    private final double[] values;

    private MelLogEnergies(Framing framing, int bands, double[] values) {
        this.framing = framing;
        this.bands = bands;
        this.values = values;
    }

    public static MelLogEnergies compute(MagnitudeSpectrogram s, int bands) {
        int frames = s.frames();
        int bins = s.bins();
        MelFilterBank bank = new MelFilterBank(bands, s.frequencies());
        double[] m = s.magnitudes();
        double[] out = new double[frames * bands];
        double[] energies = new double[bands];
        for (int i = 0; i < frames; i++) {
            bank.apply(m, i * bins, bins, energies);
            int base = i * bands;
            for (int j = 0; j < bands; j++) {
                out[base + j] = Math.log10(energies[j] + 1e-16);
            }
        }
        return new MelLogEnergies(s.framing(), bands, out);
    }

    public Framing framing() {
        return framing;
    }

    public int frames() {
        return framing.count();
    }

    public int bands() {
        return bands;
    }

    /** All values, frame-major: {@code [frame * bands() + band]} (shared, do not modify). */
    public double[] values() {
        return values;
    }
}
