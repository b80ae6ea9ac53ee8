package io.tagger.ingestservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tagger.access.ApiKeys;
import io.tagger.access.Role;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The web page's session: the cookie is an opaque random token, never the key; anyone may sign
 * out, and a signed-out or revoked key's session no longer opens anything.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class SessionTest {
    static String signIn(String key) {
        return given().contentType("application/json").body("{\"key\":\"" + key + "\"}").when().post("/session")
                .then().statusCode(204).extract().cookie("tagger_key");
    }

    @Test
    void anyCallerMaySignOutAndTheSessionEndsOnTheServer() {
        String reader = signIn(TestApiKeys.READER);
        given().cookie("tagger_key", reader).when().get("/app.js").then().statusCode(200);
        given().cookie("tagger_key", reader).when().delete("/session").then().statusCode(204)
                .header("Set-Cookie", containsString("Max-Age=0"));
        // The old cookie, replayed after signing out, opens nothing.
        given().cookie("tagger_key", reader).when().get("/app.js").then().statusCode(401);
        // Signing out needs no valid session at all.
        given().when().delete("/session").then().statusCode(204).header("Set-Cookie", containsString("Max-Age=0"));
        given().cookie("tagger_key", "no-such-session").when().delete("/session").then().statusCode(204);
    }

    @Test
    void theCookieIsAnOpaqueTokenNotTheKey() {
        String one = signIn(TestApiKeys.UPLOADER);
        String two = signIn(TestApiKeys.UPLOADER);
        assertThat(one).isNotEqualTo(two).doesNotContain(TestApiKeys.UPLOADER).doesNotContain(TestApiKeys.UPLOADER.substring(4, 20));
        assertThat(one).hasSizeGreaterThanOrEqualTo(32);
        given().cookie("tagger_key", one).when().get("/").then().statusCode(200);
        // A key put in the cookie by hand is not a session.
        given().redirects().follow(false).cookie("tagger_key", TestApiKeys.UPLOADER).when().get("/").then().statusCode(302);
        given().cookie("tagger_key", TestApiKeys.UPLOADER).when().get("/app.js").then().statusCode(401);
    }

    @Test
    void revokingTheKeyEndsItsSessions() throws Exception {
        String key = ApiKeys.newKey();
        String line = ApiKeys.line("session-revoke-test", Role.READER, key);
        Files.write(TestApiKeys.file(), List.of(line), StandardOpenOption.APPEND);
        String cookie = null;
        for (long end = System.currentTimeMillis() + 10_000; cookie == null && System.currentTimeMillis() < end; Thread.sleep(200)) {
            int status = given().contentType("application/json").body("{\"key\":\"" + key + "\"}").when().post("/session").statusCode();
            if (status == 204) {
                cookie = signIn(key);
            }
        }
        assertThat(cookie).as("the new key is accepted within the keys file's re-read").isNotNull();
        given().cookie("tagger_key", cookie).when().get("/app.js").then().statusCode(200);
        List<String> kept = Files.readAllLines(TestApiKeys.file()).stream().filter(l -> !l.equals(line)).toList();
        Files.write(TestApiKeys.file(), kept);
        int status = 200;
        for (long end = System.currentTimeMillis() + 10_000; status == 200 && System.currentTimeMillis() < end; Thread.sleep(200)) {
            status = given().cookie("tagger_key", cookie).when().get("/app.js").statusCode();
        }
        assertThat(status).as("the revoked key's session ends within the keys file's re-read").isEqualTo(401);
    }
}
