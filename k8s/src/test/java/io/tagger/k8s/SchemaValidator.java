package io.tagger.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.kubernetes.client.openapi.JSON;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Validates rendered manifests against real schemas:
 * <ul>
 *   <li>Kubernetes' built-in kinds with the official Kubernetes Java client's models (generated
 *       from the Kubernetes OpenAPI spec): {@code V1Deployment.validateJsonElement} refuses unknown
 *       fields, missing required fields and wrong shapes; deserializing checks the value types.</li>
 *   <li>Custom resources (Strimzi's kinds; the prometheus-operator's ServiceMonitor and
 *       PrometheusRule) against the {@code openAPIV3Schema} of their CRDs (schemas/: Strimzi's made
 *       by Strimzi's own generator, the operator's a hand-written subset) with a JSON-schema validator; objects are closed (unknown fields are
 *       errors, as {@code kubectl --validate=strict} reports them) unless the CRD preserves unknown
 *       fields. CEL rules ({@code x-kubernetes-validations}) are left to the API server.</li>
 * </ul>
 * A kind with no schema here is an error: nothing is waved through.
 */
final class SchemaValidator {
    private final Map<String, JsonSchema> crds = new HashMap<>();
    /** The API groups whose kinds are custom resources validated against their CRD schemas. */
    private final java.util.Set<String> crdGroups = new java.util.HashSet<>();

    SchemaValidator(Path... crdDirs) throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        for (Path crdDir : crdDirs) {
            load(factory, crdDir);
        }
    }

    private void load(JsonSchemaFactory factory, Path crdDir) throws IOException {
        try (Stream<Path> files = Files.list(crdDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                JsonNode crd = Kustomize.YAML.readTree(f.toFile());
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                crdGroups.add(group);
                for (JsonNode v : crd.path("spec").path("versions")) {
                    JsonNode schema = v.path("schema").path("openAPIV3Schema").deepCopy();
                    close(schema);
                    crds.put(group + "/" + v.path("name").asText() + "/" + kind, factory.getSchema(schema));
                }
            }
        }
        if (crds.isEmpty()) {
            throw new IllegalStateException("no CRD schemas in " + crdDir);
        }
    }

    /** The problems of one manifest (empty when it is valid). */
    List<String> validate(Manifest m) {
        List<String> errors = new ArrayList<>();
        String group = m.apiVersion().contains("/") ? m.apiVersion().substring(0, m.apiVersion().indexOf('/')) : "";
        if (crdGroups.contains(group)) {
            JsonSchema schema = crds.get(m.apiVersion() + "/" + m.kind());
            if (schema == null) {
                errors.add(m + ": no CRD schema for " + m.apiVersion() + " " + m.kind());
                return errors;
            }
            for (ValidationMessage e : schema.validate(m.doc())) {
                errors.add(m + ": " + e.getMessage());
            }
            return errors;
        }
        Class<?> model = kubernetesModel(m);
        if (model == null) {
            errors.add(m + ": no Kubernetes schema for " + m.apiVersion() + " " + m.kind());
            return errors;
        }
        try {
            JsonElement json = JsonParser.parseString(m.doc().toString());
            Method validate = model.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
            new JSON().deserialize(m.doc().toString(), model);
        } catch (InvocationTargetException e) {
            errors.add(m + ": " + e.getCause().getMessage());
        } catch (RuntimeException | ReflectiveOperationException e) {
            errors.add(m + ": " + e.getMessage());
        }
        return errors;
    }

    /** {@code apps/v1 Deployment} -> {@code V1Deployment}, {@code autoscaling/v2 ...} -> {@code V2...}. */
    static Class<?> kubernetesModel(Manifest m) {
        String version = m.apiVersion().substring(m.apiVersion().indexOf('/') + 1);
        String name = Character.toUpperCase(version.charAt(0)) + version.substring(1) + m.kind();
        try {
            return Class.forName("io.kubernetes.client.openapi.models." + name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** Unknown fields are errors in every object schema that lists its properties and keeps no unknown fields. */
    private static void close(JsonNode schema) {
        if (schema instanceof ObjectNode o) {
            boolean preserves = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            boolean object = "object".equals(o.path("type").asText());
            if (object && o.has("properties") && !o.has("additionalProperties") && !preserves) {
                o.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
                close(it.next());
            }
        } else if (schema != null && schema.isArray()) {
            schema.forEach(SchemaValidator::close);
        }
    }
}
