package io.tagger.features;

import io.tagger.features.algorithms.BeatSpectrum;
import io.tagger.features.algorithms.Chromagram;
import io.tagger.features.algorithms.Mfcc;
import io.tagger.features.algorithms.PulseClarity;
import io.tagger.features.algorithms.Rms;
import io.tagger.features.algorithms.SpectralCentroid;
import io.tagger.features.algorithms.SpectralEntropy;
import io.tagger.features.algorithms.SpectralFlatness;
import io.tagger.features.algorithms.SpectralFlux;
import io.tagger.features.algorithms.SpectralMoments;
import io.tagger.features.algorithms.SpectralRolloff;
import io.tagger.features.algorithms.SpectralSkewness;
import io.tagger.features.algorithms.ZeroCross;
import io.tagger.features.spectrum.MagnitudeSpectrogram;
import io.tagger.features.spectrum.MelLogEnergies;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes every output of a {@link FeatureSettings} on one signal (a whole file or one segment,
 * each independently, MIRtoolbox's un-chunked semantics). Features that read the same frames
 * share one magnitude spectrogram, and the spectral moments and entropy are computed once.
 *
 * <p>Immutable and thread-safe: each call works on its own buffers, so one extractor serves all
 * threads.
 */
public final class FeatureExtractor {
    /** Mel spectra are computed with at least this resolution (MIRtoolbox's 'MinRes' for 'Mel'). */
    private static final double MEL_MIN_RESOLUTION_HZ = 66;

    private final FeatureSettings settings;
    private final Chromagram chromagram = new Chromagram(Chromagram.Config.defaults());
    private final SpectralEntropy entropy = new SpectralEntropy(SpectralEntropy.Config.defaults());
    private final SpectralCentroid centroid = new SpectralCentroid(SpectralCentroid.Config.defaults());
    private final SpectralSkewness moments = new SpectralSkewness(SpectralSkewness.Config.defaults());
    private final SpectralRolloff rolloff = new SpectralRolloff(SpectralRolloff.Config.defaults());
    private final SpectralFlatness flatness = new SpectralFlatness(SpectralFlatness.Config.defaults());
    private final Mfcc mfcc = new Mfcc(Mfcc.Config.defaults());
    private final BeatSpectrum beatSpectrum = new BeatSpectrum(BeatSpectrum.Config.defaults());

    /** One configured pulse-clarity algorithm per output that asks for it (frames differ). */
    private final Map<String, PulseClarity> pulseClarity = new HashMap<>();

    public FeatureExtractor(FeatureSettings settings) {
        this.settings = settings;
        settings.outputs().forEach((key, out) -> {
            if (out.feature() == Feature.PULSECLARITY) {
                pulseClarity.put(key, new PulseClarity(new PulseClarity.Config(out.frame(), 40, 200)));
            }
        });
    }

    public FeatureSettings settings() {
        return settings;
    }

    public Map<String, FeatureMatrix> extract(float[] samples, double sampleRate) {
        double[] d = new double[samples.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = samples[i];
        }
        return extract(d, 0, d.length, sampleRate);
    }

    public Map<String, FeatureMatrix> extract(double[] signal, double sampleRate) {
        return extract(signal, 0, signal.length, sampleRate);
    }

    /**
     * @throws InvalidAudioException for empty audio, non-finite samples, a sample rate other than
     *                               the settings' or audio too short for a feature's frames
     */
    public Map<String, FeatureMatrix> extract(double[] signal, int offset, int length, double sampleRate) {
        validate(signal, offset, length, sampleRate);
        Map<String, FeatureMatrix> out = new LinkedHashMap<>();
        Map<FrameSpec, Spectral> spectral = new HashMap<>();
        for (Map.Entry<String, FeatureSettings.Output> e : settings.outputs().entrySet()) {
            String key = e.getKey();
            Feature feature = e.getValue().feature();
            FrameSpec frame = e.getValue().frame();
            FeatureMatrix m;
            try {
                if (feature.spectral()) {
                    Spectral s = spectral.computeIfAbsent(frame,
                            f -> new Spectral(MagnitudeSpectrogram.compute(signal, offset,
                                    f.frame(sampleRate, length), MEL_MIN_RESOLUTION_HZ, false)));
                    m = spectralFeature(feature, s);
                } else {
                    m = switch (feature) {
                        case RMS -> Rms.compute(signal, offset, frame.frame(sampleRate, length));
                        case ZEROCROSS -> ZeroCross.compute(signal, offset, frame.frame(sampleRate, length));
                        case CHROMAGRAM -> chromagram.compute(signal, offset, frame.frame(sampleRate, length));
                        case PULSECLARITY -> pulseClarity.get(key).compute(signal, offset, length, sampleRate);
                        default -> throw new IllegalStateException("unhandled feature " + feature);
                    };
                }
            } catch (IllegalArgumentException ex) {
                throw new InvalidAudioException(key + ": " + ex.getMessage(), ex);
            }
            out.put(key, rename(m, key));
        }
        return out;
    }

    private FeatureMatrix spectralFeature(Feature feature, Spectral s) {
        return switch (feature) {
            case FLUX -> SpectralFlux.compute(s.spectrogram);
            case ENTROPY -> s.entropy();
            case CENTROID -> centroid.compute(s.spectrogram, s.moments(), s.entropy());
            case SKEWNESS -> moments.skewness(s.spectrogram, s.moments());
            case KURTOSIS -> moments.kurtosis(s.spectrogram, s.moments());
            case ROLLOFF -> rolloff.compute(s.spectrogram);
            case FLATNESS -> flatness.compute(s.spectrogram);
            case MFCC -> mfcc.compute(s.mel(mfcc.config().bands()), Mfcc.NAME);
            case BEATSPECTRUM -> beatSpectrum.compute(s.mel(BeatSpectrum.MEL_BANDS));
            default -> throw new IllegalStateException("not a spectral feature: " + feature);
        };
    }

    private static FeatureMatrix rename(FeatureMatrix m, String key) {
        if (m.name().equals(key)) {
            return m;
        }
        return new FeatureMatrix(key, m.rows(), m.frames(), m.values(), m.frameStart(), m.frameEnd());
    }

    private void validate(double[] signal, int offset, int length, double sampleRate) {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new InvalidAudioException("sample rate must be positive, got " + sampleRate);
        }
        if (settings.sampleRate() != 0 && settings.sampleRate() != sampleRate) {
            throw new InvalidAudioException("feature settings '" + settings.name() + "' are for "
                    + settings.sampleRate() + " Hz audio, got " + sampleRate + " Hz");
        }
        if (length <= 0) {
            throw new InvalidAudioException("empty audio: no samples to analyse");
        }
        if (offset < 0 || offset + length > signal.length) {
            throw new IllegalArgumentException("range [" + offset + ", " + (offset + length) + ") outside the signal");
        }
        for (int i = offset; i < offset + length; i++) {
            if (!Double.isFinite(signal[i])) {
                throw new InvalidAudioException("sample " + (i - offset) + " is " + signal[i]
                        + ": audio must be finite (NaN and infinite samples are rejected)");
            }
        }
    }

    /** One spectrogram and what several features derive from it, computed on first use. */
    private final class Spectral {
        final MagnitudeSpectrogram spectrogram;
        private SpectralMoments moments;
        private FeatureMatrix entropyMatrix;
        private final Map<Integer, MelLogEnergies> mel = new HashMap<>(2);

        Spectral(MagnitudeSpectrogram spectrogram) {
            this.spectrogram = spectrogram;
        }

        SpectralMoments moments() {
            if (moments == null) {
                moments = SpectralMoments.compute(spectrogram);
            }
            return moments;
        }

        MelLogEnergies mel(int bands) {
            return mel.computeIfAbsent(bands, b -> MelLogEnergies.compute(spectrogram, b));
        }

        FeatureMatrix entropy() {
            if (entropyMatrix == null) {
                entropyMatrix = entropy.compute(spectrogram);
            }
            return entropyMatrix;
        }
    }
}
