package io.tagger.model.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a model's tags hold outside the data it was trained and tuned on: for each test
 * condition (own test split, another arrangement engine, an unseen SoundFont, both) the CNN's
 * and the baseline's macro ROC-AUC and PR-AUC, per tag family and per tag; and on input without
 * music, how many clips got an instrument, drum, genre or tempo tag at 0.5 or above. Written as
 * Markdown (for the model card) and JSON.
 */
public final class GeneralisationReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One test condition: the CNN's evaluation and the baseline's on the same clips. */
    public record Condition(String name, String data, Evaluation cnn, Evaluation baseline) {
    }

    /** One clip without music: what it is and its scores, tag by tag. */
    public record NonMusicClip(String kind, Map<String, Float> scores) {
        /** The highest score among the tags that must stay below 0.5, and its tag. */
        public Map.Entry<String, Float> worst() {
            return scores.entrySet().stream().filter(e -> TagFamilies.NOT_ON_NON_MUSIC.contains(e.getKey()))
                    .max(Map.Entry.comparingByValue()).orElse(Map.entry("-", 0f));
        }
    }

    private final String model;
    private final List<Condition> conditions;
    private final List<NonMusicClip> nonMusic;

    public GeneralisationReport(String model, List<Condition> conditions, List<NonMusicClip> nonMusic) {
        this.model = model;
        this.conditions = List.copyOf(conditions);
        this.nonMusic = List.copyOf(nonMusic);
    }

    static double rocOf(Evaluation e, String tag) {
        int t = e.tags().indexOf(tag);
        return t < 0 ? Double.NaN : e.rocAuc(t);
    }

    /** Mean ROC-AUC over the family's tags that were evaluated. */
    static double familyRoc(Evaluation e, List<String> tags) {
        double s = 0;
        int n = 0;
        for (String tag : tags) {
            double v = rocOf(e, tag);
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** The lowest per-tag ROC-AUC and its tag. */
    static Map.Entry<String, Double> weakest(Evaluation e) {
        Map.Entry<String, Double> w = Map.entry("-", Double.NaN);
        for (int t = 0; t < e.tags().size(); t++) {
            double v = e.rocAuc(t);
            if (!Double.isNaN(v) && (Double.isNaN(w.getValue()) || v < w.getValue())) {
                w = Map.entry(e.tags().get(t), v);
            }
        }
        return w;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(model).append("\n\n");
        md.append("| condition | clips | CNN ROC-AUC | CNN PR-AUC | baseline ROC-AUC | baseline PR-AUC | CNN - baseline | weakest tag (CNN) |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Condition c : conditions) {
            Map.Entry<String, Double> w = weakest(c.cnn());
            md.append(String.format(Locale.ROOT, "| %s | %d | **%.4f** | %.4f | %.4f | %.4f | %+.4f | %s %.3f |%n", c.name(),
                    c.cnn().clips(), c.cnn().macroRocAuc(), c.cnn().macroPrAuc(), c.baseline().macroRocAuc(),
                    c.baseline().macroPrAuc(), c.cnn().macroRocAuc() - c.baseline().macroRocAuc(), w.getKey(), w.getValue()));
        }
        md.append("\nPer tag family (mean ROC-AUC of its tags; CNN / baseline):\n\n| family |");
        conditions.forEach(c -> md.append(' ').append(c.name()).append(" |"));
        md.append("\n|---|");
        conditions.forEach(c -> md.append("---|"));
        md.append('\n');
        for (var f : TagFamilies.FAMILIES.entrySet()) {
            md.append("| ").append(f.getKey()).append(" |");
            for (Condition c : conditions) {
                md.append(String.format(Locale.ROOT, " %.3f / %.3f |", familyRoc(c.cnn(), f.getValue()),
                        familyRoc(c.baseline(), f.getValue())));
            }
            md.append('\n');
        }
        md.append("\nPer tag (ROC-AUC; CNN / baseline; - where the set has no positive or no negative):\n\n| tag |");
        conditions.forEach(c -> md.append(' ').append(c.name()).append(" |"));
        md.append("\n|---|");
        conditions.forEach(c -> md.append("---|"));
        md.append('\n');
        for (String tag : conditions.get(0).cnn().tags()) {
            if (conditions.stream().allMatch(c -> Double.isNaN(rocOf(c.cnn(), tag)))) {
                continue;
            }
            md.append("| ").append(tag).append(" |");
            for (Condition c : conditions) {
                double a = rocOf(c.cnn(), tag);
                double b = rocOf(c.baseline(), tag);
                md.append(Double.isNaN(a) ? " - |" : String.format(Locale.ROOT, " %.3f / %.3f |", a, b));
            }
            md.append('\n');
        }
        if (!nonMusic.isEmpty()) {
            md.append("\nInput without music: clips with an instrument, drum, genre or tempo tag at 0.5 or above\n\n");
            md.append("| kind | clips | tagged | highest score (tag) |\n|---|---|---|---|\n");
            Map<String, List<NonMusicClip>> byKind = new TreeMap<>();
            nonMusic.forEach(c -> byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c));
            for (var e : byKind.entrySet()) {
                long tagged = e.getValue().stream().filter(c -> c.worst().getValue() >= 0.5f).count();
                NonMusicClip worst = e.getValue().stream().max((a, b) -> Float.compare(a.worst().getValue(),
                        b.worst().getValue())).orElseThrow();
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f (%s) |%n", e.getKey(), e.getValue().size(),
                        tagged, worst.worst().getValue(), worst.worst().getKey()));
            }
        }
        return md.toString();
    }

    public ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        var cs = root.putArray("conditions");
        for (Condition c : conditions) {
            ObjectNode n = cs.addObject();
            n.put("name", c.name());
            n.put("data", c.data());
            n.set("cnn", EvaluationReport.json(c.cnn(), model, c.name()));
            n.set("baseline", EvaluationReport.json(c.baseline(), "baseline", c.name()));
        }
        var nm = root.putArray("non_music");
        for (NonMusicClip c : nonMusic) {
            ObjectNode n = nm.addObject();
            n.put("kind", c.kind());
            n.put("worst_tag", c.worst().getKey());
            n.put("worst_score", c.worst().getValue());
        }
        return root;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("generalisation.md"), markdown());
        Files.writeString(dir.resolve("generalisation.json"), JSON.writeValueAsString(json()));
    }
}
