package org.semper.mail.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;

import org.semper.evidence.exchange.TtpIdentity;
import org.semper.mail.MailConfig;
import org.semper.mail.MailMain;
import org.semper.mail.testing.MailClient;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.testing.cluster.ServiceCluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged certified-mail service as a {@link ServiceCluster}: instances on one PostgreSQL with the same keys,
 * one public URL, the parties' CA trusted, time-stamps from a TSA under the local anchor every second; and the TTP as
 * every instance describes it ({@code GET /api/v1/mail}: they must agree).
 */
public record MailCluster(ServiceCluster cluster, TtpIdentity ttp, PublicKey escrowKey) implements AutoCloseable {

    /** The service's public URL, as every instance names itself. */
    public static final String URL = "https://mail.cluster.test";

    /** The module directory ({@code -Dsemper.mail.module-dir}, default the working directory, as under failsafe). */
    private static final Path MODULE = Path.of(System.getProperty("semper.mail.module-dir", "."));

    private static final ServiceCluster.Settings SETTINGS = new ServiceCluster.Settings() {
        @Override
        public String name() {
            return "mail";
        }

        @Override
        public Path jar() {
            return MODULE.resolve("target/quarkus-app/quarkus-run.jar");
        }

        @Override
        public LocalServiceSetup setup() {
            return MailMain.LOCAL_SETUP;
        }

        @Override
        public Map<String, String> environment(Path localAnchor, Path partiesAnchor, URI tsaUrl) {
            return Map.of("SEMPER_MAIL_BASE_URL", URL,
                    "SEMPER_MAIL_TRUST_ANCHORS", localAnchor + "," + partiesAnchor,
                    "SEMPER_MAIL_TIME_STAMPING_TSA_URL", tsaUrl.toString(),
                    "SEMPER_MAIL_TIME_STAMPING_TRUST_ANCHORS", localAnchor.toString(),
                    "SEMPER_MAIL_TIME_STAMPING_INTERVAL", "1s",
                    "SEMPER_MAIL_TIME_STAMPING_RETRY_AFTER", "1s");
        }

        @Override
        public java.util.List<String> migrations() {
            return java.util.List.of("classpath:db/migration"); // the relay's tables
        }

        @Override
        public String signingKeyPrefix() {
            return MailConfig.SIGNING_KEY_PREFIX;
        }
    };

    /** Starts {@code size} instances, logging to {@code target/cluster-logs/<run>/}. */
    public static MailCluster start(String run, int size) {
        return start(run, size, Map.of());
    }

    /** {@link #start(String, int)} with more (or other) environment variables for every instance. */
    public static MailCluster start(String run, int size, Map<String, String> extraEnvironment) {
        ServiceCluster cluster = ServiceCluster.start(SETTINGS, run, size, extraEnvironment);
        try {
            JsonNode info = new ObjectMapper().readTree(cluster.describedAlike("/api/v1/mail"));
            TtpIdentity ttp = new TtpIdentity(info.at("/ttp/url").asText(), info.at("/ttp/certSha256").asText());
            PublicKey escrow = MailClient.firstCertificate(info.at("/escrow/certificateChain").asText()).getPublicKey();
            return new MailCluster(cluster, ttp, escrow);
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw new IllegalStateException("the instances do not describe one TTP: " + e, e);
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
