package org.semper.mail.problem;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.runtime.problem.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Problems by their code, from the evidence library's rejections, and stored statements embedded in answers. */
public final class MailProblems {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MailProblems() {
    }

    /** The problem whose code is {@code code} (the exchange reasons share their codes with it). */
    public static MailProblem byCode(String code) {
        for (MailProblem problem : MailProblem.values()) {
            if (problem.code().equals(code)) {
                return problem;
            }
        }
        throw new IllegalArgumentException("no problem with code " + code);
    }

    /** The answer to a rejection by the evidence library: its reason code, its message. */
    public static ProblemException of(ExchangeRejection rejection) {
        return new ProblemException(byCode(rejection.reason().code()), rejection.getMessage());
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
