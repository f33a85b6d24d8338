-- Purpose-bound sharing (减材料) and the bulk import of legacy certificates (证照汇聚).

-- Where a certificate came from: issued here (issueCertificate, replaceCertificate) or imported from
-- a departmental system's register (importCertificates), sealed here on import.
ALTER TABLE certificate ADD COLUMN source text NOT NULL DEFAULT 'ISSUED' CHECK (source IN ('ISSUED', 'IMPORTED'));

-- One row per purpose-bound read by staff of an agency (sharedCertificate): who read which
-- certificate, when, for which case and why. Written in the same transaction as the access-log
-- entry it points to; the holder lists them (myCertificateReads). Append-only, like the log.
CREATE TABLE certificate_read (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at                     timestamptz NOT NULL,
  certificate_identifier text NOT NULL REFERENCES certificate (identifier),
  -- The holder at the time of the read (what the holder's list is searched by).
  holder_code_type       text NOT NULL CHECK (holder_code_type IN ('111', '001')),
  holder_code            text NOT NULL,
  reader_subject         text NOT NULL,
  reader_name            text,
  reader_agency          text NOT NULL CHECK (char_length(reader_agency) = 18),
  case_number            text NOT NULL,
  -- The purpose stated with the read (2–200 characters).
  purpose                text NOT NULL CHECK (char_length(purpose) BETWEEN 2 AND 200),
  -- The access_log entry written with it.
  access_log_sequence    bigint NOT NULL REFERENCES access_log (sequence)
);
CREATE INDEX certificate_read_holder_idx ON certificate_read (holder_code_type, holder_code, at DESC, id DESC);
CREATE FUNCTION certificate_read_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'certificate_read is append-only';
END $$;
CREATE TRIGGER certificate_read_no_change BEFORE UPDATE OR DELETE ON certificate_read
  FOR EACH ROW EXECUTE FUNCTION certificate_read_append_only();
