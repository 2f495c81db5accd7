-- Enrollment requests waiting for a registration officer: submitted without a token (proof of possession = the CSR's
-- signature, checked before the row is written), then issued or rejected exactly once.
CREATE TABLE enrollment_request (
    id                  uuid        PRIMARY KEY,
    subject             text        NOT NULL,
    profile             text        NOT NULL,
    csr                 bytea       NOT NULL,
    public_key_sha256   text        NOT NULL,
    contact             text,
    details             text,
    status              text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'rejected')),
    submitted_at        timestamptz NOT NULL DEFAULT now(),
    decided_at          timestamptz,
    decided_by          text,
    rejection_reason    text,
    certificate_serial  text        REFERENCES certificate (serial),
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((status = 'issued') = (certificate_serial IS NOT NULL)),
    CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
);

-- One waiting request per key: a replayed submission does not queue twice.
CREATE UNIQUE INDEX enrollment_request_pending_key ON enrollment_request (public_key_sha256) WHERE status = 'pending';
CREATE INDEX enrollment_request_queue ON enrollment_request (status, submitted_at);
