-- Semper exchange decisions (fair-exchange notary, certified mail): one durable, atomic transition
-- NONE -> ABORTED | RESOLVED per exchange id. Flyway location db/semper-exchange, versions from 2000.
--
-- The primary key is the only arbiter: a decision is INSERT ... ON CONFLICT (exchange_id) DO NOTHING, committed in
-- the same transaction as its transparency-log entry; whoever loses the race reads the winner's row. Rows are never
-- updated or deleted (triggers below), so a committed decision and its token bytes never change, across replicas,
-- restarts and crashes.

CREATE TABLE exchange_decision (
    -- base64url SHA-256 of the exchange's first message (H(me1), H(x1), H(EOO))
    exchange_id  VARCHAR(43)  PRIMARY KEY CHECK (exchange_id ~ '^[A-Za-z0-9_-]{43}$'),
    protocol     VARCHAR(32)  NOT NULL,
    outcome      VARCHAR(16)  NOT NULL CHECK (outcome IN ('ABORTED', 'RESOLVED')),
    -- a resolve that found the evidence wanting (affidavit), e.g. escrow-invalid; only with RESOLVED
    finding      VARCHAR(64)  CHECK (finding IS NULL OR outcome = 'RESOLVED'),
    -- H(s) of the token and its exact bytes as first issued (flattened JWS JSON, B-B)
    token_id     VARCHAR(43)  NOT NULL UNIQUE,
    token        BYTEA        NOT NULL,
    -- the request that caused the decision, as received (accountability)
    request      BYTEA,
    decided_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- A token with its signature time-stamp (JAdES B-T): same signed part, same id, header.etsiU added. Written once.
CREATE TABLE exchange_timestamp (
    exchange_id    VARCHAR(43)  PRIMARY KEY REFERENCES exchange_decision (exchange_id),
    stamped_token  BYTEA        NOT NULL,
    gen_time       TIMESTAMPTZ  NOT NULL,
    stamped_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Tokens waiting for a time-stamp (filled by trigger with the decision; emptied by the stamping job).
CREATE TABLE exchange_stamp_pending (
    exchange_id   VARCHAR(43)   PRIMARY KEY REFERENCES exchange_decision (exchange_id),
    queued_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    attempts      INTEGER       NOT NULL DEFAULT 0,
    next_attempt  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    last_error    VARCHAR(500)
);
CREATE INDEX exchange_stamp_pending_due ON exchange_stamp_pending (next_attempt);

CREATE FUNCTION semper_exchange_enqueue_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO exchange_stamp_pending (exchange_id) VALUES (NEW.exchange_id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER exchange_decision_enqueue_stamp AFTER INSERT ON exchange_decision
    FOR EACH ROW EXECUTE FUNCTION semper_exchange_enqueue_stamp();

-- Decisions and time-stamped tokens are never rewritten or removed.
CREATE FUNCTION semper_exchange_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'exchange decisions are insert-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER exchange_decision_insert_only BEFORE UPDATE OR DELETE ON exchange_decision
    FOR EACH ROW EXECUTE FUNCTION semper_exchange_insert_only();
CREATE TRIGGER exchange_decision_no_truncate BEFORE TRUNCATE ON exchange_decision
    FOR EACH STATEMENT EXECUTE FUNCTION semper_exchange_insert_only();
CREATE TRIGGER exchange_timestamp_insert_only BEFORE UPDATE OR DELETE ON exchange_timestamp
    FOR EACH ROW EXECUTE FUNCTION semper_exchange_insert_only();
CREATE TRIGGER exchange_timestamp_no_truncate BEFORE TRUNCATE ON exchange_timestamp
    FOR EACH STATEMENT EXECUTE FUNCTION semper_exchange_insert_only();
