package org.semper.arbiter.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.semper.arbiter.ArbiterMain;
import org.semper.evidence.statement.StatementSigner;
import org.semper.evidence.testing.CasePki;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.testing.InProcessCa;
import org.semper.runtime.testing.InProcessTsa;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

/**
 * The arbiter's test world: the embedded environment of the local profile (PostgreSQL, the arbiter's keys under a
 * throw-away anchor), a real RFC 3161 TSA under that anchor (transcripts become B-T), a real CA with CRL and OCSP over
 * loopback HTTP for the TTPs, a TTP status endpoint and a certified-mail relay signing with that CA's certificates,
 * and the parties' CA ({@link CasePki}: certificates that state covers). The arbiter trusts the three anchors.
 */
public class ArbiterTestEnvironment extends LocalEnvironmentTestResource {
    private static volatile InProcessCa ttpCa;
    private static volatile InProcessTsa tsa;
    private static volatile StandInTtp ttp;
    private static volatile StandInRelay relay;
    private static volatile Parties parties;
    private static volatile Path dataDir;

    /** The parties of the tests, under a CA the arbiter trusts; their certificates state covers in EUR. */
    public record Parties(CasePki pki, CasePki.Party originator, CasePki.Party responder, CasePki.Party stranger) {
    }

    @Override
    protected LocalServiceSetup setup() {
        return ArbiterMain.LOCAL_SETUP;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        dataDir = Path.of(config.get("semper.test.data-dir"));
        ttpCa = InProcessCa.start("Arbiter Test TTP CA");
        tsa = InProcessTsa.underLocalAnchor(dataDir, InProcessTsa.Mode.GRANT);
        ttp = StandInTtp.start(signer(ttpCa.issue("Test Notary")));
        InProcessCa.Party escrow = ttpCa.issue("Test Mail Escrow");
        relay = StandInRelay.start(signer(ttpCa.issue("Test Certified Mail")), escrow.keys(), escrow.certificate());
        CasePki pki = new CasePki("Arbiter Test Parties");
        parties = new Parties(pki, pki.party("Originator", new CasePki.Cover("EUR", 10, 3)),
                pki.party("Responder", new CasePki.Cover("EUR", 2, 2)), pki.party("Stranger", null));
        String localAnchor = config.get("semper.local.trust-anchor");
        Path partiesPem = write(dataDir.resolve("parties-ca.pem"), CertificatePem.encode(List.of(pki.root().certificate())));
        Path ttpPem = ttpCa.writeRootPem(dataDir.resolve("ttp-ca.pem"));
        config.put("semper.arbiter.trust.anchors", localAnchor + "," + ttpPem + "," + partiesPem);
        config.put("semper.arbiter.time-stamping.tsa-url", tsa.url().toString());
        config.put("semper.arbiter.time-stamping.trust-anchors", localAnchor);
        config.put("semper.arbiter.ttps.trusted", ttp.url().toString());
        config.put("semper.arbiter.notice.relay-url", relay.url().toString());
        return config;
    }

    private static StatementSigner signer(InProcessCa.Party party) {
        return StatementSigner.builder(party.keys().getPrivate(), party.chain()).build();
    }

    private static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {relay, ttp, tsa, ttpCa}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
        super.stop();
    }

    public static Parties parties() {
        return parties;
    }

    public static StandInTtp ttp() {
        return ttp;
    }

    public static StandInRelay relay() {
        return relay;
    }

    public static InProcessTsa tsa() {
        return tsa;
    }

    public static java.security.cert.X509Certificate ttpCaRoot() {
        return ttpCa.root();
    }

    /** What the arbiter trusts, read from the files its configuration names. */
    public static org.semper.evidence.verdict.Trust trust() {
        try {
            java.util.Set<java.security.cert.X509Certificate> anchors = new java.util.LinkedHashSet<>();
            for (Path file : List.of(dataDir.resolve("local-ca/root.pem"), dataDir.resolve("ttp-ca.pem"),
                    dataDir.resolve("parties-ca.pem"))) {
                anchors.addAll(org.semper.evidence.validation.TrustAnchors.fromPem(file).certificates());
            }
            return org.semper.evidence.verdict.Trust.of(org.semper.evidence.validation.TrustAnchors.of(anchors));
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path dataDir() {
        return dataDir;
    }
}
