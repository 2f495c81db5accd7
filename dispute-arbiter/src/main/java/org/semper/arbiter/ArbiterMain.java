package org.semper.arbiter;

import java.util.ArrayList;
import java.util.List;

import org.semper.runtime.config.RequiredSetting;
import org.semper.runtime.local.LocalKeySpec;
import org.semper.runtime.local.LocalServiceKeys;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.local.SemperLauncher;

import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the dispute arbiter; on the {@code local} profile with an embedded database, its signing key
 * ({@link LocalServiceKeys#ARBITER}: CA profile {@code ttp-arbiter}, issued by the local CA when it runs, else by the
 * local root) and a log key.
 */
@QuarkusMain
public final class ArbiterMain {

    /** What the {@code local} profile (and the tests) set up for this service. */
    public static final LocalServiceSetup LOCAL_SETUP = new LocalServiceSetup("dispute-arbiter", "arbiter",
            List.of(LocalServiceKeys.ARBITER.spec(), LocalKeySpec.logCheckpoints("dispute-arbiter")),
            productionSettings());

    ArbiterMain() {
    }

    private static List<RequiredSetting> productionSettings() {
        List<RequiredSetting> settings = new ArrayList<>(LocalServiceSetup.commonProductionSettings());
        settings.add(LocalServiceSetup.signingKey("arbiter signing key (transcripts, notices, ledger claims)",
                ArbiterConfig.SIGNING_KEY_PREFIX));
        settings.add(LocalServiceSetup.signingKey("transparency-log key (Ed25519)", "semper.log.key"));
        settings.add(RequiredSetting.property("trust anchors of the parties' CAs", "semper.arbiter.trust.anchors",
                "SEMPER_ARBITER_TRUST_ANCHORS (PEM files, comma-separated)"));
        settings.add(RequiredSetting.property("public base URL (in notices and transcripts)", "semper.arbiter.url",
                "SEMPER_ARBITER_URL (e.g. https://arbiter.example)"));
        return settings;
    }

    public static void main(String... args) {
        SemperLauncher.launch(LOCAL_SETUP, args);
    }
}
