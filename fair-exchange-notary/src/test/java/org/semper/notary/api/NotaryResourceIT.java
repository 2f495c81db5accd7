package org.semper.notary.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application ({@code target/quarkus-app}), run by failsafe in {@code verify}. */
@QuarkusIntegrationTest
class NotaryResourceIT extends NotaryResourceTest {
}
