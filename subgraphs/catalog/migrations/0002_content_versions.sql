-- The full service guide as versioned content (dynamic management, 事项动态管理).
--
-- service_item / service_guide keep each entity's identity and the keys lists filter on; what an
-- item or guide says lives in immutable versions, each in force from its effective date. The
-- version in force at a date is the one with the latest effective_from on or before it (ties: the
-- higher number). head_version is the latest number, for optimistic concurrency on writes.

ALTER TABLE service_item ADD COLUMN head_version integer NOT NULL DEFAULT 0;
ALTER TABLE service_guide ADD COLUMN head_version integer NOT NULL DEFAULT 0;

ALTER TABLE service_guide
  DROP COLUMN legal_basis,
  DROP COLUMN legal_limit_value,
  DROP COLUMN legal_limit_unit,
  DROP COLUMN promised_limit_value,
  DROP COLUMN promised_limit_unit,
  DROP COLUMN location,
  DROP COLUMN hours,
  DROP COLUMN phone;

CREATE TABLE item_version (
  basic_code     text NOT NULL REFERENCES service_item (basic_code),
  version        integer NOT NULL CHECK (version >= 1),
  effective_from date NOT NULL,
  status         text NOT NULL CHECK (status IN ('ACTIVE', 'CANCELLED')),
  content        jsonb NOT NULL,
  author         text NOT NULL,
  reason         text NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (basic_code, version)
);
CREATE INDEX item_version_in_force_idx ON item_version (basic_code, effective_from DESC, version DESC);

CREATE TABLE guide_version (
  implementation_code text NOT NULL REFERENCES service_guide (implementation_code),
  version             integer NOT NULL CHECK (version >= 1),
  effective_from      date NOT NULL,
  status              text NOT NULL CHECK (status IN ('ACTIVE', 'CANCELLED')),
  content             jsonb NOT NULL,
  author              text NOT NULL,
  reason              text NOT NULL,
  recorded_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (implementation_code, version)
);
CREATE INDEX guide_version_in_force_idx ON guide_version (implementation_code, effective_from DESC, version DESC);

-- Versions are history: never changed, never removed.
CREATE FUNCTION catalog_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'catalog versions are immutable';
END $$;
CREATE TRIGGER item_version_immutable BEFORE UPDATE OR DELETE ON item_version
  FOR EACH ROW EXECUTE FUNCTION catalog_version_immutable();
CREATE TRIGGER guide_version_immutable BEFORE UPDATE OR DELETE ON guide_version
  FOR EACH ROW EXECUTE FUNCTION catalog_version_immutable();

-- Blank forms, sample forms, result samples: content-addressed (id from the SHA-256).
CREATE TABLE stored_file (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  media_type text NOT NULL,
  size       integer NOT NULL CHECK (size >= 0),
  sha256     text NOT NULL,
  bytes      bytea NOT NULL
);

-- Bumped by every write and every seed load: processes compare it to rebuild what they derive
-- from the whole catalog (the search index).
CREATE TABLE catalog_state (
  id           boolean PRIMARY KEY DEFAULT true CHECK (id),
  data_version bigint NOT NULL
);
INSERT INTO catalog_state (id, data_version) VALUES (true, 0);

-- Writes by maintainers are recorded in the access audit log.
-- @include ../../../lib/audit/access_log.sql
