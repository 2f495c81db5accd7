package org.semper.agent.ttp;

/**
 * Where a Semper TTP serves abort, resolve, status and its own description. The notary and the certified-mail
 * service answer the same envelopes and tokens ({@code docs/protocols.md} §5, §6) under different paths.
 */
public enum TtpApi {
    /** {@code fair-exchange-notary} (port 8083): {@code semper-cs/1}, {@code semper-px/1}. */
    NOTARY("/api/v1/exchanges/abort", "/api/v1/exchanges/resolve", "/api/v1/exchanges/", "/api/v1/notary"),
    /** {@code certified-mail-service} (port 8084), optimistic mode: {@code semper-cm/1}. */
    MAIL("/api/v1/mail/abort", "/api/v1/mail/resolve", "/api/v1/mail/exchanges/", "/api/v1/mail");

    private final String abort;
    private final String resolve;
    private final String status;
    private final String describe;

    TtpApi(String abort, String resolve, String status, String describe) {
        this.abort = abort;
        this.resolve = resolve;
        this.status = status;
        this.describe = describe;
    }

    public String abortPath() {
        return abort;
    }

    public String resolvePath() {
        return resolve;
    }

    /** The status path of exchange {@code id}. */
    public String statusPath(String id) {
        return status + id;
    }

    /** Who the TTP is: its identity, signing certificate chain and certified escrow key. */
    public String describePath() {
        return describe;
    }
}
