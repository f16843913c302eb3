// web/tests/lib/policies.mjs — fixtures for the policies tests (web/tests/integration/policies_*,
// web/tests/browser/policies.test.mjs and the policy rows of the authorization test): an
// organization with a signed-in member of every role, each of them also a person in the people
// register (matched by e-mail, so they are in a policy's audience), documents created through
// the API and driven through the real state machine (submit → approve with the approver's
// password in their own session → publish). Nothing here reaches into the database.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import {
  adminSession, bearerClient, Client, createPerson, createToken, createUserWithRole, unique,
} from './client.mjs';

export const ROLES = ['admin', 'top_management', 'isms_manager', 'contributor', 'staff', 'auditor'];

export const sha256 = (text) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

// A short, unique document reference ("T-1A2B3C4D"): the register upper-cases references.
export function reference(prefix = 'T') {
  return `${prefix}-${unique('r').split('-').slice(-1)[0]}`.toUpperCase();
}

export function policyText(title = 'Acceptable use', extra = '') {
  return `# ${title}\n\n## Purpose\n\nThis policy sets out how we use information and systems.\n\n` +
    `## Rules\n\n- Lock your screen when you leave your desk.\n- Report incidents at once.\n${extra}`;
}

// An organization ready for the policies tests. Returns
//   { inst, admin (instance admin session), api (admin token client), users: {role: user},
//     sessions: {role: Client}, tokens: {role: Client}, people: {role: person} }
// Every role's user is a person in department `departments[role]` (default "Operations").
export async function policyOrg(inst, { departments = {}, roles = ROLES } = {}) {
  const admin = await adminSession(inst);
  const api = bearerClient(inst, (await createToken(admin, 'admin')).secret);
  const users = {};
  const sessions = {};
  const tokens = {};
  const people = {};
  for (const role of roles) {
    const u = await createUserWithRole(admin, role, { name: `${roleLabel(role)} Person` });
    users[role] = u;
    people[role] = await createPerson(api, {
      name: u.name, email: u.email, department: departments[role] ?? 'Operations', job_title: roleLabel(role),
    });
    if (role === 'top_management') {
      // The person is designated as top management too (coverage counts leaders separately).
      await api.expectJson('POST', `/api/v1/people/${people[role].id}/top-management`, 201, {
        json: { title: 'Chief Executive Officer', starts_on: '2024-01-01' },
      });
    }
    const c = new Client(inst);
    await c.login(u.email, u.password);
    sessions[role] = c;
    tokens[role] = bearerClient(inst, (await createToken(admin, role)).secret);
  }
  return { inst, admin, api, users, sessions, tokens, people };
}

function roleLabel(role) {
  return role.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

// Creates a document (version 1, a draft) through the API; returns the document JSON.
export async function createPolicy(client, fields = {}) {
  const body = {
    reference: reference(),
    title: 'Acceptable use policy',
    type: 'topic_specific_policy',
    content: policyText(fields.title ?? 'Acceptable use policy'),
    change_summary: 'First version',
    ...fields,
  };
  const r = await client.post('/api/v1/policies', { json: body });
  assert.equal(r.status, 201, `create policy: ${r.describe()}`);
  assert.equal(r.location, `/api/v1/policies/${r.json.id}`);
  return r.json;
}

export const docPath = (doc) => `/api/v1/policies/${doc.id ?? doc}`;
export const versionPath = (doc, n) => `${docPath(doc)}/versions/${n}`;

export async function getPolicy(client, doc) {
  return client.expectJson('GET', docPath(doc), 200);
}

export async function getVersion(client, doc, n) {
  return client.expectJson('GET', versionPath(doc, n), 200);
}

export async function submit(client, doc, n, approvers) {
  return client.expectJson('POST', `${versionPath(doc, n)}/submit`, 200, {
    json: { approvers: approvers.map((u) => u.id ?? u) },
  });
}

// `session` is the approver's own signed-in client; `user` carries the password.
export async function approve(session, user, doc, n, extra = {}) {
  return session.expectJson('POST', `${versionPath(doc, n)}/approve`, 200, {
    json: { password: user.password, comment: 'Approved: fit for purpose.', ...extra },
  });
}

export async function publish(client, doc, n) {
  return client.expectJson('POST', `${versionPath(doc, n)}/publish`, 200, { json: {} });
}

// Starts the next draft and sets its text; returns the edited version.
export async function newDraft(client, doc, { content, material = true, change_summary = 'Changes' } = {}) {
  const v = await client.expectJson('POST', `${docPath(doc)}/drafts`, 201, { json: {} });
  return client.expectJson('PATCH', versionPath(doc, v.number), 200, {
    json: { content: content ?? `${v.content}\n- Added rule ${unique('rule')}.\n`, material, change_summary, row_version: v.row_version },
  });
}

// Submits version n to `approver` (a user with a session in `org.sessions`), approves, publishes.
export async function approveAndPublish(org, doc, n, { approverRole = 'top_management', approveExtra = {} } = {}) {
  await submit(org.api, doc, n, [org.users[approverRole]]);
  const approved = await approve(org.sessions[approverRole], org.users[approverRole], doc, n, approveExtra);
  assert.equal(approved.status, 'approved', JSON.stringify(approved));
  return publish(org.api, doc, n);
}

// A document with version 1 published, approved by top management.
export async function publishedPolicy(org, fields = {}) {
  const doc = await createPolicy(org.api, fields);
  const v = await approveAndPublish(org, doc, 1);
  assert.equal(v.status, 'published');
  return { doc: await getPolicy(org.api, doc), version: v };
}

export async function coverage(client, doc) {
  return client.expectJson('GET', `${docPath(doc)}/coverage`, 200);
}

// Opens then acknowledges the current version as the session's person.
export async function openAndAcknowledge(session, doc) {
  const o = await session.expectJson('POST', `${docPath(doc)}/open`, 200, { json: {} });
  return session.expectJson('POST', `${docPath(doc)}/acknowledge`, 200, {
    json: { content_hash: o.version.content_hash },
  });
}

// Asserts the API error shape {"error": {code, message, fields}} and that `fields` are named.
export function assertApiError(r, status, code, fields = []) {
  assert.equal(r.status, status, r.describe());
  assert.match(r.header('content-type') ?? '', /^application\/json/, r.describe());
  assert.equal(r.json?.error?.code, code, r.describe());
  assert.equal(typeof r.json.error.message, 'string');
  assert.ok(r.json.error.message.length > 0, r.describe());
  for (const f of fields) {
    assert.ok(r.json.error.fields && f in r.json.error.fields, `error names "${f}": ${r.describe()}`);
    assert.ok(r.json.error.fields[f].length > 0);
  }
}
