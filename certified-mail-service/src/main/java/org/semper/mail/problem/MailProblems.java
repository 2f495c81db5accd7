package org.semper.mail.problem;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Looking up problems by their stored code, and embedding stored statements in problem documents. */
public final class MailProblems {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MailProblems() {
    }

    /** The problem whose code is {@code code} (as stored with a rejection). */
    public static MailProblem byCode(String code) {
        for (MailProblem problem : MailProblem.values()) {
            if (problem.code().equals(code)) {
                return problem;
            }
        }
        throw new IllegalArgumentException("no problem with code " + code);
    }

    /** A stored statement (flattened JWS JSON) as a JSON value, to embed it. */
    public static JsonNode json(String statement) {
        try {
            return MAPPER.readTree(statement);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored statement is not JSON", e);
        }
    }
}
