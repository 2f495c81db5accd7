package org.semper.runtime.crypto;

import java.security.Provider;
import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jboss.logging.Logger;

/**
 * The JCA providers Semper signs and verifies with.
 *
 * <p>Signing prefers the Amazon Corretto Crypto Provider (ACCP, native AWS-LC): on this machine class it signs
 * ECDSA P-256 about 6x faster than Bouncy Castle and 30x faster than the JDK default. ACCP ships a native library
 * for linux-x86_64 only; where it does not load (another OS or CPU, a failed self-test) Bouncy Castle is used and
 * the reason is logged once. ACCP is <em>not</em> installed as the JVM-wide default provider: callers ask for
 * {@link #signing()} explicitly, so nothing else in the JVM changes behaviour.
 */
public final class CryptoProviders {

    private static final Logger LOG = Logger.getLogger(CryptoProviders.class);

    private static final Provider BOUNCY_CASTLE = registerBouncyCastle();
    private static final Provider SIGNING = chooseSigningProvider();

    private CryptoProviders() {
    }

    /** Bouncy Castle, registered with the JVM (needed by BC's PKIX/CMS classes that look it up by name). */
    public static Provider bouncyCastle() {
        return BOUNCY_CASTLE;
    }

    /** The fastest healthy provider for signatures with software keys: ACCP if it loaded, else Bouncy Castle. */
    public static Provider signing() {
        return SIGNING;
    }

    /** True if ACCP loaded and passed its self-tests. */
    public static boolean accpAvailable() {
        return !SIGNING.getName().equals(BOUNCY_CASTLE.getName());
    }

    private static Provider registerBouncyCastle() {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) {
            return existing;
        }
        Provider bc = new BouncyCastleProvider();
        Security.addProvider(bc);
        return bc;
    }

    private static Provider chooseSigningProvider() {
        try {
            Class<?> accp = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            Provider provider = (Provider) accp.getField("INSTANCE").get(null);
            Object loadingError = accp.getMethod("getLoadingError").invoke(provider);
            if (loadingError != null) {
                LOG.infof("Amazon Corretto Crypto Provider not usable here (%s); signing with Bouncy Castle", loadingError);
                return BOUNCY_CASTLE;
            }
            accp.getMethod("assertHealthy").invoke(provider);
            LOG.debugf("Signing with %s %s", provider.getName(), provider.getVersionStr());
            return provider;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.infof("Amazon Corretto Crypto Provider not available (%s); signing with Bouncy Castle", e.toString());
            return BOUNCY_CASTLE;
        }
    }
}
