package org.semper.evidence.bundle;

/** Why a bundle was refused; {@link #code()} is stable and appears in problem+json answers. */
public enum BundleReason {
    MALFORMED("malformed-bundle", "The bundle is not a semper-bundle/1 document"),
    TOO_LARGE("bundle-too-large", "The bundle exceeds the size or item limit"),
    UNSIGNED_MANIFEST("unsigned-manifest", "The manifest is not a signed statement of the submitter"),
    UNKNOWN_ROLE("unknown-role", "An item has a role this format does not define"),
    DUPLICATE_ITEM("duplicate-item", "Two manifest entries share an item id"),
    MISSING_ITEM("missing-item", "An item listed in the manifest is neither inline nor supplied"),
    UNDECLARED_ITEM("undeclared-item", "The bundle carries an item its manifest does not list"),
    HASH_MISMATCH("item-hash-mismatch", "An item's bytes do not match the SHA-256 or size in the manifest");

    private final String code;
    private final String title;

    BundleReason(String code, String title) {
        this.code = code;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
