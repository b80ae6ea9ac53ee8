package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tagger.pipeline.Topics;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Who may do what: no key 401, a reader's upload 403, fake audio refused by its content. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class SecurityTest {
    @Test
    void uploadsWithoutAValidKeyAre401AndPublishNothing() throws Exception {
        File audio = IngestServiceTest.AUDIO.resolve("chord16k.wav").toFile();
        given().multiPart("file", audio).multiPart("id", "no-key").when().post("/tracks").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer")).body("detail", containsString("API key"));
        given().auth().oauth2("tgk_guessed").multiPart("file", audio).multiPart("id", "bad-key").when().post("/tracks")
                .then().statusCode(401).body("detail", equalTo("the API key is not valid"));
        given().header("X-Api-Key", TestApiKeys.UPLOADER.substring(1)).multiPart("file", audio).when().post("/tracks")
                .then().statusCode(401);
        assertThat(KafkaResource.kafka().readCommitted(Topics.AUDIO_IN, Integer.MAX_VALUE, Duration.ofSeconds(2)))
                .noneMatch(r -> r.key().equals("no-key") || r.key().equals("bad-key"));
    }

    @Test
    void aReaderMayReadButNotUpload() {
        File audio = IngestServiceTest.AUDIO.resolve("chord16k.wav").toFile();
        given().auth().oauth2(TestApiKeys.READER).multiPart("file", audio).when().post("/tracks").then().statusCode(403)
                .body("detail", containsString("reader"));
        given().header("X-Api-Key", TestApiKeys.UPLOADER).multiPart("file", audio).multiPart("id", "x-api-key")
                .when().post("/tracks").then().statusCode(202);
        // Reads need a key too; with one, the read side answers (here: the inference service is not running).
        given().when().get("/tracks/x-api-key/tags").then().statusCode(401);
        given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/x-api-key/tags").then().statusCode(503)
                .body("detail", containsString("tag service"));
    }

    @Test
    void filesAreJudgedByContentNotByName() throws Exception {
        File png = Files.createTempFile("cover", ".mp3").toFile();
        Files.write(png.toPath(), new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89});
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", png, "audio/mpeg").when().post("/tracks").then()
                .statusCode(422).body("detail", containsString(png.getName()));
        // A real WAV uploaded under a misleading name and type is still audio.
        File disguised = Files.createTempFile("notes", ".txt").toFile();
        Files.copy(IngestServiceTest.AUDIO.resolve("chord16k.wav"), disguised.toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", disguised, "text/plain").when().post("/tracks").then()
                .statusCode(202).body("segments", equalTo(1));
    }

    @Test
    void thePageNeedsASignInAndOnlyTheSignInPageAndHealthArePublic() {
        given().redirects().follow(false).when().get("/").then().statusCode(302).header("Location", "/login.html");
        given().when().get("/app.js").then().statusCode(401);
        given().when().get("/login.html").then().statusCode(200).body(containsString("Sign in"));
        given().when().get("/q/health/ready").then().statusCode(200);
        given().contentType("application/json").body("{\"key\":\"tgk_guess\"}").when().post("/session").then().statusCode(401);
        String cookie = given().contentType("application/json").body("{\"key\":\"" + TestApiKeys.READER + "\"}")
                .when().post("/session").then().statusCode(204)
                .header("Set-Cookie", containsString("HttpOnly")).header("Set-Cookie", containsString("SameSite=Strict"))
                .extract().cookie("tagger_key");
        given().cookie("tagger_key", cookie).when().get("/").then().statusCode(200).body(containsString("<html"));
        given().cookie("tagger_key", cookie).when().get("/app.js").then().statusCode(200);
        // The cookie carries the reader's role: no upload with it.
        given().cookie("tagger_key", cookie).multiPart("file", IngestServiceTest.AUDIO.resolve("chord16k.wav").toFile())
                .when().post("/tracks").then().statusCode(403);
        given().redirects().follow(false).cookie("tagger_key", "tgk_forged").when().get("/").then().statusCode(302);
    }
}
