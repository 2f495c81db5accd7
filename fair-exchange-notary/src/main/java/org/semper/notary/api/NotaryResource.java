package org.semper.notary.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.keys.KeyAgreementKey;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.log.LogCheckpoints;

import io.smallrye.common.annotation.Blocking;

/**
 * Who the notary is: the identity parties name in their first messages, the certificate its tokens are signed
 * with, the certified escrow key parties seal content keys to, and its transparency log.
 */
@Path("/api/v1/notary")
@Blocking
public class NotaryResource {

    /** RFC 8555 §9.1: PEM certificates, leaf first. */
    public static final String PEM_CHAIN = "application/pem-certificate-chain";
    /** The HPKE suite of the escrow (RFC 9180): DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM. */
    public static final String HPKE_SUITE = "DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM";

    public record Identity(String url, String certSha256) {
    }

    public record Escrow(String hpkeSuite, String certSha256, String certificateChain) {
    }

    public record Log(String origin, String verifierKey) {
    }

    public record NotaryView(Identity ttp, List<String> protocols, String signingCertificateChain, Escrow escrow, Log log) {
    }

    @Inject
    TtpIdentity identity;

    @Inject
    SigningKey signingKey;

    @Inject
    KeyAgreementKey escrowKey;

    @Inject
    LogCheckpoints log;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The notary's identity, signing certificate, escrow key and log")
    public NotaryView notary() {
        return new NotaryView(new Identity(identity.url(), identity.certSha256()),
                List.of(ExchangeProtocol.CONTRACT_SIGNING.id(), ExchangeProtocol.PURCHASE.id()),
                CertificatePem.encode(signingKey.chain()),
                new Escrow(HPKE_SUITE, Hashes.fingerprint(escrowKey.certificate()), CertificatePem.encode(escrowKey.chain())),
                new Log(log.origin(), log.verifierKey()));
    }

    @GET
    @Path("certificates")
    @Produces(PEM_CHAIN)
    @Operation(summary = "The certificate chain of the token signing key (PEM, leaf first)")
    public String certificates() {
        return CertificatePem.encode(signingKey.chain());
    }

    @GET
    @Path("escrow-key")
    @Produces(PEM_CHAIN)
    @Operation(summary = "The certified escrow key (P-256, keyAgreement): its certificate chain (PEM, leaf first)")
    public String escrowKey() {
        return CertificatePem.encode(escrowKey.chain());
    }
}
