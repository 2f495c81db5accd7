package org.semper.runtime.local;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;

/** Stops the embedded PostgreSQL after every other shutdown observer (which may still flush to it) has run. */
@ApplicationScoped
public class LocalEnvironmentShutdown {

    void onShutdown(@Observes @Priority(Integer.MAX_VALUE - 100) ShutdownEvent event) {
        LocalEnvironment environment = LocalEnvironment.current();
        if (environment != null && LocalProfile.active()) {
            environment.close();
        }
    }
}
