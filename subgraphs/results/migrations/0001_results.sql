-- The results subgraph: 办理结果信息库 (seed 001 §6(5)), one row per completed case, written once by
-- the cases subgraph (recordCaseResult) and never changed.

CREATE TABLE case_result (
  case_number         text PRIMARY KEY CHECK (char_length(case_number) = 32),
  -- 事项编码: the implementation code the case was filed under.
  implementation_code text NOT NULL CHECK (char_length(implementation_code) = 24),
  -- 办理部门 (USCC).
  agency_uscc         text NOT NULL CHECK (char_length(agency_uscc) = 18),
  case_name           text NOT NULL,
  item_name           text NOT NULL,
  item_type           text NOT NULL,
  -- What the guide says (依法应公示); whether the row is listed is `published` below.
  publish             boolean NOT NULL,
  -- Only the masked name (王*) is ever stored: 结果公示 needs no more, and nothing here can leak more.
  applicant_masked    text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('CERTIFICATE_ISSUED', 'RETURNED', 'VOIDED', 'FORWARDED', 'CORRECTION_TIMEOUT', 'COMPLETED')),
  -- 办结状态
  status              text NOT NULL,
  -- 办结意见
  opinion             text,
  reason              text,
  -- 办理附件: [{ "name": …, "reference": … }]
  attachments         jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(attachments) = 'array'),
  -- 办结时间, millisecond precision (what cursors and the payload digest carry).
  completed_at        timestamptz NOT NULL,
  document_name       text,
  document_number     text,
  delivery_method     text CHECK (delivery_method IN ('WINDOW', 'POST', 'ELECTRONIC')),
  -- 结果公示 lists granted results only (行政许可法 art. 40 publishes 准予 decisions); the rule
  -- lives here once so the list, its count and CaseResult.published cannot disagree.
  published           boolean GENERATED ALWAYS AS (publish AND kind IN ('CERTIFICATE_ISSUED', 'COMPLETED')) STORED,
  -- SHA-256 of the normalised result: a redelivery compares against it (idempotency).
  payload_sha256      text NOT NULL CHECK (payload_sha256 ~ '^[0-9a-f]{64}$'),
  recorded_at         timestamptz NOT NULL DEFAULT now()
);

-- 结果公示: one implementation's published results, newest completion first, keyset-paged.
CREATE INDEX case_result_public_idx ON case_result (implementation_code, published, completed_at DESC, case_number DESC);

-- Results are immutable: a result that was wrong is a matter for a new case (撤销, 更正), not an edit.
CREATE FUNCTION case_result_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_result rows are immutable';
END $$;
CREATE TRIGGER case_result_no_update BEFORE UPDATE ON case_result
  FOR EACH ROW EXECUTE FUNCTION case_result_immutable();

-- @include ../../../lib/audit/access_log.sql
