package io.tagger.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with the real kustomize (built into kubectl: {@code kubectl kustomize DIR}). */
final class Kustomize {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kustomize() {
    }

    /** The rendered documents of the kustomization in {@code dir}. */
    static List<Manifest> render(Path dir) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(System.getProperty("tagger.kubectl", "kubectl"), "kustomize", dir.toString()).start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is not installed: deploy/setup.sh installs it (Debian's kubernetes-client)", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
        }
        return parse(new String(out, StandardCharsets.UTF_8));
    }

    static List<Manifest> parse(String yaml) throws IOException {
        List<Manifest> docs = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(yaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode d = it.next();
                if (d != null && !d.isNull() && !d.isEmpty()) {
                    docs.add(new Manifest(d));
                }
            }
        }
        return docs;
    }
}
