-- Meetings, decisions, actions and the management review (ISO/IEC 27001 5.1, 9.3, 10.2): meetings
-- with attendance and agenda items, decisions, content-addressed attachments, the management
-- review's generated inputs frozen at sign-off, signed addenda; actions shared by every area with
-- their progress notes and carry-over from review to review; the organization's declared cadence;
-- per-user calendar feed tokens. Every row is scoped by org_id. Times are UTC microseconds; *_on
-- columns are days since the Unix epoch.

CREATE TABLE meetings (
  id @ID@,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  meeting_type TEXT NOT NULL,
  title TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  duration_minutes INTEGER NOT NULL DEFAULT 60,
  place TEXT NOT NULL DEFAULT '',
  chair_person_id BIGINT REFERENCES people(id),
  status TEXT NOT NULL DEFAULT 'planned',
  cancel_reason TEXT NOT NULL DEFAULT '',
  previous_review_id BIGINT,
  content_hash TEXT NOT NULL DEFAULT '',
  frozen_content TEXT NOT NULL DEFAULT '',
  signed_at BIGINT,
  signer_user_id BIGINT REFERENCES users(id),
  signer_name TEXT NOT NULL DEFAULT '',
  signer_role TEXT NOT NULL DEFAULT '',
  signature_meaning TEXT NOT NULL DEFAULT '',
  signoff_seq BIGINT,
  created_by_label TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meetings_org_starts ON meetings(org_id, starts_at);
CREATE INDEX meetings_org_type ON meetings(org_id, meeting_type, starts_at);

-- Invitees and their attendance: invited (not yet recorded), present, excused, absent.
CREATE TABLE meeting_attendees (
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  org_id BIGINT NOT NULL,
  attendance TEXT NOT NULL DEFAULT 'invited',
  PRIMARY KEY (meeting_id, person_id)
);
CREATE INDEX meeting_attendees_person ON meeting_attendees(org_id, person_id);

-- Agenda items. A management review's generated items carry review_input ('a'..'g'); their
-- snapshot (the input's data as canonical JSON) is written when the review is signed.
CREATE TABLE meeting_items (
  id @ID@,
  org_id BIGINT NOT NULL,
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '',
  minutes TEXT NOT NULL DEFAULT '',
  review_input TEXT NOT NULL DEFAULT '',
  presenter TEXT NOT NULL DEFAULT '',
  material TEXT NOT NULL DEFAULT '',
  snapshot TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meeting_items_meeting ON meeting_items(meeting_id, position);

CREATE TABLE meeting_decisions (
  id @ID@,
  org_id BIGINT NOT NULL,
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  item_id BIGINT REFERENCES meeting_items(id),
  text TEXT NOT NULL,
  decision_type TEXT NOT NULL,
  owner_person_id BIGINT REFERENCES people(id),
  due_on INTEGER,
  action_id BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions(meeting_id);
CREATE INDEX meeting_decisions_org ON meeting_decisions(org_id, decision_type);

-- Uploaded bytes, stored once per organization by SHA-256 (lower-case hex).
CREATE TABLE blobs (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  content @BLOB@ NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, sha256)
);

-- Evidence attached to a meeting (optionally to one agenda item). received_at is the server's
-- time and never changes; effective_on is the uploader's date for what the file shows.
CREATE TABLE meeting_attachments (
  id @ID@,
  org_id BIGINT NOT NULL,
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  item_id BIGINT REFERENCES meeting_items(id),
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  effective_on INTEGER NOT NULL,
  uploaded_by_label TEXT NOT NULL,
  uploaded_by_user_id BIGINT REFERENCES users(id)
);
CREATE INDEX meeting_attachments_meeting ON meeting_attachments(meeting_id);

-- Corrections to signed minutes: dated, each an electronic signature over its own text and the
-- minutes' content hash.
CREATE TABLE meeting_addenda (
  id @ID@,
  org_id BIGINT NOT NULL,
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  body TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  signer_user_id BIGINT NOT NULL REFERENCES users(id),
  signer_name TEXT NOT NULL,
  signer_role TEXT NOT NULL,
  meaning TEXT NOT NULL,
  signed_at BIGINT NOT NULL
);
CREATE INDEX meeting_addenda_meeting ON meeting_addenda(meeting_id);

-- The organization's declared cadence.
CREATE TABLE meeting_cadence (
  org_id BIGINT PRIMARY KEY REFERENCES organizations(id),
  review_every_months INTEGER NOT NULL,
  security_agenda_every_months INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Per-user calendar feed secrets (stored hashed).
CREATE TABLE calendar_tokens (
  id @ID@,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX calendar_tokens_user ON calendar_tokens(org_id, user_id);

-- Actions, shared by every area. source names where the action came from; source_ref is the
-- record ("meeting:12", "decision:40"); meeting_id and decision_id are set for meeting sources.
CREATE TABLE actions (
  id @ID@,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  source_ref TEXT NOT NULL DEFAULT '',
  meeting_id BIGINT REFERENCES meetings(id),
  decision_id BIGINT REFERENCES meeting_decisions(id),
  owner_person_id BIGINT REFERENCES people(id),
  due_on INTEGER,
  status TEXT NOT NULL DEFAULT 'open',
  cancel_reason TEXT NOT NULL DEFAULT '',
  completion_evidence TEXT NOT NULL DEFAULT '',
  closed_at BIGINT,
  closed_by_user_id BIGINT REFERENCES users(id),
  closed_by_label TEXT NOT NULL DEFAULT '',
  created_by_label TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX actions_org_status_due ON actions(org_id, status, due_on);
CREATE INDEX actions_org_owner ON actions(org_id, owner_person_id);
CREATE INDEX actions_org_meeting ON actions(org_id, meeting_id);

CREATE TABLE action_notes (
  id @ID@,
  org_id BIGINT NOT NULL,
  action_id BIGINT NOT NULL REFERENCES actions(id),
  body TEXT NOT NULL,
  author_user_id BIGINT REFERENCES users(id),
  author_label TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX action_notes_action ON action_notes(action_id, at);

-- An open action listed in a signed management review's input (a): carried over to that review.
CREATE TABLE action_carryovers (
  action_id BIGINT NOT NULL REFERENCES actions(id),
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  org_id BIGINT NOT NULL,
  status_then TEXT NOT NULL,
  PRIMARY KEY (action_id, meeting_id)
);
CREATE INDEX action_carryovers_org ON action_carryovers(org_id, action_id);

CREATE TABLE action_settings (
  org_id BIGINT PRIMARY KEY REFERENCES organizations(id),
  independent_closure INTEGER NOT NULL,
  escalate_after_days INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);
