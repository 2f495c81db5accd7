package org.semper.ca.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import org.semper.ca.CaMain;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

/**
 * The CA's test environment: a real embedded PostgreSQL and an issuing CA key under a throw-away root. The test
 * application listens on a port chosen here, and that port's URL is the CA's base URL, so that the CDP and AIA URLs
 * in the certificates it issues (and in the issuing CA certificate) reach the running test CA, as they would in
 * production: relying parties in the tests follow them.
 */
public class CaTestEnvironment extends LocalEnvironmentTestResource {

    private final int port = freePort();

    /** The test CA's base URL ({@code semper.ca.base-url}), readable from tests (also from the packaged app's). */
    public static String baseUrl() {
        return System.getProperty("semper.test.ca-base-url");
    }

    @Override
    protected LocalServiceSetup setup() {
        return CaMain.localSetup(url());
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.http.test-port", String.valueOf(port));
        config.put("semper.ca.base-url", url());
        System.setProperty("semper.test.ca-base-url", url());
        return config;
    }

    private String url() {
        return "http://127.0.0.1:" + port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the test CA", e);
        }
    }
}
