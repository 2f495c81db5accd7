-- Relay mode of semper-cm/1: one row per submitted EOO, accepted or rejected. The ciphertext lives in a
-- PostgreSQL large object (content_oid) or a file (content_file) until retention ends; the row and the evidence stay.
CREATE TABLE mail_message (
    exchange_id        text        PRIMARY KEY,        -- H(EOO), base64url
    sender             text        NOT NULL,           -- SHA-256 fingerprint (base64url) of the sender's certificate
    recipient          text        NOT NULL,           -- the same of the recipient's
    subject            text        NOT NULL,
    eoo                text        NOT NULL,           -- the EOO as received (flattened JWS JSON)
    escrow             bytea       NOT NULL,           -- ek
    hash_cipher        text        NOT NULL,           -- h(c) named by the EOO
    content_size       bigint      NOT NULL,           -- bytes received (0 if the upload was refused before)
    content_oid        oid,
    content_file       text,
    state              text        NOT NULL,
    reason             text,                           -- rejection or failure code
    submitted_at       timestamptz NOT NULL,
    deadline           timestamptz,                    -- collection deadline of an accepted message
    eor                text,                           -- the recipient's receipt (flattened JWS JSON), once presented
    closed_at          timestamptz,                    -- handover, handover failure or expiry
    notified_at        timestamptz,                    -- webhook delivered
    content_deleted_at timestamptz,
    CONSTRAINT mail_message_state CHECK (state IN ('rejected', 'consigned', 'handed-over', 'handover-failed', 'expired')),
    CONSTRAINT mail_message_one_store CHECK (content_oid IS NULL OR content_file IS NULL)
);
CREATE INDEX mail_message_inbox ON mail_message (recipient, submitted_at) WHERE state = 'consigned';
CREATE INDEX mail_message_quota ON mail_message (sender, submitted_at);
CREATE INDEX mail_message_deadline ON mail_message (deadline) WHERE state = 'consigned';
CREATE INDEX mail_message_retention ON mail_message (closed_at)
    WHERE content_deleted_at IS NULL AND state IN ('handed-over', 'handover-failed', 'expired');

-- Every piece of relay evidence the service signed (each is also a transparency-log entry, same transaction).
-- The statement is served byte-identical on every request; a later signature time-stamp replaces it by its B-T
-- form, whose id H(s) is the same.
CREATE TABLE mail_evidence (
    seq           bigint      GENERATED ALWAYS AS IDENTITY,  -- issue order
    statement_id  text        PRIMARY KEY,             -- H(s)
    exchange_id   text        NOT NULL REFERENCES mail_message (exchange_id),
    event         text        NOT NULL,                -- ETSI EN 319 522 event name
    statement     text        NOT NULL,
    issued_at     timestamptz NOT NULL,
    CONSTRAINT mail_evidence_once UNIQUE (exchange_id, event)
);

-- Signed party requests seen, so that each is accepted once (kept until it is too old to be accepted anyway).
CREATE TABLE mail_request_seen (
    request_id  text        PRIMARY KEY,               -- H(s)
    expires_at  timestamptz NOT NULL
);
CREATE INDEX mail_request_seen_expiry ON mail_request_seen (expires_at);

-- Recipients' webhooks (one per recipient certificate).
CREATE TABLE mail_webhook (
    recipient      text        PRIMARY KEY,
    url            text        NOT NULL,
    registered_at  timestamptz NOT NULL
);
