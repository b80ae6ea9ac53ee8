package io.tagger.corpus.independent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagger.corpus.ClipPlan;
import io.tagger.corpus.Control;
import io.tagger.corpus.Note;
import io.tagger.corpus.Part;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The engine writes varied music: metres, grooves, bass lines, textures, programs, entries and articulation. */
class VarietyTest {
    private final List<Composition> clips = Clips.uniform(77, 200);

    private Set<String> trait(String key) {
        Set<String> values = new TreeSet<>();
        for (Composition c : clips) {
            String v = c.traits().get(key);
            if (v != null) {
                values.addAll(List.of(v.split("\\+")));
            }
        }
        return values;
    }

    @Test
    void manyMetresGroovesBassLinesAndTextures() {
        Map<String, Set<String>> seen = new TreeMap<>();
        for (String key : List.of("meter", "groove", "bass", "comping", "harmony", "melody", "loudness", "feel")) {
            seen.put(key, trait(key));
        }
        System.out.println("variety over 200 clips: " + seen.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().size()).collect(Collectors.joining(", ")));
        assertThat(seen.get("meter")).contains("3/4", "4/4", "6/8", "12/8").hasSizeGreaterThanOrEqualTo(6);
        assertThat(seen.get("groove")).hasSizeGreaterThanOrEqualTo(20)
                .contains("SHUFFLE", "BOSSA", "HALF_TIME", "BREAKBEAT", "DISCO", "ONE_DROP", "TECHNO");
        assertThat(seen.get("bass")).hasSizeGreaterThanOrEqualTo(10).contains("WALKING", "SYNCOPATED", "ROOTS");
        assertThat(seen.get("comping")).hasSizeGreaterThanOrEqualTo(12);
        assertThat(seen.get("harmony")).hasSizeGreaterThanOrEqualTo(40);
        assertThat(seen.get("loudness")).hasSize(4);
        assertThat(seen.get("feel")).contains("swing", "straight");
    }

    @Test
    void manyDistinctDrumPatterns() {
        Set<Set<String>> patterns = new HashSet<>();
        for (Composition c : clips) {
            ClipPlan plan = c.plan();
            if (!plan.hasDrums()) {
                continue;
            }
            double beat = 60.0 / plan.bpm();
            Set<String> firstBars = new TreeSet<>();
            for (Note n : plan.drums()) {
                if (n.start() < 8 * beat) {
                    firstBars.add(n.key() + "@" + Math.round(n.start() / beat * 4));
                }
            }
            patterns.add(firstBars);
        }
        assertThat(patterns.size()).isGreaterThan(60);
    }

    @Test
    void manyProgramsAndTempos() {
        Set<Integer> programs = new HashSet<>();
        Set<Double> tempos = new HashSet<>();
        for (Composition c : clips) {
            c.plan().parts().forEach(p -> programs.add(p.program()));
            tempos.add(c.plan().bpm());
        }
        assertThat(programs.size()).isGreaterThan(70);
        assertThat(tempos.size()).isGreaterThan(60);
    }

    @Test
    void partsEnterLateAndEveryKindOfArticulationIsUsed() {
        int lateEntries = 0;
        Set<Integer> controllers = new HashSet<>();
        for (Composition c : clips) {
            for (Part p : c.plan().parts()) {
                if (p.notes().get(0).start() > 3.0) {
                    lateEntries++;
                }
                p.controls().forEach(k -> controllers.add(k.controller()));
            }
        }
        assertThat(lateEntries).isGreaterThan(40);
        assertThat(controllers).contains(Control.PAN, Control.SUSTAIN, Control.EXPRESSION, Control.PITCH_BEND, Control.MODULATION);
    }
}
