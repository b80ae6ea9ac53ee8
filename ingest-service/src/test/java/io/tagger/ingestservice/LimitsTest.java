package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** Requests over a key's rate are refused with 429 and a Retry-After; other keys go on. */
@QuarkusTest
@TestProfile(LimitsTest.LowRate.class)
@QuarkusTestResource(KafkaResource.class)
class LimitsTest {
    public static class LowRate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tagger.access.rate-per-minute", "5", "tagger.access.rate-burst", "5");
        }
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/t/tags").then().statusCode(503);
        }
        given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/t/tags").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue()).body("detail", containsString("too many requests"))
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.equalTo("urn:tagger:problem:rate-limited"))
                .body("status", org.hamcrest.Matchers.equalTo(429)).body("instance", org.hamcrest.Matchers.equalTo("/tracks/t/tags"));
        given().auth().oauth2(TestApiKeys.UPLOADER).when().get("/tracks/t/tags").then().statusCode(503);
    }
}
