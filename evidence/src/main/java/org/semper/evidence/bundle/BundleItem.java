package org.semper.evidence.bundle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * One item of a bundle as its manifest describes it, with its bytes.
 *
 * @param id          unique within the bundle ({@code [A-Za-z0-9._-]{1,64}})
 * @param role        what the item is to the case
 * @param mediaType   e.g. {@code application/jose+json} for a signed statement, {@code application/pkix-cert}
 * @param description free text for people; never read by the judge rules
 */
public record BundleItem(String id, ItemRole role, String mediaType, String description, byte[] content) {

    public BundleItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
        description = description == null ? "" : description;
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("item id must match [A-Za-z0-9._-]{1,64}: " + id);
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** SHA-256 of the content, base64url without padding (as every hash in Semper's formats). */
    public String sha256() {
        return sha256(content);
    }

    public int size() {
        return content.length;
    }

    static String sha256(byte[] bytes) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BundleItem item && id.equals(item.id) && role == item.role
                && mediaType.equals(item.mediaType) && description.equals(item.description)
                && MessageDigest.isEqual(content, item.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, role, mediaType, sha256());
    }

    @Override
    public String toString() {
        return "BundleItem[" + id + ", " + role.code() + ", " + mediaType + ", " + size() + " bytes]";
    }
}
