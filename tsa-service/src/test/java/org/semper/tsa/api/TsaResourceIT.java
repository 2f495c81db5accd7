package org.semper.tsa.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same RFC 3161 tests against the packaged application ({@code target/quarkus-app}), run by failsafe in {@code verify}. */
@QuarkusIntegrationTest
class TsaResourceIT extends TsaResourceTest {
}
