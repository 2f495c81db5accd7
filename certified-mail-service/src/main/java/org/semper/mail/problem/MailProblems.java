package org.semper.mail.problem;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.runtime.exchange.ExchangeProblem;
import org.semper.runtime.problem.ProblemException;
import org.semper.runtime.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Problems by their code, from the evidence library's rejections, and stored statements embedded in answers. */
public final class MailProblems {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MailProblems() {
    }

    /** The problem whose code is {@code code} (as stored with a rejection): the relay's, or an exchange reason's. */
    public static ProblemType byCode(String code) {
        for (MailProblem problem : MailProblem.values()) {
            if (problem.code().equals(code)) {
                return problem;
            }
        }
        for (ExchangeProblem problem : ExchangeProblem.values()) {
            if (problem.code().equals(code)) {
                return problem;
            }
        }
        throw new IllegalArgumentException("no problem with code " + code);
    }

    /** The answer to a rejection by the evidence library: its reason code, its message. */
    public static ProblemException of(ExchangeRejection rejection) {
        return ExchangeProblem.toProblem(rejection);
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
