package org.semper.runtime.problem;

import java.util.UUID;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Turns every error that leaves a REST endpoint into RFC 9457 problem+json: Semper's own
 * {@link ProblemException}s, JAX-RS errors raised by the framework (404, 405, 406, 413, 415), unreadable JSON, and
 * anything unexpected (500, logged with an incident id; no internals in the body).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.toProblem().toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status == 401 || status == 403) {
            // Leave authentication challenges (WWW-Authenticate) to the security layer.
            return original;
        }
        CommonProblem type = CommonProblem.forStatus(status);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE_VALUE)
                .entity(new Problem(type.type(), type.title(), status, safeDetail(e, type), null, type.code(), null));
        if (original != null) {
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
        }
        return builder.build();
    }

    /**
     * No or invalid credentials: 401 problem+json with the RFC 6750 bearer challenge. Services set
     * {@code quarkus.http.auth.proactive=false} so that a rejected token also arrives here.
     */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(Problem.of(CommonProblem.UNAUTHORIZED,
                "A valid bearer token from the configured OIDC server is required").toResponse())
                .header("WWW-Authenticate", "Bearer").build();
    }

    /** Authenticated, but without the role the endpoint requires. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(CommonProblem.FORBIDDEN, "The caller lacks the role this endpoint requires").toResponse();
    }

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response unreadableJson(Exception e) {
        return Problem.of(CommonProblem.MALFORMED_REQUEST, "The body is not valid JSON for this endpoint: "
                + firstLine(e.getMessage())).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof WebApplicationException wae) {
            return webApplication(wae);
        }
        if (e instanceof ProblemException pe) {
            return problem(pe);
        }
        if (e instanceof ForbiddenException fe) {
            return forbidden(fe);
        }
        if (e instanceof UnauthorizedException || e instanceof AuthenticationFailedException) {
            return unauthorized(e);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return Problem.of(CommonProblem.INTERNAL_ERROR, "Unexpected error; the operator can find it as incident " + incident)
                .toResponse();
    }

    private static String safeDetail(WebApplicationException e, CommonProblem type) {
        return switch (type) {
            case UNSUPPORTED_MEDIA_TYPE -> "This endpoint does not accept that Content-Type";
            case NOT_FOUND -> "No resource at this path";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here";
            case NOT_ACCEPTABLE -> "Cannot produce any media type listed in Accept";
            case PAYLOAD_TOO_LARGE -> "The request body is too large";
            default -> type.title();
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
