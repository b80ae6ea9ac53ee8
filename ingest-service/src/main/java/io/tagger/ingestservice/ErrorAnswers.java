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
 * caller's error, 400; anything else is logged here with an id and answered 500 with that id.
 */
public class ErrorAnswers {
    private static final Logger LOG = Logger.getLogger(ErrorAnswers.class);

    @ServerExceptionMapper
    public Response unreadableBody(IOException e) {
        LOG.debugf("unreadable request body: %s", e.getMessage());
        return json(400, "the request body is not a well-formed multipart form (fields: file, optional id)");
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
