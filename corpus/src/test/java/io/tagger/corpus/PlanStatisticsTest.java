package io.tagger.corpus;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlanStatisticsTest {

    @Test
    void countsNotesLengthsBandsAndSoundingTimePerFamily() {
        Part voice = new Part(0, 53, Part.Role.MELODY, 100,
                List.of(new Note(0, 50, 60, 0, 2), new Note(0, 85, 100, 10, 1)));
        Part piano = new Part(1, 0, Part.Role.CHORDS, 100, List.of(new Note(1, 60, 80, 0, 0.5)));
        Part silentVoice = new Part(2, 52, Part.Role.PAD, 100, List.of());
        ClipPlan plan = new ClipPlan("test", 100, 0, List.of(voice, piano, silentVoice), 0, List.of(), 29.1, 0, 0);
        List<PlanStatistics.Row> rows = PlanStatistics.of(List.of(plan));
        PlanStatistics.Row v = rows.stream().filter(r -> r.family().tag().equals("voice")).findFirst().orElseThrow();
        assertThat(v.parts()).isEqualTo(1);
        assertThat(v.notesPerPart()).isEqualTo(2);
        assertThat(v.meanDuration()).isCloseTo(1.5, within(1e-12));
        assertThat(v.meanVelocity()).isCloseTo(80, within(1e-12));
        assertThat(v.bandShares()).containsExactly(0.0, 0.5, 0.0, 0.0, 0.5);
        assertThat(v.soundingShare()).isCloseTo(5.0 / 30, within(1e-12)); // seconds 0, 1, 2 and 10, 11 of 30
        PlanStatistics.Row p = rows.stream().filter(r -> r.family().tag().equals("piano")).findFirst().orElseThrow();
        assertThat(p.bandShares()).containsExactly(0.0, 0.0, 1.0, 0.0, 0.0);
        assertThat(rows.stream().filter(r -> r.family().tag().equals("sitar")).findFirst().orElseThrow().parts()).isZero();
    }
}
