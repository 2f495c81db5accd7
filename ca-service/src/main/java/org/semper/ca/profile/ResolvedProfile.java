package org.semper.ca.profile;

import java.time.Duration;

import org.semper.ca.cover.Cover;

/** A profile with the configured overrides applied. */
public record ResolvedProfile(CertificateProfile profile, Duration validity, Cover cover) {

    public String id() {
        return profile.id();
    }
}
