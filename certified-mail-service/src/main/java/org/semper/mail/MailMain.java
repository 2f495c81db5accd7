package org.semper.mail;

import java.util.ArrayList;
import java.util.List;

import org.semper.runtime.config.RequiredSetting;
import org.semper.runtime.local.LocalKeySpec;
import org.semper.runtime.local.LocalServiceKeys;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.local.SemperLauncher;

import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the certified-mail service; on the {@code local} profile, with an embedded database and generated keys. */
@QuarkusMain
public final class MailMain {

    /**
     * What the {@code local} profile (and the tests) set up for this service: the signing and escrow keys the local
     * CA issues when it runs first ({@link LocalServiceKeys}; otherwise certified by the local root), and the log key.
     */
    public static final LocalServiceSetup LOCAL_SETUP = new LocalServiceSetup("certified-mail-service", "mail",
            List.of(LocalServiceKeys.MAIL.spec(), LocalServiceKeys.MAIL_ESCROW.spec(),
                    LocalKeySpec.logCheckpoints("certified-mail-service")),
            productionSettings());

    MailMain() {
    }

    private static List<RequiredSetting> productionSettings() {
        List<RequiredSetting> settings = new ArrayList<>(LocalServiceSetup.commonProductionSettings());
        settings.add(LocalServiceSetup.signingKey("evidence signing key (CA profile ttp-mail)", MailConfig.SIGNING_KEY_PREFIX));
        settings.add(LocalServiceSetup.signingKey("escrow key (P-256, keyAgreement; PKCS#12)", MailConfig.ESCROW_KEY_PREFIX));
        settings.add(LocalServiceSetup.signingKey("transparency-log key (Ed25519)", "semper.log.key"));
        settings.add(RequiredSetting.property("public base URL (how evidence names this TTP)", "semper.mail.base-url",
                "SEMPER_MAIL_BASE_URL (e.g. https://mail.example)"));
        settings.add(RequiredSetting.property("trusted CAs of senders and recipients", "semper.mail.trust.anchors",
                "SEMPER_MAIL_TRUST_ANCHORS (comma-separated PEM files)"));
        settings.add(new RequiredSetting("TSA for the tokens' time-stamps",
                c -> RequiredSetting.value(c, "semper.mail.time-stamping.enabled").map("false"::equalsIgnoreCase).orElse(false)
                        || RequiredSetting.value(c, "semper.mail.time-stamping.tsa-url").isPresent()
                                && RequiredSetting.value(c, "semper.mail.time-stamping.trust-anchors").isPresent(),
                "SEMPER_MAIL_TIME_STAMPING_TSA_URL and SEMPER_MAIL_TIME_STAMPING_TRUST_ANCHORS, or SEMPER_MAIL_TIME_STAMPING_ENABLED=false"));
        return settings;
    }

    public static void main(String... args) {
        SemperLauncher.launch(LOCAL_SETUP, args);
    }
}
