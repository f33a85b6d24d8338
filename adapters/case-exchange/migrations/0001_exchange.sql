-- The exchange service's store: the evidence log of every inbound envelope, the inbox of accepted
-- messages (idempotency by message id, records held until their predecessor arrives), and the
-- WS-Security nonces seen within the replay window.

-- Every inbound request, accepted or faulted, as received. Append-only and hash-chained (evidence.ts).
CREATE TABLE exchange_evidence (
  sequence          bigint PRIMARY KEY,
  received_at       timestamptz NOT NULL,
  -- The body exactly as received (still gzipped, in its own charset); empty when it was too large to read.
  envelope          bytea NOT NULL,
  envelope_sha256   text NOT NULL,
  content_type      text,
  content_encoding  text,
  -- The charset the envelope was read in, when it could be read.
  charset           text,
  -- clientId of the authenticated sender, or 'unauthenticated'.
  sender_client_id  text NOT NULL,
  sender_agency     text,
  operation         text,
  message_id        text,
  case_number       text,
  outcome           text NOT NULL CHECK (outcome IN ('APPLIED', 'DUPLICATE', 'HELD', 'REJECTED')),
  receipt_number    text,
  fault_code        text,
  fault_field       text,
  fault_reason      text,
  prev_hash         text NOT NULL,
  hash              text NOT NULL UNIQUE
);
CREATE INDEX exchange_evidence_message_idx ON exchange_evidence (message_id, sequence);
CREATE INDEX exchange_evidence_case_idx ON exchange_evidence (case_number, sequence);
CREATE INDEX exchange_evidence_sender_idx ON exchange_evidence (sender_client_id, sequence);
CREATE FUNCTION exchange_evidence_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'exchange_evidence is append-only';
END $$;
CREATE TRIGGER exchange_evidence_no_change BEFORE UPDATE OR DELETE ON exchange_evidence
  FOR EACH ROW EXECUTE FUNCTION exchange_evidence_append_only();
CREATE TRIGGER exchange_evidence_no_truncate BEFORE TRUNCATE ON exchange_evidence
  FOR EACH STATEMENT EXECUTE FUNCTION exchange_evidence_append_only();

-- Accepted messages, one per message id: APPLIED to the case, HELD until their predecessor is
-- applied, or REJECTED when a held message expired or was refused on retry.
CREATE TABLE exchange_inbox (
  message_id         text PRIMARY KEY,
  payload_sha256     text NOT NULL,
  receipt_number     text NOT NULL UNIQUE,
  operation          text NOT NULL,
  sender_client_id   text NOT NULL,
  sender_agency      text NOT NULL,
  case_number        text NOT NULL,
  action             text NOT NULL,
  occurred_at        timestamptz NOT NULL,
  -- The validated record, for retrying a held message.
  record             jsonb NOT NULL,
  status             text NOT NULL CHECK (status IN ('APPLIED', 'HELD', 'REJECTED')),
  case_version       integer,
  record_version     integer,
  status_reason      text,
  received_at        timestamptz NOT NULL,
  settled_at         timestamptz,
  -- The evidence entry of the envelope that brought the message.
  -- (checked at commit: the inbox row is written first, to detect a concurrent duplicate, then its entry)
  evidence_sequence  bigint NOT NULL REFERENCES exchange_evidence (sequence) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX exchange_inbox_held_idx ON exchange_inbox (case_number, occurred_at, received_at) WHERE status = 'HELD';

-- WS-Security nonces, remembered for the replay window (wsSecurity.ts); older rows are purged.
CREATE TABLE exchange_nonce (
  client_id  text NOT NULL,
  nonce      text NOT NULL,
  seen_at    timestamptz NOT NULL,
  PRIMARY KEY (client_id, nonce)
);
CREATE INDEX exchange_nonce_seen_idx ON exchange_nonce (seen_at);
