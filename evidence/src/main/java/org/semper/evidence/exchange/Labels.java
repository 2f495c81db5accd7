package org.semper.evidence.exchange;

/** The {@code msg} labels shared by the three protocols ({@code docs/protocols.md} §0). */
public final class Labels {
    public static final String ABORT_REQUEST = "abort-request";
    public static final String RESOLVE_REQUEST = "resolve-request";
    public static final String ABORTED = "aborted";
    public static final String RESOLVED = "resolved";
    public static final String KEY_RELEASED = "key-released";
    public static final String AFFIDAVIT = "affidavit";
    public static final String STATUS = "status";

    private Labels() {
    }
}
