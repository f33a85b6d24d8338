-- The catalog subgraph's tables. Codes are text with length checks rather than char(n), so no
-- padding rules leak into comparisons.

CREATE TABLE region (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY')),
  parent_code text REFERENCES region (code)
);
CREATE INDEX region_parent_idx ON region (parent_code);

CREATE TABLE agency (
  uscc              text PRIMARY KEY CHECK (char_length(uscc) = 18),
  organization_code text NOT NULL UNIQUE CHECK (char_length(organization_code) = 9),
  name              text NOT NULL,
  nature            text NOT NULL CHECK (nature IN ('STATUTORY_ORGAN', 'AUTHORIZED_ORGANIZATION', 'ENTRUSTED_ORGANIZATION', 'OTHER')),
  region_code       text NOT NULL REFERENCES region (code),
  parent_uscc       text REFERENCES agency (uscc)
);
CREATE INDEX agency_region_idx ON agency (region_code);

CREATE TABLE service_item (
  basic_code text PRIMARY KEY CHECK (basic_code ~ '^[0-9]{10}$'),
  name       text NOT NULL,
  type       text NOT NULL,
  class      text NOT NULL CHECK (class IN ('DISCLOSURE', 'ADMINISTRATIVE_POWER', 'CONVENIENCE')),
  class_name text NOT NULL,
  group_name text NOT NULL,
  sequence   integer NOT NULL,
  UNIQUE (class, sequence)
);
CREATE INDEX service_item_type_idx ON service_item (type);
CREATE INDEX service_item_group_idx ON service_item (group_name);

CREATE TABLE service_guide (
  implementation_code  text PRIMARY KEY CHECK (char_length(implementation_code) = 24),
  basic_code           text NOT NULL REFERENCES service_item (basic_code),
  agency_uscc          text NOT NULL REFERENCES agency (uscc),
  region_code          text NOT NULL REFERENCES region (code),
  level                text NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY')),
  legal_basis          text,
  legal_limit_value    integer CHECK (legal_limit_value >= 0),
  legal_limit_unit     text CHECK (legal_limit_unit IN ('WORKING_DAY', 'NATURAL_DAY')),
  promised_limit_value integer CHECK (promised_limit_value >= 0),
  promised_limit_unit  text CHECK (promised_limit_unit IN ('WORKING_DAY', 'NATURAL_DAY')),
  location             text,
  hours                text,
  phone                text,
  is_sample            boolean NOT NULL DEFAULT false,
  CHECK ((legal_limit_value IS NULL) = (legal_limit_unit IS NULL)),
  CHECK ((promised_limit_value IS NULL) = (promised_limit_unit IS NULL))
);
CREATE INDEX service_guide_item_idx ON service_guide (basic_code);
CREATE INDEX service_guide_agency_idx ON service_guide (agency_uscc);
CREATE INDEX service_guide_region_idx ON service_guide (region_code);

-- Which seed is loaded, by checksum: seeding again with the same content is a no-op.
CREATE TABLE seed_state (
  name       text PRIMARY KEY,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);
