package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Every kind of error the ingest service answers is RFC 9457 problem details: {@code
 * application/problem+json} with type, title, status, detail and instance, whichever layer refuses
 * (the authentication mechanism, a role, the upload slots, a resource, the framework, the proxy),
 * and the headers that go with it (WWW-Authenticate, Retry-After) are kept.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class ProblemDetailsTest {
    /** Asserts the problem's form; the type's kind is {@code urn:tagger:problem:KIND}, or about:blank for {@code kind} null. */
    static ValidatableResponse problem(ValidatableResponse r, int status, String kind, String path) {
        return r.statusCode(status).contentType("application/problem+json")
                .body("type", equalTo(kind == null ? "about:blank" : "urn:tagger:problem:" + kind))
                .body("title", notNullValue()).body("title", not(equalTo("")))
                .body("status", equalTo(status))
                .body("detail", notNullValue())
                .body("instance", equalTo(path))
                .body("$", not(org.hamcrest.Matchers.hasKey("error")));
    }

    @Test
    void authenticationAndRoleRefusals() {
        File audio = IngestServiceTest.AUDIO.resolve("chord16k.wav").toFile();
        problem(given().multiPart("file", audio).when().post("/tracks").then(), 401, "unauthorized", "/tracks")
                .header("WWW-Authenticate", containsString("Bearer")).body("detail", containsString("API key is required"));
        problem(given().auth().oauth2("tgk_wrong").when().get("/tracks/a/tags").then(), 401, "unauthorized", "/tracks/a/tags")
                .header("WWW-Authenticate", containsString("Bearer")).body("detail", equalTo("the API key is not valid"));
        problem(given().auth().oauth2(TestApiKeys.READER).multiPart("file", audio).when().post("/tracks").then(), 403, "forbidden",
                "/tracks").body("detail", containsString("reader role"));
        problem(given().cookie("tagger_key", "forged").when().get("/app.js").then(), 401, "unauthorized", "/app.js")
                .body("detail", containsString("session"));
        problem(given().contentType("application/json").body("{\"key\":\"tgk_no\"}").when().post("/session").then(), 401,
                "unauthorized", "/session");
    }

    @Test
    void requestErrors() throws Exception {
        File audio = IngestServiceTest.AUDIO.resolve("chord16k.wav").toFile();
        problem(given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", audio).multiPart("id", "bad id")
                .when().post("/tracks").then(), 400, "invalid-track-id", "/tracks").body("detail", containsString("track id"));
        problem(given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("id", "no-file").when().post("/tracks").then(), 400,
                "malformed-upload", "/tracks").body("detail", containsString("'file'"));
        problem(given().auth().oauth2(TestApiKeys.UPLOADER).contentType("multipart/form-data; boundary=\"\"").body("x".getBytes())
                .when().post("/tracks").then(), 400, "malformed-upload", "/tracks");
        problem(given().auth().oauth2(TestApiKeys.UPLOADER).contentType("text/plain").body("hello").when().post("/tracks").then(),
                415, "unsupported-media-type", "/tracks");
        problem(given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", IngestServiceTest.AUDIO.resolve("garbage.mp3").toFile())
                .when().post("/tracks").then(), 422, "audio-refused", "/tracks").body("detail", containsString("garbage.mp3"));
        problem(given().auth().oauth2(TestApiKeys.READER).urlEncodingEnabled(false).when().get("/tracks/a%20b/tags").then(), 400,
                "invalid-track-id", "/tracks/a%20b/tags");
        problem(given().auth().oauth2(TestApiKeys.READER).when().get("/no/such/thing").then(), 404, "not-found", "/no/such/thing");
        problem(given().auth().oauth2(TestApiKeys.READER).when().put("/tracks").then(), 405, null, "/tracks");
    }

    @Test
    void aTakenIdIs409AndAnUnreachableTagServiceIs503WithRetryAfter() throws Exception {
        File one = IngestServiceTest.wav(0.4);
        File two = IngestServiceTest.wav(0.6);
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", one).multiPart("id", "problem-409").when().post("/tracks")
                .then().statusCode(202);
        problem(given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", two).multiPart("id", "problem-409").when().post("/tracks")
                .then(), 409, "track-id-taken", "/tracks").body("detail", containsString("problem-409"));
        // No inference service runs in this test: the proxy's own 503.
        problem(given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/problem-409/tags").then(), 503, "unavailable",
                "/tracks/problem-409/tags").header("Retry-After", "10");
    }

    @Test
    void anUploadIs202WithTheTagsLocation() throws Exception {
        var r = given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", IngestServiceTest.wav(0.3)).multiPart("id", "album/1:a")
                .when().post("/tracks").then().statusCode(202).contentType("application/json")
                .header("Location", "/tracks/album%2F1%3Aa/tags").body("trackId", equalTo("album/1:a")).body("segments", equalTo(1));
        // The Location is where the read API answers for that track (here its own 503: no inference service runs).
        String location = r.extract().header("Location");
        given().auth().oauth2(TestApiKeys.READER).urlEncodingEnabled(false).when().get(location).then().statusCode(503)
                .body("instance", equalTo(location));
        // A content id (no id chosen) is its own location.
        String id = given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", IngestServiceTest.wav(0.2)).when().post("/tracks")
                .then().statusCode(202).extract().path("trackId");
        assertThat(id).matches("[0-9a-f]{16}");
        given().auth().oauth2(TestApiKeys.UPLOADER).multiPart("file", IngestServiceTest.wav(0.2)).when().post("/tracks")
                .then().statusCode(202).header("Location", "/tracks/" + id + "/tags");
    }

    @Test
    void tooManyUploadsAtATimeIs429ProblemWithRetryAfter() throws Exception {
        byte[] wav = UploadSlotTest.body(Files.readAllBytes(IngestServiceTest.AUDIO.resolve("chord16k.wav")), "a.wav");
        try (UploadSlotTest.HeldUpload a = new UploadSlotTest.HeldUpload(wav); UploadSlotTest.HeldUpload b = new UploadSlotTest.HeldUpload(wav)) {
            Thread.sleep(300);
            try (UploadSlotTest.HeldUpload c = new UploadSlotTest.HeldUpload(wav)) {
                RawHttp.Answer refused = c.conn.answer(5_000);
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(refused.header("Retry-After")).isEqualTo("1");
                assertThat(refused.body()).contains("\"type\":\"urn:tagger:problem:too-many-uploads\"", "\"status\":429",
                        "\"instance\":\"/tracks\"", "\"title\":", "\"detail\":\"too many uploads");
            }
            assertThat(a.finish().status()).isEqualTo(202);
            assertThat(b.finish().status()).isEqualTo(202);
        }
    }

    @Test
    void aReadersUploadIsRefusedFromItsHeadBeforeItsBodyIsRead() throws Exception {
        byte[] wav = UploadSlotTest.body(Files.readAllBytes(IngestServiceTest.AUDIO.resolve("chord16k.wav")), "a.wav");
        try (RawHttp conn = RawHttp.open("127.0.0.1")) {
            conn.sendHead("POST", "/tracks", Map.of("Authorization", "Bearer " + TestApiKeys.READER,
                    "Content-Type", "multipart/form-data; boundary=" + UploadSlotTest.BOUNDARY), wav.length);
            conn.send(java.util.Arrays.copyOf(wav, 100));
            RawHttp.Answer refused = conn.answer(5_000); // the rest of the body is never sent
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(refused.body()).contains("\"type\":\"urn:tagger:problem:forbidden\"", "reader role");
        }
    }

    @Test
    void anyOtherStatusIsAboutBlankWithItsReasonPhrase() {
        Map<String, Object> body = given().auth().oauth2(TestApiKeys.READER).when().put("/tracks").then().statusCode(405)
                .extract().as(Map.class);
        assertThat(body).containsEntry("type", "about:blank").containsEntry("title", "Method Not Allowed");
    }
}
