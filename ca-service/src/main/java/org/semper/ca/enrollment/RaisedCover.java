package org.semper.ca.enrollment;

import java.util.Optional;

import org.semper.ca.cover.Cover;
import org.semper.ca.profile.ResolvedProfile;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

/**
 * A cover an officer raises for one subject (when handing out a token or approving a request): in the profile's
 * currency and never below the profile's cover.
 */
public final class RaisedCover {

    private RaisedCover() {
    }

    /**
     * The raised cover an officer asked for with {@code amount} × 10^{@code exponent}, or empty if neither is given.
     * Both or neither: else {@code malformed-request}; below the profile: {@code cover-below-profile}.
     */
    public static Optional<Cover> of(ResolvedProfile profile, Integer amount, Integer exponent) {
        if ((amount == null) != (exponent == null)) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "Give both coverAmount and coverExponent, or neither");
        }
        if (amount == null) {
            return Optional.empty();
        }
        Cover cover;
        try {
            cover = new Cover(profile.cover().currency(), amount, exponent);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, e.getMessage());
        }
        check(profile, cover);
        return Optional.of(cover);
    }

    /** Refuses a "raised" cover in another currency or below the profile's cover. */
    public static void check(ResolvedProfile profile, Cover raised) {
        if (!raised.currency().equals(profile.cover().currency()) || raised.value().compareTo(profile.cover().value()) < 0) {
            throw new ProblemException(EnrollmentProblem.COVER_BELOW_PROFILE, "Profile " + profile.id() + " covers "
                    + profile.cover() + "; a raised cover must be in " + profile.cover().currency() + " and at least that");
        }
    }
}
