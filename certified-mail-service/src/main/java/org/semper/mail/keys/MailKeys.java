package org.semper.mail.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.semper.mail.MailConfig;
import org.semper.runtime.keys.KeySourceException;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;

/** Opens the service's evidence signing key at startup, failing fast with a message naming the setting to fix. */
@ApplicationScoped
public class MailKeys {

    @Produces
    @Singleton
    SigningKey signingKey(MailConfig config) {
        SigningKey key = KeySources.open(config.signingKey(), MailConfig.SIGNING_KEY_PREFIX);
        if (!key.selfTest()) {
            throw new KeySourceException("The evidence key " + key.description() + " does not match its certificate or cannot sign");
        }
        return key;
    }
}
