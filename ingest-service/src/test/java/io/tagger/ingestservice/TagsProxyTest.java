package io.tagger.ingestservice;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tagger.testing.KafkaResource;
import io.tagger.testing.TestApiKeys;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The read side's proxy asks the inference service only for the track endpoints: a track id that
 * is not one the pipeline accepts is 400 and never reaches it, and valid ids and queries are
 * passed on encoded. The inference service here is a small HTTP server that serves metrics at
 * {@code /q/metrics} (as the real one does) and records every request it gets.
 */
@QuarkusTest
@TestProfile(TagsProxyTest.RecordingInference.class)
@QuarkusTestResource(KafkaResource.class)
class TagsProxyTest {
    public static class RecordingInference implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tagger.inference.url", Upstream.start());
        }
    }

    /** Answers like the inference service would route (dot segments resolved); {@code GET /__seen} lists what it got. */
    static final class Upstream {
        private static String url;

        static synchronized String start() {
            if (url == null) {
                try {
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                    List<String> seen = new CopyOnWriteArrayList<>();
                    server.createContext("/", ex -> {
                        URI u = ex.getRequestURI();
                        String path = u.normalize().getPath();
                        String body;
                        if (path.equals("/__seen")) {
                            body = String.join("\n", seen);
                        } else {
                            seen.add(u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()) + " "
                                    + ex.getRequestHeaders().getFirst("Authorization"));
                            body = path.startsWith("/q/metrics") ? "# TYPE inference_secret_total counter\ninference_secret_total 1\n"
                                    : "{\"path\":\"" + path.replace("\"", "") + "\"}";
                        }
                        byte[] b = body.getBytes(StandardCharsets.UTF_8);
                        int status = 200;
                        if (path.contains("busy-upstream")) {
                            // the inference service's own rate limit: 429 with when to come back
                            ex.getResponseHeaders().add("Retry-After", "7");
                            status = 429;
                        }
                        ex.sendResponseHeaders(status, b.length);
                        try (OutputStream out = ex.getResponseBody()) {
                            out.write(b);
                        }
                    });
                    server.start();
                    url = "http://127.0.0.1:" + server.getAddress().getPort();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return url;
        }
    }

    /** What the inference service was asked, {@code RAWPATH[?QUERY] AUTHORIZATION} per request. */
    static List<String> seen() throws Exception {
        String url = ConfigProvider.getConfig().getValue("tagger.inference.url", String.class);
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/__seen")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n"));
    }

    @Test
    void anIdThatLeavesTheTrackEndpointsIs400AndNeverForwarded() throws Exception {
        for (String id : List.of("a%2F..%2F..%2Fq%2Fmetrics%23", "..%2F..%2Fq%2Fmetrics", "a%2F..%2Fb", "a%20b", "a%3Fx%3D1",
                "%2Fa", "a%2F%2Fb", "a%2F.%2Fb", "a%2F")) {
            given().auth().oauth2(TestApiKeys.READER).urlEncodingEnabled(false).when().get("/tracks/" + id + "/tags")
                    .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("track id"));
        }
        assertThat(seen()).noneMatch(s -> !URI.create(s.split(" ")[0]).normalize().getPath().startsWith("/tracks"));
        assertThat(seen()).noneMatch(s -> s.contains("metrics"));
    }

    @Test
    void theUpstreamsRetryAfterReachesTheCaller() {
        given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/busy-upstream/tags").then().statusCode(429)
                .header("Retry-After", "7");
        given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/calm/tags").then().statusCode(200)
                .header("Retry-After", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void validIdsAndQueriesAreForwardedEncodedWithTheCallersKey() throws Exception {
        given().auth().oauth2(TestApiKeys.READER).when().get("/tracks/album:1.b_c-d/tags").then().statusCode(200)
                .body("path", equalTo("/tracks/album:1.b_c-d/tags"));
        given().auth().oauth2(TestApiKeys.READER).urlEncodingEnabled(false).when().get("/tracks/artist%2Fsong/versions")
                .then().statusCode(200);
        given().auth().oauth2(TestApiKeys.READER).urlEncodingEnabled(false).when().get("/tracks?q=a%23b%2F..&limit=5")
                .then().statusCode(200).body("path", equalTo("/tracks"));
        RawHttp.Answer malformed = RawHttp.request("127.0.0.1", "GET", "/tracks?q=%zz", Map.of("Authorization", "Bearer " + TestApiKeys.READER));
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        List<String> seen = seen();
        String bearer = " Bearer " + TestApiKeys.READER;
        assertThat(seen).contains("/tracks/album%3A1.b_c-d/tags" + bearer, "/tracks/artist%2Fsong/versions" + bearer,
                "/tracks?q=a%23b%2F..&limit=5" + bearer);
        // The web page's session: the proxy passes the signed-in key on, as the page's requests carry no key.
        String session = given().contentType("application/json").body("{\"key\":\"" + TestApiKeys.READER + "\"}")
                .when().post("/session").then().statusCode(204).extract().cookie("tagger_key");
        given().cookie("tagger_key", session).when().get("/tracks/from-page/status").then().statusCode(200);
        assertThat(seen()).contains("/tracks/from-page/status" + bearer);
    }
}
