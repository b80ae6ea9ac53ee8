package io.tagger.k8s;

import com.fasterxml.jackson.databind.JsonNode;

/** One rendered Kubernetes object. */
record Manifest(JsonNode doc) {
    String apiVersion() {
        return doc.path("apiVersion").asText();
    }

    String kind() {
        return doc.path("kind").asText();
    }

    String name() {
        return doc.path("metadata").path("name").asText();
    }

    boolean is(String kind, String name) {
        return kind().equals(kind) && name().equals(name);
    }

    JsonNode spec() {
        return doc.path("spec");
    }

    @Override
    public String toString() {
        return kind() + "/" + name();
    }
}
