package org.semper.mail.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.semper.mail.MailConfig;

/** The configured {@link ContentStore} ({@code semper.mail.relay.storage}). */
@ApplicationScoped
public class ContentStores {

    @Produces
    @Singleton
    ContentStore store(MailConfig config) {
        return switch (config.relay().storage()) {
            case DATABASE -> new LargeObjectStore();
            case DIRECTORY -> new DirectoryStore(config.relay().directory().orElseThrow(() -> new IllegalStateException(
                    "Set semper.mail.relay.directory for semper.mail.relay.storage=directory")));
        };
    }
}
