-- The identity subgraph: the register of natural persons (实名用户) and the access audit log.

CREATE TABLE person (
  subject         text PRIMARY KEY,
  name            text NOT NULL,
  id_number       text NOT NULL UNIQUE CHECK (char_length(id_number) = 18),
  phone           text,
  real_name_level integer CHECK (real_name_level BETWEEN 1 AND 4)
);

-- @include ../../../lib/audit/access_log.sql
