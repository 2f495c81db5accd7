-- Semper transparency log: an append-only RFC 9162 Merkle tree of every statement this TTP issues.
-- Shared by every service (Flyway location db/semper-log, versions from 1000 so they never meet a service's own).

-- Entries are appended in the same transaction as the decision they record; the sequencer later gives each a
-- leaf index (once) and folds it into the tree.
CREATE TABLE log_entry (
    seq          BIGSERIAL    PRIMARY KEY,
    kind         VARCHAR(64)  NOT NULL,
    ref          VARCHAR(255),
    entry        BYTEA        NOT NULL,
    leaf_hash    BYTEA        NOT NULL,
    appended_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    leaf_index   BIGINT       UNIQUE
);
CREATE INDEX log_entry_pending ON log_entry (seq) WHERE leaf_index IS NULL;
CREATE INDEX log_entry_leaf_hash ON log_entry (leaf_hash);

-- Hashes of the perfect subtrees: level 0 = leaves; (level, idx) covers leaves [idx*2^level, (idx+1)*2^level).
CREATE TABLE log_node (
    level  SMALLINT NOT NULL,
    idx    BIGINT   NOT NULL,
    hash   BYTEA    NOT NULL,
    PRIMARY KEY (level, idx)
);

-- Every signed checkpoint (C2SP signed note), one per tree size.
CREATE TABLE log_checkpoint (
    tree_size  BIGINT      PRIMARY KEY,
    root_hash  BYTEA       NOT NULL,
    note       TEXT        NOT NULL,
    signed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- History is never rewritten: nodes and checkpoints are insert-only; an entry may only receive its leaf index once.
CREATE FUNCTION semper_log_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the transparency log is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$;

CREATE FUNCTION semper_log_entry_sequence_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.leaf_index IS NOT NULL OR NEW.leaf_index IS NULL
       OR NEW.seq <> OLD.seq OR NEW.kind <> OLD.kind OR NEW.ref IS DISTINCT FROM OLD.ref
       OR NEW.entry <> OLD.entry OR NEW.leaf_hash <> OLD.leaf_hash OR NEW.appended_at <> OLD.appended_at THEN
        RAISE EXCEPTION 'the transparency log is append-only: a log entry may only receive its leaf index, once';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER log_node_insert_only BEFORE UPDATE OR DELETE ON log_node
    FOR EACH ROW EXECUTE FUNCTION semper_log_insert_only();
CREATE TRIGGER log_checkpoint_insert_only BEFORE UPDATE OR DELETE ON log_checkpoint
    FOR EACH ROW EXECUTE FUNCTION semper_log_insert_only();
CREATE TRIGGER log_entry_no_delete BEFORE DELETE ON log_entry
    FOR EACH ROW EXECUTE FUNCTION semper_log_insert_only();
CREATE TRIGGER log_entry_sequence_once BEFORE UPDATE ON log_entry
    FOR EACH ROW EXECUTE FUNCTION semper_log_entry_sequence_once();
