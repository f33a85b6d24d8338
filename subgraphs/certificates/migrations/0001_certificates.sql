-- The certificates subgraph: 电子证照 — the certificate types (证照目录), issued certificates with
-- their electronic seals, and the agencies' seal keys.

-- 证照目录: one row per certificate type (seeded at start from seeds/certificates/types.ts).
CREATE TABLE certificate_type (
  -- The defining authority's USCC + a 3-digit sequence.
  type_code            text PRIMARY KEY CHECK (type_code ~ '^[0-9A-Z]{18}[0-9]{3}$'),
  name                 text NOT NULL,
  -- 持证主体代码类型 allowed: 111 (citizen ID), 001 (USCC).
  holder_code_types    text[] NOT NULL CHECK (holder_code_types <@ ARRAY['111', '001'] AND cardinality(holder_code_types) > 0),
  -- USCCs of the agencies that may issue it.
  issuing_agencies     text[] NOT NULL,
  -- 实施编码 of the guides whose results are certificates of this type.
  implementation_codes text[] NOT NULL,
  -- 照面信息: [{ name, label, type, required, maxLength?, values? }]
  surface_fields       jsonb NOT NULL CHECK (jsonb_typeof(surface_fields) = 'array'),
  -- Longest validity in years; NULL: valid until revoked or cancelled.
  validity_years       integer CHECK (validity_years BETWEEN 1 AND 100),
  sample               boolean NOT NULL DEFAULT false
);

-- Electronic seal keys, one current key per issuing agency; a retired key signs nothing new but stays
-- published so every certificate it sealed stays verifiable.
-- The private JWK is kept here as the embedded default only: production keeps seal keys in an
-- HSM or KMS (the private half never leaves it) and this column stays empty of them.
CREATE TABLE seal_key (
  -- RFC 7638 thumbprint of the public key.
  kid          text PRIMARY KEY,
  agency_uscc  text NOT NULL CHECK (char_length(agency_uscc) = 18),
  alg          text NOT NULL DEFAULT 'ES256' CHECK (alg = 'ES256'),
  public_jwk   jsonb NOT NULL,
  private_jwk  jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  retired_at   timestamptz
);
-- One signing key per agency; concurrent first issuances race on this index, and one key wins.
CREATE UNIQUE INDEX seal_key_current ON seal_key (agency_uscc) WHERE retired_at IS NULL;

-- The serial of each (type, issuer): one statement per issuance, safe under concurrency.
CREATE TABLE certificate_sequence (
  type_code   text NOT NULL,
  issuer_uscc text NOT NULL,
  last_value  bigint NOT NULL,
  PRIMARY KEY (type_code, issuer_uscc)
);

CREATE TABLE certificate (
  -- 1.2.156.3005.2.{type}.{issuer}.{serial}.{version}.{check}
  identifier        text PRIMARY KEY,
  type_code         text NOT NULL REFERENCES certificate_type (type_code),
  issuer_uscc       text NOT NULL CHECK (char_length(issuer_uscc) = 18),
  serial            text NOT NULL,
  version           integer NOT NULL CHECK (version BETWEEN 1 AND 999),
  holder_code_type  text NOT NULL CHECK (holder_code_type IN ('111', '001')),
  holder_code       text NOT NULL,
  holder_name       text NOT NULL,
  -- 照面信息, checked against the type's fields at issuance.
  surface_data      jsonb NOT NULL CHECK (jsonb_typeof(surface_data) = 'object'),
  issued_on         date NOT NULL,
  valid_from        date NOT NULL,
  valid_until       date,
  -- The case the certificate was issued from, and its result's 文书编号.
  case_number       text,
  document_number   text,
  status            text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'REVOKED', 'CANCELLED', 'SUPERSEDED')),
  status_reason     text,
  status_changed_at timestamptz,
  status_changed_by text,
  supersedes        text REFERENCES certificate (identifier),
  superseded_by     text REFERENCES certificate (identifier),
  seal_kid          text NOT NULL REFERENCES seal_key (kid),
  -- Compact JWS (ES256) over the canonical JSON of what the certificate says.
  sealed_token      text NOT NULL,
  issued_by         text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (type_code, issuer_uscc, serial, version),
  CHECK (valid_from >= issued_on),
  CHECK (valid_until IS NULL OR valid_until > valid_from),
  CHECK (document_number IS NOT NULL OR case_number IS NULL)
);

-- A case produces at most one active certificate of a type (a replacement supersedes the old first).
CREATE UNIQUE INDEX certificate_active_per_case ON certificate (case_number, type_code) WHERE case_number IS NOT NULL AND status = 'ACTIVE';
-- The holder's wallet, newest first.
CREATE INDEX certificate_holder_idx ON certificate (holder_code_type, holder_code, created_at DESC, identifier DESC);
CREATE INDEX certificate_case_idx ON certificate (case_number) WHERE case_number IS NOT NULL;

-- @include ../../../lib/audit/access_log.sql
