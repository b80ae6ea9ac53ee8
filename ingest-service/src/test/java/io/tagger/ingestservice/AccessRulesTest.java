package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/**
 * The ingest service's access rules end to end through the shared mechanism (what
 * access/RequestGuardTest checked on the guard before issue #21): what needs a key, how a key may
 * be presented, which endpoints are public, and that a public endpoint does not look at a key at
 * all (a wrong one changes nothing there).
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class AccessRulesTest {
    @Test
    void everythingButThePublicEndpointsNeedsAKey() {
        given().when().get("/tracks").then().statusCode(401);
        given().when().get("/tracks/x/versions").then().statusCode(401);
        given().when().delete("/tracks").then().statusCode(401);
        given().when().post("/").then().statusCode(401);
        given().when().get("/app.js").then().statusCode(401);
        given().when().get("/q/metrics").then().statusCode(401);
        given().auth().oauth2("tgk_wrong").when().post("/tracks").then().statusCode(401);
        given().header("Authorization", "Basic " + TestApiKeys.UPLOADER).when().get("/tracks/x/tags").then().statusCode(401);
        given().redirects().follow(false).when().get("/").then().statusCode(302);
    }

    @Test
    void aKeyIsTakenFromXApiKeyOrAsABearerTokenWithItsRole() {
        // Past authentication, the read API answers (here: no inference service, the proxy's 503).
        given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/x/tags").then().statusCode(503);
        given().header("X-Api-Key", TestApiKeys.READER).when().get("/tracks/x/tags").then().statusCode(503);
        given().header("Authorization", "bearer " + TestApiKeys.UPLOADER).when().get("/tracks/x/status").then().statusCode(503);
        given().header("X-Api-Key", TestApiKeys.READER).multiPart("file", IngestServiceTest.AUDIO.resolve("chord16k.wav").toFile())
                .when().post("/tracks").then().statusCode(403);
    }

    @Test
    void publicEndpointsNeedNoKeyAndIgnoreAWrongOne() {
        for (String wrong : new String[]{null, "tgk_wrong"}) {
            var req = wrong == null ? given() : given().auth().oauth2(wrong);
            req.when().get("/q/health/ready").then().statusCode(200);
            (wrong == null ? given() : given().auth().oauth2(wrong)).when().get("/login.html").then().statusCode(200);
            (wrong == null ? given() : given().auth().oauth2(wrong)).when().get("/login.js").then().statusCode(200);
            (wrong == null ? given() : given().auth().oauth2(wrong)).when().get("/q/openapi").then().statusCode(200);
            (wrong == null ? given() : given().auth().oauth2(wrong)).when().delete("/session").then().statusCode(204);
        }
        // Signing in is public and checks the key itself.
        given().contentType("application/json").body("{\"key\":\"" + TestApiKeys.READER + "\"}").when().post("/session")
                .then().statusCode(204);
    }
}
