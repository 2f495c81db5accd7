package org.semper.mail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.semper.runtime.exchange.stamping.TimeStampingConfig;
import org.semper.runtime.exchange.trust.PartyTrustConfig;
import org.semper.runtime.keys.KeySourceConfig;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the certified-mail service ({@code semper.mail.*}); every default is the one listed in the README. */
@ConfigMapping(prefix = "semper.mail")
public interface MailConfig {

    /** Prefix of the signing key's settings. */
    String SIGNING_KEY_PREFIX = "semper.mail.signing-key";
    /** Prefix of the escrow (HPKE) key's settings. */
    String ESCROW_KEY_PREFIX = "semper.mail.escrow-key";

    /**
     * The service's public URL: how payloads name this TTP ({@code ttp.url}); an EOO naming another URL is refused.
     * Required outside the {@code local} profile (local default {@code http://localhost:8084}).
     */
    Optional<String> baseUrl();

    /** The key that signs every piece of evidence (CA profile {@code ttp-mail}: digitalSignature, nonRepudiation). */
    KeySourceConfig signingKey();

    /** The P-256 key (key usage keyAgreement) that senders escrow content keys to, with HPKE. */
    KeySourceConfig escrowKey();

    /** Which senders and recipients are accepted ({@code semper.mail.trust.anchors}, {@code ...revocation.*}). */
    PartyTrustConfig trust();

    /** Post-hoc signature time-stamps (JAdES B-T) of the exchange tokens ({@code semper.mail.time-stamping.*}). */
    TimeStampingConfig timeStamping();

    Relay relay();

    Quota quota();

    Requests requests();

    Webhook webhook();

    /** Relay mode: the service keeps the ciphertext until the recipient collects it with a receipt. */
    interface Relay {
        /** Largest accepted ciphertext; a larger one is answered 413 before more of it is read. Default 25M. */
        @WithDefault("25M")
        MemorySize maxContentSize();

        /** Where ciphertexts are kept: {@code database} (PostgreSQL large objects, default) or {@code directory}. */
        @WithDefault("database")
        ContentStorage storage();

        /** The directory for {@code storage=directory} (shared by every replica). Required then. */
        Optional<Path> directory();

        /**
         * Where an upload is written while it is hashed, before it is accepted. Default: {@code semper-mail-spool}
         * under the JVM's temporary directory (for {@code storage=directory}: a {@code .spool} folder inside it, so
         * that accepting is a rename).
         */
        Optional<Path> spoolDirectory();

        /** How long a ciphertext is kept after handover, expiry or a handover failure; the evidence stays. Default P7D. */
        @WithDefault("P7D")
        Duration retention();

        /** Collection deadline of a message whose EOO names none. Default P14D. */
        @WithDefault("P14D")
        Duration defaultCollectionPeriod();

        /** Farthest collection deadline an EOO may name. Default P90D. */
        @WithDefault("P90D")
        Duration maxCollectionPeriod();

        /** How often the expiry and deletion jobs run. Default 30s. */
        @WithDefault("30s")
        Duration jobInterval();

        /** Most messages one job run expires or deletes (the rest waits for the next run). Default 500. */
        @WithDefault("500")
        int jobBatch();
    }

    /** Ciphertext storage kinds. */
    enum ContentStorage {
        DATABASE,
        DIRECTORY
    }

    /** Per-sender quotas over a sliding window (every submission counts, accepted or rejected). */
    interface Quota {
        /** Default PT24H. */
        @WithDefault("PT24H")
        Duration window();

        /** Most submissions per sender and window. Default 1000. */
        @WithDefault("1000")
        int maxMessages();

        /** Most accepted ciphertext bytes per sender and window. Default 1G. */
        @WithDefault("1G")
        MemorySize maxBytes();
    }

    /** Signed party requests (inbox, content, evidence, webhook registration). */
    interface Requests {
        /** A request signed longer ago (or later, clock skew) than this is refused; each is accepted once. Default PT5M. */
        @WithDefault("PT5M")
        Duration maxAge();

        /** Largest JSON body of any endpoint but the content upload. Default 64K. */
        @WithDefault("64K")
        MemorySize maxBodySize();
    }

    /** Notification of recipients that registered a webhook. */
    interface Webhook {
        /** Whether plain {@code http://} webhook URLs are accepted (development only). Default false. */
        @WithDefault("false")
        boolean allowHttp();

        /**
         * Whether webhooks may point at loopback, private (site-local) or link-local addresses, i.e. into the
         * service's own network (development and tests only). Default false.
         */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /** Timeout of one delivery attempt. Default 10s. */
        @WithDefault("10s")
        Duration timeout();

        /** Delivery attempts before giving up (the recipient can still poll). Default 5. */
        @WithDefault("5")
        int attempts();

        /** Delay before the second attempt; doubled after each failure. Default 2s. */
        @WithDefault("2s")
        Duration backoff();
    }
}
