-- 监察规则信息库 (seed 001 §6(6)) and the alerts the rules raise (预警/报警).

-- A rule's identity and what it currently covers. One rule per check, slot and target: two rules that
-- both claimed the same case for the same check would leave "the most specific rule" undecided. The
-- slot tells apart rules of one check that watch different things (DEADLINE_OVERRUN: PROMISED, LEGAL).
CREATE TABLE rule (
  code            text PRIMARY KEY CHECK (code ~ '^[A-Z0-9._]{3,64}$'),
  rule_check      text NOT NULL,
  slot            text NOT NULL DEFAULT '',
  target_kind     text NOT NULL CHECK (target_kind IN ('ALL', 'ITEM_TYPE', 'AGENCY', 'GUIDE')),
  target_value    text NOT NULL DEFAULT '',
  latest_version  integer NOT NULL CHECK (latest_version >= 1),
  created_at      timestamptz NOT NULL,
  UNIQUE (rule_check, slot, target_kind, target_value)
);

-- Every version of a rule, immutable (a trigger refuses changes): each alert names the version that
-- raised it, so what the rule said then must stay readable.
CREATE TABLE rule_version (
  code         text NOT NULL REFERENCES rule (code),
  version      integer NOT NULL CHECK (version >= 1),
  type         text NOT NULL CHECK (type IN ('TIMELINESS', 'LEGALITY', 'COMPLETENESS', 'FEE')),
  rule_check   text NOT NULL CHECK (rule_check IN ('DEADLINE_APPROACHING', 'DEADLINE_OVERRUN', 'STEP_OVERRUN', 'SUPERVISION_OVERDUE',
                 'DECISION_BEFORE_ACCEPTANCE', 'STEP_SKIPPED', 'REFUSAL_WITHOUT_REASON', 'MISSING_MATERIAL', 'FEE_NOT_CHARGEABLE', 'FEE_ABOVE_STANDARD')),
  description  text NOT NULL,
  parameters   jsonb NOT NULL,
  colour       text NOT NULL CHECK (colour IN ('YELLOW', 'RED')),
  target_kind  text NOT NULL CHECK (target_kind IN ('ALL', 'ITEM_TYPE', 'AGENCY', 'GUIDE')),
  target_value text,
  enabled      boolean NOT NULL,
  author       text NOT NULL,
  reason       text NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (code, version),
  CHECK ((target_kind = 'ALL') = (target_value IS NULL))
);
CREATE FUNCTION rule_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rule_version is immutable: make a new version';
END $$;
CREATE TRIGGER rule_version_no_change BEFORE UPDATE OR DELETE ON rule_version
  FOR EACH ROW EXECUTE FUNCTION rule_version_immutable();

-- An alert, raised once per rule, case (or supervised subject) and occasion: `about` is `CASE:<number>`
-- or `ORDER:<id>`, `COMPLAINT:<id>`, `RECTIFICATION:<id>`; the occasion tells one rule's alerts on it
-- apart (`PROMISED:2026-12-01`, `record:5`). A repeated raise finds the first alert on that key.
CREATE TABLE alert (
  id                   text PRIMARY KEY,
  case_number          text,
  subject_kind         text CHECK (subject_kind IN ('ORDER', 'COMPLAINT', 'RECTIFICATION')),
  subject_id           text,
  about                text NOT NULL,
  occasion             text NOT NULL,
  rule_code            text NOT NULL,
  rule_version         integer NOT NULL,
  type                 text NOT NULL,
  rule_check           text NOT NULL,
  colour               text NOT NULL CHECK (colour IN ('YELLOW', 'RED')),
  message              text NOT NULL,
  agency               text NOT NULL,
  region               text NOT NULL,
  implementation_code  text,
  item_type            text,
  evidence             jsonb NOT NULL,
  observed_at          timestamptz NOT NULL,
  raised_at            timestamptz NOT NULL,
  state                text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
  acknowledged_at      timestamptz,
  acknowledged_by      text,
  acknowledgement_note text,
  resolved_at          timestamptz,
  resolved_by          text,
  resolution           text,
  FOREIGN KEY (rule_code, rule_version) REFERENCES rule_version (code, version),
  UNIQUE (rule_code, about, occasion),
  CHECK ((subject_kind IS NULL) = (subject_id IS NULL)),
  CHECK (case_number IS NOT NULL OR subject_kind IS NOT NULL),
  CHECK (state = 'OPEN' OR acknowledged_at IS NOT NULL OR resolved_at IS NOT NULL),
  CHECK ((state = 'RESOLVED') = (resolved_at IS NOT NULL))
);
-- The auditor's list is newest first, filtered by one of these (alerts/repository.ts).
CREATE INDEX alert_raised_idx ON alert (raised_at DESC, id DESC);
CREATE INDEX alert_agency_idx ON alert (agency, raised_at DESC, id DESC);
CREATE INDEX alert_region_idx ON alert (region text_pattern_ops, raised_at DESC);
CREATE INDEX alert_colour_idx ON alert (colour, raised_at DESC, id DESC);
CREATE INDEX alert_rule_idx ON alert (rule_code, raised_at DESC, id DESC);
CREATE INDEX alert_open_idx ON alert (agency, raised_at DESC) WHERE state <> 'RESOLVED';
-- Case.alerts, oldest first; and the alerts of one supervised subject.
CREATE INDEX alert_case_idx ON alert (case_number, raised_at, id) WHERE case_number IS NOT NULL;
CREATE INDEX alert_subject_idx ON alert (subject_kind, subject_id) WHERE subject_kind IS NOT NULL;
