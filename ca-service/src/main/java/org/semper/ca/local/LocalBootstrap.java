package org.semper.ca.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.semper.ca.CaConfig;

import io.quarkus.runtime.StartupEvent;

/**
 * At startup on the {@code local} profile ({@code semper.ca.local-services.enabled}), issues the other Semper
 * services' local certificates ({@link LocalServiceCertificates}) into the data root the launcher prepared
 * ({@code semper.local.data-dir}), before the CA answers requests. A failure is logged, and the CA runs on: a
 * service then falls back to a key from the local root, as when it runs without the CA.
 */
@ApplicationScoped
public class LocalBootstrap {

    private static final Logger LOG = Logger.getLogger(LocalBootstrap.class);

    @Inject
    CaConfig config;

    @Inject
    LocalServiceCertificates certificates;

    @ConfigProperty(name = "semper.local.data-dir")
    Optional<String> dataDir;

    void onStart(@Observes StartupEvent event) {
        Set<String> reissue = config.localServices().reissue().map(Set::copyOf).orElse(Set.of());
        if (!config.localServices().enabled()) {
            if (!reissue.isEmpty()) {
                LOG.warn("--reissue-local only works on the local profile; nothing reissued");
            }
            return;
        }
        if (dataDir.isEmpty()) {
            LOG.warn("semper.ca.local-services.enabled, but no semper.local.data-dir: local service certificates not issued");
            return;
        }
        Path root = Path.of(dataDir.get());
        try {
            List<LocalServiceCertificates.Outcome> outcomes = certificates.provide(root, reissue);
            LOG.infof("Local certificates of the Semper services (issuing CA: this one; trust anchor %s):%n%s",
                    org.semper.runtime.local.LocalTrustAnchor.rootPem(root),
                    outcomes.stream().map(LocalServiceCertificates.Outcome::describe).collect(Collectors.joining("\n")));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Local service certificates not issued (services will use keys from the local root): %s", e.getMessage());
        }
    }
}
