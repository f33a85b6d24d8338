-- Supervision's own copy of every case (电子监察 reads all process data, seed 001 §7(5)), built from the
-- cases subgraph's observations (observations/observation.ts). Supervision never reads the cases tables.

-- A case as the highest observed version left it. Observations may arrive out of order: a write keeps
-- the row only when its version is higher (cases/projection.ts), so the row never moves backwards.
CREATE TABLE supervised_case (
  case_number            text PRIMARY KEY CHECK (char_length(case_number) = 32),
  agency                 text NOT NULL,
  participating_agencies text[] NOT NULL DEFAULT '{}',
  -- Six-digit 行政区划 of the implementation.
  region                 text NOT NULL CHECK (region ~ '^[0-9]{6}$'),
  implementation_code    text NOT NULL,
  item_type              text NOT NULL,
  -- IMMEDIATE, PROMISED, SUPPLEMENTARY, ESCALATED, JOINT
  kind                   text NOT NULL,
  state                  text NOT NULL,
  -- WINDOW, ONLINE, MOBILE, SOAP: how the application came in.
  channel                text NOT NULL,
  -- Who may evaluate it or complain about it (好差评, 投诉): the applicant and the agent.
  applicant_id_type      text NOT NULL,
  applicant_id_number    text NOT NULL,
  agent_id_number        text,
  submitted_at           timestamptz NOT NULL,
  accepted_at            timestamptz,
  decided_at             timestamptz,
  completed_at           timestamptz,
  -- APPROVE / DENY, and the 办结类型, for the figures.
  decision               text,
  result_kind            text,
  version                integer NOT NULL CHECK (version >= 1),
  -- The CaseFact of that version (materials, steps, deadlines …) and the guide terms (GuideFact).
  facts                  jsonb NOT NULL,
  guide                  jsonb NOT NULL,
  -- The due dates of that version, each with its calendar version (DeadlineFact); null before acceptance.
  deadlines              jsonb,
  -- The next China day a time rule could fire for this case (a yellow day, the first day past a due
  -- date, a step's); null when nothing is left to watch (not accepted yet, finished, suspended).
  -- The clock reads only rows whose day has come, so its work is the cases crossing a boundary.
  next_check_on          date,
  updated_at             timestamptz NOT NULL
);
CREATE INDEX supervised_case_next_check_idx ON supervised_case (next_check_on, case_number) WHERE next_check_on IS NOT NULL;
CREATE INDEX supervised_case_agency_idx ON supervised_case (agency, submitted_at);
CREATE INDEX supervised_case_region_idx ON supervised_case (region text_pattern_ops, submitted_at);
CREATE INDEX supervised_case_guide_idx ON supervised_case (implementation_code, submitted_at);
-- The efficiency figures count cases accepted or completed in a period, per agency, region or guide.
CREATE INDEX supervised_case_agency_accepted_idx ON supervised_case (agency, accepted_at) WHERE accepted_at IS NOT NULL;
CREATE INDEX supervised_case_agency_completed_idx ON supervised_case (agency, completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX supervised_case_accepted_idx ON supervised_case (accepted_at) WHERE accepted_at IS NOT NULL;
CREATE INDEX supervised_case_completed_idx ON supervised_case (completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX supervised_case_applicant_idx ON supervised_case (applicant_id_number);
CREATE INDEX supervised_case_participants_idx ON supervised_case USING gin (participating_agencies);

-- Every observation as received: supervision's copy of each process record, and the idempotency key
-- of the cases subgraph's outbox (a redelivered version is recognised and changes nothing).
CREATE TABLE case_observation (
  case_number  text NOT NULL,
  version      integer NOT NULL CHECK (version >= 1),
  action       text NOT NULL,
  occurred_at  timestamptz NOT NULL,
  received_at  timestamptz NOT NULL,
  payload      jsonb NOT NULL,
  PRIMARY KEY (case_number, version)
);

-- What the exchange service reported of records a departmental system pushed and Tongban did not
-- apply (held for a predecessor, or refused). Idempotent on the CaseExchange message id.
CREATE TABLE exchange_report (
  message_id   text PRIMARY KEY,
  case_number  text NOT NULL,
  action       text NOT NULL,
  status       text NOT NULL CHECK (status IN ('HELD', 'REJECTED')),
  occurred_at  timestamptz NOT NULL,
  received_at  timestamptz NOT NULL,
  payload      jsonb NOT NULL
);
CREATE INDEX exchange_report_case_idx ON exchange_report (case_number, received_at);
