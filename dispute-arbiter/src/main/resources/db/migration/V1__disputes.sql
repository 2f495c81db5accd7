-- Disputes, their evidence, and every procedural event with its time. Rows of dispute_event and dispute_bundle are
-- never changed; a dispute row changes state once (filed -> decided).

CREATE TABLE dispute (
    id                   uuid PRIMARY KEY,
    claim_id             text NOT NULL UNIQUE,          -- H(claim statement): a claim is filed once
    claim_type           text NOT NULL,
    claim                bytea NOT NULL,                -- the claim statement, as submitted
    claimant             text NOT NULL,                 -- h(DER) of the claimant's certificate
    claimant_subject     text NOT NULL,
    respondent           text NOT NULL,
    respondent_subject   text,
    respondent_cert      bytea,                         -- DER, from the claimant's bundle: the notice goes to it
    amount               numeric(19, 4) NOT NULL,
    currency             char(3) NOT NULL,
    protocol             text,
    exchange             text,
    state                text NOT NULL DEFAULT 'filed' CHECK (state IN ('filed', 'decided')),
    filed_at             timestamptz NOT NULL DEFAULT now(),
    respond_by           timestamptz,                   -- set when the notice is submitted (or at filing without relay)
    decided_at           timestamptz,
    verdict              text,
    transcript_id        text UNIQUE,
    transcript           bytea,                         -- the signed transcript (B-B), as logged
    stamped_transcript   bytea,                         -- the same statement with its signature time-stamp (B-T)
    case_bundle          bytea,                         -- the case bundle the verdict was computed from
    ledger_claim_id      text,
    CHECK ((state = 'decided') = (transcript IS NOT NULL))
);
CREATE INDEX dispute_open ON dispute (state, respond_by) WHERE state = 'filed';

CREATE TABLE dispute_bundle (
    dispute_id    uuid NOT NULL REFERENCES dispute (id),
    party         text NOT NULL CHECK (party IN ('claimant', 'respondent')),
    bundle_id     text NOT NULL,
    document      bytea NOT NULL,                       -- semper-bundle/1 with every item inline
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dispute_id, party)
);

CREATE TABLE dispute_event (
    dispute_id  uuid NOT NULL REFERENCES dispute (id),
    seq         integer NOT NULL,
    kind        text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    detail      text NOT NULL,
    evidence    bytea,                                  -- a statement the event rests on (notice evidence, TTP status)
    PRIMARY KEY (dispute_id, seq)
);

CREATE TABLE dispute_notice (
    dispute_id    uuid PRIMARY KEY REFERENCES dispute (id),
    state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'submitted', 'delivered', 'unsent')),
    eoo_id        text,
    attempts      integer NOT NULL DEFAULT 0,
    next_attempt  timestamptz NOT NULL DEFAULT now(),
    last_error    text
);

-- Signed access requests of parties, remembered until they could no longer be accepted (replay protection).
CREATE TABLE access_request_seen (
    request_id  text PRIMARY KEY,
    expires_at  timestamptz NOT NULL
);

CREATE RULE dispute_event_no_update AS ON UPDATE TO dispute_event DO INSTEAD NOTHING;
CREATE RULE dispute_event_no_delete AS ON DELETE TO dispute_event DO INSTEAD NOTHING;
CREATE RULE dispute_bundle_no_update AS ON UPDATE TO dispute_bundle DO INSTEAD NOTHING;
CREATE RULE dispute_bundle_no_delete AS ON DELETE TO dispute_bundle DO INSTEAD NOTHING;
