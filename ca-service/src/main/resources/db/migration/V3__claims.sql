-- The claims ledger. cover_account holds, per certificate, what is left of its cover; the CHECK makes the
-- database refuse any acceptance that would pay out more than the cover, whatever the number of replicas.
CREATE TABLE cover_account (
    serial           text     PRIMARY KEY REFERENCES certificate (serial),
    currency         char(3)  NOT NULL,
    cover            numeric  NOT NULL CHECK (cover >= 0),
    remaining_cover  numeric  NOT NULL,
    CONSTRAINT remaining_cover_not_negative CHECK (remaining_cover >= 0),
    CHECK (remaining_cover <= cover)
);

CREATE TABLE claim (
    id                  uuid        PRIMARY KEY,
    certificate_serial  text        NOT NULL REFERENCES certificate (serial),
    claimant_serial     text        NOT NULL,
    claimant_subject    text        NOT NULL,
    currency            char(3)     NOT NULL,
    amount              numeric     NOT NULL CHECK (amount > 0),
    grounds             text        NOT NULL,
    evidence            text        NOT NULL,
    statement           text        NOT NULL,
    status              text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    filed_at            timestamptz NOT NULL DEFAULT now(),
    decided_at          timestamptz,
    decided_by          text,
    decision_note       text
);

CREATE INDEX claim_certificate ON claim (certificate_serial, status);
