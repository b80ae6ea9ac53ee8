package io.tagger.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagger.features.FeatureSettings;
import io.tagger.features.json.FeatureJson;
import io.tagger.serving.network.BlockType;
import io.tagger.serving.network.ModelSpec;
import io.tagger.serving.network.NetworkConfig;
import io.tagger.serving.network.Normalization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model bundle (docs/design.md): a directory with the TF SavedModel ({@code saved_model.pb},
 * {@code variables/}, signature {@code serving_default}, 13 inputs named after the features,
 * output {@code tags}) and {@code model.json}: name, version, tags in output order, block,
 * architecture, widths, feature settings, sample rate, segment length, segments per track, input
 * normalisation, parameter count, training data and metrics, per-tag thresholds.
 */
public record ModelBundle(Path dir, String name, String version, List<String> tags, NetworkConfig network,
                          FeatureSettings settings, int segmentsPerTrack, Normalization normalization,
                          long parameters, Map<String, Float> thresholds, JsonNode training, JsonNode metrics) {
    public static final String MODEL_JSON = "model.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void writeJson() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", name);
        root.put("version", version);
        root.putPOJO("tags", tags);
        root.put("block", network.block().key());
        root.put("architecture", network.arch());
        ObjectNode widths = root.putObject("network");
        widths.put("base_filters", network.baseFilters());
        widths.put("width", network.width());
        widths.put("fc_width", network.fcWidth());
        widths.put("se_ratio", network.seRatio());
        root.set("feature_settings", FeatureJson.settingsToJson(settings));
        root.put("sample_rate", settings.sampleRate());
        root.put("segment_samples", settings.segmentSamples());
        root.put("segments_per_track", segmentsPerTrack);
        ObjectNode norm = root.putObject("normalization");
        norm.put("rule", "(x - mean) / std per feature row, statistics of the training split; NaN -> 0 (the mean)");
        for (String f : settings.keys()) {
            ObjectNode n = norm.putObject(f);
            n.putPOJO("mean", normalization.mean().get(f));
            n.putPOJO("std", normalization.std().get(f));
        }
        root.put("parameters", parameters);
        ObjectNode th = root.putObject("thresholds");
        thresholds.forEach(th::put);
        root.set("training", training);
        root.set("metrics", metrics);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MODEL_JSON), JSON.writeValueAsString(root));
    }

    public static ModelBundle read(Path dir) throws IOException {
        Path json = dir.resolve(MODEL_JSON);
        if (!Files.isRegularFile(json) || !Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new IOException(dir + " is not a model bundle (needs model.json and saved_model.pb)");
        }
        JsonNode root = JSON.readTree(json.toFile());
        List<String> tags = new ArrayList<>();
        root.get("tags").forEach(t -> tags.add(t.asText()));
        FeatureSettings settings = FeatureJson.settingsFromJson(root.get("feature_settings"));
        Map<String, float[]> mean = new LinkedHashMap<>();
        Map<String, float[]> std = new LinkedHashMap<>();
        for (String f : settings.keys()) {
            JsonNode n = root.get("normalization").get(f);
            mean.put(f, floats(n.get("mean")));
            std.put(f, floats(n.get("std")));
        }
        JsonNode w = root.get("network");
        String arch = root.get("architecture").asText();
        NetworkConfig network = new NetworkConfig(arch, BlockType.parse(root.get("block").asText()),
                ModelSpec.branches(settings, arch), w.get("base_filters").asInt(), w.get("width").asDouble(),
                w.get("fc_width").asInt(), w.get("se_ratio").asInt(), tags.size());
        Map<String, Float> thresholds = new LinkedHashMap<>();
        root.get("thresholds").fields().forEachRemaining(e -> thresholds.put(e.getKey(), (float) e.getValue().asDouble()));
        return new ModelBundle(dir, root.get("name").asText(), root.get("version").asText(), tags, network, settings,
                root.get("segments_per_track").asInt(), new Normalization(mean, std), root.get("parameters").asLong(),
                thresholds, root.get("training"), root.get("metrics"));
    }

    private static float[] floats(JsonNode a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) a.get(i).asDouble();
        }
        return f;
    }
}
