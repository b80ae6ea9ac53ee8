package io.tagger.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tagger.k8s.ManifestsTest.K8S;
import static io.tagger.k8s.ManifestsTest.find;
import static io.tagger.k8s.ManifestsTest.overlay;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #21: the production overlays ship ServiceMonitors for the three services, the alert rules
 * and the Grafana dashboard (k8s/monitoring); each ServiceMonitor scrapes a Service that exists and
 * selects the service's pods; and every metric the alerts and the dashboard query is one the
 * services export: listed in monitoring/exported-metrics.txt, which FeatureServiceTest and
 * InferenceServiceTest check against a real scrape of their /q/metrics.
 */
class MonitoringTest {
    static SchemaValidator validator;

    @BeforeAll
    static void schemas() throws Exception {
        validator = new SchemaValidator(K8S.resolve("schemas/strimzi-1.2.0"), K8S.resolve("schemas/prometheus-operator"));
    }

    /** The metric names of exported-metrics.txt and who exports each. */
    static Map<String, List<String>> exported() throws Exception {
        Map<String, List<String>> out = new HashMap<>();
        for (String line : Files.readAllLines(K8S.resolve("monitoring/exported-metrics.txt"))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\\s+");
            out.put(f[0], List.of(f).subList(1, f.length));
        }
        return out;
    }

    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase",
            "absent", "by", "without", "or", "and", "unless", "on", "ignoring", "group_left", "group_right", "histogram_quantile",
            "clamp_min", "clamp_max", "topk", "bottomk", "delta", "deriv", "offset", "bool", "time", "vector", "scalar",
            "label_replace", "avg_over_time", "max_over_time", "min_over_time", "sum_over_time");

    /** The metric names a PromQL expression reads (strings, label matchers, groupings and ranges removed). */
    static Set<String> metrics(String expr) {
        String e = expr.replaceAll("\"(\\\\.|[^\"])*\"", "\"\"")      // label values
                .replaceAll("\\{[^}]*}", " ")                             // label matchers
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ") // label lists
                .replaceAll("\\[[^]]*]", " ")                             // ranges
                .replaceAll("\\$\\w+", " ");                              // dashboard variables
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()").matcher(e);
        while (m.find()) {
            String w = m.group(1);
            if (!PROMQL_WORDS.contains(w) && !w.matches("\\d.*|e\\d+|Inf|NaN")) {
                out.add(w);
            }
        }
        return out;
    }

    /** Every PromQL expression of the alert rules and the dashboard's panels. */
    static Map<String, String> expressions(List<Manifest> all) throws Exception {
        Map<String, String> exprs = new HashMap<>();
        for (JsonNode g : find(all, "PrometheusRule", "tagger-alerts").spec().path("groups")) {
            for (JsonNode r : g.path("rules")) {
                exprs.put("alert " + r.path("alert").asText(r.path("record").asText()), r.path("expr").asText());
            }
        }
        JsonNode dashboard = dashboard(all);
        for (JsonNode p : dashboard.path("panels")) {
            for (JsonNode t : p.path("targets")) {
                exprs.put("panel '" + p.path("title").asText() + "' " + t.path("refId").asText(), t.path("expr").asText());
            }
        }
        return exprs;
    }

    static JsonNode dashboard(List<Manifest> all) throws Exception {
        Manifest cm = find(all, "ConfigMap", "tagger-grafana-dashboard");
        return new ObjectMapper().readTree(cm.doc().path("data").path("grafana-dashboard.json").asText());
    }

    @Test
    void theMetricNameExtractorFindsMetricsAndOnlyMetrics() {
        assertThat(metrics("sum by (job, stage) (rate(tagger_dead_letters_total{namespace=\"tagger\", job=~\"a|b\"}[5m])) > 0"))
                .containsExactly("tagger_dead_letters_total");
        assertThat(metrics("absent(up{job=\"x\"} == 1) or max by (pod) (kafka_stream_alive_stream_threads{namespace=\"$namespace\"}) == 0"))
                .containsExactly("up", "kafka_stream_alive_stream_threads");
        assertThat(metrics("sum(rate(a_sum[5m])) / sum(rate(a_count[5m])) > 1e3")).containsExactly("a_sum", "a_count");
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "production-gpu"})
    void everyMetricTheAlertsAndTheDashboardUseIsOneTheServicesExport(String name) throws Exception {
        Map<String, List<String>> exported = exported();
        Map<String, String> exprs = expressions(overlay(name));
        assertThat(exprs).hasSizeGreaterThan(10);
        List<String> unknown = new ArrayList<>();
        exprs.forEach((where, expr) -> {
            Set<String> used = metrics(expr);
            if (used.isEmpty()) {
                unknown.add(where + ": no metric in '" + expr + "'");
            }
            used.stream().filter(m -> !exported.containsKey(m)).forEach(m -> unknown.add(where + ": " + m));
        });
        assertThat(unknown).as("metrics no service exports").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "production-gpu"})
    void productionShipsServiceMonitorsAlertsAndTheDashboard(String name) throws Exception {
        List<Manifest> all = overlay(name);
        for (String service : List.of("feature-service", "inference-service", "ingest-service")) {
            Manifest sm = find(all, "ServiceMonitor", service);
            assertThat(validator.validate(sm)).isEmpty();
            JsonNode labels = sm.spec().path("selector").path("matchLabels");
            // It selects a Service of that name, which selects the Deployment's pods, by the endpoint's port name.
            Manifest svc = all.stream().filter(m -> m.kind().equals("Service")
                    && labels.properties().stream().allMatch(l -> m.doc().path("metadata").path("labels").path(l.getKey())
                    .asText().equals(l.getValue().asText()))).findFirst()
                    .orElseThrow(() -> new AssertionError(sm + " selects no Service"));
            assertThat(svc.name()).isEqualTo(service);
            assertThat(sm.spec().path("namespaceSelector").path("matchNames").toString()).contains("tagger");
            JsonNode endpoint = sm.spec().path("endpoints").get(0);
            assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
            String port = endpoint.path("port").asText();
            assertThat(svc.spec().path("ports").toString()).as(svc + " has port " + port).contains("\"name\":\"" + port + "\"");
            JsonNode pods = find(all, "Deployment", service).spec().path("template").path("metadata").path("labels");
            svc.spec().path("selector").properties().forEach(l ->
                    assertThat(pods.path(l.getKey()).asText()).as(svc + " selects " + service + "'s pods").isEqualTo(l.getValue().asText()));
        }
        // The ingest service's metrics are on its management port only, which the monitoring namespace alone reaches.
        JsonNode ingest = find(all, "ServiceMonitor", "ingest-service").spec().path("endpoints").get(0);
        assertThat(ingest.path("port").asText()).isEqualTo("management");
        assertThat(ingest.has("authorization")).isFalse();

        Manifest rules = find(all, "PrometheusRule", "tagger-alerts");
        assertThat(validator.validate(rules)).isEmpty();
        List<String> alerts = new ArrayList<>();
        rules.spec().path("groups").forEach(g -> g.path("rules").forEach(r -> alerts.add(r.path("alert").asText())));
        assertThat(alerts).contains("TaggerConsumerLagHigh", "TaggerDeadLetters", "TaggerStreamThreadReplaced",
                "TaggerStreamClientShutDown", "TaggerIncompleteTracks", "TaggerServiceDown", "TaggerStreamServiceAbsent");
        rules.spec().path("groups").forEach(g -> g.path("rules").forEach(r ->
                assertThat(r.path("labels").path("severity").asText()).as(r.path("alert").asText()).isIn("warning", "critical")));

        Manifest cm = find(all, "ConfigMap", "tagger-grafana-dashboard");
        assertThat(cm.doc().path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        JsonNode dashboard = dashboard(all);
        assertThat(dashboard.path("uid").asText()).isEqualTo("tagger-pipeline");
        // The ConfigMap holds exactly the dashboard file in the repository.
        assertThat(dashboard).isEqualTo(new ObjectMapper().readTree(K8S.resolve("monitoring/grafana-dashboard.json").toFile()));
        Set<Integer> ids = new java.util.HashSet<>();
        for (JsonNode p : dashboard.path("panels")) {
            assertThat(ids.add(p.path("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(p.path("targets").size()).as(p.path("title").asText()).isPositive();
        }
    }

    @Test
    void devHasNoMonitoringObjects() throws Exception {
        // A development cluster seldom has the Prometheus operator's CRDs: applying these would fail there.
        assertThat(overlay("dev")).noneMatch(m -> m.apiVersion().startsWith("monitoring.coreos.com/"));
    }

    @Test
    void theValidatorRefusesBrokenMonitoringObjects() throws Exception {
        List<Manifest> bad = Kustomize.parse("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: no-selector}
                spec:
                  endpoints: [{port: http}]
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: typo}
                spec:
                  selector: {matchLabels: {a: b}}
                  endpoints: [{port: http, pathh: /q/metrics, interval: 30 seconds}]
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: no-expr}
                spec:
                  groups: [{name: g, rules: [{alert: A, for: 5m}]}]
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: PodMonitor
                metadata: {name: no-schema}
                spec: {}
                """);
        assertThat(validator.validate(bad.get(0)).toString()).contains("selector");
        assertThat(validator.validate(bad.get(1)).toString()).contains("pathh", "interval");
        assertThat(validator.validate(bad.get(2)).toString()).contains("expr");
        assertThat(validator.validate(bad.get(3)).toString()).contains("no CRD schema");
    }
}
