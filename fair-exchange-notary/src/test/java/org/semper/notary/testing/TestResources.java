package org.semper.notary.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Test resources shared by every {@code @QuarkusTest} of the notary (declared once, unrestricted, so all test classes
 * run against one application instance): the embedded environment with its CA and TSA, and a WireMock OIDC server.
 */
@QuarkusTestResource(NotaryTestEnvironment.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
