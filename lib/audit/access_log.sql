-- The access audit log (lib/audit/accessLog.ts): append-only, hash-chained.
-- Included by the migrations of subgraphs that keep personal data.
CREATE TABLE access_log (
  sequence      bigint PRIMARY KEY,
  at            timestamptz NOT NULL,
  actor_subject text NOT NULL,
  actor_kind    text NOT NULL,
  action        text NOT NULL CHECK (action IN ('READ', 'WRITE')),
  resource_type text NOT NULL,
  resource_id   text NOT NULL,
  fields        text[] NOT NULL,
  purpose       text,
  client_ip     text,
  prev_hash     text NOT NULL,
  hash          text NOT NULL UNIQUE
);
CREATE INDEX access_log_actor_idx ON access_log (actor_subject, sequence);
CREATE INDEX access_log_resource_idx ON access_log (resource_type, resource_id, sequence);
CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access_log is append-only';
END $$;
CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
