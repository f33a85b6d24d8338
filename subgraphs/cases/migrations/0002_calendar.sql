-- The working-day calendar as data (subgraphs/cases/calendar/store.ts): every version is the whole
-- State Council holiday data (lib/calendar CalendarData: { version, years }), immutable once
-- published. Computed due dates name the version they used, so a version is never changed or removed.
--
-- The versions form one chain: each names the version it was published on (`previous`), and
-- `previous` is unique, so of two publishes based on the same version only one can be stored —
-- the other fails on the constraint and is answered VERSION_CONFLICT. Only the first version (the
-- seed) has no predecessor, and the partial unique index allows exactly one such row, so two
-- processes seeding an empty store at once store one seed. The current version is the highest seq.

CREATE TABLE calendar_version (
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- '2026-01' for the bundled seed, then 'YYYY-MM-DD.N' (China date of publication, Nth that day).
  version      text NOT NULL UNIQUE CHECK (char_length(version) BETWEEN 1 AND 64),
  previous     text UNIQUE REFERENCES calendar_version (version),
  published_at timestamptz NOT NULL DEFAULT now(),
  -- The publisher's subject, or 'seed'.
  author       text NOT NULL CHECK (author <> ''),
  reason       text NOT NULL CHECK (reason <> ''),
  data         jsonb NOT NULL,
  -- WorkingCalendar takes its version from the data, so the two must never disagree.
  CHECK (data ->> 'version' = version),
  CHECK (jsonb_typeof(data -> 'years') = 'object')
);
CREATE UNIQUE INDEX calendar_version_one_root ON calendar_version ((previous IS NULL)) WHERE previous IS NULL;

-- Versions are history: never changed, never removed.
CREATE FUNCTION calendar_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'calendar versions are immutable';
END $$;
CREATE TRIGGER calendar_version_no_change BEFORE UPDATE OR DELETE ON calendar_version
  FOR EACH ROW EXECUTE FUNCTION calendar_version_immutable();
CREATE TRIGGER calendar_version_no_truncate BEFORE TRUNCATE ON calendar_version
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_version_immutable();
