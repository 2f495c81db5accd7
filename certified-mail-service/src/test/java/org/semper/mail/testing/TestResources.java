package org.semper.mail.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Test resources shared by every {@code @QuarkusTest} of the service (declared once, unrestricted, so all test
 * classes run against one application instance): the embedded environment and a WireMock OIDC server.
 */
@QuarkusTestResource(MailTestEnvironment.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
