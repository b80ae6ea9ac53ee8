package io.tagger.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagger.cli.TrackUploader;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest and inference services as packaged, side by side on a real broker, authenticate
 * through the one shared mechanism: an anonymous caller or a wrong key gets the same 401 problem
 * details from both, a reader may read from both but not upload (403), and an uploader's upload is
 * 202 Accepted with the Location where its tags then appear.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedPipeline.Resolver.class)
class HttpAccessTest {
    static final List<String> SERVICES = List.of("ingest-service", "inference-service");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static SharedPipeline pipeline;

    @BeforeAll
    static void start(SharedPipeline shared) {
        pipeline = shared;
    }

    static HttpResponse<String> get(String service, String path, String key) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(pipeline.url(service) + path)).timeout(Duration.ofSeconds(20));
        if (key != null) {
            r.header("Authorization", TestApiKeys.bearer(key));
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).as(r.uri().toString()).hasValue("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("instance").asText()).isEqualTo(r.uri().getRawPath());
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("detail").asText()).isNotBlank();
        return p;
    }

    @Test
    void anonymousCallersAndWrongKeysAreRefusedAlikeByBothServices() throws Exception {
        JsonNode first = null;
        for (String service : SERVICES) {
            HttpResponse<String> anonymous = get(service, "/tracks/some-track/tags", null);
            JsonNode p = problem(anonymous, 401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(service).hasValue("Bearer realm=\"tagger\"");
            assertThat(p.path("type").asText()).isEqualTo("urn:tagger:problem:unauthorized");
            assertThat(p.path("detail").asText()).isEqualTo("an API key is required (Authorization: Bearer KEY)");
            if (first != null) {
                assertThat(p).as("the same answer from " + service).isEqualTo(first);
            }
            first = p;
            assertThat(problem(get(service, "/tracks/some-track/tags", "tgk_wrong"), 401).path("detail").asText())
                    .isEqualTo("the API key is not valid");
            assertThat(get(service, "/tracks?limit=1", TestApiKeys.READER).statusCode()).as(service + " for a reader").isEqualTo(200);
            assertThat(get(service, "/q/health/ready", null).statusCode()).as(service + " health").isEqualTo(200);
            assertThat(get(service, "/q/openapi", null).statusCode()).as(service + " API description").isEqualTo(200);
        }
    }

    @Test
    void aReaderCannotUploadAndAnUploadIs202WithItsTagsAtItsLocation() throws Exception {
        URI ingest = URI.create(pipeline.url("ingest-service"));
        Path dir = Files.createTempDirectory("http-access");
        Path song = PipelineEndToEndTest.track(77, dir);
        TrackUploader.Answer byReader = new TrackUploader(ingest, TestApiKeys.READER).upload(song, "http-access-reader");
        assertThat(byReader.status()).isEqualTo(403);
        JsonNode refused = JSON.readTree(byReader.body());
        assertThat(refused.path("type").asText()).isEqualTo("urn:tagger:problem:forbidden");
        assertThat(refused.path("detail").asText()).contains("test-reader", "reader role", "uploader");

        TrackUploader.Answer accepted = new TrackUploader(ingest, TestApiKeys.UPLOADER).upload(song, "http-access/1");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.location()).isEqualTo("/tracks/http-access%2F1/tags");
        assertThat(JSON.readTree(accepted.body()).path("trackId").asText()).isEqualTo("http-access/1");
        HttpResponse<String> tags = null;
        for (long end = System.currentTimeMillis() + 180_000; System.currentTimeMillis() < end; Thread.sleep(500)) {
            tags = get("ingest-service", accepted.location(), TestApiKeys.READER);
            if (tags.statusCode() == 200) {
                break;
            }
            // Not tagged yet: a 404 problem, as the API documents.
            problem(tags, 404);
        }
        assertThat(tags.statusCode()).as("the tags at the upload's Location within 3 minutes" + pipeline.diagnosis()).isEqualTo(200);
        JsonNode t = JSON.readTree(tags.body());
        assertThat(t.path("trackId").asText()).isEqualTo("http-access/1");
        assertThat(t.path("scores").size()).isEqualTo(50);
    }
}
