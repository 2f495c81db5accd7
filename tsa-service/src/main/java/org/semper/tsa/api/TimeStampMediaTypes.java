package org.semper.tsa.api;

/** RFC 3161 §3.4 media types. */
public final class TimeStampMediaTypes {

    public static final String QUERY = "application/timestamp-query";
    public static final String REPLY = "application/timestamp-reply";
    public static final String PEM_CHAIN = "application/pem-certificate-chain";

    private TimeStampMediaTypes() {
    }
}
