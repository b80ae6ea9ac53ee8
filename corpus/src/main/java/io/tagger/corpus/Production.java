package io.tagger.corpus;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How one clip is turned into sound, drawn per clip by the corpus generator the same way for
 * every engine: the SoundFont, the synthesiser's reverb and chorus sends, and the master chain
 * that {@link Mastering} applies to the rendered mix (balance of the stereo render before the mono
 * sum, band limits, shelving EQ, room reverb, compression, a noise floor, the final level) and the
 * MP3 bitrate. None of it changes a tag: the label contract is about what is played.
 *
 * @param balance      weight of the left channel in the mono sum (0.5: plain sum; 0-1)
 * @param highpassHz   low cut of the band limit (Hz)
 * @param lowpassHz    high cut of the band limit (Hz; 8000 = none below Nyquist)
 * @param lowShelfDb   gain of a low shelf at 250 Hz
 * @param highShelfDb  gain of a high shelf at 3 kHz
 * @param roomSize     feedback of the room reverb's combs (0: no room reverb)
 * @param roomWet      share of the room reverb in the output (0-1)
 * @param compRatio    compression ratio (1: none)
 * @param compThreshDb compressor threshold in dBFS
 * @param noise        colour of the noise floor
 * @param noiseDb      noise floor level relative to the mix's RMS (dB)
 * @param targetDbfs   final RMS level (dBFS), or NaN to keep the rendered level times {@code gainDb}
 * @param gainDb       level change when {@code targetDbfs} is NaN
 * @param mp3Kbps      MP3 bitrate
 */
public record Production(int soundfont, int reverb, int chorus, double balance, double highpassHz, double lowpassHz,
                         double lowShelfDb, double highShelfDb, double roomSize, double roomWet, double compRatio,
                         double compThreshDb, Noise noise, double noiseDb, double targetDbfs, double gainDb,
                         int mp3Kbps) {
    public enum Noise { WHITE, PINK, BROWN, HUM }

    static final int[] BITRATES = {32, 32, 40, 48, 64, 96, 128};

    /** MTAT's plain production: no master processing, 32 kbit/s. */
    public static Production plain(int soundfont, int reverb) {
        return new Production(soundfont, reverb, 0, 0.5, 20, 8000, 0, 0, 0, 0, 1, 0, Noise.WHITE, -200, Double.NaN,
                0, 32);
    }

    /** This production's band limits and shelves only: no room, compression, noise floor or level change (for non-music sources). */
    public Production filtersOnly() {
        return new Production(soundfont, 0, 0, 0.5, highpassHz, lowpassHz, lowShelfDb, highShelfDb, 0, 0, 1, 0, noise, -200,
                Double.NaN, 0, mp3Kbps);
    }

    /** Draws a production: every setting independent of the music and of the labels. */
    public static Production draw(Random r, int soundfonts) {
        int sf = r.nextInt(soundfonts);
        int reverb = r.nextInt(100);
        int chorus = r.nextInt(3) == 0 ? r.nextInt(90) : 0;
        double balance = 0.5 + (r.nextDouble() - 0.5) * 0.6;
        double hp = r.nextInt(3) == 0 ? 20 : 20 + r.nextDouble() * 180;
        double lp = r.nextInt(3) == 0 ? 8000 : 3000 + r.nextDouble() * 4800;
        double low = (r.nextDouble() * 2 - 1) * 8;
        double high = (r.nextDouble() * 2 - 1) * 8;
        boolean room = r.nextInt(3) > 0;
        double size = room ? 0.55 + r.nextDouble() * 0.4 : 0;
        double wet = room ? 0.05 + r.nextDouble() * 0.35 : 0;
        boolean comp = r.nextBoolean();
        double ratio = comp ? 1.5 + r.nextDouble() * 6 : 1;
        double thresh = comp ? -30 + r.nextDouble() * 18 : 0;
        Noise noise = Noise.values()[r.nextInt(Noise.values().length)];
        double noiseDb = r.nextInt(4) == 0 ? -200 : -70 + r.nextDouble() * 40;
        boolean normalise = r.nextBoolean();
        double target = normalise ? -30 + r.nextDouble() * 18 : Double.NaN;
        double gain = normalise ? 0 : (r.nextDouble() * 2 - 1) * 6;
        int kbps = BITRATES[r.nextInt(BITRATES.length)];
        return new Production(sf, reverb, chorus, balance, hp, lp, low, high, size, wet, ratio, thresh, noise, noiseDb,
                target, gain, kbps);
    }

    /** A compact description for {@code corpus_plan.tsv}. */
    public String describe(List<String> soundfontNames) {
        return String.format(Locale.ROOT,
                "sf=%s rev=%d cho=%d bal=%.2f band=%.0f-%.0fHz shelf=%+.1f/%+.1fdB room=%.2f/%.2f comp=%.1f@%.0fdB"
                        + " noise=%s@%.0fdB level=%s kbps=%d",
                soundfontNames.get(soundfont), reverb, chorus, balance, highpassHz, lowpassHz, lowShelfDb, highShelfDb,
                roomSize, roomWet, compRatio, compThreshDb, noise.name().toLowerCase(Locale.ROOT), noiseDb,
                Double.isNaN(targetDbfs) ? String.format(Locale.ROOT, "%+.1fdB", gainDb)
                        : String.format(Locale.ROOT, "%.1fdBFS", targetDbfs), mp3Kbps);
    }
}
