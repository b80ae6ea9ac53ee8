package io.tagger.corpus.independent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagger.corpus.ClipPlan;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A seed repeats a clip exactly; different seeds give different clips. */
class DeterminismTest {
    private final IndependentEngine engine = new IndependentEngine();

    @Test
    void theSameSeedGivesTheSamePlan() {
        for (String style : engine.styles()) {
            for (long seed = 1; seed <= 5; seed++) {
                ClipPlan a = engine.compose(style, new Random(seed));
                ClipPlan b = engine.compose(style, new Random(seed));
                assertThat(a).as(style + " seed " + seed).isEqualTo(b);
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentPlans() {
        for (String style : engine.styles()) {
            ClipPlan a = engine.compose(style, new Random(1));
            ClipPlan b = engine.compose(style, new Random(2));
            assertThat(a).as(style).isNotEqualTo(b);
            assertThat(a.parts().get(0).notes()).as(style).isNotEqualTo(b.parts().get(0).notes());
        }
    }

    @Test
    void theEngineNamesItselfAndListsItsStyles() {
        assertThat(engine.name()).isEqualTo("independent");
        assertThat(engine.styles()).hasSize(18).doesNotHaveDuplicates();
    }
}
