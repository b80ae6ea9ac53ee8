package io.tagger.corpus;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Guest parts ({@code ./tagger corpus --guest-parts}): a share of 0 composes exactly what the
 * engine of tagger-synth 1 and 2 composed; a positive share adds a part whose instrument ignores the
 * style, voices about a third of the time, and the labels follow what was added.
 */
class ComposerGuestTest {

    @Test
    void aShareOfZeroComposesWhatTheEngineWithoutGuestsComposed() {
        for (String style : Composer.STYLES) {
            for (long seed = 0; seed < 20; seed++) {
                ClipPlan before = new Composer().compose(style, new Random(seed));
                ClipPlan now = new Composer(0).compose(style, new Random(seed));
                assertThat(now).isEqualTo(before);
                assertThat(now.style()).doesNotContain("guest");
            }
        }
    }

    @Test
    void guestsIgnoreTheStyleAndTheLabelsFollowThem() {
        Composer composer = new Composer(1);
        int guests = 0;
        int voices = 0;
        int nonClassicalInClassical = 0;
        for (String style : Composer.STYLES) {
            for (long seed = 0; seed < 60; seed++) {
                ClipPlan p = composer.compose(style, new Random(seed * 31 + style.hashCode()));
                if (style.equals("solo")) {
                    assertThat(p.style()).isEqualTo("solo");
                    continue;
                }
                assertThat(p.style()).isEqualTo(style + "+guest");
                guests++;
                Part guest = p.parts().get(p.parts().size() - 1);
                assertThat(guest.channel()).isNotEqualTo(9);
                List<String> tags = TagContract.tagsOf(p);
                boolean voice = guest.program() >= 52 && guest.program() <= 54 && !guest.notes().isEmpty();
                if (voice) {
                    voices++;
                    assertThat(tags).contains("voice", "vocal", "singing").doesNotContain("no voice");
                }
                if (style.equals("classical") && !TagContract.classicalProgram(guest.program())) {
                    nonClassicalInClassical++;
                    assertThat(tags).doesNotContain("classical");
                }
            }
        }
        assertThat(guests).isEqualTo(11 * 60);
        assertThat(voices).as("voice guests among %d", guests).isBetween(guests / 5, guests / 2);
        assertThat(nonClassicalInClassical).as("classical clips with a guest from outside the orchestra").isPositive();
    }

    @Test
    void oneGuestAtMostComposesWhatTheOneGuestEngineComposed() {
        for (String style : Composer.STYLES) {
            for (long seed = 0; seed < 20; seed++) {
                assertThat(new Composer(Composer.Variety.NONE.withGuests(0.5, 1)).compose(style, new Random(seed)))
                        .isEqualTo(new Composer(0.5).compose(style, new Random(seed)));
            }
        }
    }

    @Test
    void severalGuestsMeetInOneClipAndTheLabelsFollowEveryOne() {
        Composer composer = new Composer(Composer.Variety.NONE.withGuests(1, 3));
        int[] byCount = new int[4];
        for (String style : Composer.STYLES) {
            if (style.equals("solo")) {
                continue;
            }
            for (long seed = 0; seed < 60; seed++) {
                ClipPlan p = composer.compose(style, new Random(seed * 17 + style.hashCode()));
                int n = p.style().endsWith("+guest") ? 1 : Integer.parseInt(p.style().replaceAll(".*\\+(\\d)guests$", "$1"));
                byCount[n]++;
                List<Part> guests = p.parts().subList(p.parts().size() - n, p.parts().size());
                assertThat(p.parts().stream().map(Part::channel).distinct().count()).isEqualTo(p.parts().size());
                assertThat(p.parts()).allSatisfy(part -> assertThat(part.channel()).isNotEqualTo(9).isLessThan(16));
                List<String> tags = TagContract.tagsOf(p);
                for (Part g : guests) {
                    if (g.notes().isEmpty()) {
                        continue;
                    }
                    if (g.program() >= 52 && g.program() <= 54) {
                        assertThat(tags).contains("voice").doesNotContain("no voice");
                    }
                    if (g.program() == 104) {
                        assertThat(tags).contains("sitar");
                    }
                    if (g.program() <= 3) {
                        assertThat(tags).contains("piano");
                    }
                }
            }
        }
        assertThat(byCount[0]).isZero();
        assertThat(byCount[1]).isPositive();
        assertThat(byCount[2]).isPositive();
        assertThat(byCount[3]).isPositive();
    }

    @Test
    void rejectsAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> new Composer(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Composer(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAGuestCountOutsideItsRange() {
        assertThatThrownBy(() -> new Composer(Composer.Variety.NONE.withGuests(0.5, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Composer(Composer.Variety.NONE.withGuests(0.5, Composer.MAX_GUESTS + 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
