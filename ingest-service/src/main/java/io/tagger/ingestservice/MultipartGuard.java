package io.tagger.ingestservice;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses a multipart request whose boundary is missing or not one RFC 2046 allows (1-70 of its
 * characters), before the multipart parser reads it: the fuzz test found that an empty quoted
 * boundary ({@code boundary=""}) made the framework's parser fail with an internal error.
 */
public class MultipartGuard {
    private static final Pattern BOUNDARY = Pattern.compile(
            "(?i)multipart/form-data\\s*;(?:.*;)?\\s*boundary=(\"[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]\"|[0-9A-Za-z'()+_,\\-./:=?]{1,70})\\s*(;.*)?");

    @ServerRequestFilter(preMatching = true, priority = 6000)
    public Optional<Response> check(ContainerRequestContext ctx) {
        String type = ctx.getHeaderString("Content-Type");
        if (type == null || !type.regionMatches(true, 0, "multipart/", 0, 10)) {
            return Optional.empty();
        }
        if (BOUNDARY.matcher(type.strip()).matches()) {
            return Optional.empty();
        }
        return Optional.of(io.tagger.access.http.Problem.of(io.tagger.access.http.Problem.Type.MALFORMED_UPLOAD,
                "the multipart boundary is missing or malformed", ctx.getUriInfo().getPath()).response());
    }
}
