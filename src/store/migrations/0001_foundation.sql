-- Foundation: organizations, accounts, sessions, API tokens, login throttling, people,
-- top-management designations, and the ledger. Timestamps are UTC microseconds since the epoch
-- (BIGINT); dates are days since the epoch (INTEGER); booleans are INTEGER 0/1.

CREATE TABLE organizations (
  id @ID@,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE users (
  id @ID@,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  last_login_at BIGINT
);

CREATE TABLE memberships (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  expires_at BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  org_id BIGINT REFERENCES organizations(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  step_up_at BIGINT,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id @ID@,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_org ON api_tokens(org_id);

CREATE TABLE login_attempts (
  id @ID@,
  throttle_key TEXT NOT NULL,
  at BIGINT NOT NULL,
  success INTEGER NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts(throttle_key, at);

CREATE TABLE people (
  id @ID@,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  job_title TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  manager_id BIGINT REFERENCES people(id),
  status TEXT NOT NULL DEFAULT 'active',
  external_id TEXT,
  user_id BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (org_id, email)
);
CREATE INDEX people_org_name ON people(org_id, name);
CREATE INDEX people_org_department ON people(org_id, department);
CREATE UNIQUE INDEX people_org_external ON people(org_id, external_id);

CREATE TABLE top_management_terms (
  id @ID@,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  title TEXT NOT NULL DEFAULT '',
  starts_on INTEGER NOT NULL,
  ends_on INTEGER,
  created_at BIGINT NOT NULL
);
CREATE INDEX top_management_terms_org ON top_management_terms(org_id, person_id);

-- The ledger. org_id 0 is the instance's own log (accounts, organizations).
CREATE TABLE ledger_entries (
  org_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id BIGINT NOT NULL,
  actor_label TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  payload TEXT NOT NULL,
  leaf_hash @BLOB@ NOT NULL,
  PRIMARY KEY (org_id, seq)
);
CREATE INDEX ledger_entries_entity ON ledger_entries(org_id, entity_type, entity_id);
CREATE INDEX ledger_entries_at ON ledger_entries(org_id, at);

CREATE TABLE ledger_heads (
  org_id BIGINT PRIMARY KEY,
  size BIGINT NOT NULL
);

CREATE TABLE ledger_checkpoints (
  org_id BIGINT NOT NULL,
  tree_size BIGINT NOT NULL,
  root_hash @BLOB@ NOT NULL,
  note TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, tree_size)
);
