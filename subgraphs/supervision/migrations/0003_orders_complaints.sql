-- Supervision orders (督办, seed 001 §5(7), the fields of §6(7)) and complaints (投诉, §7(5)), each with
-- its immutable steps (who, when, what they said).

-- 督办单号 and 投诉编号 sequences, one counter per prefix (DB, TS) and China day. A number is taken by one
-- INSERT … ON CONFLICT DO UPDATE … RETURNING inside the transaction that stores the order or complaint:
-- concurrent writers queue on the day's row, never read a count, and a rolled-back write leaves no gap.
CREATE TABLE supervision_number (
  prefix     text NOT NULL CHECK (prefix IN ('DB', 'TS')),
  day        date NOT NULL,
  last_value integer NOT NULL CHECK (last_value >= 1),
  PRIMARY KEY (prefix, day)
);

-- 电子督办单. `version` is the optimistic lock (an action is written only where the row still has the
-- version it was computed from). Alerts are referred to by id without a foreign key: an order outlives
-- nothing it points at, and the alert tables belong to another area.
CREATE TABLE supervision_order (
  id                  text PRIMARY KEY,
  number              text NOT NULL UNIQUE CHECK (number ~ '^DB[0-9]{12,}$'),
  -- 监察部门
  supervising_office  text NOT NULL CHECK (char_length(supervising_office) BETWEEN 1 AND 100),
  -- 被督办单位 (USCC), the six-digit 行政区划 of the item, 事项名称, 事项编码 (implementation code)
  agency              text NOT NULL,
  region              text NOT NULL CHECK (region ~ '^[0-9]{6}$'),
  item_name           text NOT NULL,
  item_code           text NOT NULL,
  item_type           text,
  case_number         text,
  alert_id            text,
  -- 督办事由
  subject             text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 2000),
  -- 监察监控人员 and 督办发起时间
  initiated_by        text NOT NULL,
  initiated_by_name   text,
  initiated_at        timestamptz NOT NULL,
  answer_working_days integer NOT NULL CHECK (answer_working_days BETWEEN 1 AND 60),
  -- 反馈期限 (China date), and the working-day calendar it was counted with.
  due_on              date NOT NULL,
  calendar_version    text NOT NULL,
  answered_at         timestamptz,
  -- 督办结束时间
  closed_at           timestamptz,
  state               text NOT NULL CHECK (state IN ('INITIATED', 'REVIEWED', 'REFUSED', 'SIGNED', 'ANSWERED', 'CLOSED')),
  -- 督办结果
  result              text CHECK (char_length(result) BETWEEN 1 AND 2000),
  -- Set by the clock once the overdue alert for due_on is raised; not part of `version` (the clock
  -- must not make an agency's pending action fail with a version conflict).
  overdue_alerted     boolean NOT NULL DEFAULT false,
  version             integer NOT NULL CHECK (version >= 1),
  updated_at          timestamptz NOT NULL,
  CHECK (case_number IS NOT NULL OR alert_id IS NOT NULL),
  CHECK ((state = 'CLOSED') = (result IS NOT NULL)),
  CHECK ((state IN ('CLOSED', 'REFUSED')) = (closed_at IS NOT NULL))
);
CREATE INDEX supervision_order_list_idx ON supervision_order (initiated_at DESC, id DESC);
CREATE INDEX supervision_order_agency_idx ON supervision_order (agency, initiated_at DESC, id DESC);
CREATE INDEX supervision_order_case_idx ON supervision_order (case_number, initiated_at) WHERE case_number IS NOT NULL;
-- The clock looks only at orders lying with the agency and not yet alerted, by due day: its work per
-- run is the orders that went overdue, not all orders (orders/overdue.ts uses the same predicate).
CREATE INDEX supervision_order_overdue_idx ON supervision_order (due_on, id)
  WHERE state IN ('REVIEWED', 'SIGNED') AND NOT overdue_alerted;

CREATE TABLE supervision_order_step (
  order_id     text NOT NULL REFERENCES supervision_order (id),
  -- The order's version after the step: 1 for 发起, then one per action.
  version      integer NOT NULL CHECK (version >= 1),
  action       text NOT NULL,
  from_state   text,
  to_state     text NOT NULL,
  handler_id   text NOT NULL,
  handler_name text,
  opinion      text,
  at           timestamptz NOT NULL,
  PRIMARY KEY (order_id, version)
);

-- 投诉件. The complainant's name and phone are personal data: staff read them masked.
CREATE TABLE complaint (
  id                  text PRIMARY KEY,
  number              text NOT NULL UNIQUE CHECK (number ~ '^TS[0-9]{12,}$'),
  channel             text NOT NULL CHECK (channel IN ('PHONE', 'ON_SITE', 'ONLINE')),
  subject_kind        text NOT NULL CHECK (subject_kind IN ('CASE', 'AGENCY', 'GUIDE')),
  case_number         text,
  agency              text NOT NULL,
  region              text NOT NULL CHECK (region ~ '^[0-9]{6}$'),
  implementation_code text,
  item_type           text,
  -- ONLINE: the subject of the person who filed it (the one who confirms).
  complainant_subject text,
  -- Whom the complaint belongs to (their subject, ID number or USCC, whom they act for): who reads it.
  complainant_codes   text[] NOT NULL DEFAULT '{}',
  complainant_name    text NOT NULL CHECK (char_length(complainant_name) BETWEEN 1 AND 100),
  complainant_phone   text,
  content             text NOT NULL CHECK (char_length(content) BETWEEN 1 AND 2000),
  recorded_by         text NOT NULL,
  received_at         timestamptz NOT NULL,
  state               text NOT NULL CHECK (state IN ('RECEIVED', 'ACCEPTED', 'NOT_ACCEPTED', 'ROUTED', 'ANSWERED', 'FOLLOWED_UP', 'CLOSED')),
  -- 答复期限 of the latest routing (China date) and the calendar it was counted with.
  answer_due_on       date,
  calendar_version    text,
  answer              text,
  answered_at         timestamptz,
  satisfied           boolean,
  closed_at           timestamptz,
  -- Set by the clock once the overdue alert for answer_due_on is raised; cleared by each routing.
  overdue_alerted     boolean NOT NULL DEFAULT false,
  version             integer NOT NULL CHECK (version >= 1),
  updated_at          timestamptz NOT NULL,
  CHECK ((channel = 'ONLINE') = (complainant_subject IS NOT NULL)),
  CHECK ((subject_kind = 'CASE') = (case_number IS NOT NULL)),
  CHECK (subject_kind = 'AGENCY' OR implementation_code IS NOT NULL),
  CHECK (state IN ('RECEIVED', 'ACCEPTED', 'NOT_ACCEPTED') OR answer_due_on IS NOT NULL)
);
CREATE INDEX complaint_list_idx ON complaint (received_at DESC, id DESC);
CREATE INDEX complaint_agency_idx ON complaint (agency, received_at DESC, id DESC);
CREATE INDEX complaint_case_idx ON complaint (case_number, received_at) WHERE case_number IS NOT NULL;
CREATE INDEX complaint_complainant_idx ON complaint USING gin (complainant_codes);
-- The clock looks only at complaints with the agency and not yet alerted (complaints/overdue.ts).
CREATE INDEX complaint_overdue_idx ON complaint (answer_due_on, id)
  WHERE state = 'ROUTED' AND NOT overdue_alerted;

CREATE TABLE complaint_step (
  complaint_id text NOT NULL REFERENCES complaint (id),
  version      integer NOT NULL CHECK (version >= 1),
  action       text NOT NULL,
  from_state   text,
  to_state     text NOT NULL,
  handler_id   text NOT NULL,
  handler_name text,
  opinion      text,
  at           timestamptz NOT NULL,
  PRIMARY KEY (complaint_id, version)
);

-- Steps are the record of who did what: append-only.
CREATE FUNCTION supervision_step_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER supervision_order_step_no_change BEFORE UPDATE OR DELETE ON supervision_order_step
  FOR EACH ROW EXECUTE FUNCTION supervision_step_immutable();
CREATE TRIGGER complaint_step_no_change BEFORE UPDATE OR DELETE ON complaint_step
  FOR EACH ROW EXECUTE FUNCTION supervision_step_immutable();
