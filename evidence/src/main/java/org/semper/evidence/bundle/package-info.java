/**
 * Evidence bundles ({@code semper-bundle/1}): the evidence a party hands to the dispute arbiter or a court, as one
 * JSON document holding a manifest signed by the submitting party and the items it lists.
 *
 * <p>The manifest names every item by id, role, media type, size and SHA-256, so the submitter's signature covers
 * every byte of every item (the role of Kleros' ERC-1497 {@code fileHash}); items travel inline (base64url) or
 * detached, supplied beside the bundle and matched by hash. {@link org.semper.evidence.bundle.EvidenceBundleReader}
 * refuses a bundle whose items do not match its manifest, with a {@link org.semper.evidence.bundle.BundleReason};
 * whether the submitter's certificate is trusted is the caller's question
 * ({@link org.semper.evidence.statement.StatementValidator}). Format: {@code docs/evidence.md}, "Evidence bundles".
 */
package org.semper.evidence.bundle;
