// web/tests/integration/authz.test.mjs — every route × every role (docs/security.md,
// "Route × role"). The routes are read from the C++ sources (web/tests/lib/routes.mjs); the
// expectations are the explicit table below, copied from docs/security.md. A route without an
// expectation, or an expectation without a route, fails the test. Each case sends a valid
// request built on fresh fixtures, so allowed calls do real work (and must answer their
// success status) while nothing a case changes can break a later one. API routes are called
// with sessions and with bearer tokens of each role; page routes with sessions; every route
// anonymously too. Both backends.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  adminSession, bearerClient, Client, createPerson, createToken, createUserWithRole, setMember,
  today, unique,
} from '../lib/client.mjs';
import { MEETING_CASES, MEETING_EXPECTED, setupMeetingFixtures } from '../lib/meetings_authz.mjs';
import { POLICY_CASES, POLICY_EXPECTED, setupPolicyFixtures } from '../lib/policies_authz.mjs';
import { parseRoutes, routeKey } from '../lib/routes.mjs';
import { describeEachBackend, startInstance } from '../lib/server.mjs';

const ROLES = ['admin', 'top_management', 'isms_manager', 'contributor', 'staff', 'auditor'];
const PUBLIC = 'public';
const MEMBER = 'member';  // any signed-in member, whatever the role

// docs/security.md, "Route × role" — keep the two in step.
const DIRECTORY = ['admin', 'top_management', 'isms_manager', 'contributor', 'auditor'];
const EDITORS = ['admin', 'isms_manager'];
const LEDGER_READERS = ['admin', 'top_management', 'isms_manager', 'auditor'];
const LEDGER_WRITERS = ['admin', 'isms_manager'];
const ADMIN = ['admin'];

const EXPECTED = {
  'GET /login': PUBLIC,
  'POST /login': PUBLIC,
  'GET /healthz': PUBLIC,
  'GET /readyz': PUBLIC,
  'GET /assets/{file}': PUBLIC,

  'GET /': MEMBER,
  'POST /logout': MEMBER,
  'POST /orgs/switch': MEMBER,
  'GET /api/v1/me': MEMBER,

  'GET /people': DIRECTORY,
  'GET /people/{id}': DIRECTORY,
  'GET /people/export.csv': DIRECTORY,
  'GET /api/v1/people': DIRECTORY,
  'GET /api/v1/people/{id}': DIRECTORY,
  'GET /api/v1/people/export.csv': DIRECTORY,

  'GET /people/new': EDITORS,
  'GET /people/{id}/edit': EDITORS,
  'GET /people/import': EDITORS,
  'POST /people': EDITORS,
  'POST /people/import': EDITORS,
  'POST /people/{id}': EDITORS,
  'POST /people/{id}/top-management': EDITORS,
  'POST /people/{id}/top-management/{term}/end': EDITORS,
  'POST /api/v1/people': EDITORS,
  'POST /api/v1/people/import': EDITORS,
  'PATCH /api/v1/people/{id}': EDITORS,
  'POST /api/v1/people/{id}/top-management': EDITORS,
  'POST /api/v1/people/{id}/top-management/{term}/end': EDITORS,

  'GET /ledger': LEDGER_READERS,
  'GET /ledger/verify': LEDGER_READERS,
  'GET /api/v1/ledger': LEDGER_READERS,
  'GET /api/v1/ledger/verify': LEDGER_READERS,

  'POST /ledger/checkpoints': LEDGER_WRITERS,
  'POST /api/v1/ledger/checkpoints': LEDGER_WRITERS,

  'GET /admin/members': ADMIN,
  'POST /admin/members': ADMIN,
  'POST /admin/members/{user}/remove': ADMIN,
  'GET /admin/tokens': ADMIN,
  'POST /admin/tokens': ADMIN,
  'POST /admin/tokens/{id}/revoke': ADMIN,
  'GET /api/v1/members': ADMIN,
  'PUT /api/v1/members': ADMIN,
  'DELETE /api/v1/members/{user}': ADMIN,
  'GET /api/v1/tokens': ADMIN,
  'POST /api/v1/tokens': ADMIN,
  'POST /api/v1/tokens/{id}/revoke': ADMIN,
  'POST /api/v1/users': ADMIN,
  'POST /api/v1/organizations': ADMIN,

  'GET /metrics': ADMIN,
  ...POLICY_EXPECTED,
  ...MEETING_EXPECTED,
};

const csvOf = (...emails) =>
  `Full name,Work email,Job title,Department\n${emails.map((e, i) => `Imported Person ${i},${e},Analyst,Finance`).join('\n')}\n`;
const freshEmail = (tag) => `${unique(tag)}@example.com`.toLowerCase();

// How to call each route with a valid request. Builders get the fixtures and the caller
// {anonymous, role, via, client, creds} and return {path, opts, expect, client?}: `expect` is
// the status an allowed caller must get; `client` replaces the caller's client for routes that
// would end or move the caller's own session (they get a fresh session of the same role).
const CASES = {
  'GET /login': (fx, who) => ({ path: '/login', expect: who.anonymous ? 200 : 303 }),
  'POST /login': async (fx, who) => ({
    path: '/login',
    client: new Client(fx.inst),
    opts: { form: { email: (who.creds ?? fx.creds.staff).email, password: (who.creds ?? fx.creds.staff).password, next: '/' } },
    expect: 303,
  }),
  'GET /healthz': () => ({ path: '/healthz', expect: 200 }),
  'GET /readyz': () => ({ path: '/readyz', expect: 200 }),
  'GET /assets/{file}': (fx) => ({ path: fx.asset, expect: 200 }),
  'GET /metrics': () => ({ path: '/metrics', expect: 200 }),

  'GET /': () => ({ path: '/', expect: 200 }),
  'POST /logout': async (fx, who) => ({
    path: '/logout', client: await fx.freshSession(who), opts: { form: {} }, expect: 303,
  }),
  'POST /orgs/switch': async (fx, who) => ({
    path: '/orgs/switch', client: await fx.freshSession(who), opts: { form: { org: String(fx.orgId) } }, expect: 303,
  }),
  'GET /api/v1/me': () => ({ path: '/api/v1/me', expect: 200 }),

  'GET /people': () => ({ path: '/people?q=person', expect: 200 }),
  'GET /people/{id}': async (fx) => ({ path: `/people/${(await fx.person()).id}`, expect: 200 }),
  'GET /people/export.csv': () => ({ path: '/people/export.csv', expect: 200 }),
  'GET /api/v1/people': () => ({ path: '/api/v1/people?per_page=5', expect: 200 }),
  'GET /api/v1/people/{id}': async (fx) => ({ path: `/api/v1/people/${(await fx.person()).id}`, expect: 200 }),
  'GET /api/v1/people/export.csv': () => ({ path: '/api/v1/people/export.csv', expect: 200 }),

  'GET /people/new': () => ({ path: '/people/new', expect: 200 }),
  'GET /people/{id}/edit': async (fx) => ({ path: `/people/${(await fx.person()).id}/edit`, expect: 200 }),
  'GET /people/import': () => ({ path: '/people/import', expect: 200 }),
  'POST /people': () => ({
    path: '/people',
    opts: { form: { name: 'Form Person', email: freshEmail('form'), job_title: 'Clerk', department: 'Ops', manager_email: '', status: 'active', external_id: '', version: '0' } },
    expect: 303,
  }),
  'POST /people/import': () => ({
    path: '/people/import',
    opts: { form: { mode: 'apply', csv: csvOf(freshEmail('page-import'), freshEmail('page-import')) } },
    expect: 200,
  }),
  'POST /people/{id}': async (fx) => {
    const p = await fx.person();
    return {
      path: `/people/${p.id}`,
      opts: { form: { name: p.name, email: p.email, job_title: 'Changed by form', department: p.department, manager_email: '', status: 'active', external_id: '', version: String(p.version) } },
      expect: 303,
    };
  },
  'POST /people/{id}/top-management': async (fx) => ({
    path: `/people/${(await fx.person()).id}/top-management`,
    opts: { form: { title: 'Chief Testing Officer', starts_on: today() } },
    expect: 303,
  }),
  'POST /people/{id}/top-management/{term}/end': async (fx) => {
    const { person, term } = await fx.term();
    return { path: `/people/${person.id}/top-management/${term.id}/end`, opts: { form: { ends_on: today() } }, expect: 303 };
  },
  'POST /api/v1/people': () => ({
    path: '/api/v1/people',
    opts: { json: { name: 'Api Person', email: freshEmail('api'), job_title: 'Clerk', department: 'Ops' } },
    expect: 201,
  }),
  'POST /api/v1/people/import': () => ({
    path: '/api/v1/people/import',
    opts: { body: csvOf(freshEmail('api-import')), contentType: 'text/csv' },
    expect: 200,
  }),
  'PATCH /api/v1/people/{id}': async (fx) => {
    const p = await fx.person();
    return {
      path: `/api/v1/people/${p.id}`,
      opts: { json: { name: p.name, email: p.email, job_title: 'Changed by API', department: p.department, version: p.version } },
      expect: 200,
    };
  },
  'POST /api/v1/people/{id}/top-management': async (fx) => ({
    path: `/api/v1/people/${(await fx.person()).id}/top-management`,
    opts: { json: { title: 'Chief Testing Officer', starts_on: today() } },
    expect: 201,
  }),
  'POST /api/v1/people/{id}/top-management/{term}/end': async (fx) => {
    const { person, term } = await fx.term();
    return { path: `/api/v1/people/${person.id}/top-management/${term.id}/end`, opts: { json: { ends_on: today() } }, expect: 200 };
  },

  'GET /ledger': () => ({ path: '/ledger?entity_type=person', expect: 200 }),
  'GET /ledger/verify': () => ({ path: '/ledger/verify', expect: 200 }),
  'GET /api/v1/ledger': () => ({ path: '/api/v1/ledger?limit=3', expect: 200 }),
  'GET /api/v1/ledger/verify': () => ({ path: '/api/v1/ledger/verify', expect: 200 }),
  'POST /ledger/checkpoints': () => ({ path: '/ledger/checkpoints', opts: { form: {} }, expect: 303 }),
  'POST /api/v1/ledger/checkpoints': () => ({ path: '/api/v1/ledger/checkpoints', opts: {}, expect: 201 }),

  'GET /admin/members': () => ({ path: '/admin/members', expect: 200 }),
  'POST /admin/members': (fx) => ({
    path: '/admin/members', opts: { form: { email: fx.victim.email, role: 'staff', expires_at: '' } }, expect: 303,
  }),
  'POST /admin/members/{user}/remove': async (fx) => ({
    path: `/admin/members/${await fx.victimMember()}/remove`, opts: { form: {} }, expect: 303,
  }),
  'GET /admin/tokens': () => ({ path: '/admin/tokens', expect: 200 }),
  'POST /admin/tokens': () => ({
    path: '/admin/tokens', opts: { form: { name: unique('form-token'), role: 'contributor', expires_at: '' } }, expect: 201,
  }),
  'POST /admin/tokens/{id}/revoke': async (fx) => ({
    path: `/admin/tokens/${(await fx.token()).id}/revoke`, opts: { form: {} }, expect: 303,
  }),
  'GET /api/v1/members': () => ({ path: '/api/v1/members', expect: 200 }),
  'PUT /api/v1/members': (fx) => ({
    path: '/api/v1/members', opts: { json: { email: fx.victim.email, role: 'staff' } }, expect: 200,
  }),
  'DELETE /api/v1/members/{user}': async (fx) => ({
    path: `/api/v1/members/${await fx.victimMember()}`, expect: 204,
  }),
  'GET /api/v1/tokens': () => ({ path: '/api/v1/tokens', expect: 200 }),
  'POST /api/v1/tokens': () => ({
    path: '/api/v1/tokens', opts: { json: { name: unique('api-token'), role: 'contributor' } }, expect: 201,
  }),
  'POST /api/v1/tokens/{id}/revoke': async (fx) => ({
    path: `/api/v1/tokens/${(await fx.token()).id}/revoke`, expect: 204,
  }),
  'POST /api/v1/users': () => ({
    path: '/api/v1/users',
    opts: { json: { email: freshEmail('new-user'), display_name: 'New User', password: `pw-${unique('secret')}-long` } },
    expect: 201,
  }),
  'POST /api/v1/organizations': () => {
    const slug = `org-${Math.random().toString(36).slice(2, 10)}`;
    return { path: '/api/v1/organizations', opts: { json: { name: `Org ${slug}`, slug } }, expect: 201 };
  },
  ...POLICY_CASES,
  ...MEETING_CASES,
};

const { routes, problems: parseProblems } = parseRoutes();

test('the route parser understands every route declaration', () => {
  assert.deepEqual(parseProblems, []);
  assert.ok(routes.length >= 40, `only ${routes.length} routes found`);
});

test('every route has an expectation and a case, and every expectation a route', () => {
  const keys = new Set(routes.map(routeKey));
  const missing = [...keys].filter((k) => !(k in EXPECTED));
  const noCase = [...keys].filter((k) => !(k in CASES));
  const stale = Object.keys(EXPECTED).filter((k) => !keys.has(k));
  assert.deepEqual(missing, [], 'routes without an expectation: add them to EXPECTED (and docs/security.md)');
  assert.deepEqual(noCase, [], 'routes without a request in CASES');
  assert.deepEqual(stale, [], 'expectations for routes that no longer exist');
});

describeEachBackend('authorization: every route × every role', (backend) => {
  let inst;
  const fx = { creds: {}, sessions: {}, tokens: {} };

  before(async () => {
    inst = await startInstance(backend);
    fx.inst = inst;
    const admin = await adminSession(inst);
    const adminToken = await createToken(admin, 'admin');
    fx.api = bearerClient(inst, adminToken.secret);
    fx.orgId = (await admin.expectJson('GET', '/api/v1/me', 200)).organization_id;
    for (const role of ROLES) {
      const u = await createUserWithRole(admin, role);
      fx.creds[role] = u;
      const c = new Client(inst);
      await c.login(u.email, u.password);
      fx.sessions[role] = c;
      fx.tokens[role] = bearerClient(inst, (await createToken(admin, role)).secret);
    }
    fx.victim = await createUserWithRole(admin, 'staff');
    const login = await new Client(inst).get('/login');
    const asset = /\/assets\/[A-Za-z0-9._-]+/.exec(login.text);
    assert.ok(asset, 'the login page links an asset under /assets/');
    fx.asset = asset[0];
    fx.person = () => createPerson(fx.api);
    fx.term = async () => {
      const person = await createPerson(fx.api);
      const term = await fx.api.expectJson('POST', `/api/v1/people/${person.id}/top-management`, 201, {
        json: { title: 'Director', starts_on: '2024-01-01' },
      });
      return { person, term };
    };
    fx.token = () => createToken(admin, 'contributor');
    fx.victimMember = async () => {
      await setMember(fx.api, fx.victim.email, 'staff');
      return fx.victim.id;
    };
    fx.freshSession = async (who) => {
      const c = new Client(inst);
      if (!who.anonymous) {
        await c.login(who.creds.email, who.creds.password);
      }
      return c;
    };
    fx.admin = admin;
    await setupPolicyFixtures(fx);
    await setupMeetingFixtures(fx);
  });
  after(async () => {
    await inst?.cleanup();
  });

  function callers(route) {
    const out = [{ label: 'anonymous', anonymous: true, via: 'none', client: new Client(inst) }];
    for (const role of ROLES) {
      out.push({ label: `${role} (session)`, role, via: 'session', client: fx.sessions[role], creds: fx.creds[role] });
    }
    if (route.kind === 'api') {
      for (const role of ROLES) {
        out.push({ label: `${role} (token)`, role, via: 'token', client: fx.tokens[role], creds: fx.creds[role] });
      }
    }
    return out;
  }

  for (const route of routes) {
    const key = routeKey(route);
    const spec = EXPECTED[key];
    const build = CASES[key];
    test(key, { skip: !spec || !build ? 'no expectation (reported above)' : false }, async () => {
      const failures = [];
      for (const who of callers(route)) {
        const allowed = spec === PUBLIC || (!who.anonymous && (spec === MEMBER || spec.includes(who.role)));
        const c = await build(fx, who);
        const client = c.client ?? who.client;
        const r = await client.request(route.method, c.path, c.opts ?? {});
        const got = `${who.label}: ${route.method} ${c.path} → ${r.describe()}`;
        if (allowed) {
          if (r.status !== c.expect) {
            failures.push(`allowed, expected ${c.expect} — ${got}`);
          }
          continue;
        }
        if (who.anonymous) {
          if (route.kind === 'page' && route.method === 'GET') {
            if (r.status !== 303 || !r.location?.startsWith('/login?next=')) {
              failures.push(`anonymous page: expected 303 to /login — ${got}`);
            }
          } else if (r.status !== 401) {
            failures.push(`anonymous: expected 401 — ${got}`);
          } else if (route.kind === 'api' && r.header('www-authenticate') !== 'Bearer') {
            failures.push(`anonymous API 401 without WWW-Authenticate: Bearer — ${got}`);
          }
          continue;
        }
        if (r.status !== 403) {
          failures.push(`denied: expected 403 — ${got}`);
        } else if (route.kind === 'api' && r.json?.error?.code !== 'forbidden') {
          failures.push(`denied API call without the JSON error — ${got}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }

  describe('the role sessions still work after every case', () => {
    test('each role session and token is intact', async () => {
      for (const role of ROLES) {
        const s = await fx.sessions[role].get('/api/v1/me');
        assert.equal(s.status, 200, `${role} session: ${s.describe()}`);
        assert.equal(s.json.role, role);
        const t = await fx.tokens[role].get('/api/v1/me');
        assert.equal(t.status, 200, `${role} token: ${t.describe()}`);
        assert.equal(t.json.role, role);
        assert.equal(t.json.via, 'token');
      }
    });
  });
});
