package org.semper.notary.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.semper.notary.NotaryMain;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.testing.InProcessCa;
import org.semper.runtime.testing.InProcessTsa;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

/**
 * The notary's test environment: a real embedded PostgreSQL and keys under a throw-away trust anchor (as the local
 * profile), plus, in this JVM, a real CA for the parties (OCSP and CRL over loopback HTTP; trusted), another CA
 * nobody trusts, and a real RFC 3161 TSA under the local anchor that starts switched off. The notary trusts two
 * anchors: the local one and the parties' CA.
 */
public class NotaryTestEnvironment extends LocalEnvironmentTestResource {

    private static volatile InProcessCa partiesCa;
    private static volatile InProcessCa untrustedCa;
    private static volatile InProcessTsa tsa;

    @Override
    protected LocalServiceSetup setup() {
        return NotaryMain.LOCAL_SETUP;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        Path directory = Path.of(config.get("semper.test.data-dir"));
        partiesCa = InProcessCa.start("Semper Test Parties CA");
        untrustedCa = InProcessCa.start("Untrusted Test CA");
        tsa = InProcessTsa.underLocalAnchor(directory, InProcessTsa.Mode.DOWN);
        String localAnchor = config.get("semper.local.trust-anchor");
        config.put("semper.notary.trust.anchors", localAnchor + "," + partiesCa.writeRootPem(directory.resolve("parties-ca.pem")));
        config.put("semper.notary.time-stamping.tsa-url", tsa.url().toString());
        config.put("semper.notary.time-stamping.trust-anchors", localAnchor);
        return config;
    }

    @Override
    public void stop() {
        if (tsa != null) {
            tsa.close();
        }
        if (partiesCa != null) {
            partiesCa.close();
        }
        if (untrustedCa != null) {
            untrustedCa.close();
        }
        super.stop();
    }

    /** The CA of the parties (trusted by the notary). */
    public static InProcessCa partiesCa() {
        return partiesCa;
    }

    /** A CA the notary does not trust. */
    public static InProcessCa untrustedCa() {
        return untrustedCa;
    }

    /** The TSA the notary time-stamps its tokens with (starts {@link InProcessTsa.Mode#DOWN}). */
    public static InProcessTsa tsa() {
        return tsa;
    }
}
