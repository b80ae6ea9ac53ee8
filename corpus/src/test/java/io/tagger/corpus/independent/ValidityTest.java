package io.tagger.corpus.independent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagger.corpus.ClipPlan;
import io.tagger.corpus.Control;
import io.tagger.corpus.Note;
import io.tagger.corpus.Part;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every clip is valid MIDI inside the clip, and every quantity a label depends on keeps clear
 * of the contract's thresholds.
 */
class ValidityTest {
    private final List<Composition> clips = merged();

    private static List<Composition> merged() {
        List<Composition> out = new ArrayList<>(Clips.everyStyle(3, 40));
        out.addAll(Clips.uniform(2024, 2000));
        return out;
    }

    @Test
    void notesChannelsAndControlsAreValid() {
        List<String> problems = new ArrayList<>();
        for (Composition c : clips) {
            ClipPlan plan = c.plan();
            String what = plan.style() + " " + c.traits();
            if (plan.seconds() != 29.1 || plan.soundfont() != 0 || plan.reverb() != 0 || plan.tonic() < 0 || plan.tonic() > 11
                    || plan.parts().isEmpty()) {
                problems.add("clip fields: " + what);
            }
            Set<Integer> channels = new HashSet<>();
            for (Part p : plan.parts()) {
                if (p.notes().isEmpty() || p.channel() < 0 || p.channel() > 15 || p.channel() == 9 || !channels.add(p.channel())
                        || p.program() < 0 || p.program() > 127 || p.gain() < 0 || p.gain() > 127) {
                    problems.add("part " + p.channel() + "/" + p.program() + ": " + what);
                }
                for (Note n : p.notes()) {
                    if (n.channel() != p.channel() || !valid(n)) {
                        problems.add("note " + n + " in part " + p.channel() + ": " + what);
                    }
                }
                for (Control k : p.controls()) {
                    if (k.time() < 0 || k.time() > 29.1) {
                        problems.add("control " + k + ": " + what);
                    }
                }
            }
            if (plan.hasDrums() && !Set.of(0, 8, 16, 24, 25, 32, 40, 48).contains(plan.drumKit())) {
                problems.add("kit " + plan.drumKit() + ": " + what);
            }
            for (Note n : plan.drums()) {
                if (n.channel() != 9 || n.key() < 27 || n.key() > 87 || !valid(n)) {
                    problems.add("drum " + n + ": " + what);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static boolean valid(Note n) {
        return n.key() >= 0 && n.key() <= 127 && n.velocity() >= 1 && n.velocity() <= 127 && n.start() >= 0
                && n.duration() > 0 && n.start() + n.duration() <= 29.1;
    }

    @Test
    void tempoKeepsThreeBpmFromEveryThreshold() {
        for (Composition c : clips) {
            double bpm = c.plan().bpm();
            for (double threshold : new double[] {80, 90, 120, 130}) {
                assertThat(Math.abs(bpm - threshold)).as("%s at %s BPM", c.plan().style(), bpm).isGreaterThanOrEqualTo(3);
            }
        }
    }

    @Test
    void velocitiesAreClearlyLoudClearlyQuietOrClearlyNeither() {
        for (Composition c : clips) {
            List<Note> all = new ArrayList<>(c.plan().drums());
            c.plan().parts().forEach(p -> all.addAll(p.notes()));
            int min = all.stream().mapToInt(Note::velocity).min().orElseThrow();
            int max = all.stream().mapToInt(Note::velocity).max().orElseThrow();
            String what = c.plan().style() + " " + min + "-" + max + " " + c.traits().get("loudness");
            boolean loud = min >= 100;
            boolean quiet = max <= 55 && min >= 30;
            if (loud) {
                assertThat(min).as(what).isGreaterThanOrEqualTo(103);
            } else {
                assertThat(min).as("not loud, so some note well under 100: " + what).isLessThanOrEqualTo(96);
            }
            if (quiet) {
                assertThat(max).as(what).isLessThanOrEqualTo(52);
                assertThat(min).as(what).isGreaterThanOrEqualTo(33);
            } else {
                assertThat(max).as("not quiet, so some note well over 55: " + what).isGreaterThanOrEqualTo(59);
            }
        }
    }

    @Test
    void dronesInSitarClipsAreClearlyDronesOrClearlyNot() {
        for (Composition c : clips) {
            ClipPlan plan = c.plan();
            if (plan.parts().stream().noneMatch(p -> p.program() == 104)) {
                continue;
            }
            for (Part p : plan.parts()) {
                if (DroneGuard.droneLike(p.notes(), plan.tonic())) {
                    assertThat(DroneGuard.coverage(p.notes(), plan.seconds())).as(plan.style() + " " + c.traits()).isGreaterThanOrEqualTo(0.97);
                }
            }
        }
    }

    @Test
    void aSteadyKickIsExactAndAMissingOneClearlyMissing() {
        for (Composition c : clips) {
            ClipPlan plan = c.plan();
            boolean otherwiseTechno = plan.hasDrums() && plan.bpm() >= 120 && (plan.drumKit() == 24 || plan.drumKit() == 25)
                    && plan.parts().stream().anyMatch(p -> p.program() >= 80 && p.program() <= 95);
            if (!otherwiseTechno || ContractLabeller.fourOnTheFloor(plan)) {
                continue;
            }
            // Techno but for the kick: some beat has no kick even within 30 ms.
            boolean clearlyMissing = false;
            List<Double> kicks = plan.drums().stream().filter(n -> n.key() == 35 || n.key() == 36).map(Note::start).toList();
            for (int b = 0; b * 60.0 / plan.bpm() < plan.seconds() && !clearlyMissing; b++) {
                double at = b * 60.0 / plan.bpm();
                clearlyMissing = kicks.stream().noneMatch(k -> Math.abs(k - at) < 0.03);
            }
            assertThat(clearlyMissing).as(plan.style() + " " + c.traits()).isTrue();
        }
    }
}
