package io.tagger.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The metrics {@code k8s/monitoring/exported-metrics.txt} lists for a service: the ones the alerts
 * and the Grafana dashboard may use ({@code MonitoringTest} in k8s/ checks they use no others). A
 * service's test scrapes its {@code /q/metrics} and asks which listed ones are missing.
 */
public final class MonitoredMetrics {
    private static final Path LIST = Path.of("../k8s/monitoring/exported-metrics.txt");

    private MonitoredMetrics() {
    }

    /** Metric names listed for {@code service} (a line: name, then the services that export it). */
    public static List<String> listed(String service) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(LIST)) {
            String[] f = line.strip().split("\\s+");
            if (!line.isBlank() && !line.startsWith("#") && Arrays.asList(f).contains(service)) {
                out.add(f[0]);
            }
        }
        return out;
    }

    /** The listed metrics of {@code service} that a Prometheus scrape does not contain. */
    public static List<String> missing(String service, String scrape) throws IOException {
        List<String> out = new ArrayList<>();
        for (String m : listed(service)) {
            if (!Pattern.compile("(?m)^" + Pattern.quote(m) + "[{ ]").matcher(scrape).find()) {
                out.add(m);
            }
        }
        return out;
    }
}
