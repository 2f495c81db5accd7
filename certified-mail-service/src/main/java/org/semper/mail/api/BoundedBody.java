package org.semper.mail.api;

import org.semper.runtime.exchange.ExchangeProblem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.mail.MailConfig;
import org.semper.mail.problem.MailProblem;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

/**
 * Reads a request body of the JSON endpoints, refusing it with 413 problem+json as soon as it grows past
 * {@code semper.mail.requests.max-body-size} (the HTTP layer's own limit is the much larger content limit).
 */
@ApplicationScoped
public class BoundedBody {

    private final long limit;

    @Inject
    public BoundedBody(MailConfig config) {
        this.limit = config.requests().maxBodySize().asLongValue();
    }

    public byte[] read(InputStream body) {
        if (body == null) {
            throw new ProblemException(ExchangeProblem.MALFORMED, "The request has no body");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = body.read(buffer)) != -1) {
                if (out.size() + n > limit) {
                    throw new ProblemException(CommonProblem.PAYLOAD_TOO_LARGE, "This endpoint accepts at most " + limit
                            + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ProblemException(ExchangeProblem.MALFORMED, "The body could not be read: " + e.getMessage());
        }
        if (out.size() == 0) {
            throw new ProblemException(ExchangeProblem.MALFORMED, "The request has no body");
        }
        return out.toByteArray();
    }

    public String text(InputStream body) {
        return new String(read(body), StandardCharsets.UTF_8);
    }
}
