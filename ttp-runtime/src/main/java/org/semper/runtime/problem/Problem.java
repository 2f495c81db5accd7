package org.semper.runtime.problem;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem details document, with Semper's {@code code} extension member (the stable reason code).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, String code,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA_TYPE_VALUE = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.type(), type.title(), type.status(), detail, null, type.code(), Map.of());
    }

    public Problem withExtensions(Map<String, Object> more) {
        return new Problem(type, title, status, detail, instance, code, Map.copyOf(more));
    }

    @JsonAnyGetter
    public Map<String, Object> anyExtensions() {
        return extensions == null ? Map.of() : extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE_VALUE).entity(this).build();
    }
}
