package org.semper.mail.relay;

/**
 * CDI event fired after a message was committed as consigned: the recipient can now collect it.
 *
 * @param message     the message
 * @param consignment the ContentConsignment evidence (statement JSON)
 */
public record Consigned(MailMessage message, String consignment) {
}
