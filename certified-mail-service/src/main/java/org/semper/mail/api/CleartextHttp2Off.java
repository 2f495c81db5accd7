package org.semper.mail.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * No HTTP/2 over cleartext (h2c) on the plain HTTP port: an HTTP/1.1 request asking to upgrade to h2c is held
 * whole in memory by the server until the upgrade, which would defeat the streaming of uploads (a 25 MiB upload
 * would sit in the heap). Such a request is simply served as HTTP/1.1. HTTP/2 over TLS (ALPN) is unaffected.
 */
@ApplicationScoped
public class CleartextHttp2Off implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
