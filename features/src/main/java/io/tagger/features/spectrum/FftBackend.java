package io.tagger.features.spectrum;

import java.util.Locale;

/**
 * Which library computes the real FFTs: {@code fftw} (FFTW 3 through its JavaCPP preset, native,
 * SIMD; about 4x faster at the chromagram's 4,096 points) or {@code jtransforms} (pure Java). Both
 * give the same spectra to ~1e-15 relative; every MIRtoolbox comparison holds with either.
 *
 * <p>Chosen once per JVM by the system property {@value #PROPERTY} ({@code auto}, the default:
 * FFTW where its native library loads, otherwise JTransforms; {@code fftw}: FFTW or fail;
 * {@code jtransforms}). FFTW is GPL-2.0-or-later: a deployment that must not link GPL code sets
 * {@code -Dtagger.fft=jtransforms} (JTransforms is BSD-2-Clause) and keeps exact features, at the
 * old speed.
 */
public enum FftBackend {
    FFTW, JTRANSFORMS;

    /** System property that picks the backend: auto (default), fftw or jtransforms. */
    public static final String PROPERTY = "tagger.fft";

    private static volatile FftBackend selected;

    /** The backend this JVM uses (decided on first use). */
    public static FftBackend selected() {
        FftBackend s = selected;
        if (s == null) {
            synchronized (FftBackend.class) {
                if (selected == null) {
                    selected = choose(System.getProperty(PROPERTY, "auto"));
                }
                s = selected;
            }
        }
        return s;
    }

    static FftBackend choose(String setting) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "jtransforms" -> JTRANSFORMS;
            case "fftw" -> {
                FftwTransform.requireAvailable();
                yield FFTW;
            }
            case "auto", "" -> FftwTransform.available() ? FFTW : JTRANSFORMS;
            default -> throw new IllegalArgumentException(
                    PROPERTY + "=" + setting + ": expected auto, fftw or jtransforms");
        };
    }

    /** A transform of {@code size} points with this backend (one per thread). */
    RealTransform create(int size) {
        return this == FFTW ? new FftwTransform(size) : new JTransformsTransform(size);
    }
}
