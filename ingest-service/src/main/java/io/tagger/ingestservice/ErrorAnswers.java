package io.tagger.ingestservice;

import io.tagger.access.http.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;

/**
 * The ingest's own failure answer, beside the shared ones ({@link io.tagger.access.http.ProblemMappers}):
 * an unreadable request body (broken multipart) is the caller's error, 400 problem details, unless
 * the service could not spool it because its disk is full: then 503 with Retry-After, the
 * service's trouble, which an uploader retries (a 400 is final to it).
 */
public class ErrorAnswers {
    private static final Logger LOG = Logger.getLogger(ErrorAnswers.class);

    /** Seconds a caller is told to wait after an upload refused for a full disk. */
    static final int DISK_FULL_RETRY_AFTER_SECONDS = 10;

    @ServerExceptionMapper
    public Response unreadableBody(IOException e, HttpServerRequest req) {
        return unreadableBody(e, req.path());
    }

    static Response unreadableBody(IOException e, String path) {
        if (diskFull(e)) {
            LOG.warnf("an upload could not be stored, the uploads directory's disk is full: %s", e.getMessage());
            return Problem.of(Problem.Type.UNAVAILABLE,
                            "the service has no room to store the upload now (its disk is full); retry it later", path)
                    .withHeader("Retry-After", Integer.toString(DISK_FULL_RETRY_AFTER_SECONDS)).response();
        }
        LOG.debugf("unreadable request body: %s", e.getMessage());
        return Problem.of(Problem.Type.MALFORMED_UPLOAD, "the request body is not a well-formed multipart form (fields: file, optional id)",
                path).response();
    }

    /** Whether {@code e} or a cause is ENOSPC or EDQUOT (the JDK and Vert.x carry only strerror's text). */
    static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
