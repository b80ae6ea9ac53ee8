package io.tagger.inferenceservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.restassured.response.ValidatableResponse;
import io.tagger.access.http.ApiKeyAuthenticationMechanism;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The inference service authenticates with the mechanism it shares with the ingest service (the
 * only one installed), answers an anonymous or wrong key 401 and every error as RFC 9457 problem
 * details, and keeps health, metrics and its API description public.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class AccessAndProblemsTest {
    @Inject
    Instance<HttpAuthenticationMechanism> mechanisms;

    static ValidatableResponse problem(ValidatableResponse r, int status, String kind, String path) {
        return r.statusCode(status).contentType("application/problem+json")
                .body("type", equalTo(kind == null ? "about:blank" : "urn:tagger:problem:" + kind))
                .body("title", notNullValue()).body("status", equalTo(status)).body("detail", notNullValue())
                .body("instance", equalTo(path));
    }

    @Test
    void theSharedMechanismIsTheOnlyOne() {
        assertThat(mechanisms.stream().toList()).hasSize(1).allMatch(m -> m instanceof ApiKeyAuthenticationMechanism);
    }

    @Test
    void anonymousAndWrongKeysAre401ProblemsAndPublicEndpointsNeedNoKey() {
        // The same answer as the ingest service's (ingest-service ProblemDetailsTest): one mechanism.
        problem(given().when().get("/tracks/x/tags").then(), 401, "unauthorized", "/tracks/x/tags")
                .header("WWW-Authenticate", "Bearer realm=\"tagger\"").body("title", equalTo("Authentication required"))
                .body("detail", equalTo("an API key is required (Authorization: Bearer KEY)"))
                .body(not(containsString("scores")));
        problem(given().auth().oauth2("tgk_wrong").when().get("/tracks").then(), 401, "unauthorized", "/tracks")
                .body("detail", equalTo("the API key is not valid"));
        problem(given().header("X-Api-Key", "tgk_wrong").when().get("/tracks/x/status").then(), 401, "unauthorized", "/tracks/x/status");
        // Anything not public needs a key, whether it exists or not.
        problem(given().when().get("/no/such/thing").then(), 401, "unauthorized", "/no/such/thing");
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
    }

    @Test
    void errorsAreProblemDetails() {
        problem(given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/never-tagged/tags").then(), 404, "not-found",
                "/tracks/never-tagged/tags").body("detail", containsString("never-tagged"));
        problem(given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/never-tagged/versions").then(), 404, "not-found",
                "/tracks/never-tagged/versions");
        problem(given().auth().oauth2(TestApiKeys.READER).when().get("/no/such/thing").then(), 404, "not-found", "/no/such/thing");
        problem(given().auth().oauth2(TestApiKeys.READER).when().delete("/tracks").then(), 405, null, "/tracks")
                .body("title", equalTo("Method Not Allowed"));
    }
}
