package org.semper.ca.enrollment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.ca.cover.Cover;
import org.semper.ca.issuance.CertificationRequest;
import org.semper.ca.issuance.Issuance;
import org.semper.ca.issuance.IssuanceProblem;
import org.semper.ca.profile.CertificateProfile;
import org.semper.ca.profile.Profiles;
import org.semper.ca.profile.ResolvedProfile;
import org.semper.runtime.problem.ProblemException;

/**
 * {@code POST /api/v1/certificates}: profile → enrollment token → CSR (key policy, proof of possession) → subject
 * bound by the token → issuance, with the token used up in the issuance transaction.
 */
@ApplicationScoped
public class Enrollment {

    private final Profiles profiles;
    private final EnrollmentTokens tokens;
    private final Issuance issuance;

    @Inject
    public Enrollment(Profiles profiles, EnrollmentTokens tokens, Issuance issuance) {
        this.profiles = profiles;
        this.tokens = tokens;
        this.issuance = issuance;
    }

    public static ResolvedProfile enrollableProfile(Profiles profiles, String id) {
        ResolvedProfile profile = profiles.byId(id == null ? "" : id).orElseThrow(() -> new ProblemException(
                IssuanceProblem.UNKNOWN_PROFILE, "No profile \"" + id + "\"; profiles: " + CertificateProfile.enrollableIds()));
        if (!profile.profile().enrollable()) {
            throw new ProblemException(IssuanceProblem.PROFILE_NOT_ALLOWED,
                    "Profile " + id + " is reserved for the CA's own OCSP responder");
        }
        return profile;
    }

    public Issuance.Issued enroll(String csr, String profileId, String token) {
        ResolvedProfile profile = enrollableProfile(profiles, profileId);
        EnrollmentTokens.Grant grant = tokens.check(token, profile.id());
        CertificationRequest request = CertificationRequest.parse(csr);
        String subject = Issuance.subjectText(request.subject());
        if (!grant.subject().equals(subject)) {
            throw new ProblemException(EnrollmentProblem.SUBJECT_NOT_ALLOWED, "The token was issued for the subject \""
                    + grant.subject() + "\", the request names \"" + subject + "\"");
        }
        Cover cover = grant.raisedCover().orElse(profile.cover());
        return issuance.issue(request, profile, cover,
                (connection, record) -> tokens.use(connection, token, subject, profile.id(), record.serialHex()));
    }
}
