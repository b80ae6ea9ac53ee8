package io.tagger.corpus;

import java.util.List;
import java.util.Random;

/**
 * Writes the music of one synthetic clip: parts, notes, drums, tempo and key, as a
 * {@link ClipPlan} whose tags {@link TagContract} derives. An engine draws only from {@code r},
 * so a seed repeats a corpus. The {@link ClipPlan#soundfont()} and {@link ClipPlan#reverb()} an
 * engine returns are placeholders: the corpus generator draws the sound (SoundFont, mix,
 * master) itself, the same way for every engine.
 */
public interface ArrangementEngine {
    /** A short name, written in {@code corpus_plan.tsv} and accepted by {@code ./tagger corpus --engine}. */
    String name();

    /** The styles this engine composes; the generator picks one per draft, uniformly. */
    List<String> styles();

    ClipPlan compose(String style, Random r);
}
