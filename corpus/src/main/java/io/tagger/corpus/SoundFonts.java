package io.tagger.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The General MIDI SoundFonts Debian packages, split into those the training corpus renders with
 * and the one kept out of training as the unseen-timbre test, and a check that a SoundFont plays
 * every program the label contract names.
 */
public final class SoundFonts {
    private static final Path DIR = Path.of("/usr/share/sounds/sf2");

    /** Rendered into training corpora (Debian: fluid-soundfont-gm, timgm6mb-soundfont, csound-soundfont, opl3-soundfont). */
    public static final List<Path> TRAINING = List.of(DIR.resolve("FluidR3_GM.sf2"), DIR.resolve("TimGM6mb.sf2"),
            DIR.resolve("sf_GMbank.sf2"), DIR.resolve("OPL-3_FM_128M.sf2"));

    /** Never rendered into training: the unseen-timbre test (Debian: musescore-general-soundfont-lossless). */
    public static final List<Path> HELD_OUT = List.of(DIR.resolve("MuseScore_General_Full.sf2"));

    /** Every program the contract names (tags depend on them) and the drum kits the engines use. */
    static final int[] CONTRACT_PROGRAMS = {0, 1, 2, 3, 6, 24, 25, 26, 27, 28, 29, 30, 31, 40, 42, 46, 48, 49, 50, 51,
            52, 53, 54, 73, 80, 81, 85, 88, 89, 90, 91, 92, 95, 104, 105, 110};

    private SoundFonts() {
    }

    /** One program's check: the RMS of a two-second phrase rendered with it. */
    public record ProgramCheck(int program, double rms) {
        public boolean audible() {
            return rms >= 1e-3;
        }
    }

    /** Renders a short phrase with each contract program (and a drum groove per kit, as program 128 + kit). */
    public static List<ProgramCheck> check(Path sf2, int sampleRate) throws Exception {
        GervillRenderer renderer = new GervillRenderer(GervillRenderer.loadSoundFont(sf2), sampleRate);
        List<ProgramCheck> out = new ArrayList<>();
        for (int program : CONTRACT_PROGRAMS) {
            List<Note> notes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                notes.add(new Note(0, 60 + 2 * i, 90, i * 0.4, 0.4));
            }
            ClipPlan plan = new ClipPlan("check", 100, 0, List.of(new Part(0, program, Part.Role.MELODY, 100, notes)),
                    0, List.of(), 2.0, 0, 0);
            out.add(new ProgramCheck(program, CorpusGenerator.rms(renderer.render(plan))));
        }
        for (int kit : new int[]{0, 24, 25}) {
            List<Note> drums = new ArrayList<>();
            Random r = new Random(kit);
            for (int i = 0; i < 8; i++) {
                drums.add(new Note(9, new int[]{36, 38, 42}[r.nextInt(3)], 100, i * 0.25, 0.1));
            }
            ClipPlan plan = new ClipPlan("check", 100, 0, List.of(), kit, drums, 2.0, 0, 0);
            out.add(new ProgramCheck(128 + kit, CorpusGenerator.rms(renderer.render(plan))));
        }
        return out;
    }
}
