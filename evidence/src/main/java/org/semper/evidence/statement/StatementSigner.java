package org.semper.evidence.statement;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64URL;

/**
 * Makes signed statements (JAdES baseline B-B, flattened JWS JSON) with one key and its certificate chain, using
 * nimbus-jose-jwt for the JWS signature.
 *
 * <p>Protected header: {@code alg} (ES256 for a P-256 key, ES384 for P-384, PS256 for RSA &ge; 2048 bits),
 * {@code typ}, {@code cty: "application/json"}, {@code x5c} (the chain, leaf first), {@code x5t#S256} (SHA-256 of
 * the leaf, which EU DSS requires for JAdES-BASELINE-B: exactly one of {@code x5t#S256}, {@code x5t#o},
 * {@code sigX5ts}), and the claimed signing time: {@code sigT} (UTC, whole seconds) with {@code crit: ["sigT"]} by
 * default, or {@code iat} (see {@link ClaimedTimeHeader}).
 *
 * <p>What is signed is what is stored: the protected header and the payload are serialized once, with
 * {@link CanonicalJson} (RFC 8785), and those exact bytes are base64url-encoded into the statement. Nobody
 * re-serializes them later, so the statement id and the signature never depend on a JSON library's habits.
 *
 * <p>The key may live in any JCA provider (a PKCS#11 token, ACCP): pass the provider and nimbus runs the
 * signature there. At {@link Builder#build()} a probe signature is verified with the leaf certificate's public
 * key, so a key that does not match its certificate is caught at start-up, not in the first statement.
 *
 * <p>Thread-safe if the provider's signatures are (nimbus creates a JCA {@code Signature} per call).
 */
public final class StatementSigner {
    private static final DateTimeFormatter SIG_T = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final List<X509Certificate> chain;
    private final Clock clock;
    private final ClaimedTimeHeader claimedTimeHeader;

    private StatementSigner(Builder builder) throws JOSEException {
        this.chain = List.copyOf(builder.chain);
        PublicKey leafKey = chain.get(0).getPublicKey();
        this.algorithm = JwsAlgorithms.forSigning(leafKey);
        this.clock = builder.clock;
        this.claimedTimeHeader = builder.claimedTimeHeader;
        if (leafKey instanceof ECPublicKey ec) {
            this.signer = new ECDSASigner(builder.key, Curve.forECParameterSpec(ec.getParams()));
        } else {
            this.signer = new RSASSASigner(builder.key);
        }
        if (builder.provider != null) {
            signer.getJCAContext().setProvider(builder.provider);
        }
        probe(leafKey);
    }

    /**
     * Starts a signer for {@code key} and its certificate chain, leaf first (the leaf's public key must be the
     * key's; intermediates may follow; the root may be left out).
     */
    public static Builder builder(PrivateKey key, List<X509Certificate> chain) {
        return new Builder(key, chain);
    }

    /** A signer with default options: no provider, the system UTC clock, {@code sigT}. */
    public static StatementSigner of(PrivateKey key, List<X509Certificate> chain) {
        return builder(key, chain).build();
    }

    /** Signs a statement whose payload is the JSON form of {@code payload} (see {@link CanonicalJson}). */
    public SignedStatement sign(String type, Map<String, ?> payload) {
        Objects.requireNonNull(payload, "payload");
        return sign(type, CanonicalJson.toTree(payload));
    }

    /**
     * Signs a statement of type {@code type} (the {@code typ} header) with a JSON object payload, at the clock's
     * current second.
     *
     * @throws IllegalArgumentException if the payload is not an object or holds what {@link CanonicalJson} refuses
     * @throws IllegalStateException    if the key or provider fails to sign
     */
    public SignedStatement sign(String type, JsonNode payload) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (type.isEmpty()) {
            throw new IllegalArgumentException("type is empty");
        }
        if (!payload.isObject()) {
            throw new IllegalArgumentException("a statement's payload is a JSON object, not " + payload.getNodeType());
        }
        byte[] payloadBytes = CanonicalJson.serialize(payload);
        Instant signingTime = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        byte[] headerBytes = CanonicalJson.serialize(header(type, signingTime));
        try {
            JWSHeader header = JWSHeader.parse(Base64URL.encode(headerBytes));
            JWSObject jws = new JWSObject(header, new Payload(payloadBytes));
            jws.sign(signer);
            String[] compact = jws.serialize().split("\\.", -1);
            String encodedHeader = StrictJson.base64Url(headerBytes);
            if (compact.length != 3 || !compact[0].equals(encodedHeader)) {
                throw new IllegalStateException("nimbus signed another header than the canonical one");
            }
            ObjectNode flattened = JsonNodeFactory.instance.objectNode()
                    .put("protected", compact[0]).put("payload", compact[1]).put("signature", compact[2]);
            return SignedStatement.parse(new String(CanonicalJson.serialize(flattened), StandardCharsets.UTF_8),
                    Integer.MAX_VALUE);
        } catch (JOSEException | java.text.ParseException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        } catch (MalformedStatementException e) {
            throw new IllegalStateException("the signer made a statement its own parser refuses: " + e.getMessage(), e);
        }
    }

    private ObjectNode header(String type, Instant signingTime) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode header = nodes.objectNode();
        header.put("alg", algorithm.getName());
        header.put("typ", type);
        header.put("cty", "application/json");
        ArrayNode x5c = header.putArray("x5c");
        for (X509Certificate certificate : chain) {
            x5c.add(java.util.Base64.getEncoder().encodeToString(SignedStatement.encoded(certificate)));
        }
        header.put("x5t#S256", StrictJson.base64Url(SignedStatement.sha256(SignedStatement.encoded(chain.get(0)))));
        if (claimedTimeHeader == ClaimedTimeHeader.SIG_T) {
            header.put("sigT", SIG_T.format(signingTime));
            header.putArray("crit").add("sigT");
        } else {
            header.put("iat", signingTime.getEpochSecond());
        }
        return header;
    }

    private void probe(PublicKey leafKey) throws JOSEException {
        JWSHeader header = new JWSHeader.Builder(algorithm).build();
        byte[] probe = "semper-signer-probe".getBytes(StandardCharsets.US_ASCII);
        Base64URL signature = signer.sign(header, probe);
        JWSVerifier verifier = leafKey instanceof ECPublicKey ec ? new ECDSAVerifier(ec)
                : new RSASSAVerifier((RSAPublicKey) leafKey);
        if (!verifier.verify(header, probe, signature)) {
            throw new IllegalArgumentException("the private key does not match the public key of "
                    + chain.get(0).getSubjectX500Principal().getName());
        }
    }

    /** The JWS algorithm of every statement this signer makes. */
    public String algorithm() {
        return algorithm.getName();
    }

    /** The chain put into {@code x5c}, leaf first. */
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    /** Options of a {@link StatementSigner}; not thread-safe. */
    public static final class Builder {
        private final PrivateKey key;
        private final List<X509Certificate> chain;
        private Provider provider;
        private Clock clock = Clock.systemUTC();
        private ClaimedTimeHeader claimedTimeHeader = ClaimedTimeHeader.IAT;

        private Builder(PrivateKey key, List<X509Certificate> chain) {
            this.key = Objects.requireNonNull(key, "key");
            Objects.requireNonNull(chain, "chain");
            this.chain = new ArrayList<>();
            for (X509Certificate certificate : chain) {
                this.chain.add(Objects.requireNonNull(certificate, "a certificate of the chain is null"));
            }
            if (this.chain.isEmpty()) {
                throw new IllegalArgumentException("the chain needs at least the signer's certificate");
            }
        }

        /** The JCA provider that holds or runs the key (PKCS#11, ACCP, ...); the JCA default otherwise. */
        public Builder provider(Provider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** Where the claimed signing time comes from; the system UTC clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** {@code sigT} (default, as {@code evidence-format.md} says) or {@code iat}. */
        public Builder claimedTimeHeader(ClaimedTimeHeader header) {
            this.claimedTimeHeader = Objects.requireNonNull(header, "header");
            return this;
        }

        /**
         * @throws IllegalArgumentException if the leaf's key is not one statements use, or the private key does
         *                                  not match it
         * @throws IllegalStateException    if the provider cannot sign with the key
         */
        public StatementSigner build() {
            try {
                return new StatementSigner(this);
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign with this key: " + e.getMessage(), e);
            }
        }
    }

}
