-- Semper transparency log: an append-only RFC 9162 Merkle tree of every statement this TTP issues.
-- Shared by every service (Flyway location db/semper-log, versions from 1000 so they never meet a service's own).
-- Every history table is insert-only; only the small work queue log_pending is ever deleted from.

-- Entries are appended in the same transaction as the decision they record.
CREATE TABLE log_entry (
    seq          BIGSERIAL    PRIMARY KEY,
    kind         VARCHAR(64)  NOT NULL,
    ref          VARCHAR(255),
    entry        BYTEA        NOT NULL,
    leaf_hash    BYTEA        NOT NULL,
    appended_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX log_entry_leaf_hash ON log_entry (leaf_hash);

-- Entries waiting for the sequencer (filled by trigger; the sequencer deletes what it integrated).
CREATE TABLE log_pending (
    seq        BIGINT PRIMARY KEY,
    leaf_hash  BYTEA  NOT NULL
);

-- The order of the tree: leaf index -> entry. Written once by the sequencer.
CREATE TABLE log_leaf (
    leaf_index  BIGINT PRIMARY KEY,
    seq         BIGINT NOT NULL UNIQUE REFERENCES log_entry (seq)
);

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

CREATE FUNCTION semper_log_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO log_pending (seq, leaf_hash) VALUES (NEW.seq, NEW.leaf_hash);
    RETURN NEW;
END;
$$;
CREATE TRIGGER log_entry_enqueue AFTER INSERT ON log_entry
    FOR EACH ROW EXECUTE FUNCTION semper_log_enqueue();

-- History is never rewritten.
CREATE FUNCTION semper_log_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the transparency log is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER log_entry_insert_only BEFORE UPDATE OR DELETE ON log_entry
    FOR EACH ROW EXECUTE FUNCTION semper_log_insert_only();
CREATE TRIGGER log_leaf_insert_only BEFORE UPDATE OR DELETE ON log_leaf
    FOR EACH ROW EXECUTE FUNCTION semper_log_insert_only();
CREATE TRIGGER log_node_insert_only BEFORE UPDATE OR DELETE ON log_node
    FOR EACH ROW EXECUTE FUNCTION semper_log_insert_only();
CREATE TRIGGER log_checkpoint_insert_only BEFORE UPDATE OR DELETE ON log_checkpoint
    FOR EACH ROW EXECUTE FUNCTION semper_log_insert_only();
