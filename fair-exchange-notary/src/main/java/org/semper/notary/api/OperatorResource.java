package org.semper.notary.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.semper.runtime.exchange.trust.PartyTrust;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** Operator actions (OIDC realm role {@code operator}, as on every Semper service). */
@Path("/api/v1/operator")
@Blocking
public class OperatorResource {

    private static final Logger LOG = Logger.getLogger(OperatorResource.class);

    @Inject
    PartyTrust trust;

    @Inject
    SecurityIdentity caller;

    @POST
    @Path("revocation-cache/clear")
    @RolesAllowed("operator")
    @Operation(summary = "Forget cached revocation data (after a CA announced revocations that must take effect now)")
    public void clearRevocationCache() {
        trust.revocationCache().clear();
        LOG.infof("Revocation cache cleared by %s", caller.getPrincipal().getName());
    }
}
