package org.semper.runtime.log;

import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import io.smallrye.common.annotation.Blocking;

/**
 * The transparency log of this TTP, on every Semper service. Hashes are standard base64 (base64url accepted).
 */
@Path("/log")
@Blocking
public class TransparencyLogResource {

    public record InclusionProofView(long leafIndex, long treeSize, List<String> hashes) {
    }

    public record ConsistencyProofView(long from, long to, List<String> hashes) {
    }

    public record EntryView(long index, String kind, String ref, String entry, String leafHash) {
    }

    /** The log's origin, its C2SP verifier key, and the PEM certificate chain of that key. */
    public record LogKeyView(String origin, String verifierKey, String certificateChain) {
    }

    @Inject
    TransparencyLog log;

    @GET
    @Path("/checkpoint")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Latest signed checkpoint (C2SP tlog-checkpoint, signed note)")
    public String checkpoint() {
        return log.latestCheckpoint().note();
    }

    @GET
    @Path("/key")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The log's origin and C2SP verifier key (pin it to verify checkpoints)")
    public LogKeyView key() {
        return new LogKeyView(log.origin(), log.verifierKey(), log.keyCertificateChainPem());
    }

    @GET
    @Path("/proof/inclusion")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Inclusion proof of a leaf hash in the tree of the given size (default: latest)")
    public InclusionProofView inclusion(@QueryParam("hash") String hash, @QueryParam("size") Long size) {
        TransparencyLog.InclusionProof proof = log.inclusion(TransparencyLog.parseHash(hash), size);
        return new InclusionProofView(proof.leafIndex(), proof.treeSize(), encode(proof.hashes()));
    }

    @GET
    @Path("/proof/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Consistency proof between two tree sizes")
    public ConsistencyProofView consistency(@QueryParam("from") Long from, @QueryParam("to") Long to) {
        if (from == null || to == null) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "from and to are required");
        }
        return new ConsistencyProofView(from, to, encode(log.consistency(from, to)));
    }

    @GET
    @Path("/entries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Entries with leaf index in [start, end)")
    public List<EntryView> entries(@QueryParam("start") Long start, @QueryParam("end") Long end) {
        if (start == null || end == null) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "start and end are required");
        }
        Base64.Encoder b64 = Base64.getEncoder();
        return log.entries(start, end).stream()
                .map(e -> new EntryView(e.index(), e.kind(), e.ref(), b64.encodeToString(e.entry()),
                        b64.encodeToString(TransparencyLog.leafHashOf(e.entry()))))
                .toList();
    }

    @GET
    @Path("/bundle")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Offline proof bundle (C2SP tlog-proof) for a leaf hash, against the latest checkpoint")
    public String bundle(@QueryParam("hash") String hash) {
        return log.proofBundle(TransparencyLog.parseHash(hash));
    }

    private static List<String> encode(List<byte[]> hashes) {
        Base64.Encoder b64 = Base64.getEncoder();
        return hashes.stream().map(b64::encodeToString).toList();
    }
}
