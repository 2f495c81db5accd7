package org.semper.ca.api;

import java.security.cert.CertificateEncodingException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.ca.hierarchy.IssuingCa;
import org.semper.runtime.keys.CertificatePem;

/** The CA's own certificates. */
@Path("/ca")
public class CaResource {

    @Inject
    IssuingCa ca;

    @GET
    @Path("/certs")
    @Produces("application/pem-certificate-chain")
    @Operation(summary = "Issuing CA and root certificates (PEM, issuing CA first)")
    public String chain() {
        return CertificatePem.encode(ca.chain());
    }

    @GET
    @Path("/issuing.crt")
    @Produces("application/pkix-cert")
    @Operation(summary = "The issuing CA certificate (DER; the AIA caIssuers URL)")
    public byte[] issuing() throws CertificateEncodingException {
        return ca.certificate().getEncoded();
    }

    @GET
    @Path("/root.crt")
    @Produces("application/pkix-cert")
    @Operation(summary = "The root certificate (DER)")
    public byte[] root() throws CertificateEncodingException {
        return ca.root().getEncoded();
    }
}
