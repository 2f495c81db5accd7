package org.semper.mail.api;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A statement embedded in a JSON answer, as its own JSON text. */
final class SignedStatementJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignedStatementJson() {
    }

    static String of(String answer, String member) throws java.io.IOException {
        return JSON.readTree(answer).get(member).toString();
    }
}
