package org.semper.tsa;

import java.util.List;

import org.semper.runtime.local.LocalKeySpec;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.local.SemperLauncher;

import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the time-stamp authority; on the {@code local} profile, with an embedded database and a generated key. */
@QuarkusMain
public final class TsaMain {

    /** What the {@code local} profile (and the tests) set up for this service. */
    public static final LocalServiceSetup LOCAL_SETUP = new LocalServiceSetup("tsa-service", "tsa",
            List.of(LocalKeySpec.timeStamping("semper.tsa.signing-key", "tsa", "CN=Semper Local TSA,O=Semper")));

    private TsaMain() {
    }

    public static void main(String... args) {
        SemperLauncher.launch(LOCAL_SETUP, args);
    }
}
