package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** An upload over the configured limit is refused with 413 before it is read. */
@QuarkusTest
@TestProfile(OversizeUploadTest.SmallLimit.class)
@QuarkusTestResource(KafkaResource.class)
class OversizeUploadTest {
    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.limits.max-body-size", "1M");
        }
    }

    @Test
    void anUploadOverTheLimitIs413() throws Exception {
        File big = Files.createTempFile("big", ".wav").toFile();
        Files.write(big.toPath(), new byte[2 * 1024 * 1024]);
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", big).when().post("/tracks").then().statusCode(413)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.equalTo("urn:tagger:problem:too-large"))
                .body("status", org.hamcrest.Matchers.equalTo(413)).body("detail", org.hamcrest.Matchers.containsString("size limit"))
                .body("instance", org.hamcrest.Matchers.equalTo("/tracks"));
    }
}
