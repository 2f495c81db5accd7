package org.semper.runtime.exchange;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.local.LocalKeySpec;
import org.semper.runtime.local.LocalTrustAnchor;

/**
 * Opaque TTP tokens for the store's tests: real signed statements by a key under a throw-away local trust anchor,
 * with a payload that only names the exchange and a label. The store does not look inside.
 */
public final class ExchangeTestTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKey key;
    private final StatementSigner signer;

    public ExchangeTestTokens(Path directory) {
        LocalTrustAnchor anchor = LocalTrustAnchor.loadOrCreate(directory.resolve("local-ca"));
        Path keystore = directory.resolve("ttp").resolve("signing.p12");
        String password = anchor.ensureKeyStore(LocalKeySpec.documentSigning("test.ttp", "signing", "CN=Test TTP,O=Semper"),
                keystore);
        this.key = KeySources.openPkcs12(keystore, password, Optional.empty(), Optional.empty());
        this.signer = key.statementSigner();
    }

    public SignedStatement token(String exchangeId, String msg) {
        byte[] nonce = new byte[8];
        RANDOM.nextBytes(nonce);
        return signer.sign("semper-test-token", Map.of("protocol", "semper-test/1", "msg", msg, "exchange", exchangeId,
                "n", Base64.getUrlEncoder().withoutPadding().encodeToString(nonce)));
    }

    public ProposedDecision abort(String exchangeId) {
        return ProposedDecision.aborted("semper-test/1", token(exchangeId, "aborted"), ("abort " + exchangeId).getBytes());
    }

    public ProposedDecision resolve(String exchangeId) {
        return ProposedDecision.resolved("semper-test/1", token(exchangeId, "resolved"), ("resolve " + exchangeId).getBytes());
    }

    public SigningKey key() {
        return key;
    }

    public static String newExchangeId() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
