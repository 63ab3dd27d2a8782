-- Version 1: the chained entries, the writer role, the chain's lock key and the purge.
-- Placeholders: @schema@ and @writer@ (quoted identifiers), @schema_literal@ and
-- @writer_literal@ (quoted string literals), filled in by the migration command.

-- One row per entry, holding the exact canonical line a folder trail would hold: the
-- line is the evidence (its hash covers it); seq, kind and time are indexes over it.
CREATE TABLE @schema@.entries (
    seq bigint PRIMARY KEY CHECK (seq > 0),
    kind text NOT NULL,
    time double precision NOT NULL,
    line text NOT NULL
);
CREATE INDEX entries_time ON @schema@.entries (time);
CREATE INDEX entries_intents ON @schema@.entries (seq) WHERE kind = 'intent';

-- The advisory lock every append takes: one key per schema, known to SQL (the purge
-- function below) and to the store alike.
CREATE FUNCTION @schema@.chain_lock_key() RETURNS bigint
LANGUAGE sql IMMUTABLE
AS $$ SELECT ('x' || left(md5('guardrail-audit-chain:' || @schema_literal@), 16))::bit(64)::bigint $$;

-- The service's role: it may read and append, never change or remove an entry.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = @writer_literal@) THEN
        CREATE ROLE @writer@ NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA @schema@ TO @writer@;
GRANT SELECT, INSERT ON @schema@.entries TO @writer@;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON @schema@.entries FROM @writer@;
GRANT SELECT ON @schema@.schema_version TO @writer@;
GRANT EXECUTE ON FUNCTION @schema@.chain_lock_key() TO @writer@;

-- Retention is the one way entries leave the table, and it leaves a record: the
-- function (run with its owner's rights) deletes a prefix of the chain only together
-- with appending the purge entry that names the first entry kept and its prev, so a
-- verifier can start the chain there. It checks what it can without the chain's
-- canonical hashing (the verifier checks the rest): the entry follows the head, names
-- the right first entry, counts what went, and nothing newer than its cut-off went.
CREATE FUNCTION @schema@.purge_prefix(first_kept bigint, purge_line text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    entry jsonb := purge_line::jsonb;
    head_seq bigint;
    head_line text;
    kept_prev text;
    cutoff double precision := (entry->'record'->>'older_than')::double precision;
    deleted bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(@schema@.chain_lock_key());
    SELECT seq, line INTO head_seq, head_line FROM @schema@.entries ORDER BY seq DESC LIMIT 1;
    IF entry->>'kind' IS DISTINCT FROM 'purge'
            OR (entry->>'seq')::bigint IS DISTINCT FROM head_seq + 1
            OR entry->>'prev' IS DISTINCT FROM head_line::jsonb->>'hash' THEN
        RAISE EXCEPTION 'a purge entry must be the next entry of the chain';
    END IF;
    IF first_kept IS NULL OR first_kept > head_seq THEN
        RAISE EXCEPTION 'a purge keeps at least the newest entry';
    END IF;
    SELECT line::jsonb->>'prev' INTO kept_prev FROM @schema@.entries WHERE seq = first_kept;
    IF NOT FOUND
            OR (entry->'record'->>'first_kept_seq')::bigint IS DISTINCT FROM first_kept
            OR entry->'record'->>'first_kept_prev' IS DISTINCT FROM kept_prev THEN
        RAISE EXCEPTION 'the purge entry must name the first entry kept and its prev';
    END IF;
    IF cutoff IS NULL OR cutoff > extract(epoch FROM clock_timestamp())
            OR EXISTS (SELECT FROM @schema@.entries WHERE seq < first_kept AND time >= cutoff) THEN
        RAISE EXCEPTION 'a purge deletes only entries older than its cut-off, which is in the past';
    END IF;
    DELETE FROM @schema@.entries WHERE seq < first_kept;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    IF (entry->'record'->>'entries_deleted')::bigint IS DISTINCT FROM deleted THEN
        RAISE EXCEPTION 'the purge entry must count the entries deleted';
    END IF;
    INSERT INTO @schema@.entries (seq, kind, time, line)
    VALUES (head_seq + 1, 'purge', (entry->>'time')::double precision, purge_line);
    RETURN deleted;
END
$$;
REVOKE ALL ON FUNCTION @schema@.purge_prefix(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @schema@.purge_prefix(bigint, text) TO @writer@;
