package org.semper.agent.transport;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where an agent receives envelopes: its HTTP endpoint ({@code http://127.0.0.1:9001}) or its inbox directory
 * ({@code file:/home/alice/.semper/inbox}, or a plain path).
 */
public sealed interface PeerAddress {
    record Http(URI base) implements PeerAddress {
        @Override
        public String toString() {
            return base.toString();
        }
    }

    record Directory(Path inbox) implements PeerAddress {
        @Override
        public String toString() {
            return inbox.toUri().toString();
        }
    }

    /**
     * @throws IllegalArgumentException if it is neither an http(s) URL with a host nor a path
     */
    static PeerAddress parse(String text) {
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri = URI.create(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("'" + text + "' has no host");
            }
            return new Http(uri);
        }
        if (lower.startsWith("file:")) {
            return new Directory(Path.of(URI.create(trimmed)));
        }
        if (trimmed.isEmpty() || trimmed.contains("://")) {
            throw new IllegalArgumentException("'" + text + "' is neither an http(s) URL nor a directory");
        }
        return new Directory(Path.of(trimmed).toAbsolutePath());
    }
}
