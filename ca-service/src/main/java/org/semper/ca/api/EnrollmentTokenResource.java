package org.semper.ca.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.ca.cover.Cover;
import org.semper.ca.enrollment.Enrollment;
import org.semper.ca.enrollment.EnrollmentTokens;
import org.semper.ca.enrollment.RaisedCover;
import org.semper.ca.issuance.Issuance;
import org.semper.ca.profile.Profiles;
import org.semper.ca.profile.ResolvedProfile;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** Registration officers hand out one-time enrollment tokens bound to a vetted subject and a profile. */
@Path("/api/v1/enrollment-tokens")
@RolesAllowed("ra-officer")
@Blocking
public class EnrollmentTokenResource {

    private static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    private static final Duration MAX_VALIDITY = Duration.ofDays(30);

    /**
     * @param subject      the vetted subject DN (RFC 4514), e.g. {@code CN=Alice Buyer,O=Example}
     * @param profile      profile id
     * @param validHours   token lifetime in hours (default 168, at most 720)
     * @param coverAmount  optional raised cover amount (in the profile's currency), with {@code coverExponent}
     * @param coverExponent exponent of the raised cover
     */
    public record TokenRequest(String subject, String profile, Integer validHours, Integer coverAmount, Integer coverExponent) {
    }

    public record TokenGranted(String token, String subject, String profile, Cover cover, Instant expiresAt) {
    }

    @Inject
    EnrollmentTokens tokens;

    @Inject
    Profiles profiles;

    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One-time enrollment token for a vetted subject and profile (role ra-officer)")
    public Response create(TokenRequest request) {
        if (request == null || request.subject() == null || request.subject().isBlank()) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "Send {\"subject\", \"profile\"}");
        }
        ResolvedProfile profile = Enrollment.enrollableProfile(profiles, request.profile());
        X500Name subject;
        try {
            subject = new X500Name(BCStyle.INSTANCE, request.subject());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "The subject is not an RFC 4514 distinguished name");
        }
        Issuance.checkSubject(subject, profile);
        Optional<Cover> raised = RaisedCover.of(profile, request.coverAmount(), request.coverExponent());
        Duration validity = request.validHours() == null ? DEFAULT_VALIDITY : Duration.ofHours(request.validHours());
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "validHours must be between 1 and 720");
        }
        String token = tokens.create(subject, profile, raised, validity, identity.getPrincipal().getName());
        return Response.status(201).entity(new TokenGranted(token, Issuance.subjectText(subject), profile.id(),
                raised.orElse(profile.cover()), Instant.now().plus(validity))).build();
    }
}
