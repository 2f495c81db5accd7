package org.semper.ca.profile;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.ca.CaConfig;
import org.semper.ca.cover.Cover;

/** The profiles with their configured validity and cover ({@code semper.ca.profile.<id>.*}), checked at startup. */
@ApplicationScoped
public class Profiles {

    private final Map<CertificateProfile, ResolvedProfile> resolved = new EnumMap<>(CertificateProfile.class);

    @Inject
    public Profiles(CaConfig config) {
        for (String key : config.profile().keySet()) {
            if (CertificateProfile.byId(key).isEmpty()) {
                throw new IllegalStateException("semper.ca.profile." + key + ": no such profile");
            }
        }
        for (CertificateProfile p : CertificateProfile.values()) {
            CaConfig.ProfileOverride o = config.profile().get(p.id());
            if (o == null) {
                resolved.put(p, new ResolvedProfile(p, p.defaultValidity(), p.defaultCover()));
                continue;
            }
            Cover d = p.defaultCover();
            resolved.put(p, new ResolvedProfile(p, o.validity().orElse(p.defaultValidity()),
                    new Cover(o.coverCurrency().orElse(d.currency()), o.coverAmount().orElse(d.amount()),
                            o.coverExponent().orElse(d.exponent()))));
        }
    }

    public ResolvedProfile get(CertificateProfile profile) {
        return resolved.get(profile);
    }

    public Optional<ResolvedProfile> byId(String id) {
        return CertificateProfile.byId(id).map(resolved::get);
    }

    public java.util.Collection<ResolvedProfile> all() {
        return resolved.values();
    }
}
