package org.semper.arbiter;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.semper.runtime.exchange.stamping.TimeStampingConfig;
import org.semper.runtime.keys.KeySourceConfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the dispute arbiter ({@code semper.arbiter.*}); README "Configuration" lists every key. */
@ConfigMapping(prefix = "semper.arbiter")
public interface ArbiterConfig {
    String SIGNING_KEY_PREFIX = "semper.arbiter.signing-key";

    /** The arbiter's public base URL, written into notices and transcripts. */
    URI url();

    /** The key that signs transcripts, case bundles, notices (as certified-mail sender) and ledger claims. */
    KeySourceConfig signingKey();

    Trust trust();

    Disputes disputes();

    Notice notice();

    Ttps ttps();

    Ledger ledger();

    /** Post-hoc JAdES B-T time-stamps of transcripts (the same settings as the notary's token stamping). */
    TimeStampingConfig timeStamping();

    interface Trust {
        /** PEM files of the CAs whose certificates the arbiter accepts as signers of evidence. Required. */
        List<Path> anchors();

        /** PEM files of the TSAs' anchors for signature time-stamps; default: {@link #anchors()}. */
        Optional<List<Path>> tsaAnchors();

        /** Pinned C2SP verifier keys of TTP logs ({@code <name>+<id>+<key>}); log keys certified under the anchors
         * are accepted without being listed. */
        Optional<List<String>> logKeys();
    }

    interface Disputes {
        /** How long the respondent has to answer, from the certified-mail submission of the notice. Default 14 days. */
        @WithDefault("P14D")
        Duration responseWindow();

        /** Largest evidence bundle (document and detached items together). Default 32 MiB. */
        @WithDefault("33554432")
        long maxBundleBytes();

        /** Most items in a bundle. Default 2000. */
        @WithDefault("2000")
        int maxBundleItems();

        /** How often the decision job looks for disputes ready to decide (answered, or past the deadline). Default 30 s. */
        @WithDefault("30s")
        Duration decisionInterval();

        /** How old a party's signed access request may be. Default 5 min. */
        @WithDefault("5m")
        Duration accessRequestMaxAge();
    }

    interface Notice {
        /**
         * Base URL of the certified-mail service whose relay delivers the respondent's notice (e.g.
         * {@code http://127.0.0.1:8084}). Without it no notice is sent: the event says so and the response window
         * runs from the filing.
         */
        Optional<URI> relayUrl();

        /** How often pending notices are sent and their delivery evidence collected. Default 10 s. */
        @WithDefault("10s")
        Duration interval();

        /** Wait before retrying a notice the relay did not accept. Default 5 min. */
        @WithDefault("5m")
        Duration retryAfter();

        /** Timeout of one request to the relay. Default 10 s. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Ttps {
        /**
         * Base URLs of the TTPs whose status and log proofs the arbiter fetches; a first message naming another
         * TTP is judged without its view (the arbiter does not call arbitrary URLs from evidence).
         */
        Optional<List<URI>> trusted();

        /** Timeout of one request to a TTP. Default 10 s. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Ledger {
        /** Base URL of the CA whose claims ledger takes claims against covered certificates (ca-service). */
        Optional<URI> url();
    }
}
