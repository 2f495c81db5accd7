package org.semper.mail.relay;

/** Where a relayed message stands ({@code mail_message.state}). Only {@link #CONSIGNED} ever changes, once. */
public enum MailState {
    /** The submission was refused (SubmissionRejection); no content was kept. */
    REJECTED("rejected"),
    /** Accepted and waiting for the recipient (SubmissionAcceptance, ContentConsignment). */
    CONSIGNED("consigned"),
    /** The recipient's receipt was accepted and the content handed over (ContentHandover). */
    HANDED_OVER("handed-over"),
    /** The recipient's receipt came, but the content could not be handed over (ContentHandoverFailure). */
    HANDOVER_FAILED("handover-failed"),
    /** Not collected before the deadline (AcceptanceRejectionExpiry). */
    EXPIRED("expired");

    private final String column;

    MailState(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public static MailState of(String column) {
        for (MailState state : values()) {
            if (state.column.equals(column)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown mail state " + column);
    }
}
