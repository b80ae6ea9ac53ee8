package io.tagger.features.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagger.features.Feature;
import io.tagger.features.FeatureMatrix;
import io.tagger.features.FeatureSettings;
import io.tagger.features.FrameSpec;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * JSON forms of feature outputs and settings. A matrix is written as MIRtoolbox's reference files
 * lay it out: {@code {"frame_start": [...], "frame_end": [...], "data": [[row 1...], ...]}},
 * rows x frames, NaN as null, doubles at full precision (shortest round-trip form).
 */
public final class FeatureJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FeatureJson() {
    }

    public static void writeMatrix(JsonGenerator g, FeatureMatrix m) throws IOException {
        g.writeStartObject();
        g.writeFieldName("frame_start");
        writeArray(g, m.frameStart(), 0, m.frames());
        g.writeFieldName("frame_end");
        writeArray(g, m.frameEnd(), 0, m.frames());
        g.writeFieldName("data");
        g.writeStartArray();
        for (int r = 0; r < m.rows(); r++) {
            writeArray(g, m.values(), r * m.frames(), m.frames());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code {KEY: matrix, ...}} in the map's order. */
    public static void writeFeatures(JsonGenerator g, Map<String, FeatureMatrix> features) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, FeatureMatrix> e : features.entrySet()) {
            g.writeFieldName(e.getKey());
            writeMatrix(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeArray(JsonGenerator g, double[] v, int from, int n) throws IOException {
        g.writeStartArray();
        for (int i = from; i < from + n; i++) {
            if (Double.isNaN(v[i]) || Double.isInfinite(v[i])) {
                g.writeNull();
            } else {
                g.writeNumber(v[i]);
            }
        }
        g.writeEndArray();
    }

    /** Settings as written into model bundles and messages. */
    public static ObjectNode settingsToJson(FeatureSettings s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", s.name());
        root.put("id", s.id());
        root.put("sample_rate", s.sampleRate());
        root.put("segment_samples", s.segmentSamples());
        ObjectNode outputs = root.putObject("features");
        for (Map.Entry<String, FeatureSettings.Output> e : s.outputs().entrySet()) {
            ObjectNode o = outputs.putObject(e.getKey());
            FrameSpec f = e.getValue().frame();
            o.put("feature", e.getValue().feature().key());
            o.put("frame_seconds", f.lengthSeconds());
            o.put("hop", f.hop());
            o.put("hop_unit", f.hopUnit().name().toLowerCase(Locale.ROOT));
        }
        return root;
    }

    public static FeatureSettings settingsFromJson(JsonNode root) {
        Map<String, FeatureSettings.Output> outputs = new LinkedHashMap<>();
        JsonNode features = required(root, "features");
        var it = features.fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode o = e.getValue();
            FrameSpec frame = new FrameSpec(required(o, "frame_seconds").asDouble(), required(o, "hop").asDouble(),
                    FrameSpec.HopUnit.valueOf(required(o, "hop_unit").asText().toUpperCase(Locale.ROOT)));
            outputs.put(e.getKey(), new FeatureSettings.Output(Feature.fromKey(required(o, "feature").asText()), frame));
        }
        FeatureSettings s = new FeatureSettings(required(root, "name").asText(), required(root, "sample_rate").asInt(),
                required(root, "segment_samples").asInt(), outputs);
        JsonNode id = root.get("id");
        if (id != null && !id.asText().equals(s.id())) {
            throw new IllegalArgumentException("feature settings id " + id.asText() + " does not match their content ("
                    + s.id() + ")");
        }
        return s;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("feature settings: missing '" + field + "'");
        }
        return v;
    }
}
