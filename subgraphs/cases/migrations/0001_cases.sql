-- The cases subgraph (办件): applications, their process records (办理过程信息库, seed 001 §6(4)),
-- the files handed in, and the access audit log. Results live in the results subgraph.

-- 办件编号 sequences, one per implementation and year. A number is taken in its own short
-- transaction before the case is written, so concurrent submissions queue only on this row,
-- never on each other's cases; a submission that fails afterwards leaves a gap, which the
-- numbering tolerates (a case number identifies a case, it does not count them).
CREATE TABLE case_sequence (
  implementation_code text NOT NULL,
  year                integer NOT NULL,
  last_value          integer NOT NULL,
  PRIMARY KEY (implementation_code, year)
);

-- A case as it stands now. `snapshot` is the state machine's CaseSnapshot (subgraphs/cases/domain);
-- the other columns are what lists and lookups filter on. `version` is the optimistic lock: a
-- transition is written only where the row still has the version it was computed from.
CREATE TABLE cases (
  case_number            text PRIMARY KEY CHECK (char_length(case_number) = 32),
  implementation_code    text NOT NULL,
  name                   text NOT NULL,
  kind                   text NOT NULL,
  state                  text NOT NULL,
  owning_agency          text NOT NULL,
  participating_agencies text[] NOT NULL DEFAULT '{}',
  applicant_id_number    text NOT NULL,
  agent_id_number        text,
  version                integer NOT NULL CHECK (version >= 1),
  snapshot               jsonb NOT NULL,
  -- The guide version in force at submission, and what the case needs of it (limits, materials).
  guide_version          integer NOT NULL,
  guide_terms            jsonb NOT NULL,
  form_data              jsonb,
  -- Due dates as computed at the last transition, each with the calendar version it used.
  deadlines              jsonb,
  -- The promised due date, else the legal one: what the work queue sorts and filters on.
  due_on                 date,
  open_steps             text[] NOT NULL DEFAULT '{}',
  submitted_at           timestamptz NOT NULL,
  accepted_at            timestamptz,
  updated_at             timestamptz NOT NULL,
  -- Who submitted (subject) and the client's request id: a retry returns the first case.
  submitted_by           text NOT NULL,
  client_request_id      text NOT NULL,
  request_sha256         text NOT NULL,
  UNIQUE (submitted_by, client_request_id)
);
CREATE INDEX cases_applicant_idx ON cases (applicant_id_number, submitted_at DESC, case_number);
CREATE INDEX cases_agent_idx ON cases (agent_id_number, submitted_at DESC, case_number) WHERE agent_id_number IS NOT NULL;
CREATE INDEX cases_queue_idx ON cases (owning_agency, state, due_on, case_number);
-- The scheduler's 补正超时 sweep reads only cases awaiting a correction.
CREATE INDEX cases_correction_idx ON cases (case_number) WHERE state = 'CORRECTION_REQUESTED';
CREATE INDEX cases_participants_idx ON cases USING gin (participating_agencies);

-- Every transition's process record, immutable. Unique on (case, version): two transitions
-- computed from the same snapshot cannot both be stored.
CREATE TABLE case_record (
  case_number text NOT NULL REFERENCES cases (case_number),
  version     integer NOT NULL,
  action      text NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  record      jsonb NOT NULL,
  PRIMARY KEY (case_number, version)
);

CREATE FUNCTION case_record_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_record is append-only';
END;
$$;
CREATE TRIGGER case_record_no_change BEFORE UPDATE OR DELETE ON case_record
  FOR EACH ROW EXECUTE FUNCTION case_record_immutable();

-- File content, stored once per SHA-256 whoever hands it in.
CREATE TABLE material_content (
  sha256  text PRIMARY KEY CHECK (char_length(sha256) = 64),
  size    integer NOT NULL,
  content bytea NOT NULL
);

-- Which file was handed in for which material of the guide, and when.
CREATE TABLE case_material (
  case_number      text NOT NULL REFERENCES cases (case_number),
  material_id      text NOT NULL,
  name             text NOT NULL,
  file_name        text NOT NULL,
  content_type     text NOT NULL,
  size             integer NOT NULL,
  sha256           text NOT NULL REFERENCES material_content (sha256),
  received_at      timestamptz NOT NULL,
  received_version integer NOT NULL,
  PRIMARY KEY (case_number, material_id, sha256)
);

-- @include ../../../lib/outbox/outbox.sql

-- @include ../../../lib/audit/access_log.sql
