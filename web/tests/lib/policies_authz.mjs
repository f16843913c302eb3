// web/tests/lib/policies_authz.mjs — the policies rows of the authorization test
// (web/tests/integration/authz.test.mjs): who may call each policies route (the role sets of
// src/areas/policies/service.hpp, declared with each route in src/areas/policies/routes.cpp and
// tabled in docs/security.md) and, for each route, a valid request on fresh fixtures so that an
// allowed caller does real work and gets its success status. Approvals name the caller's own user
// and are signed with the caller's own password; API tokens act for the account that created them
// (the instance administrator, who is not in the people register), so a token cannot sign (403),
// cannot open or acknowledge a policy (403: not a person), and decides as that account.
import { isoIn, unique } from './client.mjs';
import { policyText, reference } from './policies.mjs';

const PUBLIC = 'public';
const READERS = ['admin', 'top_management', 'isms_manager', 'contributor', 'auditor'];
const AUTHORS = ['admin', 'isms_manager', 'contributor'];
const PUBLISHERS = ['admin', 'top_management', 'isms_manager'];
const RULE_ADMINS = ['admin', 'isms_manager'];
const APPROVERS = ['admin', 'top_management', 'isms_manager', 'contributor'];
const MEMBERS = ['admin', 'top_management', 'isms_manager', 'contributor', 'staff'];
const ACK_IMPORTERS = ['admin', 'isms_manager'];

export const POLICY_EXPECTED = {
  'GET /policies': READERS,
  'GET /policies/export.csv': READERS,
  'GET /policies/new': AUTHORS,
  'POST /policies': AUTHORS,
  'GET /policies/import': AUTHORS,
  'POST /policies/import': AUTHORS,
  'GET /policies/rules': RULE_ADMINS,
  'POST /policies/rules': RULE_ADMINS,
  'GET /policies/inbox': APPROVERS,
  'GET /policies/mine': MEMBERS,
  'GET /policies/{id}': READERS,
  'GET /policies/{id}/edit': AUTHORS,
  'POST /policies/{id}': AUTHORS,
  'GET /policies/{id}/versions/{n}': READERS,
  'GET /policies/{id}/versions/{n}/edit': AUTHORS,
  'POST /policies/{id}/versions/{n}': AUTHORS,
  'GET /policies/{id}/diff': READERS,
  'POST /policies/{id}/drafts': AUTHORS,
  'POST /policies/{id}/versions/{n}/submit': AUTHORS,
  'POST /policies/{id}/versions/{n}/approve': APPROVERS,
  'POST /policies/{id}/versions/{n}/reject': APPROVERS,
  'POST /policies/{id}/versions/{n}/publish': PUBLISHERS,
  'POST /policies/{id}/retire': PUBLISHERS,
  'POST /policies/{id}/review': PUBLISHERS,
  'GET /policies/{id}/read': MEMBERS,
  'POST /policies/{id}/open': MEMBERS,
  'POST /policies/{id}/acknowledge': MEMBERS,
  'GET /policies/{id}/coverage': READERS,
  'POST /policies/{id}/campaigns': PUBLISHERS,
  'POST /policies/{id}/campaigns/{c}/close': PUBLISHERS,
  'POST /policies/{id}/versions/{n}/links': PUBLISHERS,
  'POST /policies/{id}/links/{l}/revoke': PUBLISHERS,
  'GET /p/{token}': PUBLIC,

  'GET /api/v1/policies': READERS,
  'POST /api/v1/policies': AUTHORS,
  'GET /api/v1/policies/export.csv': READERS,
  'GET /api/v1/policies/indicators': READERS,
  'GET /api/v1/policies/inbox': APPROVERS,
  'GET /api/v1/policies/mine': MEMBERS,
  'GET /api/v1/policies/rules': READERS,
  'PUT /api/v1/policies/rules/{type}': RULE_ADMINS,
  'POST /api/v1/policies/import': AUTHORS,
  'GET /api/v1/policies/{id}': READERS,
  'PATCH /api/v1/policies/{id}': AUTHORS,
  'GET /api/v1/policies/{id}/versions/{n}': READERS,
  'GET /api/v1/policies/{id}/diff': READERS,
  'POST /api/v1/policies/{id}/drafts': AUTHORS,
  'PATCH /api/v1/policies/{id}/versions/{n}': AUTHORS,
  'POST /api/v1/policies/{id}/versions/{n}/submit': AUTHORS,
  'POST /api/v1/policies/{id}/versions/{n}/approve': APPROVERS,
  'POST /api/v1/policies/{id}/versions/{n}/reject': APPROVERS,
  'POST /api/v1/policies/{id}/versions/{n}/publish': PUBLISHERS,
  'POST /api/v1/policies/{id}/retire': PUBLISHERS,
  'POST /api/v1/policies/{id}/review': PUBLISHERS,
  'POST /api/v1/policies/{id}/open': MEMBERS,
  'POST /api/v1/policies/{id}/acknowledge': MEMBERS,
  'POST /api/v1/policies/{id}/versions/{n}/acknowledgments': ACK_IMPORTERS,
  'GET /api/v1/policies/{id}/coverage': READERS,
  'POST /api/v1/policies/{id}/campaigns': PUBLISHERS,
  'POST /api/v1/policies/{id}/versions/{n}/links': PUBLISHERS,
  'POST /api/v1/policies/{id}/links/{l}/revoke': PUBLISHERS,
};

const dayIn = (days) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
const doc = (d) => `/policies/${d.id}`;
const api = (d) => `/api/v1/policies/${d.id}`;

// Sets up what the cases need on the authorization test's fixtures `fx` (fx.api: an admin token;
// fx.creds/fx.sessions: a user and a session of every role; fx.admin: the instance administrator's
// session). Every role's user becomes a person in the register, so they are in every audience.
export async function setupPolicyFixtures(fx) {
  for (const u of Object.values(fx.creds)) {
    await fx.api.expectJson('POST', '/api/v1/people', 201, {
      json: { name: u.name, email: u.email, department: 'Operations', job_title: u.role },
    });
  }
  const me = await fx.admin.expectJson('GET', '/api/v1/me', 200);
  const pol = {};
  pol.tokenOwner = me.user_id;  // the account every token of the test acts for
  pol.draft = async (author = fx.api) => (await author.expectJson('POST', '/api/v1/policies', 201, {
    json: { reference: reference('AZ'), title: 'Authorization fixture', content: policyText('Fixture'), change_summary: 'v1' },
  }));
  // Version 1 in approval, waiting for the caller's own decision (tokens: their account's).
  pol.inApproval = async (who) => {
    const canApprove = who.role && APPROVERS.includes(who.role);
    const approver = !canApprove ? fx.creds.top_management.id : who.via === 'token' ? pol.tokenOwner : who.creds.id;
    // The author must not be the only approver: the token owner's documents get another author.
    const d = await pol.draft(approver === pol.tokenOwner ? fx.sessions.contributor : fx.api);
    await fx.api.expectJson('POST', `${api(d)}/versions/1/submit`, 200, { json: { approvers: [approver] } });
    return d;
  };
  pol.approved = async () => {
    const d = await pol.draft();
    await fx.api.expectJson('POST', `${api(d)}/versions/1/submit`, 200, { json: { approvers: [fx.creds.top_management.id] } });
    await fx.sessions.top_management.expectJson('POST', `${api(d)}/versions/1/approve`, 200, {
      json: { password: fx.creds.top_management.password },
    });
    return d;
  };
  pol.published = async () => {
    const d = await pol.approved();
    await fx.api.expectJson('POST', `${api(d)}/versions/1/publish`, 200, { json: {} });
    return d;
  };
  pol.link = async () => {
    const d = await pol.published();
    const l = await fx.api.expectJson('POST', `${api(d)}/versions/1/links`, 201, {
      json: { recipient: 'Fixture recipient', expires_at: isoIn(3600) },
    });
    return { doc: d, link: l };
  };
  pol.campaign = async () => {
    const d = await pol.published();
    const c = await fx.api.expectJson('POST', `${api(d)}/campaigns`, 201, { json: { title: 'Drive', due_on: dayIn(30) } });
    return { doc: d, campaign: c };
  };
  // Opens the document first when the caller is a person who may (sessions of member roles).
  pol.openedBy = async (who) => {
    const d = await pol.published();
    if (who.via === 'session' && MEMBERS.includes(who.role)) {
      await who.client.expectJson('POST', `${api(d)}/open`, 200, { json: {} });
    }
    return d;
  };
  fx.pol = pol;
}

const registerForm = (d, title) => ({
  reference: d.reference, title, type: d.type, classification: d.classification, audience: d.audience,
  audience_values: '', owner_email: '', review_interval_months: String(d.review_interval_months),
  retention_months: String(d.retention_months), requirements: '', row_version: String(d.row_version),
});
const person = (who) => who.via === 'session';  // a session is a person; a token is not

export const POLICY_CASES = {
  'GET /policies': () => ({ path: '/policies?search=AZ', expect: 200 }),
  'GET /policies/export.csv': () => ({ path: '/policies/export.csv', expect: 200 }),
  'GET /policies/new': () => ({ path: '/policies/new', expect: 200 }),
  'POST /policies': () => ({
    path: '/policies',
    opts: { form: { reference: reference('AZF'), title: 'Form policy', type: 'procedure', classification: 'internal', audience: 'everyone', review_interval_months: '12', retention_months: '84', content: '# Form policy\n\nText.', change_summary: 'v1' } },
    expect: 303,
  }),
  'GET /policies/import': () => ({ path: '/policies/import', expect: 200 }),
  'POST /policies/import': () => ({
    path: '/policies/import',
    opts: { form: { mode: 'apply', file_name: `${reference('IMP').toLowerCase()}.md`, file_content: '# Imported policy\n\nText.\n' } },
    expect: 200,
  }),
  'GET /policies/rules': () => ({ path: '/policies/rules', expect: 200 }),
  'POST /policies/rules': () => ({
    path: '/policies/rules', opts: { form: { type: 'record', min_approvers: '1', require_independence: 'true' } }, expect: 303,
  }),
  'GET /policies/inbox': () => ({ path: '/policies/inbox', expect: 200 }),
  'GET /policies/mine': () => ({ path: '/policies/mine', expect: 200 }),
  'GET /policies/{id}': async (fx) => ({ path: doc(await fx.pol.published()), expect: 200 }),
  'GET /policies/{id}/edit': async (fx) => ({ path: `${doc(await fx.pol.draft())}/edit`, expect: 200 }),
  'POST /policies/{id}': async (fx) => {
    const d = await fx.pol.draft();
    return { path: doc(d), opts: { form: registerForm(d, 'Renamed by form') }, expect: 303 };
  },
  'GET /policies/{id}/versions/{n}': async (fx) => ({ path: `${doc(await fx.pol.draft())}/versions/1`, expect: 200 }),
  'GET /policies/{id}/versions/{n}/edit': async (fx) => ({ path: `${doc(await fx.pol.draft())}/versions/1/edit`, expect: 200 }),
  'POST /policies/{id}/versions/{n}': async (fx) => {
    const d = await fx.pol.draft();
    return {
      path: `${doc(d)}/versions/1`,
      opts: { form: { content: '# Edited by form', change_summary: 'edit', material: 'true', effective_on: '', row_version: String(d.versions[0].row_version) } },
      expect: 303,
    };
  },
  'GET /policies/{id}/diff': async (fx) => ({ path: `${doc(await fx.pol.draft())}/diff?from=1&to=1`, expect: 200 }),
  'POST /policies/{id}/drafts': async (fx) => ({ path: `${doc(await fx.pol.published())}/drafts`, opts: { form: {} }, expect: 303 }),
  'POST /policies/{id}/versions/{n}/submit': async (fx) => ({
    path: `${doc(await fx.pol.draft())}/versions/1/submit`, opts: { form: { approvers: String(fx.creds.top_management.id) } }, expect: 303,
  }),
  'POST /policies/{id}/versions/{n}/approve': async (fx, who) => ({
    path: `${doc(await fx.pol.inApproval(who))}/versions/1/approve`,
    opts: { form: { password: who.creds?.password ?? 'x', comment: 'ok' } },
    expect: 303,
  }),
  'POST /policies/{id}/versions/{n}/reject': async (fx, who) => ({
    path: `${doc(await fx.pol.inApproval(who))}/versions/1/reject`, opts: { form: { comment: 'Not yet.' } }, expect: 303,
  }),
  'POST /policies/{id}/versions/{n}/publish': async (fx) => ({
    path: `${doc(await fx.pol.approved())}/versions/1/publish`, opts: { form: {} }, expect: 303,
  }),
  'POST /policies/{id}/retire': async (fx) => ({ path: `${doc(await fx.pol.draft())}/retire`, opts: { form: { reason: 'Obsolete' } }, expect: 303 }),
  'POST /policies/{id}/review': async (fx) => ({
    path: `${doc(await fx.pol.published())}/review`, opts: { form: { outcome: 'new_version', comment: 'Change it' } }, expect: 303,
  }),
  'GET /policies/{id}/read': async (fx) => ({ path: `${doc(await fx.pol.published())}/read`, expect: 200 }),
  'POST /policies/{id}/open': async (fx) => ({ path: `${doc(await fx.pol.published())}/open`, opts: { form: {} }, expect: 303 }),
  'POST /policies/{id}/acknowledge': async (fx, who) => {
    const d = await fx.pol.openedBy(who);
    return { path: `${doc(d)}/acknowledge`, opts: { form: { content_hash: d.versions[0].content_hash } }, expect: 303 };
  },
  'GET /policies/{id}/coverage': async (fx) => ({ path: `${doc(await fx.pol.published())}/coverage`, expect: 200 }),
  'POST /policies/{id}/campaigns': async (fx) => ({
    path: `${doc(await fx.pol.published())}/campaigns`, opts: { form: { title: 'Annual drive', due_on: dayIn(30) } }, expect: 303,
  }),
  'POST /policies/{id}/campaigns/{c}/close': async (fx) => {
    const { doc: d, campaign } = await fx.pol.campaign();
    return { path: `${doc(d)}/campaigns/${campaign.id}/close`, opts: { form: {} }, expect: 303 };
  },
  'POST /policies/{id}/versions/{n}/links': async (fx) => ({
    path: `${doc(await fx.pol.published())}/versions/1/links`,
    opts: { form: { version: '1', recipient: 'Customer', expires_on: dayIn(30) } },
    expect: 201,
  }),
  'POST /policies/{id}/links/{l}/revoke': async (fx) => {
    const { doc: d, link } = await fx.pol.link();
    return { path: `${doc(d)}/links/${link.id}/revoke`, opts: { form: {} }, expect: 303 };
  },
  'GET /p/{token}': async (fx) => ({ path: `/p/${(await fx.pol.link()).link.secret}`, expect: 200 }),

  'GET /api/v1/policies': () => ({ path: '/api/v1/policies?status=draft', expect: 200 }),
  'POST /api/v1/policies': () => ({
    path: '/api/v1/policies', opts: { json: { reference: reference('AZA'), title: 'API policy', content: '# API policy' } }, expect: 201,
  }),
  'GET /api/v1/policies/export.csv': () => ({ path: '/api/v1/policies/export.csv', expect: 200 }),
  'GET /api/v1/policies/indicators': () => ({ path: '/api/v1/policies/indicators', expect: 200 }),
  'GET /api/v1/policies/inbox': () => ({ path: '/api/v1/policies/inbox', expect: 200 }),
  'GET /api/v1/policies/mine': () => ({ path: '/api/v1/policies/mine', expect: 200 }),
  'GET /api/v1/policies/rules': () => ({ path: '/api/v1/policies/rules', expect: 200 }),
  'PUT /api/v1/policies/rules/{type}': () => ({ path: '/api/v1/policies/rules/record', opts: { json: { min_approvers: 1 } }, expect: 200 }),
  'POST /api/v1/policies/import': () => ({
    path: '/api/v1/policies/import',
    opts: { json: { apply: true, files: [{ name: `${reference('IMA').toLowerCase()}.md`, content: '# Imported by API\n\nText.\n' }] } },
    expect: 200,
  }),
  'GET /api/v1/policies/{id}': async (fx) => ({ path: api(await fx.pol.draft()), expect: 200 }),
  'PATCH /api/v1/policies/{id}': async (fx) => {
    const d = await fx.pol.draft();
    return { path: api(d), opts: { json: { title: 'Renamed by API', row_version: d.row_version } }, expect: 200 };
  },
  'GET /api/v1/policies/{id}/versions/{n}': async (fx) => ({ path: `${api(await fx.pol.draft())}/versions/1`, expect: 200 }),
  'GET /api/v1/policies/{id}/diff': async (fx) => ({ path: `${api(await fx.pol.draft())}/diff?from=1&to=1`, expect: 200 }),
  'POST /api/v1/policies/{id}/drafts': async (fx) => ({ path: `${api(await fx.pol.published())}/drafts`, opts: { json: {} }, expect: 201 }),
  'PATCH /api/v1/policies/{id}/versions/{n}': async (fx) => {
    const d = await fx.pol.draft();
    return { path: `${api(d)}/versions/1`, opts: { json: { content: '# Edited by API', row_version: d.versions[0].row_version } }, expect: 200 };
  },
  'POST /api/v1/policies/{id}/versions/{n}/submit': async (fx) => ({
    path: `${api(await fx.pol.draft())}/versions/1/submit`, opts: { json: { approvers: [fx.creds.top_management.id] } }, expect: 200,
  }),
  // A signature needs a person in a session: tokens are refused even when their role may approve.
  'POST /api/v1/policies/{id}/versions/{n}/approve': async (fx, who) => ({
    path: `${api(await fx.pol.inApproval(who))}/versions/1/approve`,
    opts: { json: { password: who.creds?.password ?? 'x', comment: 'ok' } },
    expect: person(who) ? 200 : 403,
  }),
  'POST /api/v1/policies/{id}/versions/{n}/reject': async (fx, who) => ({
    path: `${api(await fx.pol.inApproval(who))}/versions/1/reject`, opts: { json: { comment: 'Not yet.' } }, expect: 200,
  }),
  'POST /api/v1/policies/{id}/versions/{n}/publish': async (fx) => ({
    path: `${api(await fx.pol.approved())}/versions/1/publish`, opts: { json: {} }, expect: 200,
  }),
  'POST /api/v1/policies/{id}/retire': async (fx) => ({ path: `${api(await fx.pol.draft())}/retire`, opts: { json: { reason: 'Obsolete' } }, expect: 200 }),
  'POST /api/v1/policies/{id}/review': async (fx) => ({
    path: `${api(await fx.pol.published())}/review`, opts: { json: { outcome: 'new_version', comment: 'Change it' } }, expect: 201,
  }),
  // Opening and acknowledging are a person's acts: a token (its account is in no audience) → 403.
  'POST /api/v1/policies/{id}/open': async (fx, who) => ({
    path: `${api(await fx.pol.published())}/open`, opts: { json: {} }, expect: person(who) ? 200 : 403,
  }),
  'POST /api/v1/policies/{id}/acknowledge': async (fx, who) => {
    const d = await fx.pol.openedBy(who);
    return { path: `${api(d)}/acknowledge`, opts: { json: { content_hash: d.versions[0].content_hash } }, expect: person(who) ? 200 : 403 };
  },
  'POST /api/v1/policies/{id}/versions/{n}/acknowledgments': async (fx) => ({
    path: `${api(await fx.pol.published())}/versions/1/acknowledgments`,
    opts: { json: { acknowledgments: [{ person: fx.creds.staff.email }] } },
    expect: 200,
  }),
  'GET /api/v1/policies/{id}/coverage': async (fx) => ({ path: `${api(await fx.pol.published())}/coverage`, expect: 200 }),
  'POST /api/v1/policies/{id}/campaigns': async (fx) => ({
    path: `${api(await fx.pol.published())}/campaigns`, opts: { json: { title: unique('drive'), due_on: dayIn(30) } }, expect: 201,
  }),
  'POST /api/v1/policies/{id}/versions/{n}/links': async (fx) => ({
    path: `${api(await fx.pol.published())}/versions/1/links`, opts: { json: { recipient: 'Customer', expires_at: isoIn(3600) } }, expect: 201,
  }),
  'POST /api/v1/policies/{id}/links/{l}/revoke': async (fx) => {
    const { doc: d, link } = await fx.pol.link();
    return { path: `${api(d)}/links/${link.id}/revoke`, expect: 204 };
  },
};
