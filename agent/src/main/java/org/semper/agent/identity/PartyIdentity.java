package org.semper.agent.identity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.semper.agent.consent.ConsentingSigners;
import org.semper.agent.consent.SigningConsent;
import org.semper.agent.files.WholeFiles;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.statement.StatementSigner;

/**
 * The party's identity: an EC P-256 key and its certificate chain in a PKCS#12 keystore ({@code identity.p12}),
 * whose password is in {@code identity.pass} (owner-only) or in {@code SEMPER_AGENT_KEYSTORE_PASSWORD}. Until the CA
 * certifies the key, the keystore holds it with a self-signed placeholder certificate (a PKCS#12 key entry needs
 * one); {@link #certificationRequest()} is the PKCS#10 request to send to the CA, and {@link #install} stores the
 * chain the CA returns. The key never leaves the keystore except into the signer ({@link #signer}).
 */
public final class PartyIdentity {
    public static final String KEYSTORE = "identity.p12";
    public static final String PASSWORD_FILE = "identity.pass";
    public static final String PASSWORD_ENV = "SEMPER_AGENT_KEYSTORE_PASSWORD";
    static final String ALIAS = "party";

    private final Path keystore;
    private final char[] password;
    private final PrivateKey key;
    private volatile List<X509Certificate> chain;

    private PartyIdentity(Path keystore, char[] password, PrivateKey key, List<X509Certificate> chain) {
        this.keystore = keystore;
        this.password = password;
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /**
     * Creates a new key in {@code directory} for {@code subject} (an X.500 name such as
     * {@code CN=Alice,O=Alice Ltd}), with a self-signed placeholder certificate.
     *
     * @throws IdentityException if a keystore is already there (never overwritten) or cannot be written
     */
    public static PartyIdentity create(Path directory, String subject) throws IdentityException {
        Path file = directory.resolve(KEYSTORE);
        if (Files.exists(file)) {
            throw new IdentityException(file + " exists already; a party key is never overwritten");
        }
        X500Principal name;
        try {
            name = new X500Principal(subject);
        } catch (IllegalArgumentException e) {
            throw new IdentityException("'" + subject + "' is not an X.500 name (e.g. CN=Alice,O=Alice Ltd)", e);
        }
        try {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X509Certificate placeholder = selfSigned(pair, name);
            char[] password = password(directory, true);
            PartyIdentity identity = new PartyIdentity(file, password, pair.getPrivate(), List.of(placeholder));
            identity.write();
            return identity;
        } catch (GeneralSecurityException | IOException e) {
            throw new IdentityException("cannot create the party key in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Imports a key and chain from an existing PKCS#12 file (e.g. one the CA's tools wrote) into {@code directory}.
     */
    public static PartyIdentity importFrom(Path directory, Path pkcs12, char[] pkcs12Password)
            throws IdentityException {
        Path file = directory.resolve(KEYSTORE);
        if (Files.exists(file)) {
            throw new IdentityException(file + " exists already; a party key is never overwritten");
        }
        PartyIdentity source = load(pkcs12, pkcs12Password);
        try {
            Files.createDirectories(directory);
            PartyIdentity identity = new PartyIdentity(file, password(directory, true), source.key, source.chain);
            identity.write();
            return identity;
        } catch (IOException | GeneralSecurityException e) {
            throw new IdentityException("cannot import " + pkcs12 + ": " + e.getMessage(), e);
        }
    }

    /** Opens the identity in {@code directory}. */
    public static PartyIdentity open(Path directory) throws IdentityException {
        Path file = directory.resolve(KEYSTORE);
        if (!Files.exists(file)) {
            throw new IdentityException("no party key in " + directory + " (create one with 'semper init')");
        }
        try {
            return load(file, password(directory, false));
        } catch (IOException e) {
            throw new IdentityException("cannot read the keystore password for " + file + ": " + e.getMessage(), e);
        }
    }

    private static PartyIdentity load(Path file, char[] password) throws IdentityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String alias = store.containsAlias(ALIAS) ? ALIAS : store.aliases().nextElement();
            if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
                throw new IdentityException(file + " holds no private key");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) certificate);
            }
            return new PartyIdentity(file, password, key, chain);
        } catch (IOException | GeneralSecurityException | java.util.NoSuchElementException e) {
            throw new IdentityException("cannot open " + file + ": " + e.getMessage()
                    + " (wrong password in " + PASSWORD_FILE + " or " + PASSWORD_ENV + "?)", e);
        }
    }

    /** The PKCS#10 request (DER) for this key and its subject, signed with the key (proof of possession). */
    public byte[] certificationRequest() throws IdentityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                    certificate().getSubjectX500Principal(), certificate().getPublicKey()).build(signer);
            return request.getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new IdentityException("cannot make the certification request: " + e.getMessage(), e);
        }
    }

    /** The request as PEM ({@code CERTIFICATE REQUEST}). */
    public String certificationRequestPem() throws IdentityException {
        return org.semper.agent.net.Pem.block("CERTIFICATE REQUEST", certificationRequest());
    }

    /**
     * Stores the chain the CA issued (leaf first; the root may be included).
     *
     * @throws IdentityException if the leaf does not certify this key
     */
    public synchronized void install(List<X509Certificate> issued) throws IdentityException {
        if (issued.isEmpty()) {
            throw new IdentityException("the CA returned no certificate");
        }
        if (!Arrays.equals(issued.get(0).getPublicKey().getEncoded(), certificate().getPublicKey().getEncoded())) {
            throw new IdentityException("the certificate the CA returned is for another key ("
                    + issued.get(0).getSubjectX500Principal().getName() + ")");
        }
        List<X509Certificate> previous = chain;
        chain = List.copyOf(issued);
        try {
            write();
        } catch (IOException | GeneralSecurityException e) {
            chain = previous;
            throw new IdentityException("cannot store the certificate in " + keystore + ": " + e.getMessage(), e);
        }
    }

    /** Whether a CA certified the key (the leaf is not the self-signed placeholder). */
    public boolean enrolled() {
        X509Certificate leaf = certificate();
        if (!leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return true;
        }
        try {
            leaf.verify(leaf.getPublicKey());
            return false;
        } catch (GeneralSecurityException e) {
            return true;
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The chain, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** How payloads name this party: {@code h(DER of the certificate)}. */
    public String fingerprint() {
        return Hashes.fingerprint(certificate());
    }

    /** The certificate's common name (or the whole subject if it has none). */
    public String displayName() {
        return commonName(certificate());
    }

    /** The common name of {@code certificate}, or its whole subject. */
    public static String commonName(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        var cn = name.getRDNs(BCStyle.CN);
        return cn.length > 0 ? IETFUtils.valueToString(cn[0].getFirst().getValue())
                : certificate.getSubjectX500Principal().getName();
    }

    /** A statement signer with this key and chain; every signature asks {@code consent} first. */
    public StatementSigner signer(SigningConsent consent) {
        return ConsentingSigners.signer(key, chain, consent);
    }

    public Path keystore() {
        return keystore;
    }

    private void write() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        WholeFiles.writeOwnerOnly(keystore, out.toByteArray());
    }

    private static char[] password(Path directory, boolean create) throws IOException {
        String fromEnvironment = System.getenv(PASSWORD_ENV);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        Path file = directory.resolve(PASSWORD_FILE);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
        }
        if (!create) {
            throw new IOException("neither " + file + " nor " + PASSWORD_ENV + " is there");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
        }
        ownerOnly(file);
        return password.toCharArray();
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the directory's permissions protect it
        }
    }

    private static X509Certificate selfSigned(KeyPair pair, X500Principal name)
            throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic()).build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    @Override
    public String toString() {
        return "PartyIdentity[" + certificate().getSubjectX500Principal().getName() + ", " + keystore + "]";
    }
}
