-- Every certificate the CA issued. Serial numbers are lowercase hex without leading zeros.
CREATE TABLE certificate (
    serial             text        PRIMARY KEY,
    subject            text        NOT NULL,
    profile            text        NOT NULL,
    cover_currency     char(3)     NOT NULL,
    cover_amount       integer     NOT NULL CHECK (cover_amount >= 0),
    cover_exponent     integer     NOT NULL,
    not_before         timestamptz NOT NULL,
    not_after          timestamptz NOT NULL,
    der                bytea       NOT NULL,
    status             text        NOT NULL DEFAULT 'good' CHECK (status IN ('good', 'revoked')),
    revoked_at         timestamptz,
    revocation_reason  integer,
    issued_at          timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);

CREATE INDEX certificate_revoked ON certificate (revoked_at) WHERE status = 'revoked';

-- One CRL number sequence for every replica (RFC 5280 §5.2.3: monotonically increasing).
CREATE SEQUENCE crl_number;
