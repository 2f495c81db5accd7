package org.semper.arbiter.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Test resources shared by every {@code @QuarkusTest} of the arbiter (declared once, unrestricted, so all test classes
 * run against one application instance).
 */
@QuarkusTestResource(ArbiterTestEnvironment.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestResources {
    private TestResources() {
    }
}
