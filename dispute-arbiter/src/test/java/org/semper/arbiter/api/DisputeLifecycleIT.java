package org.semper.arbiter.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The lifecycle against the packaged application (quarkus-app), with the same test resources. */
@QuarkusIntegrationTest
class DisputeLifecycleIT extends DisputeLifecycleTest {
}
