package org.semper.mail.api;

import java.io.InputStream;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.Hashes;
import org.semper.mail.exchange.OptimisticExchanges;
import org.semper.mail.keys.EscrowKey;
import org.semper.mail.keys.MailTtp;
import org.semper.runtime.exchange.StatusReport;
import org.semper.runtime.exchange.StoredDecision;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.log.LogCheckpoints;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * Optimistic mode ({@code semper-cm/1}, {@code docs/protocols.md} §3, §5) and who this TTP is. Abort and resolve are
 * answered with the stored token itself ({@code application/jose+json}, byte for byte on every retry), with the
 * exchange id, token id and outcome ({@code aborted}, {@code resolved}, {@code affidavit}) in headers; the status
 * is a signed, logged statement with the stored token. The same answers as the notary's.
 */
@Path("/api/v1/mail")
public class ExchangeResource {

    /** RFC 7515 §9.2.1: a JWS in JSON serialization. */
    public static final String JOSE_JSON = "application/jose+json";
    /** RFC 8555 §9.1: PEM certificates, leaf first. */
    public static final String PEM_CHAIN = "application/pem-certificate-chain";
    /** The HPKE suite of the escrow (RFC 9180). */
    public static final String HPKE_SUITE = "DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM";

    public record Identity(String url, String certSha256) {
    }

    public record Escrow(String hpkeSuite, String certSha256, String certificateChain) {
    }

    public record Log(String origin, String verifierKey) {
    }

    public record TtpView(Identity ttp, List<String> protocols, String signingCertificateChain, Escrow escrow, Log log,
            long maxContentSize) {
    }

    /** The status statement (raw JSON) and, if the exchange is decided, the stored token (raw JSON, as stored). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusView(@JsonRawValue String status, String state, @JsonRawValue String token) {
    }

    @Inject
    OptimisticExchanges exchanges;

    @Inject
    BoundedBody bodies;

    @Inject
    MailTtp ttp;

    @Inject
    SigningKey signingKey;

    @Inject
    EscrowKey escrowKey;

    @Inject
    LogCheckpoints log;

    @Inject
    org.semper.mail.relay.ContentSpool spool;

    @POST
    @Path("/abort")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ JOSE_JSON, MediaType.APPLICATION_JSON })
    @Operation(summary = "Abort (sender only): the abort token, or the stored token if already decided")
    public Response abort(InputStream body) {
        return token(exchanges.abort(bodies.read(body)));
    }

    @POST
    @Path("/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ JOSE_JSON, MediaType.APPLICATION_JSON })
    @Operation(summary = "Resolve (recipient, with its EOR): the key-released token, an affidavit, or the stored token")
    public Response resolve(InputStream body) {
        return token(exchanges.resolve(bodies.read(body)));
    }

    @GET
    @Path("/exchanges/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A signed status statement (none / aborted / resolved) and the stored token; logged")
    public StatusView status(@PathParam("id") String id) {
        StatusReport report = exchanges.status(id);
        return new StatusView(report.statement().toJson(), report.decision().map(OptimisticExchanges::outcomeName)
                .orElse("none"), report.decision().map(StoredDecision::tokenJson).orElse(null));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This TTP: the identity EOOs name, its signing certificate, escrow key, log and content limit")
    public TtpView ttp() {
        return new TtpView(new Identity(ttp.identity().url(), ttp.identity().certSha256()),
                List.of(ExchangeProtocol.CERTIFIED_MAIL.id()), CertificatePem.encode(signingKey.chain()),
                new Escrow(HPKE_SUITE, Hashes.fingerprint(escrowKey.key().certificate()),
                        CertificatePem.encode(escrowKey.key().chain())),
                new Log(log.origin(), log.verifierKey()), spool.limit());
    }

    @GET
    @Path("/certificates")
    @Produces(PEM_CHAIN)
    @Operation(summary = "The certificate chain of the evidence signing key (PEM, leaf first)")
    public String certificates() {
        return CertificatePem.encode(signingKey.chain());
    }

    @GET
    @Path("/escrow-key")
    @Produces(PEM_CHAIN)
    @Operation(summary = "The certified escrow key (P-256, keyAgreement): its certificate chain (PEM, leaf first)")
    public String escrowKey() {
        return CertificatePem.encode(escrowKey.key().chain());
    }

    private static Response token(StoredDecision decision) {
        return Response.ok(decision.token(), JOSE_JSON)
                .header("Semper-Exchange-Id", decision.exchangeId())
                .header("Semper-Token-Id", decision.tokenId())
                .header("Semper-Exchange-Outcome", OptimisticExchanges.outcomeName(decision))
                .build();
    }
}
