package io.tagger.corpus;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyboard textures ({@code ./tagger corpus --keyboard-textures}): keyboard and harp parts are
 * sometimes written for two hands, on one channel, and the labels still follow the program. That
 * the option draws nothing when off is {@link ComposerRecipesTest}'s job.
 */
class ComposerTexturesTest {

    @Test
    void keyboardsAndHarpsPlayWithTwoHandsOnOneChannel() {
        Composer composer = new Composer(Composer.Variety.NONE.withGuests(0.8, 3).withKeyboardTextures());
        int twoHanded = 0;
        int keyboardMelodies = 0;
        for (String style : Composer.STYLES) {
            for (long seed = 0; seed < 80; seed++) {
                ClipPlan p = composer.compose(style, new Random(seed * 13 + style.hashCode()));
                for (Part part : p.parts()) {
                    boolean keys = part.program() <= 7 || part.program() == 46;
                    if (part.role() == Part.Role.KEYBOARD) {
                        assertThat(keys).as("program %d with two hands", part.program()).isTrue();
                        assertThat(part.notes()).allSatisfy(n -> assertThat(n.channel()).isEqualTo(part.channel()));
                        int lowest = part.notes().stream().mapToInt(Note::key).min().orElseThrow();
                        int highest = part.notes().stream().mapToInt(Note::key).max().orElseThrow();
                        assertThat(highest - lowest).as("a left hand below the melody").isGreaterThanOrEqualTo(12);
                        twoHanded++;
                        if (part.program() <= 3) {
                            assertThat(TagContract.tagsOf(p)).contains("piano");
                        }
                    } else if (keys && part.role() == Part.Role.MELODY) {
                        keyboardMelodies++;
                    }
                }
            }
        }
        assertThat(twoHanded).isGreaterThan(50);
        assertThat(keyboardMelodies).as("one-handed keyboard melodies remain").isPositive();
    }
}
