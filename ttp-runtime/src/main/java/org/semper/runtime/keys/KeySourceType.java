package org.semper.runtime.keys;

/** Where a signing key lives. */
public enum KeySourceType {
    /** A PKCS#12 file (the default): key and certificate chain in one password-protected file. */
    PKCS12,
    /** A PKCS#11 token (HSM) through the JDK's SunPKCS11 provider; the private key never leaves the token. */
    PKCS11
}
