package io.tagger.model.eval;

import io.tagger.model.train.SegmentSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BreakdownTest {
    private static final List<String> TAGS = List.of("voice", "choir", "fast");

    /** Clips of one segment each. */
    private static Evaluation eval(boolean[][] labels, float[][] scores) {
        int[] clipOf = new int[labels.length];
        for (int i = 0; i < clipOf.length; i++) {
            clipOf[i] = i;
        }
        SegmentSet set = SegmentSet.of(List.of("rms"), new int[]{1}, new int[]{1}, new float[][]{new float[labels.length]},
                labels, clipOf);
        return Evaluation.of(set, scores, TAGS);
    }

    // Six clips: voice positives a (rock, missed: scored under every negative), b (ambient, found),
    // c (ambient, found); negatives d, e, f. choir: only b is positive. fast: a, d.
    private static final boolean[][] LABELS = {
            {true, false, true}, {true, true, false}, {true, false, false},
            {false, false, true}, {false, false, false}, {false, false, false}};
    private static final float[][] SCORES = {
            {.05f, .1f, .9f}, {.9f, .8f, .1f}, {.7f, .2f, .2f},
            {.3f, .3f, .8f}, {.2f, .1f, .3f}, {.1f, .4f, .1f}};
    private static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f");
    private static final Map<String, String> STYLE = Map.of("a", "rock", "b", "ambient", "c", "ambient", "d", "rock",
            "e", "ambient", "f", "pop");

    @Test
    void ranksEachGroupsPositivesAgainstAllNegatives() {
        Breakdown b = Breakdown.of(eval(LABELS, SCORES), IDS, STYLE, "style");
        Breakdown.Cell rockVoice = cell(b, "voice", "rock");
        // rock's only voice positive (a, 0.05) is below all 3 voice negatives: voice AUC 0; choir has no rock positive.
        assertThat(rockVoice.rocAuc()).isCloseTo(0.0, within(1e-12));
        assertThat(rockVoice.positives()).isEqualTo(1);
        // ambient: voice positives b, c above every negative (1.0); choir positive b (0.8) above the 5 negatives (1.0).
        Breakdown.Cell ambientVoice = cell(b, "voice", "ambient");
        assertThat(ambientVoice.rocAuc()).isCloseTo(1.0, within(1e-12));
        assertThat(ambientVoice.positives()).isEqualTo(2);
        // tempo: fast positives a (rock, 0.9) and d (rock, 0.8) over the 4 negatives (max 0.3): 1.0; pop has none.
        assertThat(cell(b, "tempo", "rock").rocAuc()).isCloseTo(1.0, within(1e-12));
        assertThat(b.cells()).noneMatch(c -> c.group().equals("pop"));
        assertThat(b.markdown()).contains("| style | instruments | voice |").contains("| rock | - | 0.000 (1) |")
                .contains("| ambient | - | 1.000 (2) |");
    }

    @Test
    void oneGroupOfEveryClipGivesTheWholeSetsAuc() {
        // One group holding every clip gives the set's own per-tag AUC.
        Evaluation e = eval(LABELS, SCORES);
        Map<String, String> one = Map.of("a", "x", "b", "x", "c", "x", "d", "x", "e", "x", "f", "x");
        Breakdown b = Breakdown.of(e, IDS, one, "all");
        assertThat(cell(b, "voice", "x").rocAuc()).isCloseTo((e.rocAuc(0) + e.rocAuc(1)) / 2, within(1e-12));
    }

    @Test
    void refusesClipIdsThatDoNotMatchTheEvaluatedClips() {
        assertThatThrownBy(() -> Breakdown.of(eval(LABELS, SCORES), List.of("a"), STYLE, "style"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 clip ids for 6");
    }

    @Test
    void theClipScoreTableHoldsEveryClipsScoreAndLabelInTheModelsTagOrder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("scores.tsv");
        ClipScoreTable.write(out, eval(LABELS, SCORES), IDS);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("clip_id\tscore:voice\tlabel:voice\tscore:choir\tlabel:choir\tscore:fast\tlabel:fast");
        assertThat(lines.get(1)).isEqualTo("a\t0.0500\t1\t0.1000\t0\t0.9000\t1");
        assertThat(lines.get(6)).isEqualTo("f\t0.1000\t0\t0.4000\t0\t0.1000\t0");
    }

    private static Breakdown.Cell cell(Breakdown b, String family, String group) {
        return b.cells().stream().filter(c -> c.family().equals(family) && c.group().equals(group)).findFirst().orElseThrow();
    }
}
