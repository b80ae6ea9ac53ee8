package io.tagger.access.http;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of {@link Problem}'s JSON, for the OpenAPI documents (RFC 9457 problem details). */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
public record ProblemDocument(
        @Schema(description = "urn:tagger:problem:<kind>, or about:blank for a plain HTTP status", example = "urn:tagger:problem:unauthorized") String type,
        @Schema(description = "The same for every problem of a type", example = "Authentication required") String title,
        @Schema(description = "The HTTP status", example = "401") int status,
        @Schema(description = "What went wrong with this request", example = "the API key is not valid") String detail,
        @Schema(description = "The request's path", example = "/tracks") String instance) {
}
