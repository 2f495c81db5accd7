package org.semper.mail.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.semper.mail.MailMain;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.testing.InProcessCa;
import org.semper.runtime.testing.InProcessTsa;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

/**
 * The certified-mail service's test environment: a real embedded PostgreSQL and the service's keys under a
 * throw-away local trust anchor (as the {@code local} profile), a real CA for the parties (certificates with OCSP
 * and CRL on a loopback server) that the service trusts, and a real TSA for the post-hoc time-stamps.
 */
public class MailTestEnvironment extends LocalEnvironmentTestResource {

    private static volatile InProcessCa ca;
    private static volatile InProcessTsa tsa;
    private static volatile Path dataDir;

    @Override
    protected LocalServiceSetup setup() {
        return MailMain.LOCAL_SETUP;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        dataDir = Path.of(config.get("semper.test.data-dir"));
        ca = InProcessCa.start("Semper Test Party CA");
        tsa = InProcessTsa.underLocalAnchor(dataDir, InProcessTsa.Mode.GRANT);
        config.put("semper.mail.trust.anchors", ca.writeRootPem(dataDir.resolve("party-ca.pem")).toString());
        config.put("semper.mail.time-stamping.tsa-url", tsa.url().toString());
        config.put("semper.mail.time-stamping.trust-anchors", config.get("semper.local.trust-anchor"));
        config.put("semper.mail.time-stamping.interval", "500ms");
        config.put("semper.mail.time-stamping.retry-after", "1s");
        return config;
    }

    @Override
    public void stop() {
        if (ca != null) {
            ca.close();
        }
        if (tsa != null) {
            tsa.close();
        }
        super.stop();
    }

    /** The CA of the test parties. */
    public static InProcessCa ca() {
        return ca;
    }

    public static InProcessTsa tsa() {
        return tsa;
    }

    /** The test's data directory (local trust anchor in {@code local-ca/}). */
    public static Path dataDir() {
        return dataDir;
    }
}
