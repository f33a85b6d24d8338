-- 好差评 (seed 004): evaluations, the rectification of bad reviews (差评整改), the agencies' appeals
-- (申诉), and the working days each jurisdiction allows for a rectification.

CREATE TABLE evaluation (
  id                  text PRIMARY KEY,
  case_number         text NOT NULL,
  channel             text NOT NULL CHECK (channel IN ('ONLINE', 'MOBILE', 'SMS', 'WINDOW_DEVICE')),
  level               text NOT NULL CHECK (level IN ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED')),
  -- The online indicators, all four or none (SMS and the hall's device carry the level only).
  efficiency          smallint CHECK (efficiency BETWEEN 1 AND 5),
  guide_accuracy      smallint CHECK (guide_accuracy BETWEEN 1 AND 5),
  convenience         smallint CHECK (convenience BETWEEN 1 AND 5),
  operability         smallint CHECK (operability BETWEEN 1 AND 5),
  comment             text CHECK (char_length(comment) BETWEEN 1 AND 500),
  -- Copied from the cases subgraph's facts when the review is given: figures and visibility never ask it again.
  agency              text NOT NULL,
  implementation_code text NOT NULL,
  region              text NOT NULL,
  applicant_id        text NOT NULL,
  agent_id            text,
  evaluated_by        text NOT NULL,
  evaluated_at        timestamptz NOT NULL,
  -- False once an appeal is upheld: the review stays on record but no longer counts.
  counted             boolean NOT NULL DEFAULT true,
  CONSTRAINT evaluation_indicators_all_or_none CHECK (
    (efficiency IS NULL) = (guide_accuracy IS NULL) AND (efficiency IS NULL) = (convenience IS NULL) AND (efficiency IS NULL) = (operability IS NULL)
  ),
  -- One evaluation per case and channel: the last line of defence when two submissions race.
  CONSTRAINT evaluation_case_channel_key UNIQUE (case_number, channel)
);

CREATE INDEX evaluation_applicant_idx ON evaluation (applicant_id, evaluated_at DESC);
CREATE INDEX evaluation_agent_idx ON evaluation (agent_id, evaluated_at DESC) WHERE agent_id IS NOT NULL;
CREATE INDEX evaluation_agency_idx ON evaluation (agency, evaluated_at);
CREATE INDEX evaluation_implementation_idx ON evaluation (implementation_code, evaluated_at);
CREATE INDEX evaluation_evaluated_at_idx ON evaluation (evaluated_at);

CREATE TABLE rectification_task (
  id               text PRIMARY KEY,
  -- A bad review opens at most one task.
  evaluation_id    text NOT NULL UNIQUE REFERENCES evaluation (id),
  case_number      text NOT NULL,
  agency           text NOT NULL,
  region           text NOT NULL,
  implementation_code text NOT NULL,
  state            text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'ANSWERED', 'CLOSED', 'CANCELLED')),
  working_days     integer NOT NULL CHECK (working_days BETWEEN 1 AND 60),
  due_on           date NOT NULL,
  -- The working-day calendar the due date was counted with.
  calendar_version text NOT NULL,
  opened_at        timestamptz NOT NULL,
  rectification    text CHECK (char_length(rectification) BETWEEN 1 AND 2000),
  reply            text CHECK (char_length(reply) BETWEEN 1 AND 2000),
  answered_at      timestamptz,
  answered_by      text,
  closed_at        timestamptz,
  closed_by        text,
  close_note       text,
  cancelled_at     timestamptz,
  cancelled_by     text,
  -- Set once the supervision clock raised the overdue alert: each task is alerted once.
  overdue_alerted  boolean NOT NULL DEFAULT false,
  version          integer NOT NULL DEFAULT 1,
  CONSTRAINT rectification_answered CHECK (state IN ('OPEN', 'CANCELLED') OR (reply IS NOT NULL AND answered_at IS NOT NULL)),
  CONSTRAINT rectification_closed CHECK (state <> 'CLOSED' OR closed_at IS NOT NULL)
);

CREATE INDEX rectification_task_agency_idx ON rectification_task (agency, due_on);
CREATE INDEX rectification_task_case_idx ON rectification_task (case_number);
-- The clock's work: open tasks not yet alerted, by due day (never a scan of every task).
CREATE INDEX rectification_task_due_idx ON rectification_task (due_on, id) WHERE state = 'OPEN' AND NOT overdue_alerted;

CREATE TABLE evaluation_appeal (
  -- One appeal per evaluation.
  evaluation_id  text PRIMARY KEY REFERENCES evaluation (id),
  case_number    text NOT NULL,
  agency         text NOT NULL,
  reason         text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
  appealed_by    text NOT NULL,
  appealed_at    timestamptz NOT NULL,
  state          text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'UPHELD', 'DISMISSED')),
  decided_by     text,
  decided_at     timestamptz,
  decision       text CHECK (char_length(decision) BETWEEN 1 AND 2000),
  CONSTRAINT evaluation_appeal_decided CHECK ((state = 'PENDING') = (decided_at IS NULL))
);

CREATE INDEX evaluation_appeal_case_idx ON evaluation_appeal (case_number);

-- The working days a jurisdiction allows for a rectification; the longest prefix of a case's region
-- wins, and RECTIFICATION_WORKING_DAYS applies where none is set (no rows are seeded).
CREATE TABLE rectification_deadline (
  region        text PRIMARY KEY CHECK (region ~ '^[0-9]{2}([0-9]{2}){0,2}$'),
  working_days  integer NOT NULL CHECK (working_days BETWEEN 1 AND 60),
  set_by        text NOT NULL,
  set_at        timestamptz NOT NULL
);
