package io.tagger.ingestservice;

import io.tagger.access.http.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;

/**
 * The ingest's own failure answer, beside the shared ones ({@link io.tagger.access.http.ProblemMappers}):
 * an unreadable request body (broken multipart) is the caller's error, 400 problem details.
 */
public class ErrorAnswers {
    private static final Logger LOG = Logger.getLogger(ErrorAnswers.class);

    @ServerExceptionMapper
    public Response unreadableBody(IOException e, HttpServerRequest req) {
        LOG.debugf("unreadable request body: %s", e.getMessage());
        return Problem.of(Problem.Type.MALFORMED_UPLOAD, "the request body is not a well-formed multipart form (fields: file, optional id)",
                req.path()).response();
    }
}
