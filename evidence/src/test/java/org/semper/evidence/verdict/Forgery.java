package org.semper.evidence.verdict;

import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;

/** Forged statements for the scenarios: a header and payload under a signature made for something else. */
final class Forgery {
    private Forgery() {
    }

    /** {@code claimed}'s protected header and payload with the signature value of {@code signed}. */
    static SignedStatement withSignatureOf(SignedStatement claimed, SignedStatement signed) {
        String[] parts = claimed.compact().split("\\.");
        String signature = signed.compact().split("\\.")[2];
        try {
            return SignedStatement.parse("{\"protected\":\"" + parts[0] + "\",\"payload\":\"" + parts[1]
                    + "\",\"signature\":\"" + signature + "\"}");
        } catch (MalformedStatementException e) {
            throw new IllegalStateException(e);
        }
    }
}
