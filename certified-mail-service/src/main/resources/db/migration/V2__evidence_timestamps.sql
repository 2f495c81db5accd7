-- Relay evidence gets its JAdES B-T signature time-stamp after it is issued, like the exchange tokens: ttp-runtime's
-- SignatureTimeStamping works this queue (StampedStatements "relay evidence", see RelayEvidenceStamping).
-- The time-stamped form has the same signed part and id H(s) as mail_evidence.statement; it is written once.

CREATE TABLE mail_evidence_timestamp (
    statement_id       text        PRIMARY KEY REFERENCES mail_evidence (statement_id),
    stamped_statement  bytea       NOT NULL,
    gen_time           timestamptz NOT NULL,
    stamped_at         timestamptz NOT NULL DEFAULT now()
);

-- Evidence waiting for a time-stamp (filled by trigger when evidence is issued; emptied by the stamping job).
CREATE TABLE mail_evidence_stamp_pending (
    statement_id  text         PRIMARY KEY REFERENCES mail_evidence (statement_id),
    queued_at     timestamptz  NOT NULL DEFAULT now(),
    attempts      integer      NOT NULL DEFAULT 0,
    next_attempt  timestamptz  NOT NULL DEFAULT now(),
    last_error    varchar(500)
);
CREATE INDEX mail_evidence_stamp_pending_due ON mail_evidence_stamp_pending (next_attempt);

CREATE FUNCTION mail_evidence_enqueue_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mail_evidence_stamp_pending (statement_id) VALUES (NEW.statement_id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER mail_evidence_enqueue_stamp AFTER INSERT ON mail_evidence
    FOR EACH ROW EXECUTE FUNCTION mail_evidence_enqueue_stamp();

-- Evidence issued before this migration is stamped too.
INSERT INTO mail_evidence_stamp_pending (statement_id) SELECT statement_id FROM mail_evidence;

-- Time-stamped evidence is never rewritten or removed.
CREATE FUNCTION mail_evidence_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'time-stamped evidence is insert-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER mail_evidence_timestamp_insert_only BEFORE UPDATE OR DELETE ON mail_evidence_timestamp
    FOR EACH ROW EXECUTE FUNCTION mail_evidence_insert_only();
CREATE TRIGGER mail_evidence_timestamp_no_truncate BEFORE TRUNCATE ON mail_evidence_timestamp
    FOR EACH STATEMENT EXECUTE FUNCTION mail_evidence_insert_only();
