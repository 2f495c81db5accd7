package org.semper.tsa.token;

import java.math.BigInteger;
import java.time.Instant;

import org.semper.evidence.timestamp.ImprintAlgorithm;

/** A token the TSA signed, with the fields kept in the durable record. {@code tokenDer} is the CMS ContentInfo. */
public record IssuedToken(BigInteger serialNumber, Instant genTime, String policy, ImprintAlgorithm hashAlgorithm,
        byte[] imprint, BigInteger nonce, byte[] tokenDer) {
}
