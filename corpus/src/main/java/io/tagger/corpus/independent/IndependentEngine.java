package io.tagger.corpus.independent;

import io.tagger.corpus.ArrangementEngine;
import io.tagger.corpus.ClipPlan;
import java.util.List;
import java.util.Random;

/**
 * The second arrangement engine, written apart from the first so that its clips stand in for
 * music a model has never heard. Eighteen styles (baroque, chamber, nocturne, orchestral, solo,
 * rock, metal, pop, country, folk, techno, electro, ambient, raga, fusion, choir, jazz, groove),
 * each choosing tempo class, metre, feel, dynamics, harmony and instruments, then handing the
 * writing to small specialists: {@link MelodyWriter}, {@link CounterLine}, {@link BassWriter},
 * {@link Accompanist}, {@link RiffWriter}, {@link RagaWriter}, {@link DroneWriter} and the
 * {@link Drummer}. Every choice comes from the given {@link Random}, so a seed repeats a clip.
 * The labels follow from the plan by the project's tag contract (CORPUS.md); the classes here
 * keep every labelled quantity clear of the contract's thresholds.
 */
public final class IndependentEngine implements ArrangementEngine {

    public IndependentEngine() {
    }

    @Override
    public String name() {
        return "independent";
    }

    @Override
    public List<String> styles() {
        return StyleBook.NAMES;
    }

    @Override
    public ClipPlan compose(String style, Random r) {
        return composeDetailed(style, r).plan();
    }

    /** The clip and the traits that describe how it was made. */
    Composition composeDetailed(String style, Random r) {
        Style s = StyleBook.get(style);
        Arrangement a = new Arrangement(style, r);
        s.arrange(a);
        DroneGuard.apply(a);
        return new Composition(a.finish(), a.traits);
    }
}
