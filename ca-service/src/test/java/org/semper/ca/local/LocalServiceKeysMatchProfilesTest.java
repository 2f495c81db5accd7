package org.semper.ca.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;
import org.semper.ca.profile.CertificateProfile;
import org.semper.runtime.local.LocalKeySpec;
import org.semper.runtime.local.LocalServiceKeys;
import org.semper.runtime.local.LocalServiceKeys.LocalServiceKey;

/**
 * A service's local key must mean the same whether this CA issued it or the service created it under the local root
 * (started alone): the catalog's key specs agree with the CA profiles they name.
 */
class LocalServiceKeysMatchProfilesTest {

    @Test
    void everyLocalServiceKeyMatchesItsProfile() {
        for (LocalServiceKey key : LocalServiceKeys.ALL) {
            CertificateProfile profile = CertificateProfile.byId(key.caProfile()).orElseThrow(
                    () -> new AssertionError("no profile " + key.caProfile()));
            LocalKeySpec spec = key.spec();
            assertThat(profile.enrollable()).as(key.caProfile()).isTrue();
            assertThat(spec.extendedKeyUsages()).as(key.caProfile()).isEqualTo(profile.extendedKeyUsages());
            assertThat(spec.criticalEku()).as(key.caProfile()).isEqualTo(profile.criticalEku());
            assertThat(spec.keyType() == LocalKeySpec.KeyType.EC_P256_KEY_AGREEMENT).as(key.caProfile()).isEqualTo(profile.keyAgreement());
            assertThat(spec.ca()).isFalse();
            X500Name subject = new X500Name(spec.subject());
            for (String attribute : profile.requiredSubjectAttributes()) {
                assertThat(subject.getRDNs(BCStyle.INSTANCE.attrNameToOID(attribute))).as(spec.subject() + " has " + attribute).hasSize(1);
            }
        }
    }

    @Test
    void keystorePathsAreDistinct() {
        assertThat(LocalServiceKeys.ALL.stream().map(k -> k.keyStore(java.nio.file.Path.of("/data"))).distinct())
                .hasSize(LocalServiceKeys.ALL.size());
    }
}
