-- The transactional outbox (lib/outbox/outbox.ts): messages to other services, written in the same
-- transaction as the change they announce, delivered after commit, at least once.
CREATE TABLE outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic           text NOT NULL,
  -- Stable across redeliveries: the receiver uses it to ignore a second copy.
  message_key     text NOT NULL,
  payload         jsonb NOT NULL,
  state           text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A dispatcher that claimed the message owns it until then; a crashed one's claim simply lapses.
  leased_until    timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  UNIQUE (topic, message_key)
);
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at, id) WHERE state = 'PENDING';
