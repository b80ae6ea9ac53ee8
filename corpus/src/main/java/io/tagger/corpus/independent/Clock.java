package io.tagger.corpus.independent;

/**
 * Converts beat positions to seconds for one clip: a constant tempo (the contract's one BPM per
 * clip) in a metre, over a clip of fixed length.
 */
final class Clock {
    final double bpm;
    final Meter meter;
    final double seconds;

    Clock(double bpm, Meter meter, double seconds) {
        this.bpm = bpm;
        this.meter = meter;
        this.seconds = seconds;
    }

    /** Seconds at a beat position; beat b of a four-on-the-floor kick is exactly b * 60 / bpm. */
    double at(double beat) {
        return beat * 60.0 / bpm;
    }

    double secondsPerBeat() {
        return 60.0 / bpm;
    }

    /** Beats that fit in the clip (fractional). */
    double totalBeats() {
        return seconds * bpm / 60.0;
    }

    int beatsPerBar() {
        return meter.beatsPerBar();
    }

    /** Bars that start inside the clip, the last one possibly cut short. */
    int bars() {
        return (int) Math.ceil(totalBeats() / meter.beatsPerBar());
    }

    double bar(int bar) {
        return (double) bar * meter.beatsPerBar();
    }
}
