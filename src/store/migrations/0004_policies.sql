-- Policies and documented information (ISO/IEC 27001 5.2, 7.5): the document register, immutable
-- versions with their content hash, approvals as electronic signatures, reviews, openings and
-- acknowledgments bound to a version, acknowledgment campaigns, public share links, and the
-- approval rules per document type. Every row is scoped by org_id. Times are UTC microseconds;
-- *_on columns are days since the Unix epoch.

CREATE TABLE policy_documents (
  id @ID@,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  reference TEXT NOT NULL,
  title TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  owner_person_id BIGINT REFERENCES people(id),
  classification TEXT NOT NULL DEFAULT 'internal',
  audience TEXT NOT NULL DEFAULT 'everyone',
  review_interval_months INTEGER NOT NULL DEFAULT 12,
  retention_months INTEGER NOT NULL DEFAULT 84,
  requirements TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',
  current_version_id BIGINT,
  last_reviewed_at BIGINT,
  retired_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (org_id, reference)
);
CREATE INDEX policy_documents_org_status ON policy_documents(org_id, status);

-- Audiences by role find people through the user linked to them.
CREATE INDEX people_org_user ON people(org_id, user_id);

-- Audience members when audience is 'departments', 'roles' or 'people' (value: a department
-- name, a role name, or a person id as text).
CREATE TABLE policy_audience (
  doc_id BIGINT NOT NULL REFERENCES policy_documents(id),
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (doc_id, kind, value)
);

CREATE TABLE policy_versions (
  id @ID@,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  doc_id BIGINT NOT NULL REFERENCES policy_documents(id),
  number INTEGER NOT NULL,
  content TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  change_summary TEXT NOT NULL DEFAULT '',
  material INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'draft',
  effective_on INTEGER,
  author_user_id BIGINT REFERENCES users(id),
  author_label TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT,
  decided_at BIGINT,
  published_at BIGINT,
  archived_at BIGINT,
  row_version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (doc_id, number)
);
CREATE INDEX policy_versions_org_status ON policy_versions(org_id, status);

-- One row per named approver of a submitted version; decided rows are signatures.
CREATE TABLE policy_approvals (
  version_id BIGINT NOT NULL REFERENCES policy_versions(id),
  approver_user_id BIGINT NOT NULL REFERENCES users(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  decision TEXT NOT NULL DEFAULT 'pending',
  comment TEXT NOT NULL DEFAULT '',
  signer_name TEXT NOT NULL DEFAULT '',
  signer_role TEXT NOT NULL DEFAULT '',
  meaning TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL DEFAULT '',
  decided_at BIGINT,
  requested_at BIGINT NOT NULL,
  PRIMARY KEY (version_id, approver_user_id)
);
CREATE INDEX policy_approvals_approver ON policy_approvals(org_id, approver_user_id, decision);

CREATE TABLE policy_reviews (
  id @ID@,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  doc_id BIGINT NOT NULL REFERENCES policy_documents(id),
  version_id BIGINT NOT NULL REFERENCES policy_versions(id),
  outcome TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  reviewer_user_id BIGINT NOT NULL REFERENCES users(id),
  signer_name TEXT NOT NULL,
  signer_role TEXT NOT NULL,
  meaning TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX policy_reviews_doc ON policy_reviews(org_id, doc_id, at);

-- policy_opens and policy_acknowledgments are the large tables (one row per person and version):
-- their org_id (and doc_id) follow from version_id, so only version_id and person_id are foreign
-- keys. Two more per-row checks (each a parent lookup and a key-share lock on PostgreSQL) would
-- add nothing and made a 100,000-row bulk acknowledgment several times slower.
CREATE TABLE policy_opens (
  version_id BIGINT NOT NULL REFERENCES policy_versions(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  org_id BIGINT NOT NULL,
  first_opened_at BIGINT NOT NULL,
  last_opened_at BIGINT NOT NULL,
  PRIMARY KEY (version_id, person_id)
);

-- Bound to the exact version and its content hash. version_number is copied from the version so
-- coverage ("acknowledged this version or a later one since the last material change") is one
-- index range per document.
CREATE TABLE policy_acknowledgments (
  version_id BIGINT NOT NULL REFERENCES policy_versions(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  org_id BIGINT NOT NULL,
  doc_id BIGINT NOT NULL,
  version_number INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  at BIGINT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (version_id, person_id)
);
CREATE INDEX policy_acknowledgments_doc ON policy_acknowledgments(doc_id, person_id, version_number);

CREATE TABLE policy_campaigns (
  id @ID@,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  doc_id BIGINT NOT NULL REFERENCES policy_documents(id),
  version_id BIGINT NOT NULL REFERENCES policy_versions(id),
  title TEXT NOT NULL,
  due_on INTEGER NOT NULL,
  created_by_label TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE INDEX policy_campaigns_org ON policy_campaigns(org_id, due_on);

CREATE TABLE policy_share_links (
  id @ID@,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  version_id BIGINT NOT NULL REFERENCES policy_versions(id),
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  recipient TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT,
  created_by_label TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  views INTEGER NOT NULL DEFAULT 0,
  last_viewed_at BIGINT
);
CREATE INDEX policy_share_links_version ON policy_share_links(org_id, version_id);

CREATE TABLE policy_approval_rules (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  doc_type TEXT NOT NULL,
  min_approvers INTEGER NOT NULL DEFAULT 1,
  require_top_management INTEGER NOT NULL DEFAULT 0,
  require_independence INTEGER NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, doc_type)
);
