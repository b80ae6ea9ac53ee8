package io.tagger.corpus.independent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagger.corpus.TagContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every synthesisable tag is both positive and negative in a fair share of clips drawn with uniform styles. */
class TagCoverageTest {

    @Test
    void everyTagIsPositiveAndNegativeInAtLeastThreePercentOfClips() {
        List<Composition> clips = Clips.uniform(2024, 2000);
        Map<String, Integer> positives = new HashMap<>();
        int tagsPerClip = 0;
        for (Composition c : clips) {
            List<String> tags = TagContract.tagsOf(c.plan());
            tagsPerClip += tags.size();
            for (String t : tags) {
                positives.merge(t, 1, Integer::sum);
            }
        }
        StringBuilder table = new StringBuilder(String.format("%-12s %7s%n", "tag", "positive"));
        List<String> failures = new ArrayList<>();
        for (String tag : ContractLabeller.TAGS) {
            double rate = positives.getOrDefault(tag, 0) / (double) clips.size();
            table.append(String.format("%-12s %6.1f%%%n", tag, 100 * rate));
            if (rate < 0.03 || rate > 0.97) {
                failures.add(tag + " " + rate);
            }
        }
        table.append(String.format("tags per clip %.1f over %d clips%n", tagsPerClip / (double) clips.size(), clips.size()));
        System.out.print(table);
        assertThat(failures).as(table.toString()).isEmpty();
    }
}
