package io.tagger.corpus.independent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagger.corpus.ClipPlan;
import io.tagger.corpus.TagContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Two readings of the contract, the project's TagContract and ContractLabeller, agree on this engine's clips. */
class ContractAgreementTest {

    @Test
    void theProjectsLabellerAndAnIndependentReadingAgreeOnEveryClip() {
        List<Composition> clips = new ArrayList<>(Clips.everyStyle(11, 100));
        clips.addAll(Clips.uniform(5, 1200));
        List<String> disagreements = new ArrayList<>();
        for (Composition c : clips) {
            ClipPlan plan = c.plan();
            Set<String> theirs = new TreeSet<>(TagContract.tagsOf(plan));
            Set<String> ours = ContractLabeller.tags(plan);
            if (!theirs.equals(ours)) {
                Set<String> onlyTheirs = new TreeSet<>(theirs);
                onlyTheirs.removeAll(ours);
                Set<String> onlyOurs = new TreeSet<>(ours);
                onlyOurs.removeAll(theirs);
                disagreements.add(plan.style() + " bpm " + plan.bpm() + " kit " + plan.drumKit() + " programs "
                        + plan.parts().stream().map(p -> p.program() + "/" + p.role()).toList()
                        + ": TagContract only " + onlyTheirs + ", ContractLabeller only " + onlyOurs + " " + c.traits());
            }
        }
        assertThat(clips).hasSizeGreaterThanOrEqualTo(3000);
        assertThat(disagreements).as("%d clips disagree", disagreements.size()).isEmpty();
    }
}
