package org.semper.notary.testing;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import org.semper.evidence.exchange.AbortRequest;
import org.semper.evidence.exchange.ExchangeRequests;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.ResolveRequest;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.cs.ContractMessages;
import org.semper.evidence.exchange.cs.ContractTerms;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.exchange.px.Price;
import org.semper.evidence.exchange.px.PurchaseMessages;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.runtime.testing.InProcessCa;

import io.restassured.path.json.JsonPath;

/**
 * The party side of the notary's tests, built with the evidence library's party-side builders (no protocol rule is
 * written here): parties with real certificates from the test CA, contract-signing and purchase messages naming the
 * notary as it describes itself ({@code GET /api/v1/notary}), and the abort and resolve requests.
 */
public final class Exchanges {

    /** A party and its statement signer. */
    public record Party(InProcessCa.Party credentials, StatementSigner signer) {
        public X509Certificate certificate() {
            return credentials.certificate();
        }
    }

    /** A contract-signing exchange up to me2. */
    public record Contract(SignedStatement me1, SignedStatement me2) {
        public String id() {
            return me1.id();
        }
    }

    /** A purchase up to px2. */
    public record Purchase(SealedContent goods, SignedStatement px1, SignedStatement px2) {
        public String id() {
            return px1.id();
        }
    }

    public final TtpIdentity notary;
    public final PublicKey escrowKey;
    public final X509Certificate signingCertificate;

    private Exchanges(TtpIdentity notary, PublicKey escrowKey, X509Certificate signingCertificate) {
        this.notary = notary;
        this.escrowKey = escrowKey;
        this.signingCertificate = signingCertificate;
    }

    /** Reads the notary's identity and escrow key from its API. */
    public static Exchanges fromNotary() {
        JsonPath info = given().get("/api/v1/notary").then().statusCode(200).extract().jsonPath();
        TtpIdentity notary = new TtpIdentity(info.getString("ttp.url"), info.getString("ttp.certSha256"));
        X509Certificate escrow = firstCertificate(given().get("/api/v1/notary/escrow-key").then().statusCode(200)
                .extract().asString());
        X509Certificate signing = firstCertificate(given().get("/api/v1/notary/certificates").then().statusCode(200)
                .extract().asString());
        return new Exchanges(notary, escrow.getPublicKey(), signing);
    }

    /** Exchanges with the notary that describes itself so (e.g. read by another client than RestAssured). */
    public static Exchanges of(TtpIdentity notary, X509Certificate escrowCertificate, X509Certificate signingCertificate) {
        return new Exchanges(notary, escrowCertificate.getPublicKey(), signingCertificate);
    }

    public static X509Certificate firstCertificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new AssertionError("not a PEM certificate: " + pem, e);
        }
    }

    public static Party party(String name) {
        return party(NotaryTestEnvironment.partiesCa().issue(name));
    }

    public static Party party(InProcessCa.Party credentials) {
        return new Party(credentials, StatementSigner.of(credentials.keys().getPrivate(), credentials.chain()));
    }

    // --- semper-cs/1 ---------------------------------------------------------------------------------------------

    public Contract contract(Party originator, Party responder) {
        return contract(originator, responder, notary, Optional.empty());
    }

    public Contract contract(Party originator, Party responder, TtpIdentity ttp, Optional<Instant> deadline) {
        SignedStatement me1 = ContractMessages.me1(originator.signer(), responder.certificate(), ttp,
                ContractTerms.text("text/plain", "R buys O's bicycle for 100 EUR (" + Hashes.b64u(Hashes.random32()) + ")."),
                Hashes.random32(), deadline);
        SignedStatement me2 = ContractMessages.me2(responder.signer(), me1, Hashes.random32());
        return new Contract(me1, me2);
    }

    public static String abort(Party requester, SignedStatement first) {
        AbortRequest request = ExchangeRequests.abort(requester.signer(), first);
        return request.toJson();
    }

    public static String resolve(Party requester, Contract contract) {
        ResolveRequest request = ExchangeRequests.resolve(requester.signer(), contract.me1(), contract.me2(), Optional.empty());
        return request.toJson();
    }

    // --- semper-px/1 ---------------------------------------------------------------------------------------------

    public static final byte[] GOODS = "the e-book, as ordered".getBytes(StandardCharsets.UTF_8);

    public Purchase purchase(Party merchant, Party buyer) {
        return purchase(merchant, buyer, PurchaseMessages.seal(GOODS, escrowKey, merchant.certificate(), buyer.certificate()));
    }

    public Purchase purchase(Party merchant, Party buyer, SealedContent goods) {
        SignedStatement px1 = PurchaseMessages.px1(merchant.signer(), buyer.certificate(), notary,
                Hashes.h(("order " + Hashes.b64u(Hashes.random32())).getBytes(StandardCharsets.UTF_8)),
                new Price(1999, "EUR"), goods, Optional.empty());
        return new Purchase(goods, px1, PurchaseMessages.px2(buyer.signer(), px1));
    }

    public static String resolve(Party requester, Purchase purchase) {
        return ExchangeRequests.resolve(requester.signer(), purchase.px1(), purchase.px2(), Optional.of(purchase.goods().ek()))
                .toJson();
    }
}
