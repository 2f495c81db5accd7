package org.semper.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpServer;

/** The JDK's HTTP server on a free loopback port, for the in-process test services ({@link InProcessCa}, {@link InProcessTsa}). */
final class LoopbackServer {

    /** Computes a reply body from a request body. */
    @FunctionalInterface
    interface Answer {
        byte[] answer(byte[] requestBody) throws Exception;
    }

    private final HttpServer server;

    LoopbackServer() {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open a loopback HTTP server", e);
        }
    }

    /** Serves {@code path}: 503 while {@code up} is false, else 200 with the answer as {@code contentType}, 500 if it fails. */
    LoopbackServer serve(String path, BooleanSupplier up, String contentType, Answer answer) {
        server.createContext(path, exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                if (!up.getAsBoolean()) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                byte[] reply = answer.answer(body);
                exchange.getResponseHeaders().add("Content-Type", contentType);
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        return this;
    }

    LoopbackServer start() {
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:<port>}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }
}
