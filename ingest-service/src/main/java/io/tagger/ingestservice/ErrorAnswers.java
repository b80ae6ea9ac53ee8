package io.tagger.ingestservice;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * What a caller sees when a request fails outside the resources' own answers: a short JSON error,
 * never a stack trace, a class name or a path. Unreadable request bodies (broken multipart) are the
 * caller's error, 400, unless the service could not spool them because its disk is full (503 with
 * Retry-After); anything else is logged here with an id and answered 500 with that id.
 */
public class ErrorAnswers {
    private static final Logger LOG = Logger.getLogger(ErrorAnswers.class);

    @ServerExceptionMapper
    public Response unreadableBody(IOException e) {
        if (diskFull(e)) {
            // The body could not be spooled to the uploads directory: the service's trouble, not the
            // caller's. 503 with Retry-After, so that an uploader retries (a 400 is final to it).
            LOG.warnf("an upload could not be stored, the uploads directory's disk is full: %s", e.getMessage());
            return Response.status(503).header("Retry-After", DISK_FULL_RETRY_AFTER_SECONDS).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "the service has no room to store the upload now (its disk is full); retry it later"))
                    .build();
        }
        LOG.debugf("unreadable request body: %s", e.getMessage());
        return json(400, "the request body is not a well-formed multipart form (fields: file, optional id)");
    }

    /** Seconds a caller is told to wait after an upload refused for a full disk. */
    static final int DISK_FULL_RETRY_AFTER_SECONDS = 10;

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

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return json(status, status == 413 ? "the upload is over the size limit" : Response.Status.fromStatusCode(status) == null
                ? "request refused" : Response.Status.fromStatusCode(status).getReasonPhrase());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "request failed (error id %s)", id);
        return json(500, "internal error (id " + id + "); the service goes on");
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
