package org.semper.agent.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/** Answers of the test servers ({@link TestTtp}, {@link TestCa}): a body, or an RFC 9457 problem with a code. */
final class HttpAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpAnswers() {
    }

    static byte[] problem(String code, String detail) {
        return JSON.createObjectNode().put("type", "about:blank").put("code", code).put("title", code)
                .put("detail", detail).toString().getBytes(StandardCharsets.UTF_8);
    }

    static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
