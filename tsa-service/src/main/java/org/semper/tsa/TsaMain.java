package org.semper.tsa;

import java.util.ArrayList;
import java.util.List;

import org.semper.runtime.config.RequiredSetting;
import org.semper.runtime.local.LocalKeySpec;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.local.SemperLauncher;

import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the time-stamp authority; on the {@code local} profile, with an embedded database and a generated key. */
@QuarkusMain
public final class TsaMain {

    /** What the {@code local} profile (and the tests) set up for this service. */
    public static final LocalServiceSetup LOCAL_SETUP = new LocalServiceSetup("tsa-service", "tsa",
            List.of(LocalKeySpec.timeStamping("semper.tsa.signing-key", "tsa", "CN=Semper Local TSA,O=Semper"),
                    LocalKeySpec.logCheckpoints("tsa-service")),
            productionSettings());

    TsaMain() {
    }

    private static List<RequiredSetting> productionSettings() {
        List<RequiredSetting> settings = new ArrayList<>(LocalServiceSetup.commonProductionSettings());
        settings.add(LocalServiceSetup.signingKey("TSA signing key", "semper.tsa.signing-key"));
        settings.add(LocalServiceSetup.signingKey("transparency-log key (Ed25519)", "semper.log.key"));
        settings.add(new RequiredSetting("trusted time source",
                c -> !RequiredSetting.value(c, "semper.tsa.clock.source").orElse("ntp").equalsIgnoreCase("ntp")
                        || RequiredSetting.value(c, "semper.tsa.clock.ntp-servers").isPresent(),
                "SEMPER_TSA_CLOCK_NTP_SERVERS (e.g. ntp1.example:123,ntp2.example), or SEMPER_TSA_CLOCK_SOURCE=os"));
        return settings;
    }

    public static void main(String... args) {
        SemperLauncher.launch(LOCAL_SETUP, args);
    }
}
