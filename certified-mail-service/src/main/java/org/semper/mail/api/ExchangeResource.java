package org.semper.mail.api;

import java.io.InputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.semper.evidence.exchange.Payloads;
import org.semper.mail.exchange.OptimisticExchanges;
import org.semper.mail.keys.EscrowKey;
import org.semper.mail.keys.MailTtp;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.exchange.StoredDecision;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Optimistic mode ({@code semper-cm/1} §3): abort, resolve, and a signed status statement for any exchange id. The
 * answer to abort and resolve is the stored token itself, byte for byte on every retry; the header
 * {@code Semper-Outcome} says which it is ({@code aborted}, {@code resolved}, {@code affidavit}).
 */
@Path("/api/v1/mail")
public class ExchangeResource {

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

    @POST
    @Path("/abort")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response abort(InputStream body) {
        return token(exchanges.abort(bodies.read(body)));
    }

    @POST
    @Path("/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response resolve(InputStream body) {
        return token(exchanges.resolve(bodies.read(body)));
    }

    /** {@code Sig_T{msg: "status", exchange, state: none|aborted|resolved, [token], time}}, logged. */
    @GET
    @Path("/exchanges/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public String status(@PathParam("id") String id) {
        return exchanges.status(id).statement().toJson();
    }

    /**
     * This TTP as EOOs must name it, its signing certificate chain and the escrow key's certificate chain (PEM):
     * what a sender needs to seal a message and write its EOO.
     */
    @GET
    @Path("/certificates")
    @Produces(MediaType.APPLICATION_JSON)
    public String certificates() {
        ObjectNode answer = Payloads.object();
        answer.set("ttp", Payloads.object().put("url", ttp.identity().url()).put("certSha256", ttp.identity().certSha256()));
        answer.put("signing", CertificatePem.encode(signingKey.chain()));
        answer.put("escrow", CertificatePem.encode(escrowKey.key().chain()));
        return answer.toString();
    }

    private static Response token(StoredDecision decision) {
        String outcome = decision.affidavit() ? "affidavit" : decision.outcome().name().toLowerCase(java.util.Locale.ROOT);
        return Response.ok(decision.token(), MediaType.APPLICATION_JSON_TYPE).header("Semper-Outcome", outcome)
                .header("Semper-Exchange", decision.exchangeId()).build();
    }
}
