package io.tagger.corpus;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Idiomatic parts ({@code ./tagger corpus --idiomatic-parts}): natural registers and held lines. */
class IdiomTest {

    @Test
    void foldingKeepsPitchClassesAndPutsEveryNoteInTheRegister() {
        List<Note> notes = List.of(new Note(0, 100, 80, 0, 0.5), new Note(0, 30, 80, 1, 0.5), new Note(0, 60, 80, 2, 0.5));
        List<Note> folded = Idiom.fold(notes, Idiom.register(52));
        for (int i = 0; i < notes.size(); i++) {
            assertThat(folded.get(i).key()).isBetween(48, 79);
            assertThat(folded.get(i).key() % 12).isEqualTo(notes.get(i).key() % 12);
            assertThat(folded.get(i).start()).isEqualTo(notes.get(i).start());
        }
    }

    @Test
    void everyRegisterIsAtLeastAnOctave() {
        for (int p = 0; p < 128; p++) {
            int[] r = Idiom.register(p);
            assertThat(r[1] - r[0]).as("program %d", p).isGreaterThanOrEqualTo(12);
        }
    }

    @Test
    void aHeldLineHoldsEachNoteIntoTheNextWithoutOverlap() {
        List<Note> notes = List.of(new Note(0, 60, 80, 0, 0.2), new Note(0, 62, 80, 0.1, 0.2), new Note(0, 64, 80, 1.0, 0.2),
                new Note(0, 65, 80, 2.5, 0.2));
        List<Note> held = Idiom.held(notes);
        assertThat(held).extracting(Note::key).containsExactly(60, 64, 65);
        for (int i = 0; i + 1 < held.size(); i++) {
            assertThat(held.get(i).start() + held.get(i).duration()).isLessThanOrEqualTo(held.get(i + 1).start());
            assertThat(held.get(i).duration()).isGreaterThan(0.9);
        }
        Note lastNote = held.get(held.size() - 1);
        assertThat(lastNote.duration()).isEqualTo(3.0);
    }

    @Test
    void voicesSingInTheirRegisterAndHoldLongerNotesWhenIdiomatic() {
        double[] meanDuration = new double[2];
        for (int on = 0; on < 2; on++) {
            Composer.Variety guests = Composer.Variety.NONE.withGuests(1, 3);
            Composer composer = new Composer(on == 1 ? guests.withIdiomaticParts() : guests);
            double sum = 0;
            int n = 0;
            int outside = 0;
            for (String style : Composer.STYLES) {
                for (long seed = 0; seed < 40; seed++) {
                    for (Part p : composer.compose(style, new Random(seed * 7 + style.hashCode())).parts()) {
                        if (p.program() >= 52 && p.program() <= 54 && p.role() == Part.Role.MELODY) {
                            for (Note note : p.notes()) {
                                sum += note.duration();
                                n++;
                                outside += note.key() < 48 || note.key() > 79 ? 1 : 0;
                            }
                        }
                    }
                }
            }
            meanDuration[on] = sum / n;
            if (on == 1) {
                assertThat((double) outside / n).as("voice melody notes outside 48-79").isLessThan(0.5);
            }
        }
        assertThat(meanDuration[1]).isGreaterThan(meanDuration[0] * 1.3);
    }
}
