package io.tagger.model.eval;

import io.tagger.model.train.SegmentSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GeneralisationReportTest {
    private static final List<String> TAGS = List.of("piano", "vocal", "fast");

    /** Four clips of one segment each with the given labels; scores given per clip. */
    private static Evaluation eval(boolean[][] labels, float[][] scores) {
        SegmentSet set = SegmentSet.of(List.of("rms"), new int[]{1}, new int[]{1}, new float[][]{new float[labels.length]},
                labels, new int[]{0, 1, 2, 3});
        return Evaluation.of(set, scores, TAGS);
    }

    private static final boolean[][] LABELS = {{true, false, true}, {false, true, false}, {true, true, false},
            {false, false, true}};

    @Test
    void tablesTheCnnBesideTheBaselinePerConditionFamilyAndTag() {
        Evaluation perfect = eval(LABELS, new float[][]{{.9f, .1f, .8f}, {.1f, .9f, .2f}, {.8f, .7f, .3f}, {.2f, .3f, .9f}});
        Evaluation inverted = eval(LABELS, new float[][]{{.1f, .9f, .2f}, {.9f, .1f, .8f}, {.2f, .3f, .7f}, {.8f, .7f, .1f}});
        var report = new GeneralisationReport("m 1", List.of(new GeneralisationReport.Condition("other engine", "/x", perfect,
                inverted)), List.of());
        String md = report.markdown();
        assertThat(md).contains("| other engine | 4 | **1.0000** | 1.0000 | 0.0000 | ")
                .contains("+1.0000")
                .contains("| instruments | 1.000 / 0.000 |")
                .contains("| voice | 1.000 / 0.000 |")
                .contains("| piano | 1.000 / 0.000 |");
        assertThat(GeneralisationReport.weakest(inverted).getValue()).isZero();
        assertThat(GeneralisationReport.familyRoc(perfect, TagFamilies.FAMILIES.get("tempo"))).isCloseTo(1.0, within(1e-9));
        assertThat(report.json().get("conditions").get(0).get("cnn").get("macro").get("roc_auc").asDouble()).isEqualTo(1.0);
    }

    @Test
    void countsNonMusicClipsWithAnInstrumentGenreOrTempoTagAtHalfOrMore() {
        Evaluation e = eval(LABELS, new float[][]{{.9f, .1f, .8f}, {.1f, .9f, .2f}, {.8f, .7f, .3f}, {.2f, .3f, .9f}});
        var clips = List.of(
                new GeneralisationReport.NonMusicClip("non-music:white", Map.of("drums", 0.97f, "no voice", 0.99f)),
                new GeneralisationReport.NonMusicClip("non-music:white", Map.of("drums", 0.2f, "no voice", 0.99f)),
                new GeneralisationReport.NonMusicClip("non-music:silence", Map.of("slow", 0.49f, "no voice", 1f)));
        String md = new GeneralisationReport("m", List.of(new GeneralisationReport.Condition("own", "/x", e, e)), clips)
                .markdown();
        assertThat(md).contains("| non-music:white | 2 | 1 | 0.970 (drums) |")
                .contains("| non-music:silence | 1 | 0 | 0.490 (slow) |");
    }
}
