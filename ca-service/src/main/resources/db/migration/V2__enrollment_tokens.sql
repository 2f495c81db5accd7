-- One-time enrollment tokens handed out by registration officers. Only the SHA-256 of a token is stored.
CREATE TABLE enrollment_token (
    token_hash          bytea       PRIMARY KEY,
    subject             text        NOT NULL,
    profile             text        NOT NULL,
    cover_currency      char(3),
    cover_amount        integer     CHECK (cover_amount >= 0),
    cover_exponent      integer,
    created_by          text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz NOT NULL,
    used_at             timestamptz,
    certificate_serial  text        REFERENCES certificate (serial),
    CHECK ((cover_amount IS NULL) = (cover_exponent IS NULL) AND (cover_amount IS NULL) = (cover_currency IS NULL))
);
