// web/tests/integration/tenancy.test.mjs — organizations are isolated (docs/security.md,
// "Tenancy"). Two organizations A and B; Alice is the administrator of A only and knows the real
// ids of B's people, designations, token and members. Every page and API call on those ids must
// answer 404 exactly like an id that does not exist, show none of B's data, and change nothing
// (B's records and both ledgers checked before and after). A token of B used on A's ids: 404
// too. Both backends.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  adminSession, bearerClient, Client, createPerson, createToken, createUserWithRole, ledgerSize,
  today,
} from '../lib/client.mjs';
import { describeEachBackend, startInstance } from '../lib/server.mjs';

describeEachBackend('tenancy', (backend) => {
  let inst;
  let apiA;    // admin token of A
  let apiB;    // admin token of B
  let alice;   // session: admin of A only
  let aliceUser;
  let bob;     // a member of B only
  let b;       // B's records
  let a;       // A's records
  before(async () => {
    inst = await startInstance(backend);
    const admin = await adminSession(inst);
    apiA = bearerClient(inst, (await createToken(admin, 'admin')).secret);
    const org = await admin.expectJson('POST', '/api/v1/organizations', 201, { json: { name: 'Beta Corp', slug: 'beta' } });
    // The instance admin switches a session to B and makes a token there.
    const adminB = await adminSession(inst);
    const sw = await adminB.post('/orgs/switch', { form: { org: String(org.id) } });
    assert.equal(sw.status, 303, sw.describe());
    const me = await adminB.expectJson('GET', '/api/v1/me', 200);
    assert.equal(me.organization_id, org.id);
    const tokenB = await createToken(adminB, 'admin');
    apiB = bearerClient(inst, tokenB.secret);
    const secretPerson = await createPerson(apiB, { name: 'Zelda Secretname', email: 'zelda.secret@beta.example', job_title: 'Secret Keeper' });
    const term = await apiB.expectJson('POST', `/api/v1/people/${secretPerson.id}/top-management`, 201, {
      json: { title: 'Chief Secret Officer', starts_on: '2024-01-01' },
    });
    const bobUser = await createUserWithRole(adminB, 'isms_manager', { email: 'bob.only-b@beta.example' });
    bob = bobUser;
    b = { org, person: secretPerson, term, token: tokenB, bob: bobUser };

    aliceUser = await createUserWithRole(admin, 'admin', { email: 'alice.only-a@acme.example' });
    alice = new Client(inst);
    await alice.login(aliceUser.email, aliceUser.password);
    const aliceMe = await alice.expectJson('GET', '/api/v1/me', 200);
    assert.notEqual(aliceMe.organization_id, org.id);
    assert.deepEqual(aliceMe.organizations.map((o) => o.slug), ['acme']);
    a = { person: await createPerson(apiA, { name: 'Arthur Acme', email: 'arthur@acme.example' }), token: await createToken(admin, 'contributor') };
  });
  after(async () => {
    await inst?.cleanup();
  });

  async function snapshotB() {
    const person = await apiB.expectJson('GET', `/api/v1/people/${b.person.id}`, 200);
    const members = await apiB.expectJson('GET', '/api/v1/members', 200);
    const tokens = await apiB.expectJson('GET', '/api/v1/tokens', 200);
    return {
      person: { ...person, history: person.history.length },
      members: members.items.map((m) => `${m.user_id}:${m.role}`).sort(),
      tokens: tokens.items.map((t) => `${t.id}:${t.revoked_at}`).sort(),
      ledger: await ledgerSize(apiB),
    };
  }

  function assertNoLeak(r, what) {
    for (const secret of ['Zelda', 'Secretname', 'zelda.secret', 'Secret Keeper', 'Chief Secret Officer', 'bob.only-b', b.token.name]) {
      assert.ok(!r.text.includes(secret), `${what} leaks B's data (${secret}): ${r.describe()}`);
    }
  }

  test("A's admin guessing B's ids: every page and API answers 404 and changes nothing", async () => {
    const beforeB = await snapshotB();
    const ledgerA = await ledgerSize(apiA);
    const pid = b.person.id;
    const calls = [
      ['GET', `/people/${pid}`],
      ['GET', `/people/${pid}/edit`],
      ['POST', `/people/${pid}`, { form: { name: 'Hacked', email: 'zelda.secret@beta.example', version: String(b.person.version), status: 'active' } }],
      ['POST', `/people/${pid}/top-management`, { form: { title: 'Owned', starts_on: today() } }],
      ['POST', `/people/${pid}/top-management/${b.term.id}/end`, { form: { ends_on: today() } }],
      ['POST', `/admin/tokens/${b.token.id}/revoke`, { form: {} }],
      ['POST', `/admin/members/${bob.id}/remove`, { form: {} }],
      ['GET', `/api/v1/people/${pid}`],
      ['PATCH', `/api/v1/people/${pid}`, { json: { name: 'Hacked', email: 'zelda.secret@beta.example', version: b.person.version } }],
      ['POST', `/api/v1/people/${pid}/top-management`, { json: { title: 'Owned', starts_on: today() } }],
      ['POST', `/api/v1/people/${pid}/top-management/${b.term.id}/end`, { json: { ends_on: today() } }],
      ['POST', `/api/v1/tokens/${b.token.id}/revoke`],
      ['DELETE', `/api/v1/members/${bob.id}`],
    ];
    const failures = [];
    for (const [method, path, opts] of calls) {
      const r = await alice.request(method, path, opts ?? {});
      if (r.status !== 404) {
        failures.push(`${method} ${path}: expected 404, got ${r.describe()}`);
      }
      if (path.startsWith('/api/') && r.json?.error?.code !== 'not_found') {
        failures.push(`${method} ${path}: not the JSON not_found error: ${r.describe()}`);
      }
      assertNoLeak(r, `${method} ${path}`);
      // An id that does not exist at all answers the same way.
      const ids = new Set([String(pid), String(b.token.id), String(bob.id)]);
      const ghost = path.split('/').map((seg) => (ids.has(seg) ? '987654321' : seg)).join('/');
      if (ghost !== path) {
        const g = await alice.request(method, ghost, opts ?? {});
        if (g.status !== r.status || (r.json && g.json?.error?.code !== r.json?.error?.code)) {
          failures.push(`${method} ${path} answers ${r.status} but a missing id answers ${g.status}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(await snapshotB(), beforeB, "B's records and ledger are unchanged");
    assert.equal(await ledgerSize(apiA), ledgerA, "A's ledger is unchanged");
    // B's token still works.
    assert.equal((await apiB.get('/api/v1/me')).status, 200);
  });

  test("lists, search, export and the ledger of A never show B's records", async () => {
    for (const path of ['/people', '/people?q=zelda', '/people/export.csv', '/api/v1/people?q=zelda',
      '/api/v1/people', '/api/v1/people/export.csv', '/api/v1/tokens', '/api/v1/members', '/admin/tokens',
      '/admin/members', '/', '/ledger', `/api/v1/ledger?entity_type=person&entity_id=${b.person.id}&limit=500`]) {
      const r = await alice.get(path);
      assert.equal(r.status, 200, `${path}: ${r.describe()}`);
      assertNoLeak(r, path);
    }
    const ledger = await alice.expectJson('GET', `/api/v1/ledger?entity_type=person&entity_id=${b.person.id}`, 200);
    assert.deepEqual(ledger.items, []);
    const search = await alice.expectJson('GET', '/api/v1/people?q=zelda', 200);
    assert.equal(search.total, 0);
  });

  test("A's admin cannot switch into B", async () => {
    const r = await alice.post('/orgs/switch', { form: { org: String(b.org.id) } });
    assert.equal(r.status, 403, r.describe());
    const me = await alice.expectJson('GET', '/api/v1/me', 200);
    assert.notEqual(me.organization_id, b.org.id);
  });

  test("a token of B used on A's ids answers 404 and changes nothing", async () => {
    const before = await apiA.expectJson('GET', `/api/v1/people/${a.person.id}`, 200);
    const ledgerA = await ledgerSize(apiA);
    const ledgerB = await ledgerSize(apiB);
    const calls = [
      ['GET', `/api/v1/people/${a.person.id}`],
      ['PATCH', `/api/v1/people/${a.person.id}`, { json: { name: 'Hacked', email: 'arthur@acme.example', version: a.person.version } }],
      ['POST', `/api/v1/people/${a.person.id}/top-management`, { json: { title: 'Owned', starts_on: today() } }],
      ['POST', `/api/v1/tokens/${a.token.id}/revoke`],
      ['DELETE', `/api/v1/members/${aliceUser.id}`],
    ];
    for (const [method, path, opts] of calls) {
      const r = await apiB.request(method, path, opts ?? {});
      assert.equal(r.status, 404, `${method} ${path}: ${r.describe()}`);
      assert.ok(!r.text.includes('Arthur'), `${method} ${path} leaks A's data`);
    }
    const after = await apiA.expectJson('GET', `/api/v1/people/${a.person.id}`, 200);
    assert.deepEqual(after, before);
    assert.equal(await ledgerSize(apiA), ledgerA);
    assert.equal(await ledgerSize(apiB), ledgerB);
    assert.equal((await bearerClient(inst, a.token.secret).get('/api/v1/me')).status, 200, "A's token still works");
    assert.equal((await alice.get('/api/v1/me')).status, 200, 'Alice is still a member of A');
  });
});
