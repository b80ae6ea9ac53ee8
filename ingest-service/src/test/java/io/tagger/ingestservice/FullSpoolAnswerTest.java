package io.tagger.ingestservice;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upload the service cannot spool because its disk is full (ENOSPC while Vert.x writes the
 * multipart body to the uploads directory) is the service's trouble, not the caller's: 503 with
 * a Retry-After and a message that says so, so an uploader retries it. Found by the fault suite
 * (deploy/fault-suite.sh, fault "disk-full-spool"): it was 400 "the request body is not a
 * well-formed multipart form", which an uploader takes as final. A body that really is broken
 * stays 400.
 */
class FullSpoolAnswerTest {

    @Test
    void aFullSpoolDiskIs503WithRetryAfter() {
        // What Vert.x hands over when the write to the uploads directory fails (its message is strerror(ENOSPC))
        for (IOException e : new IOException[]{new IOException("No space left on device"),
                new IOException("upload failed", new IOException("No space left on device")),
                new FileSystemException("/tmp/uploads/x", null, "No space left on device"),
                new IOException("Disk quota exceeded")}) {
            Response r = ErrorAnswers.unreadableBody(e, "/tracks");
            assertThat(r.getStatus()).as(e.toString()).isEqualTo(503);
            assertThat(r.getHeaderString("Retry-After")).as(e.toString()).isNotBlank();
            assertThat(r.getMediaType().toString()).isEqualTo("application/problem+json");
            assertThat(new io.vertx.core.json.JsonObject(r.getEntity().toString()).getString("detail")).contains("no room", "retry");
        }
    }

    @Test
    void aBrokenBodyIsStill400() {
        Response r = ErrorAnswers.unreadableBody(new IOException("Unexpected end of multipart body"), "/tracks");
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getHeaderString("Retry-After")).isNull();
        assertThat(new io.vertx.core.json.JsonObject(r.getEntity().toString()).getString("detail"))
                .contains("not a well-formed multipart form");
    }
}
