package org.semper.runtime.log;

import java.time.Duration;
import java.util.Optional;

import org.semper.runtime.keys.KeySourceConfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's transparency log ({@code semper.log.*}). */
@ConfigMapping(prefix = "semper.log")
public interface LogConfig {

    /**
     * The log's origin: first line of every checkpoint and the name of its signing key (C2SP tlog-checkpoint).
     * Default {@code semper/<quarkus.application.name>}. Never change it for a running log.
     */
    Optional<String> origin();

    /** The Ed25519 key that signs checkpoints (PKCS#12; generated on the local profile). */
    KeySourceConfig key();

    Sequencer sequencer();

    /** Most entries one {@code GET /log/entries} returns. Default 1000. */
    @WithDefault("1000")
    int maxEntriesPerRequest();

    interface Sequencer {
        /** How often the sequencer integrates new entries and signs a checkpoint. Default 500 ms (so at least once a second). */
        @WithDefault("500ms")
        Duration interval();

        /** Most entries integrated per checkpoint. Default 20000. */
        @WithDefault("20000")
        int batch();
    }
}
