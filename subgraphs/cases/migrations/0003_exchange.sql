-- Records pushed by departmental systems over CaseExchange carry the message id they came in:
-- a message delivered twice produces one record, and auditors can fetch the envelope behind it.
ALTER TABLE case_record ADD COLUMN source_message_id text;
CREATE UNIQUE INDEX case_record_message_idx ON case_record (source_message_id) WHERE source_message_id IS NOT NULL;
