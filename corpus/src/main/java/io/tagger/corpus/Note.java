package io.tagger.corpus;

/** One MIDI note: channel (0-15, 9 = drums), key, velocity, start and length in seconds. */
public record Note(int channel, int key, int velocity, double start, double duration) {
}
