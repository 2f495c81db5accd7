package org.semper.mail.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link MailResourceTest} against the packaged application, started with a small heap
 * ({@code quarkus.test.arg-line}): the 10 MiB and 25 MiB+1 uploads pass only if content is streamed.
 */
@QuarkusIntegrationTest
class MailResourceIT extends MailResourceTest {
}
