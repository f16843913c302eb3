// web/tests/lib/meetings_authz.mjs — the meetings and actions rows of the authorization test
// (web/tests/integration/authz.test.mjs): who may call each route (the role sets of
// src/areas/meetings/service.hpp and src/areas/actions/service.hpp, declared with each route in
// their routes.cpp and tabled in docs/security.md) and, for each route, a valid request on fresh
// fixtures so that an allowed caller does real work and gets its success status. Sign-off is the
// chair's (the top-management user, who chairs every fixture meeting) with their own password;
// addenda are signed with the caller's own password; API tokens act for the account that created
// them (the instance administrator, who is not in the people register), so a token cannot sign
// (403), cannot make a calendar feed (403: a person's feed), and owns no action: a member token
// that cannot read the register does not see anyone's action (404).
import assert from 'node:assert/strict';

import { today, unique } from './client.mjs';
import { dayIn, minuteIn, multipart, tinyPdf } from './meetings.mjs';

const PUBLIC = 'public';
const READERS = ['admin', 'top_management', 'isms_manager', 'contributor', 'auditor'];
const EDITORS = ['admin', 'top_management', 'isms_manager', 'contributor'];
const ACTION_MEMBERS = ['admin', 'top_management', 'isms_manager', 'contributor', 'staff'];
// Reading the register and an action: the readers (auditors included: they read everything) and
// the members who own actions (their own only).
const ACTION_VIEWERS = ['admin', 'top_management', 'isms_manager', 'contributor', 'staff', 'auditor'];
const ACTION_SETTINGS = ['admin', 'isms_manager'];
const SIGNERS = ['top_management'];
const ADDENDUM_SIGNERS = ['admin', 'top_management', 'isms_manager'];
const CADENCE_ADMINS = ['admin', 'top_management', 'isms_manager'];
const CALENDAR_MEMBERS = ['admin', 'top_management', 'isms_manager', 'contributor', 'staff', 'auditor'];

export const MEETING_EXPECTED = {
  'GET /actions': ACTION_VIEWERS,
  'GET /actions/mine': ACTION_MEMBERS,
  'GET /actions/by-owner': READERS,
  'GET /actions/by-source': READERS,
  'GET /actions/export.csv': READERS,
  'GET /actions/new': EDITORS,
  'POST /actions': EDITORS,
  'GET /actions/settings': ACTION_SETTINGS,
  'POST /actions/settings': ACTION_SETTINGS,
  'GET /actions/{id}': ACTION_VIEWERS,
  'GET /actions/{id}/edit': EDITORS,
  'POST /actions/{id}': EDITORS,
  'POST /actions/{id}/start': ACTION_MEMBERS,
  'POST /actions/{id}/complete': ACTION_MEMBERS,
  'POST /actions/{id}/cancel': EDITORS,
  'POST /actions/{id}/reopen': EDITORS,
  'POST /actions/{id}/notes': ACTION_MEMBERS,
  'GET /api/v1/actions': ACTION_VIEWERS,
  'POST /api/v1/actions': EDITORS,
  'GET /api/v1/actions/summary': READERS,
  'GET /api/v1/actions/settings': READERS,
  'PUT /api/v1/actions/settings': ACTION_SETTINGS,
  'GET /api/v1/actions/{id}': ACTION_VIEWERS,
  'PATCH /api/v1/actions/{id}': EDITORS,
  'POST /api/v1/actions/{id}/start': ACTION_MEMBERS,
  'POST /api/v1/actions/{id}/complete': ACTION_MEMBERS,
  'POST /api/v1/actions/{id}/cancel': EDITORS,
  'POST /api/v1/actions/{id}/reopen': EDITORS,
  'POST /api/v1/actions/{id}/notes': ACTION_MEMBERS,

  'GET /meetings': READERS,
  'GET /meetings/calendar': READERS,
  'GET /meetings/new': EDITORS,
  'POST /meetings': EDITORS,
  'GET /meetings/cadence': CADENCE_ADMINS,
  'POST /meetings/cadence': CADENCE_ADMINS,
  'GET /meetings/{id}': READERS,
  'GET /meetings/{id}/edit': EDITORS,
  'POST /meetings/{id}': EDITORS,
  'POST /meetings/{id}/cancel': EDITORS,
  'POST /meetings/{id}/attendance': EDITORS,
  'POST /meetings/{id}/items': EDITORS,
  'POST /meetings/{id}/items/{item}': EDITORS,
  'POST /meetings/{id}/items/{item}/remove': EDITORS,
  'POST /meetings/{id}/decisions': EDITORS,
  'POST /meetings/{id}/decisions/{d}': EDITORS,
  'POST /meetings/{id}/decisions/{d}/remove': EDITORS,
  'POST /meetings/{id}/attachments': EDITORS,
  'GET /meetings/{id}/attachments/{a}': READERS,
  'POST /meetings/{id}/attachments/{a}/remove': EDITORS,
  'GET /meetings/{id}/review': READERS,
  'POST /meetings/{id}/sign': SIGNERS,
  'POST /meetings/{id}/addenda': ADDENDUM_SIGNERS,
  'GET /meetings/{id}/minutes.html': READERS,
  'GET /meetings/{id}/minutes.pdf': READERS,
  'GET /calendar': CALENDAR_MEMBERS,
  'POST /calendar/tokens': CALENDAR_MEMBERS,
  'POST /calendar/tokens/{id}/revoke': CALENDAR_MEMBERS,
  'GET /calendar/feed/{file}': PUBLIC,
  'GET /api/v1/meetings': READERS,
  'POST /api/v1/meetings': EDITORS,
  'GET /api/v1/meetings/cadence': READERS,
  'PUT /api/v1/meetings/cadence': CADENCE_ADMINS,
  'GET /api/v1/meetings/indicators': READERS,
  'GET /api/v1/meetings/{id}': READERS,
  'PATCH /api/v1/meetings/{id}': EDITORS,
  'POST /api/v1/meetings/{id}/cancel': EDITORS,
  'PUT /api/v1/meetings/{id}/attendance/{person}': EDITORS,
  'POST /api/v1/meetings/{id}/items': EDITORS,
  'PATCH /api/v1/meetings/{id}/items/{item}': EDITORS,
  'DELETE /api/v1/meetings/{id}/items/{item}': EDITORS,
  'POST /api/v1/meetings/{id}/decisions': EDITORS,
  'PATCH /api/v1/meetings/{id}/decisions/{d}': EDITORS,
  'DELETE /api/v1/meetings/{id}/decisions/{d}': EDITORS,
  'POST /api/v1/meetings/{id}/attachments': EDITORS,
  'GET /api/v1/meetings/{id}/attachments/{a}': READERS,
  'GET /api/v1/meetings/{id}/review-inputs': READERS,
  'POST /api/v1/meetings/{id}/sign': SIGNERS,
  'POST /api/v1/meetings/{id}/addenda': ADDENDUM_SIGNERS,
  'GET /api/v1/meetings/{id}/minutes': READERS,
  'POST /api/v1/calendar/tokens': CALENDAR_MEMBERS,
};

const allowed = (key, who) => !who.anonymous && MEETING_EXPECTED[key].includes(who.role);
const person = (who) => who.via === 'session';  // a session is a person; a token is not
const mp = (m) => `/meetings/${m.id}`;
const ap = (m) => `/api/v1/meetings/${m.id}`;
const ac = (a) => `/actions/${a.id}`;
const aa = (a) => `/api/v1/actions/${a.id}`;

// Sets up what the cases need on the authorization test's fixtures `fx` (after
// setupPolicyFixtures, which made every role's user a person in the register): each role's
// person id, the top-management person designated, and builders of fresh meetings and actions.
export async function setupMeetingFixtures(fx) {
  const people = {};
  for (const [role, u] of Object.entries(fx.creds)) {
    const r = await fx.api.expectJson('GET', `/api/v1/people?q=${encodeURIComponent(u.email)}`, 200);
    assert.equal(r.items.length, 1, `the ${role} user is a person`);
    people[role] = r.items[0];
  }
  await fx.api.expectJson('POST', `/api/v1/people/${people.top_management.id}/top-management`, 201, {
    json: { title: 'Chief Executive Officer', starts_on: '2024-01-01' },
  });
  const chair = people.top_management.id;
  const mt = { people };
  // A planned executive meeting an hour ago chaired by top management (the only invitee).
  mt.meeting = async (fields = {}) => fx.api.expectJson('POST', '/api/v1/meetings', 201, {
    json: { type: 'executive_committee', title: unique('Authz meeting'), starts_at: minuteIn(-3600), chair_id: chair, invitees: [chair], ...fields },
  });
  mt.item = async (m) => fx.api.expectJson('POST', `${ap(m)}/items`, 201, { json: { title: 'Fixture item', tags: ['risk'], minutes: 'Noted.' } });
  mt.decision = async (m, fields = {}) => fx.api.expectJson('POST', `${ap(m)}/decisions`, 201, {
    json: { text: unique('Fixture decision'), type: 'improvement', ...fields },
  });
  mt.attachment = async (m) => {
    const r = await fx.api.post(`${ap(m)}/attachments?file_name=fixture.pdf&effective_on=${today()}`, {
      body: tinyPdf(unique('authz')), contentType: 'application/octet-stream',
    });
    assert.equal(r.status, 201, r.describe());
    return r.json;
  };
  // Held, everyone present, minutes written: the chair may sign it.
  mt.ready = async () => {
    const m = await mt.meeting();
    await fx.api.expectJson('PUT', `${ap(m)}/attendance/${chair}`, 200, { json: { attendance: 'present' } });
    await mt.item(m);
    return m;
  };
  mt.signed = async () => {
    const m = await mt.ready();
    await fx.sessions.top_management.expectJson('POST', `${ap(m)}/sign`, 200, { json: { password: fx.creds.top_management.password } });
    return m;
  };
  // An action owned by the caller's person (sessions), else by the contributor.
  mt.action = async (who, fields = {}) => {
    const owner = who?.via === 'session' && people[who.role] ? people[who.role].id : people.contributor.id;
    return fx.api.expectJson('POST', '/api/v1/actions', 201, {
      json: { title: unique('Authz action'), owner_id: owner, due_on: dayIn(10), source: 'other', ...fields },
    });
  };
  mt.started = async (who) => {
    const a = await mt.action(who);
    return fx.api.expectJson('POST', `${aa(a)}/start`, 200, { json: {} });
  };
  mt.done = async () => {
    const a = await mt.started();
    return fx.api.expectJson('POST', `${aa(a)}/complete`, 200, { json: { completion_evidence: 'Fixture evidence' } });
  };
  // A calendar feed secret for the public feed route.
  const tok = await fx.sessions.staff.expectJson('POST', '/api/v1/calendar/tokens', 201, { json: {} });
  mt.feed = new URL(tok.url).pathname;
  // A meeting for callers the route refuses anyway (no work is done for them).
  mt.any = await mt.meeting({ title: 'Authz shared meeting' });
  mt.anyItem = await mt.item(mt.any);
  mt.anyDecision = await mt.decision(mt.any);
  mt.anyAttachment = await mt.attachment(mt.any);
  mt.anyAction = await mt.action(null);
  fx.mt = mt;
}

// Fresh fixtures for an allowed caller; the shared ones for the others.
const fresh = (key, who, make, shared) => (allowed(key, who) ? make() : shared);

const meetingForm = (m, title) => ({
  type: m.type, title, starts_at: m.starts_at.slice(0, 16), duration_minutes: String(m.duration_minutes),
  place: m.place, chair_id: String(m.chair_id), invitees: String(m.chair_id), row_version: String(m.row_version),
});

// An owned action's view: a token of a role that cannot read the register owns nothing (404).
const ownerStatus = (who, ok) => (who.via === 'token' && !READERS.includes(who.role) ? 404 : ok);

export const MEETING_CASES = {
  'GET /actions': () => ({ path: '/actions?view=mine', expect: 200 }),
  'GET /actions/mine': () => ({ path: '/actions/mine', expect: 200 }),
  'GET /actions/by-owner': () => ({ path: '/actions/by-owner', expect: 200 }),
  'GET /actions/by-source': () => ({ path: '/actions/by-source', expect: 200 }),
  'GET /actions/export.csv': () => ({ path: '/actions/export.csv?view=all', expect: 200 }),
  'GET /actions/new': () => ({ path: '/actions/new', expect: 200 }),
  'POST /actions': (fx) => ({
    path: '/actions',
    opts: { form: { title: unique('Form action'), description: '', owner_id: String(fx.mt.people.contributor.id), due_on: dayIn(9), source: 'other', source_ref: '' } },
    expect: 303,
  }),
  'GET /actions/settings': () => ({ path: '/actions/settings', expect: 200 }),
  'POST /actions/settings': () => ({ path: '/actions/settings', opts: { form: { escalate_after_days: '30' } }, expect: 303 }),
  'GET /actions/{id}': async (fx, who) => ({ path: ac(await fresh('GET /actions/{id}', who, () => fx.mt.action(who), fx.mt.anyAction)), expect: 200 }),
  'GET /actions/{id}/edit': (fx) => ({ path: `${ac(fx.mt.anyAction)}/edit`, expect: 200 }),
  'POST /actions/{id}': async (fx, who) => {
    const a = await fresh('POST /actions/{id}', who, () => fx.mt.action(), fx.mt.anyAction);
    return {
      path: ac(a),
      opts: { form: { title: 'Renamed by form', description: '', owner_id: String(a.owner_id), due_on: a.due_on, row_version: String(a.row_version) } },
      expect: 303,
    };
  },
  'POST /actions/{id}/start': async (fx, who) => ({
    path: `${ac(await fresh('POST /actions/{id}/start', who, () => fx.mt.action(who), fx.mt.anyAction))}/start`, opts: { form: {} }, expect: 303,
  }),
  'POST /actions/{id}/complete': async (fx, who) => ({
    path: `${ac(await fresh('POST /actions/{id}/complete', who, () => fx.mt.started(who), fx.mt.anyAction))}/complete`,
    opts: { form: { completion_evidence: 'Done by form' } },
    expect: 303,
  }),
  'POST /actions/{id}/cancel': async (fx, who) => ({
    path: `${ac(await fresh('POST /actions/{id}/cancel', who, () => fx.mt.action(), fx.mt.anyAction))}/cancel`, opts: { form: { reason: 'Not needed' } }, expect: 303,
  }),
  'POST /actions/{id}/reopen': async (fx, who) => ({
    path: `${ac(await fresh('POST /actions/{id}/reopen', who, () => fx.mt.done(), fx.mt.anyAction))}/reopen`, opts: { form: { reason: 'Not finished' } }, expect: 303,
  }),
  'POST /actions/{id}/notes': async (fx, who) => ({
    path: `${ac(await fresh('POST /actions/{id}/notes', who, () => fx.mt.action(who), fx.mt.anyAction))}/notes`, opts: { form: { body: 'A note' } }, expect: 303,
  }),
  'GET /api/v1/actions': () => ({ path: '/api/v1/actions?view=mine', expect: 200 }),
  'POST /api/v1/actions': (fx) => ({
    path: '/api/v1/actions', opts: { json: { title: unique('API action'), owner_id: fx.mt.people.contributor.id, due_on: dayIn(9) } }, expect: 201,
  }),
  'GET /api/v1/actions/summary': () => ({ path: '/api/v1/actions/summary?by=source', expect: 200 }),
  'GET /api/v1/actions/settings': () => ({ path: '/api/v1/actions/settings', expect: 200 }),
  'PUT /api/v1/actions/settings': () => ({ path: '/api/v1/actions/settings', opts: { json: { escalate_after_days: 30 } }, expect: 200 }),
  'GET /api/v1/actions/{id}': async (fx, who) => ({
    path: aa(await fresh('GET /api/v1/actions/{id}', who, () => fx.mt.action(who), fx.mt.anyAction)), expect: ownerStatus(who, 200),
  }),
  'PATCH /api/v1/actions/{id}': async (fx, who) => {
    const a = await fresh('PATCH /api/v1/actions/{id}', who, () => fx.mt.action(), fx.mt.anyAction);
    return { path: aa(a), opts: { json: { title: 'Renamed by API', row_version: a.row_version } }, expect: 200 };
  },
  'POST /api/v1/actions/{id}/start': async (fx, who) => ({
    path: `${aa(await fresh('POST /api/v1/actions/{id}/start', who, () => fx.mt.action(who), fx.mt.anyAction))}/start`, opts: { json: {} }, expect: ownerStatus(who, 200),
  }),
  'POST /api/v1/actions/{id}/complete': async (fx, who) => ({
    path: `${aa(await fresh('POST /api/v1/actions/{id}/complete', who, () => fx.mt.started(who), fx.mt.anyAction))}/complete`,
    opts: { json: { completion_evidence: 'Done by API' } },
    expect: ownerStatus(who, 200),
  }),
  'POST /api/v1/actions/{id}/cancel': async (fx, who) => ({
    path: `${aa(await fresh('POST /api/v1/actions/{id}/cancel', who, () => fx.mt.action(), fx.mt.anyAction))}/cancel`, opts: { json: { reason: 'Not needed' } }, expect: 200,
  }),
  'POST /api/v1/actions/{id}/reopen': async (fx, who) => ({
    path: `${aa(await fresh('POST /api/v1/actions/{id}/reopen', who, () => fx.mt.done(), fx.mt.anyAction))}/reopen`, opts: { json: { reason: 'Not finished' } }, expect: 200,
  }),
  'POST /api/v1/actions/{id}/notes': async (fx, who) => ({
    path: `${aa(await fresh('POST /api/v1/actions/{id}/notes', who, () => fx.mt.action(who), fx.mt.anyAction))}/notes`, opts: { json: { body: 'A note' } }, expect: ownerStatus(who, 201),
  }),

  'GET /meetings': () => ({ path: '/meetings?type=executive_committee', expect: 200 }),
  'GET /meetings/calendar': () => ({ path: `/meetings/calendar?month=${today().slice(0, 7)}`, expect: 200 }),
  'GET /meetings/new': () => ({ path: '/meetings/new', expect: 200 }),
  'POST /meetings': (fx) => ({
    path: '/meetings',
    opts: { form: { type: 'board', title: unique('Form board'), starts_at: minuteIn(86400).slice(0, 16), duration_minutes: '60', place: 'Room 1', chair_id: String(fx.mt.people.top_management.id), invitees: String(fx.mt.people.top_management.id) } },
    expect: 303,
  }),
  'GET /meetings/cadence': () => ({ path: '/meetings/cadence', expect: 200 }),
  'POST /meetings/cadence': () => ({ path: '/meetings/cadence', opts: { form: { review_every_months: '12', security_agenda_every_months: '3' } }, expect: 303 }),
  'GET /meetings/{id}': (fx) => ({ path: mp(fx.mt.any), expect: 200 }),
  'GET /meetings/{id}/edit': (fx) => ({ path: `${mp(fx.mt.any)}/edit`, expect: 200 }),
  'POST /meetings/{id}': async (fx, who) => {
    const m = await fresh('POST /meetings/{id}', who, () => fx.mt.meeting(), fx.mt.any);
    return { path: mp(m), opts: { form: meetingForm(m, 'Renamed by form') }, expect: 303 };
  },
  'POST /meetings/{id}/cancel': async (fx, who) => ({
    path: `${mp(await fresh('POST /meetings/{id}/cancel', who, () => fx.mt.meeting(), fx.mt.any))}/cancel`, opts: { form: { reason: 'Postponed' } }, expect: 303,
  }),
  'POST /meetings/{id}/attendance': async (fx, who) => ({
    path: `${mp(await fresh('POST /meetings/{id}/attendance', who, () => fx.mt.meeting(), fx.mt.any))}/attendance`,
    opts: { form: { person_id: String(fx.mt.people.top_management.id), attendance: 'present' } },
    expect: 303,
  }),
  'POST /meetings/{id}/items': async (fx, who) => ({
    path: `${mp(await fresh('POST /meetings/{id}/items', who, () => fx.mt.meeting(), fx.mt.any))}/items`,
    opts: { form: { title: 'Form item', tags: 'information_security', minutes: 'Discussed.' } },
    expect: 303,
  }),
  'POST /meetings/{id}/items/{item}': async (fx, who) => {
    if (!allowed('POST /meetings/{id}/items/{item}', who)) {
      return { path: `${mp(fx.mt.any)}/items/${fx.mt.anyItem.id}`, opts: { form: { title: 'x', row_version: '1' } }, expect: 303 };
    }
    const m = await fx.mt.meeting();
    const it = await fx.mt.item(m);
    return {
      path: `${mp(m)}/items/${it.id}`,
      opts: { form: { title: 'Edited by form', tags: 'risk', minutes: 'Changed.', presenter: '', material: '', row_version: String(it.row_version) } },
      expect: 303,
    };
  },
  'POST /meetings/{id}/items/{item}/remove': async (fx, who) => {
    if (!allowed('POST /meetings/{id}/items/{item}/remove', who)) {
      return { path: `${mp(fx.mt.any)}/items/${fx.mt.anyItem.id}/remove`, opts: { form: {} }, expect: 303 };
    }
    const m = await fx.mt.meeting();
    const it = await fx.mt.item(m);
    return { path: `${mp(m)}/items/${it.id}/remove`, opts: { form: {} }, expect: 303 };
  },
  'POST /meetings/{id}/decisions': async (fx, who) => ({
    path: `${mp(await fresh('POST /meetings/{id}/decisions', who, () => fx.mt.meeting(), fx.mt.any))}/decisions`,
    opts: { form: { text: 'Decided by form', type: 'improvement', item_id: '', owner_id: String(fx.mt.people.contributor.id), due_on: dayIn(20) } },
    expect: 303,
  }),
  'POST /meetings/{id}/decisions/{d}': async (fx, who) => {
    if (!allowed('POST /meetings/{id}/decisions/{d}', who)) {
      return { path: `${mp(fx.mt.any)}/decisions/${fx.mt.anyDecision.id}`, opts: { form: { text: 'x', type: 'other', row_version: '1' } }, expect: 303 };
    }
    const m = await fx.mt.meeting();
    const d = await fx.mt.decision(m);
    return {
      path: `${mp(m)}/decisions/${d.id}`,
      opts: { form: { text: 'Changed by form', type: 'resource', item_id: '', owner_id: '', due_on: '', row_version: String(d.row_version) } },
      expect: 303,
    };
  },
  'POST /meetings/{id}/decisions/{d}/remove': async (fx, who) => {
    if (!allowed('POST /meetings/{id}/decisions/{d}/remove', who)) {
      return { path: `${mp(fx.mt.any)}/decisions/${fx.mt.anyDecision.id}/remove`, opts: { form: {} }, expect: 303 };
    }
    const m = await fx.mt.meeting();
    const d = await fx.mt.decision(m);
    return { path: `${mp(m)}/decisions/${d.id}/remove`, opts: { form: {} }, expect: 303 };
  },
  'POST /meetings/{id}/attachments': async (fx, who) => {
    const m = await fresh('POST /meetings/{id}/attachments', who, () => fx.mt.meeting(), fx.mt.any);
    const body = multipart({ effective_on: today(), item_id: '' }, { name: 'form-upload.pdf', bytes: tinyPdf(unique('form')), type: 'application/pdf' });
    return { path: `${mp(m)}/attachments`, opts: { body: body.body, contentType: body.contentType }, expect: 303 };
  },
  'GET /meetings/{id}/attachments/{a}': (fx) => ({ path: `${mp(fx.mt.any)}/attachments/${fx.mt.anyAttachment.id}`, expect: 200 }),
  'POST /meetings/{id}/attachments/{a}/remove': async (fx, who) => {
    if (!allowed('POST /meetings/{id}/attachments/{a}/remove', who)) {
      return { path: `${mp(fx.mt.any)}/attachments/${fx.mt.anyAttachment.id}/remove`, opts: { form: {} }, expect: 303 };
    }
    const m = await fx.mt.meeting();
    const a = await fx.mt.attachment(m);
    return { path: `${mp(m)}/attachments/${a.id}/remove`, opts: { form: {} }, expect: 303 };
  },
  'GET /meetings/{id}/review': async (fx) => {
    if (!fx.mt.review) {
      fx.mt.review = await fx.mt.meeting({ type: 'management_review', title: 'Authz review' });
    }
    return { path: `${mp(fx.mt.review)}/review?step=d`, expect: 200 };
  },
  'POST /meetings/{id}/sign': async (fx, who) => ({
    path: `${mp(await fresh('POST /meetings/{id}/sign', who, () => fx.mt.ready(), fx.mt.any))}/sign`,
    opts: { form: { password: who.creds?.password ?? 'x' } },
    expect: 303,
  }),
  'POST /meetings/{id}/addenda': async (fx, who) => ({
    path: `${mp(await fresh('POST /meetings/{id}/addenda', who, () => fx.mt.signed(), fx.mt.any))}/addenda`,
    opts: { form: { body: 'Correction by form.', password: who.creds?.password ?? 'x' } },
    expect: 303,
  }),
  'GET /meetings/{id}/minutes.html': (fx) => ({ path: `${mp(fx.mt.any)}/minutes.html`, expect: 200 }),
  'GET /meetings/{id}/minutes.pdf': (fx) => ({ path: `${mp(fx.mt.any)}/minutes.pdf`, expect: 200 }),
  'GET /calendar': () => ({ path: '/calendar', expect: 200 }),
  'POST /calendar/tokens': () => ({ path: '/calendar/tokens', opts: { form: {} }, expect: 201 }),
  'POST /calendar/tokens/{id}/revoke': async (fx, who) => {
    if (who.anonymous) {
      return { path: '/calendar/tokens/1/revoke', opts: { form: {} }, expect: 303 };
    }
    const t = await who.client.expectJson('POST', '/api/v1/calendar/tokens', 201, { json: {} });
    return { path: `/calendar/tokens/${t.id}/revoke`, opts: { form: {} }, expect: 303 };
  },
  'GET /calendar/feed/{file}': (fx) => ({ path: fx.mt.feed, expect: 200 }),

  'GET /api/v1/meetings': () => ({ path: '/api/v1/meetings?status=planned', expect: 200 }),
  'POST /api/v1/meetings': (fx) => ({
    path: '/api/v1/meetings',
    opts: { json: { type: 'isms_steering', title: unique('API steering'), starts_at: minuteIn(86400), chair_id: fx.mt.people.top_management.id } },
    expect: 201,
  }),
  'GET /api/v1/meetings/cadence': () => ({ path: '/api/v1/meetings/cadence', expect: 200 }),
  'PUT /api/v1/meetings/cadence': () => ({ path: '/api/v1/meetings/cadence', opts: { json: { review_every_months: 12, security_agenda_every_months: 3 } }, expect: 200 }),
  'GET /api/v1/meetings/indicators': () => ({ path: '/api/v1/meetings/indicators', expect: 200 }),
  'GET /api/v1/meetings/{id}': (fx) => ({ path: ap(fx.mt.any), expect: 200 }),
  'PATCH /api/v1/meetings/{id}': async (fx, who) => {
    const m = await fresh('PATCH /api/v1/meetings/{id}', who, () => fx.mt.meeting(), fx.mt.any);
    return { path: ap(m), opts: { json: { title: 'Renamed by API', row_version: m.row_version } }, expect: 200 };
  },
  'POST /api/v1/meetings/{id}/cancel': async (fx, who) => ({
    path: `${ap(await fresh('POST /api/v1/meetings/{id}/cancel', who, () => fx.mt.meeting(), fx.mt.any))}/cancel`, opts: { json: { reason: 'Postponed' } }, expect: 200,
  }),
  'PUT /api/v1/meetings/{id}/attendance/{person}': async (fx, who) => ({
    path: `${ap(await fresh('PUT /api/v1/meetings/{id}/attendance/{person}', who, () => fx.mt.meeting(), fx.mt.any))}/attendance/${fx.mt.people.top_management.id}`,
    opts: { json: { attendance: 'excused' } },
    expect: 200,
  }),
  'POST /api/v1/meetings/{id}/items': async (fx, who) => ({
    path: `${ap(await fresh('POST /api/v1/meetings/{id}/items', who, () => fx.mt.meeting(), fx.mt.any))}/items`,
    opts: { json: { title: 'API item', tags: ['audit'] } },
    expect: 201,
  }),
  'PATCH /api/v1/meetings/{id}/items/{item}': async (fx, who) => {
    if (!allowed('PATCH /api/v1/meetings/{id}/items/{item}', who)) {
      return { path: `${ap(fx.mt.any)}/items/${fx.mt.anyItem.id}`, opts: { json: { minutes: 'x', row_version: 1 } }, expect: 200 };
    }
    const m = await fx.mt.meeting();
    const it = await fx.mt.item(m);
    return { path: `${ap(m)}/items/${it.id}`, opts: { json: { minutes: 'Changed by API', row_version: it.row_version } }, expect: 200 };
  },
  'DELETE /api/v1/meetings/{id}/items/{item}': async (fx, who) => {
    if (!allowed('DELETE /api/v1/meetings/{id}/items/{item}', who)) {
      return { path: `${ap(fx.mt.any)}/items/${fx.mt.anyItem.id}`, expect: 204 };
    }
    const m = await fx.mt.meeting();
    const it = await fx.mt.item(m);
    return { path: `${ap(m)}/items/${it.id}`, expect: 204 };
  },
  'POST /api/v1/meetings/{id}/decisions': async (fx, who) => ({
    path: `${ap(await fresh('POST /api/v1/meetings/{id}/decisions', who, () => fx.mt.meeting(), fx.mt.any))}/decisions`,
    opts: { json: { text: 'Decided by API', type: 'isms_change', owner_id: fx.mt.people.isms_manager.id, due_on: dayIn(30) } },
    expect: 201,
  }),
  'PATCH /api/v1/meetings/{id}/decisions/{d}': async (fx, who) => {
    if (!allowed('PATCH /api/v1/meetings/{id}/decisions/{d}', who)) {
      return { path: `${ap(fx.mt.any)}/decisions/${fx.mt.anyDecision.id}`, opts: { json: { text: 'x', row_version: 1 } }, expect: 200 };
    }
    const m = await fx.mt.meeting();
    const d = await fx.mt.decision(m);
    return { path: `${ap(m)}/decisions/${d.id}`, opts: { json: { text: 'Changed by API', row_version: d.row_version } }, expect: 200 };
  },
  'DELETE /api/v1/meetings/{id}/decisions/{d}': async (fx, who) => {
    if (!allowed('DELETE /api/v1/meetings/{id}/decisions/{d}', who)) {
      return { path: `${ap(fx.mt.any)}/decisions/${fx.mt.anyDecision.id}`, expect: 204 };
    }
    const m = await fx.mt.meeting();
    const d = await fx.mt.decision(m);
    return { path: `${ap(m)}/decisions/${d.id}`, expect: 204 };
  },
  'POST /api/v1/meetings/{id}/attachments': async (fx, who) => ({
    path: `${ap(await fresh('POST /api/v1/meetings/{id}/attachments', who, () => fx.mt.meeting(), fx.mt.any))}/attachments?file_name=api.txt&effective_on=${today()}`,
    opts: { body: `evidence ${unique('x')}`, contentType: 'application/octet-stream' },
    expect: 201,
  }),
  'GET /api/v1/meetings/{id}/attachments/{a}': (fx) => ({ path: `${ap(fx.mt.any)}/attachments/${fx.mt.anyAttachment.id}`, expect: 200 }),
  'GET /api/v1/meetings/{id}/review-inputs': async (fx) => {
    if (!fx.mt.review) {
      fx.mt.review = await fx.mt.meeting({ type: 'management_review', title: 'Authz review' });
    }
    return { path: `${ap(fx.mt.review)}/review-inputs`, expect: 200 };
  },
  // Signing is a person's act: a token is refused (403) even for top management.
  'POST /api/v1/meetings/{id}/sign': async (fx, who) => ({
    path: `${ap(await fresh('POST /api/v1/meetings/{id}/sign', who, () => (person(who) ? fx.mt.ready() : fx.mt.any), fx.mt.any))}/sign`,
    opts: { json: { password: who.creds?.password ?? 'x' } },
    expect: person(who) ? 200 : 403,
  }),
  'POST /api/v1/meetings/{id}/addenda': async (fx, who) => ({
    path: `${ap(await fresh('POST /api/v1/meetings/{id}/addenda', who, () => (person(who) ? fx.mt.signed() : fx.mt.any), fx.mt.any))}/addenda`,
    opts: { json: { body: 'Correction by API.', password: who.creds?.password ?? 'x' } },
    expect: person(who) ? 201 : 403,
  }),
  'GET /api/v1/meetings/{id}/minutes': (fx) => ({ path: `${ap(fx.mt.any)}/minutes?format=html`, expect: 200 }),
  'POST /api/v1/calendar/tokens': (fx, who) => ({ path: '/api/v1/calendar/tokens', opts: { json: {} }, expect: person(who) ? 201 : 403 }),
};
