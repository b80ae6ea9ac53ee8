package io.tagger.corpus;

import com.sun.media.sound.AudioSynthesizer;

import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link ClipPlan} offline with the JDK's Gervill synthesizer and a General MIDI
 * SoundFont, to 16-bit mono PCM at {@code sampleRate}. A fresh synthesizer per clip (the parsed
 * SoundFont is shared), so nothing bleeds from one clip into the next. Needs
 * {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED}.
 */
public final class GervillRenderer {
    private final Soundbank soundbank;
    private final int sampleRate;

    public GervillRenderer(Soundbank soundbank, int sampleRate) {
        this.soundbank = soundbank;
        this.sampleRate = sampleRate;
    }

    public static Soundbank loadSoundFont(Path sf2) throws IOException {
        try {
            return MidiSystem.getSoundbank(sf2.toFile());
        } catch (javax.sound.midi.InvalidMidiDataException e) {
            throw new IOException(sf2 + " is not a SoundFont Gervill can read: " + e.getMessage(), e);
        }
    }

    /** The two channels of a stereo render, samples in [-1, 1). */
    public record Stereo(float[] left, float[] right) {
    }

    /** Renders the clip in mono (the synthesiser's own mix). */
    public short[] render(ClipPlan clip) throws Exception {
        byte[] pcm = renderBytes(clip, 1);
        short[] out = new short[pcm.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
        }
        return out;
    }

    /** Renders the clip in stereo, so that pan and a balance before the mono sum shape the mix. */
    public Stereo renderStereo(ClipPlan clip) throws Exception {
        byte[] pcm = renderBytes(clip, 2);
        int n = pcm.length / 4;
        float[] left = new float[n];
        float[] right = new float[n];
        for (int i = 0; i < n; i++) {
            left[i] = (short) ((pcm[4 * i] & 0xff) | (pcm[4 * i + 1] << 8)) / 32768f;
            right[i] = (short) ((pcm[4 * i + 2] & 0xff) | (pcm[4 * i + 3] << 8)) / 32768f;
        }
        return new Stereo(left, right);
    }

    private byte[] renderBytes(ClipPlan clip, int channels) throws Exception {
        AudioSynthesizer synth = (AudioSynthesizer) MidiSystem.getSynthesizer();
        AudioFormat format = new AudioFormat(sampleRate, 16, channels, true, false);
        try (AudioInputStream stream = synth.openStream(format, Map.of("load default soundbank", false))) {
            synth.loadAllInstruments(soundbank);
            Receiver rx = synth.getReceiver();
            List<Event> events = new ArrayList<>();
            for (Part p : clip.parts()) {
                events.add(new Event(0, msg(ShortMessage.PROGRAM_CHANGE, p.channel(), p.program(), 0)));
                events.add(new Event(0, msg(ShortMessage.CONTROL_CHANGE, p.channel(), 7, p.gain())));
                events.add(new Event(0, msg(ShortMessage.CONTROL_CHANGE, p.channel(), 91, clip.reverb())));
                for (Note n : p.notes()) {
                    addNote(events, n);
                }
                for (Control c : p.controls()) {
                    long at = Math.round(c.time() * 1e6);
                    events.add(new Event(at, c.controller() == Control.PITCH_BEND
                            ? msg(ShortMessage.PITCH_BEND, p.channel(), c.value() & 0x7f, c.value() >> 7)
                            : msg(ShortMessage.CONTROL_CHANGE, p.channel(), c.controller(), c.value())));
                }
            }
            if (clip.hasDrums()) {
                events.add(new Event(0, msg(ShortMessage.PROGRAM_CHANGE, 9, clip.drumKit(), 0)));
                for (Note n : clip.drums()) {
                    addNote(events, n);
                }
            }
            events.sort(Comparator.comparingLong(Event::micros));
            long origin = synth.getMicrosecondPosition();
            for (Event e : events) {
                rx.send(e.message(), origin + e.micros());
            }
            int total = (int) Math.round(clip.seconds() * sampleRate);
            byte[] pcm = new byte[total * 2 * channels];
            int read = 0;
            while (read < pcm.length) {
                int n = stream.read(pcm, read, pcm.length - read);
                if (n <= 0) {
                    break;
                }
                read += n;
            }
            return pcm;
        } finally {
            synth.close();
        }
    }

    private record Event(long micros, MidiMessage message) {
    }

    private static void addNote(List<Event> events, Note n) throws Exception {
        long on = Math.round(n.start() * 1e6);
        long off = Math.round((n.start() + n.duration()) * 1e6);
        events.add(new Event(on, msg(ShortMessage.NOTE_ON, n.channel(), n.key(), n.velocity())));
        events.add(new Event(off, msg(ShortMessage.NOTE_OFF, n.channel(), n.key(), 0)));
    }

    private static ShortMessage msg(int command, int channel, int d1, int d2) throws Exception {
        return new ShortMessage(command, channel, d1, d2);
    }
}
