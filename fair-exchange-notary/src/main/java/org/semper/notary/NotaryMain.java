package org.semper.notary;

import java.util.ArrayList;
import java.util.List;

import org.semper.runtime.config.RequiredSetting;
import org.semper.runtime.local.LocalKeySpec;
import org.semper.runtime.local.LocalServiceKeys;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.local.SemperLauncher;

import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the notary; on the {@code local} profile with an embedded database and generated keys. */
@QuarkusMain
public final class NotaryMain {

    /**
     * What the {@code local} profile (and the tests) set up for this service: the signing and escrow keys the local
     * CA issues when it runs first ({@link LocalServiceKeys}; otherwise certified by the local root), and the log key.
     */
    public static final LocalServiceSetup LOCAL_SETUP = new LocalServiceSetup("fair-exchange-notary", "notary",
            List.of(LocalServiceKeys.NOTARY.spec(), LocalServiceKeys.NOTARY_ESCROW.spec(),
                    LocalKeySpec.logCheckpoints("fair-exchange-notary")),
            productionSettings());

    NotaryMain() {
    }

    private static List<RequiredSetting> productionSettings() {
        List<RequiredSetting> settings = new ArrayList<>(LocalServiceSetup.commonProductionSettings());
        settings.add(RequiredSetting.property("the notary's public URL (parties name it)", "semper.notary.url",
                "SEMPER_NOTARY_URL (e.g. https://notary.example)"));
        settings.add(LocalServiceSetup.signingKey("token signing key", "semper.notary.signing-key"));
        settings.add(LocalServiceSetup.signingKey("escrow key (P-256, keyAgreement)", "semper.notary.escrow-key"));
        settings.add(LocalServiceSetup.signingKey("transparency-log key (Ed25519)", "semper.log.key"));
        settings.add(RequiredSetting.property("trust anchors for parties", "semper.notary.trust.anchors",
                "SEMPER_NOTARY_TRUST_ANCHORS (PEM files of the CAs whose parties are accepted, comma-separated)"));
        settings.add(new RequiredSetting("time-stamping authority",
                c -> RequiredSetting.value(c, "semper.notary.time-stamping.enabled").map("false"::equalsIgnoreCase).orElse(false)
                        || RequiredSetting.value(c, "semper.notary.time-stamping.tsa-url").isPresent()
                                && RequiredSetting.value(c, "semper.notary.time-stamping.trust-anchors").isPresent(),
                "SEMPER_NOTARY_TIME_STAMPING_TSA_URL and SEMPER_NOTARY_TIME_STAMPING_TRUST_ANCHORS, "
                        + "or SEMPER_NOTARY_TIME_STAMPING_ENABLED=false"));
        return settings;
    }

    public static void main(String... args) {
        SemperLauncher.launch(LOCAL_SETUP, args);
    }
}
