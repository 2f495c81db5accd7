package org.semper.ca;

import java.util.ArrayList;
import java.util.List;

import org.semper.ca.hierarchy.CaUrls;
import org.semper.runtime.config.RequiredSetting;
import org.semper.runtime.local.LocalKeySpec;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.local.SemperLauncher;

import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the certificate authority. On the {@code local} profile the root is the shared local trust anchor
 * ({@code data/local-ca}) and the issuing CA key is generated under it on first start.
 */
@QuarkusMain
public final class CaMain {

    /** Default of {@code semper.ca.base-url} ({@link CaConfig#baseUrl()}). */
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8082";

    /**
     * What the {@code local} profile sets up for this service, for the base URL it is started with
     * ({@code -Dsemper.ca.base-url}, {@code SEMPER_CA_BASE_URL}, else {@value #DEFAULT_BASE_URL}).
     */
    public static final LocalServiceSetup LOCAL_SETUP = localSetup(configuredBaseUrl());

    private static final String REISSUE_LOCAL = "--reissue-local";
    private static final String REISSUE_PROPERTY = "semper.ca.local-services.reissue";

    CaMain() {
    }

    /**
     * The {@code local} setup (and the tests') for a CA reachable at {@code baseUrl}: the issuing CA key under the
     * local root, its certificate naming the root's CRL ({@code <baseUrl>/crl/root.crl}) as CRL distribution point,
     * and the log key.
     */
    public static LocalServiceSetup localSetup(String baseUrl) {
        return new LocalServiceSetup("ca-service", "ca",
                List.of(LocalKeySpec.issuingCa(CaConfig.ISSUING_KEY_PREFIX, "issuing-ca", "CN=Semper Local Issuing CA,O=Semper",
                        new CaUrls(baseUrl).rootCrl()), LocalKeySpec.logCheckpoints("ca-service")),
                productionSettings());
    }

    private static String configuredBaseUrl() {
        String configured = System.getProperty("semper.ca.base-url", System.getenv("SEMPER_CA_BASE_URL"));
        return configured == null || configured.isBlank() ? DEFAULT_BASE_URL : configured;
    }

    private static List<RequiredSetting> productionSettings() {
        List<RequiredSetting> settings = new ArrayList<>(LocalServiceSetup.commonProductionSettings());
        settings.add(LocalServiceSetup.signingKey("issuing CA key", CaConfig.ISSUING_KEY_PREFIX));
        settings.add(LocalServiceSetup.signingKey("transparency-log key (Ed25519)", "semper.log.key"));
        settings.add(RequiredSetting.property("public base URL (CDP, AIA and PDS URLs in every certificate)",
                "semper.ca.base-url", "SEMPER_CA_BASE_URL (e.g. https://ca.example)"));
        return settings;
    }

    /**
     * {@code ceremony <dir> [rootDN] [issuingDN] --base-url=...} or {@code ceremony arl <dir> ...} runs the key
     * ceremony ({@link org.semper.ca.hierarchy.KeyCeremony});
     * else the service. {@code --reissue-local} (every service) or {@code --reissue-local=tsa,mail} replaces those
     * services' local keystores at startup ({@link org.semper.ca.local.LocalServiceCertificates}).
     */
    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("ceremony")) {
            System.exit(org.semper.ca.hierarchy.KeyCeremony.main(List.of(args).subList(1, args.length), System.out));
        }
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals(REISSUE_LOCAL)) {
                System.setProperty(REISSUE_PROPERTY, org.semper.ca.local.LocalServiceCertificates.ALL);
            } else if (arg.startsWith(REISSUE_LOCAL + "=")) {
                System.setProperty(REISSUE_PROPERTY, arg.substring(REISSUE_LOCAL.length() + 1));
            } else {
                rest.add(arg);
            }
        }
        SemperLauncher.launch(LOCAL_SETUP, rest.toArray(String[]::new));
    }
}
