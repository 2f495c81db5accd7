package org.semper.tsa.token;

import java.util.concurrent.CompletionStage;

/**
 * Where issued tokens are recorded durably. The TSA releases a token only after the returned stage completes
 * normally, i.e. after the record is committed.
 */
public interface TokenLedger {

    CompletionStage<Void> append(IssuedToken token);
}
