package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The public port serves no metrics (with a key or without); they are on the management port,
 * which only the monitoring namespace reaches on Kubernetes. Health checks stay public on the
 * public port, where the probes and the local stack ask.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class MetricsTest {
    @TestHTTPResource(value = "/metrics", management = true) // under the management root, /q
    URI managementMetrics;

    @Test
    void metricsAreOnlyOnTheManagementPortAndHealthStaysPublic() throws Exception {
        given().when().get("/q/metrics").then().statusCode(not(200)).body(not(containsString("# TYPE")));
        given().auth().oauth2(TestApiKeys.UPLOADER).when().get("/q/metrics").then().statusCode(not(200))
                .body(not(containsString("# TYPE")));
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(managementMetrics).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).as(managementMetrics + " (main port " + io.restassured.RestAssured.port + ")").isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE");
    }
}
