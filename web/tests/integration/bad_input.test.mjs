// web/tests/integration/bad_input.test.mjs — every documented refusal over real HTTP: malformed
// and oversized JSON, wrong types, unknown and missing fields, broken CSV imports (all or
// nothing, then fixed), CSRF failures, dead sessions, an auditor whose access expires, revoked
// tokens and a token of another organization. Each answers its status with an error that names
// the field where there is one, and leaves the ledger exactly as it was. Then the ledger still
// verifies (API and `mandate verify`) and a person's history lists their changes. Both backends.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  adminSession, bearerClient, Client, createPerson, createToken, createUserWithRole, isoIn,
  ledgerSize, SESSION_COOKIE, setMember, unique,
} from '../lib/client.mjs';
import { describeEachBackend, sleep, startInstance } from '../lib/server.mjs';

describeEachBackend('bad input', (backend) => {
  let inst;
  let admin;   // session
  let api;     // admin token
  before(async () => {
    inst = await startInstance(backend);
    admin = await adminSession(inst);
    api = bearerClient(inst, (await createToken(admin, 'admin')).secret);
    await createPerson(api, { name: 'Existing Person', email: 'existing@example.com' });
  });
  after(async () => {
    await inst?.cleanup();
  });

  // Runs `fn`, then asserts the organization's ledger did not grow.
  async function unchanged(fn) {
    const before = await ledgerSize(api);
    const out = await fn();
    assert.equal(await ledgerSize(api), before, 'the ledger changed');
    return out;
  }

  function assertError(r, status, code, fields = []) {
    assert.equal(r.status, status, r.describe());
    assert.match(r.header('content-type') ?? '', /^application\/json/, r.describe());
    assert.equal(r.json?.error?.code, code, r.describe());
    assert.equal(typeof r.json.error.message, 'string');
    assert.ok(r.json.error.message.length > 0);
    assert.equal(r.json.error.request_id, r.header('x-request-id'));
    for (const f of fields) {
      assert.ok(f in r.json.error.fields, `error names "${f}": ${r.describe()}`);
      assert.ok(r.json.error.fields[f].length > 0);
    }
  }

  describe('JSON bodies', () => {
    for (const [label, client] of [['session', () => admin], ['token', () => api]]) {
      test(`malformed JSON → 400 (${label})`, async () => {
        const r = await unchanged(() => client().post('/api/v1/people', { body: '{"name": "Half', contentType: 'application/json' }));
        assertError(r, 400, 'bad_request');
      });
    }

    test('a JSON array, a duplicate key, or the wrong content type → 400', async () => {
      await unchanged(async () => {
        assertError(await api.post('/api/v1/people', { body: '[1,2]', contentType: 'application/json' }), 400, 'bad_request');
        assertError(await api.post('/api/v1/people', {
          body: '{"name":"A","name":"B","email":"dup@example.com"}', contentType: 'application/json',
        }), 400, 'bad_request');
        assertError(await api.post('/api/v1/people', {
          body: 'name=A&email=a@example.com', contentType: 'application/x-www-form-urlencoded',
        }), 400, 'bad_request');
      });
    });

    test('a body over the route limit → 413 before it is read', async () => {
      const big = JSON.stringify({ name: 'Big', email: 'big@example.com', job_title: 'x'.repeat(70 * 1024) });
      const r = await unchanged(() => api.post('/api/v1/people', { body: big, contentType: 'application/json' }));
      assertError(r, 413, 'too_large');
      // The connection pool recovers: the next request works.
      assert.equal((await api.get('/api/v1/me')).status, 200);
    });

    test('wrong types → 422 naming each field', async () => {
      const r = await unchanged(() => api.post('/api/v1/people', {
        json: { name: 42, email: true, job_title: ['a'], manager_id: 'seven', status: 'retired' },
      }));
      assertError(r, 422, 'invalid', ['name', 'email', 'job_title', 'manager_id', 'status']);
    });

    test('unknown fields → 422 naming them', async () => {
      const r = await unchanged(() => api.post('/api/v1/people', {
        json: { name: 'Una Known', email: 'una@example.com', shoe_size: 42, isAdmin: true },
      }));
      assertError(r, 422, 'invalid', ['shoe_size', 'isAdmin']);
      const none = await api.expectJson('GET', '/api/v1/people?q=una%40example.com', 200);
      assert.equal(none.total, 0);
    });

    test('missing required fields → 422 naming them', async () => {
      const p = await createPerson(api);
      await unchanged(async () => {
        assertError(await api.post('/api/v1/people', { json: {} }), 422, 'invalid', ['name', 'email']);
        assertError(await api.post('/api/v1/people', { json: { name: 'No Mail' } }), 422, 'invalid', ['email']);
        assertError(await api.patch(`/api/v1/people/${p.id}`, { json: { name: p.name, email: p.email } }), 422, 'invalid', ['version']);
        assertError(await api.post('/api/v1/tokens', { json: { role: 'contributor' } }), 422, 'invalid', ['name']);
        assertError(await api.put('/api/v1/members', { json: { email: 'nobody-at-all@example.com' } }), 422, 'invalid', ['role']);
        assertError(await api.put('/api/v1/members', { json: { email: 'nobody-at-all@example.com', role: 'staff' } }), 422, 'invalid', ['email']);
        assertError(await api.post('/api/v1/users', { json: { email: 'half@example.com' } }), 422, 'invalid', ['display_name', 'password']);
        assertError(await api.post('/api/v1/people/import', { json: { dry_run: true } }), 422, 'invalid', ['csv']);
      });
    });

    test('invalid values → 422 naming the field; a stale version → 409', async () => {
      const p = await createPerson(api);
      await unchanged(async () => {
        assertError(await api.post('/api/v1/people', { json: { name: 'Bad Mail', email: 'not-an-address' } }), 422, 'invalid', ['email']);
        assertError(await api.post('/api/v1/people', { json: { name: 'x'.repeat(201), email: 'long@example.com' } }), 422, 'invalid', ['name']);
        assertError(await api.post('/api/v1/people', { json: { name: 'Dup', email: 'existing@example.com' } }), 422, 'invalid', ['email']);
        assertError(await api.post('/api/v1/people', { json: { name: 'Ctl\u0007', email: 'ctl@example.com' } }), 422, 'invalid', ['name']);
        assertError(await api.patch(`/api/v1/people/${p.id}`, { json: { name: 'Renamed', email: p.email, version: p.version + 5 } }), 409, 'stale');
        assertError(await api.get('/api/v1/people?per_page=100000'), 422, 'invalid', ['per_page']);
        assertError(await api.get('/api/v1/ledger?from=yesterday'), 422, 'invalid', ['from']);
        assertError(await api.post('/api/v1/tokens', { json: { name: 'aud', role: 'auditor' } }), 422, 'invalid', ['expires_at']);
        assertError(await api.post('/api/v1/tokens', { json: { name: 'r', role: 'overlord' } }), 422, 'invalid', ['role']);
        assertError(await api.post('/api/v1/users', { json: { email: 'weak@example.com', display_name: 'Weak', password: 'password' } }), 422, 'invalid', ['password']);
      });
    });

    test('an unknown id answers 404, a non-numeric one too', async () => {
      await unchanged(async () => {
        assertError(await api.get('/api/v1/people/999999999'), 404, 'not_found');
        assertError(await api.get('/api/v1/people/abc'), 404, 'not_found');
        assertError(await api.patch('/api/v1/people/-1', { json: { name: 'N', email: 'n@example.com', version: 1 } }), 404, 'not_found');
      });
    });
  });

  describe('CSV imports', () => {
    const header = 'Employee ID,Full name,Work email,Job title,Department,Status';

    test('invalid UTF-8 → 422 naming the line; nothing imported', async () => {
      const csv = Buffer.concat([
        Buffer.from(`${header}\nE1,Ana Valid,ana.utf@example.com,Clerk,Ops,active\nE2,Bad `),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from(',bad.utf@example.com,Clerk,Ops,active\n'),
      ]);
      const r = await unchanged(() => api.post('/api/v1/people/import', { body: csv, contentType: 'text/csv' }));
      assertError(r, 422, 'invalid');
      assert.ok(r.json.plan, 'the plan comes with the error');
      assert.equal(r.json.plan.applied, false);
      assert.ok(r.json.plan.problems.some((p) => p.line === 3 && /UTF-8/.test(p.message)), r.describe());
      assert.ok(Object.keys(r.json.error.fields).some((k) => k.startsWith('line 3')), r.describe());
      assert.equal((await api.expectJson('GET', '/api/v1/people?q=ana.utf', 200)).total, 0);
    });

    test('a ragged row → 422 naming the line; nothing imported', async () => {
      const csv = `${header}\nE1,Ana Ragged,ana.ragged@example.com,Clerk,Ops,active\nE2,Ben Ragged,ben.ragged@example.com,Clerk\n`;
      const r = await unchanged(() => api.post('/api/v1/people/import', { body: csv, contentType: 'text/csv' }));
      assertError(r, 422, 'invalid');
      assert.ok(r.json.plan.problems.some((p) => p.line === 3), r.describe());
      assert.equal((await api.expectJson('GET', '/api/v1/people?q=ragged', 200)).total, 0);
    });

    test('one bad row → 422 naming line and column, nothing imported; fixed → 200 and everyone exists', async () => {
      const tag = unique('imp').replace(/[^a-z0-9]/g, '');
      const rows = [
        `X1,Helena ${tag},helena.${tag}@example.com,CEO,Executive,active`,
        `X2,Priya ${tag},priya.${tag}@example.com,Payroll,Finance,active`,
        `X3,Jonas ${tag},jonas.${tag}(at)example.com,Lead,Operations,active`,
      ];
      for (const [label, send] of [
        ['dry run', (csv) => api.post('/api/v1/people/import?dry_run=true', { body: csv, contentType: 'text/csv' })],
        ['apply', (csv) => api.post('/api/v1/people/import', { body: csv, contentType: 'text/csv' })],
        ['JSON apply', (csv) => api.post('/api/v1/people/import', { json: { csv, dry_run: false } })],
      ]) {
        const r = await unchanged(() => send(`${header}\n${rows.join('\n')}\n`));
        assertError(r, 422, 'invalid');
        assert.ok('line 4, Work email' in r.json.error.fields, `${label}: ${r.describe()}`);
        const bad = r.json.plan.rows.find((x) => x.line === 4);
        assert.equal(bad.action, 'reject', label);
        assert.ok('Work email' in bad.errors, label);
        assert.equal(r.json.plan.rejects, 1);
        assert.equal(r.json.plan.applied, false);
        assert.equal((await api.expectJson('GET', `/api/v1/people?q=${tag}`, 200)).total, 0, `${label}: nothing imported`);
      }
      rows[2] = `X3,Jonas ${tag},jonas.${tag}@example.com,Lead,Operations,active`;
      const before = await ledgerSize(api);
      const ok = await api.post('/api/v1/people/import', { body: `${header}\n${rows.join('\n')}\n`, contentType: 'text/csv' });
      assert.equal(ok.status, 200, ok.describe());
      assert.equal(ok.json.applied, true);
      assert.equal(ok.json.creates, 3);
      assert.equal(await ledgerSize(api), before + 3, 'one ledger entry per created person');
      const found = await api.expectJson('GET', `/api/v1/people?q=${tag}`, 200);
      assert.deepEqual(found.items.map((p) => p.email).sort(), [`helena.${tag}@example.com`, `jonas.${tag}@example.com`, `priya.${tag}@example.com`]);
      // The same file again changes nothing.
      const again = await unchanged(() => api.post('/api/v1/people/import', { body: `${header}\n${rows.join('\n')}\n`, contentType: 'text/csv' }));
      assert.equal(again.status, 200, again.describe());
      assert.equal(again.json.unchanged, 3);
    });

    test('a JSON import with an unknown field or a bad mapping → 422', async () => {
      await unchanged(async () => {
        assertError(await api.post('/api/v1/people/import', { json: { csv: `${header}\n`, bogus: 1 } }), 422, 'invalid', ['bogus']);
        assertError(await api.post('/api/v1/people/import', { json: { csv: `${header}\n`, mapping: 'x' } }), 422, 'invalid', ['mapping']);
        assertError(await api.post('/api/v1/people/import', { body: 'a,b', contentType: 'application/xml' }), 400, 'bad_request');
      });
    });

    test('the HTML import form, sent as the page sends it (multipart), previews the file', async () => {
      const tag = unique('mp').replace(/[^a-z0-9]/g, '');
      const csv = `${header}\nM1,Mona ${tag},mona.${tag}@example.com,Clerk,Ops,active\n`;
      const boundary = '----mandateTestBoundary7MA4YWxkTrZu0gW';
      const part = (name, value, filename) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${value}\r\n`;
      const body = part('_csrf', admin.csrf) + part('mode', 'preview') + part('file', csv, 'people.csv') + part('csv', '') + `--${boundary}--\r\n`;
      const r = await unchanged(() => admin.post('/people/import', { body, contentType: `multipart/form-data; boundary=${boundary}`, csrf: false }));
      assert.equal(r.status, 200, `POST /people/import (multipart): ${r.describe()}`);
      assert.match(r.text, new RegExp(`mona\\.${tag}@example\\.com`));
    });
  });

  describe('HTML forms', () => {
    test('form errors answer 422 (409 when stale) with the field marked, and write nothing', async () => {
      const p = await createPerson(api);
      await unchanged(async () => {
        const bad = await admin.post('/people', { form: { name: 'Form Bad', email: 'not-an-address', status: 'active', version: '0' } });
        assert.equal(bad.status, 422, bad.describe());
        assert.match(bad.text, /id="email-error"/);
        assert.match(bad.text, /name="email"[^>]*value="not-an-address"[^>]*aria-invalid="true"/);
        const missing = await admin.post('/people', { form: { name: '', email: '', status: 'active', version: '0' } });
        assert.equal(missing.status, 422, missing.describe());
        assert.match(missing.text, /id="name-error"/);
        const manager = await admin.post('/people', { form: { name: 'M', email: 'm.form@example.com', manager_email: 'nobody@example.com', status: 'active', version: '0' } });
        assert.equal(manager.status, 422, manager.describe());
        assert.match(manager.text, /id="manager_email-error"/);
        const stale = await admin.post(`/people/${p.id}`, { form: { name: 'Stale Edit', email: p.email, status: 'active', version: String(p.version + 3) } });
        assert.equal(stale.status, 409, stale.describe());
        const member = await admin.post('/admin/members', { form: { email: 'nobody-form@example.com', role: 'staff', expires_at: '' } });
        assert.equal(member.status, 422, member.describe());
        assert.match(member.text, /id="email-error"/);
        const auditor = await admin.post('/admin/members', { form: { email: inst.admin.email, role: 'auditor', expires_at: '' } });
        assert.ok([409, 422].includes(auditor.status), auditor.describe());
        const token = await admin.post('/admin/tokens', { form: { name: 't', role: 'emperor', expires_at: '' } });
        assert.equal(token.status, 422, token.describe());
        const empty = await admin.post('/people/import', { form: { mode: 'apply', csv: '' } });
        assert.equal(empty.status, 422, empty.describe());
        const badCsv = await admin.post('/people/import', { form: { mode: 'apply', csv: 'name,email\nA,not-an-address\n' } });
        assert.equal(badCsv.status, 422, badCsv.describe());
        assert.match(badCsv.text, /Nothing will be imported/);
        const date = await admin.post(`/people/${p.id}/top-management`, { form: { title: 'X', starts_on: '31/12/2024' } });
        assert.equal(date.status, 422, date.describe());
        const malformed = await admin.post('/people', { body: 'name=%ZZ&email=x', contentType: 'application/x-www-form-urlencoded' });
        assert.equal(malformed.status, 400, malformed.describe());
      });
      assert.equal((await api.expectJson('GET', `/api/v1/people/${p.id}`, 200)).version, p.version);
    });
  });

  describe('CSRF and origins', () => {
    const person = () => ({ json: { name: 'Csrf Person', email: `${unique('csrf')}@example.com` } });

    test('a session without the CSRF token → 403', async () => {
      const r = await unchanged(() => admin.post('/api/v1/people', { ...person(), csrf: false }));
      assertError(r, 403, 'forbidden');
      assert.match(r.json.error.message, /CSRF/);
      const page = await unchanged(() => admin.post('/people', { form: { name: 'Form', email: 'form.csrf@example.com', status: 'active', version: '0' }, csrf: false }));
      assert.equal(page.status, 403, page.describe());
    });

    test('a session with a wrong CSRF token → 403', async () => {
      const wrong = `${admin.csrf.slice(0, -2)}xx`;
      assertError(await unchanged(() => admin.post('/api/v1/people', { ...person(), csrf: wrong })), 403, 'forbidden');
      const other = new Client(inst);
      await other.login(inst.admin.email, inst.admin.password);
      assertError(await unchanged(() => admin.post('/api/v1/people', { ...person(), csrf: other.csrf })), 403, 'forbidden',
        []);
      const page = await unchanged(() => admin.post('/people', { form: { _csrf: wrong, name: 'Form', email: 'form.wrong@example.com', status: 'active', version: '0' }, csrf: false }));
      assert.equal(page.status, 403, page.describe());
    });

    test('a foreign Origin or a cross-site fetch → 403, even with the right token or a bearer token', async () => {
      await unchanged(async () => {
        assertError(await admin.post('/api/v1/people', { ...person(), origin: 'https://evil.example' }), 403, 'forbidden');
        assertError(await admin.post('/api/v1/people', { ...person(), origin: inst.url.replace('127.0.0.1', 'localhost') }), 403, 'forbidden');
        assertError(await admin.post('/api/v1/people', { ...person(), headers: { 'Sec-Fetch-Site': 'cross-site' } }), 403, 'forbidden');
        assertError(await api.post('/api/v1/people', { ...person(), origin: 'https://evil.example' }), 403, 'forbidden');
        assertError(await api.post('/api/v1/people', { ...person(), headers: { 'Sec-Fetch-Site': 'same-site' } }), 403, 'forbidden');
      });
      // Same-origin fetch metadata without Origin is fine, and so is a bearer token without either.
      const ok = await admin.post('/api/v1/people', { ...person(), origin: false, headers: { 'Sec-Fetch-Site': 'same-origin' } });
      assert.equal(ok.status, 201, ok.describe());
      const ok2 = await api.post('/api/v1/people', { ...person(), origin: false });
      assert.equal(ok2.status, 201, ok2.describe());
    });

    test('an anonymous POST /login without Origin or Sec-Fetch-Site → 403', async () => {
      const c = new Client(inst);
      const r = await c.post('/login', { form: { email: inst.admin.email, password: inst.admin.password, next: '/' }, origin: false });
      assert.equal(r.status, 403, r.describe());
      assert.equal(c.session, null);
      const foreign = await c.post('/login', { form: { email: inst.admin.email, password: inst.admin.password, next: '/' }, origin: 'https://evil.example' });
      assert.equal(foreign.status, 403, foreign.describe());
      assert.equal(c.session, null);
    });
  });

  describe('dead credentials', () => {
    test('an unknown or forged session cookie → 401 (API) / 303 to /login (page), nothing written', async () => {
      const c = new Client(inst);
      c.cookies.set(SESSION_COOKIE, 'dGhpcyBpcyBub3QgYSByZWFsIHNlc3Npb24gaWQgYXQgYWxs');
      c.csrf = admin.csrf;
      await unchanged(async () => {
        assertError(await c.post('/api/v1/people', person()), 401, 'unauthorized');
        assertError(await c.get('/api/v1/people'), 401, 'unauthorized');
        const page = await c.get('/people');
        assert.equal(page.status, 303, page.describe());
        assert.match(page.location, /^\/login\?next=/);
      });
      function person() {
        return { json: { name: 'Ghost', email: 'ghost.session@example.com' } };
      }
    });

    test("an auditor's access ends when the membership expires: the session dies", async () => {
      // Signed in first (Argon2 takes its time on a busy machine), then made an auditor whose
      // access ends a few seconds from now.
      const auditor = await createUserWithRole(admin, 'staff');
      const c = new Client(inst);
      await c.login(auditor.email, auditor.password);
      await setMember(api, auditor.email, 'auditor', { expiresAt: isoIn(4) });
      const reading = await c.get('/api/v1/people');
      assert.equal(reading.status, 200, `the auditor reads the directory before expiry: ${reading.describe()}`);
      const deadline = Date.now() + 10_000;
      let r;
      do {
        await sleep(500);
        r = await c.get('/api/v1/me');
      } while (r.status === 200 && Date.now() < deadline);
      assertError(r, 401, 'unauthorized');
      const page = await c.get('/people');
      assert.equal(page.status, 303, page.describe());
      assert.match(page.location, /^\/login/);
      // Signing in again does not bring the access back.
      const again = new Client(inst);
      const login = await again.post('/login', { form: { email: auditor.email, password: auditor.password, next: '/people' } });
      if (login.status === 303) {
        const p = await again.get('/api/v1/people');
        assert.ok(p.status === 401 || p.status === 403, `expired auditor after a new login: ${p.describe()}`);
      } else {
        assert.equal(login.status, 401, login.describe());
      }
    });

    test('an expired auditor token → 401', async () => {
      const t = await createToken(admin, 'auditor', { expiresAt: isoIn(3) });
      const c = bearerClient(inst, t.secret);
      assert.equal((await c.get('/api/v1/people')).status, 200);
      const deadline = Date.now() + 10_000;
      let r;
      do {
        await sleep(500);
        r = await c.get('/api/v1/people');
      } while (r.status === 200 && Date.now() < deadline);
      assertError(r, 401, 'unauthorized');
    });

    test('a revoked token → 401, and it cannot write', async () => {
      const t = await createToken(admin, 'isms_manager');
      const c = bearerClient(inst, t.secret);
      assert.equal((await c.get('/api/v1/me')).status, 200);
      const rv = await admin.post(`/api/v1/tokens/${t.id}/revoke`);
      assert.equal(rv.status, 204, rv.describe());
      await unchanged(async () => {
        assertError(await c.get('/api/v1/me'), 401, 'unauthorized');
        assertError(await c.post('/api/v1/people', { json: { name: 'Revoked', email: 'revoked@example.com' } }), 401, 'unauthorized');
      });
      const again = await admin.post(`/api/v1/tokens/${t.id}/revoke`);
      assertError(again, 409, 'conflict');
      assertError(await bearerClient(inst, 'mdt_notarealtokenatall').get('/api/v1/me'), 401, 'unauthorized');
      assertError(await bearerClient(inst, 'garbage').get('/api/v1/me'), 401, 'unauthorized');
    });

    test("a token of another organization cannot touch this one's records", async () => {
      const org = await admin.expectJson('POST', '/api/v1/organizations', 201, { json: { name: 'Other Org', slug: unique('o').slice(0, 30).toLowerCase() } });
      const s = await adminSession(inst);
      assert.equal((await s.post('/orgs/switch', { form: { org: String(org.id) } })).status, 303);
      const foreign = bearerClient(inst, (await createToken(s, 'admin')).secret);
      const p = await createPerson(api);
      const before = await api.expectJson('GET', `/api/v1/people/${p.id}`, 200);
      await unchanged(async () => {
        assertError(await foreign.get(`/api/v1/people/${p.id}`), 404, 'not_found');
        assertError(await foreign.patch(`/api/v1/people/${p.id}`, { json: { name: 'X', email: p.email, version: p.version } }), 404, 'not_found');
      });
      assert.deepEqual(await api.expectJson('GET', `/api/v1/people/${p.id}`, 200), before);
    });
  });

  describe('the ledger after all of the above', () => {
    test("a person's history lists every change, newest first", async () => {
      const p = await createPerson(api, { name: 'History Person', job_title: 'Junior' });
      let cur = p;
      for (const title of ['Senior', 'Principal']) {
        cur = await api.expectJson('PATCH', `/api/v1/people/${p.id}`, 200, {
          json: { name: cur.name, email: cur.email, job_title: title, department: cur.department, version: cur.version },
        });
      }
      await api.expectJson('POST', `/api/v1/people/${p.id}/top-management`, 201, { json: { title: 'Board member', starts_on: '2024-05-01' } });
      const view = await api.expectJson('GET', `/api/v1/people/${p.id}`, 200);
      assert.equal(view.job_title, 'Principal');
      assert.equal(view.version, 3);
      assert.deepEqual(view.history.map((e) => e.action), ['designate_top_management', 'update', 'update', 'create']);
      const seqs = view.history.map((e) => e.seq);
      assert.deepEqual(seqs, [...seqs].sort((x, y) => y - x));
      assert.match(JSON.stringify(view.history[1].data), /Principal/);
      const ledger = await api.expectJson('GET', `/api/v1/ledger?entity_type=person&entity_id=${p.id}`, 200);
      assert.deepEqual(ledger.items.map((e) => e.seq), seqs);
    });

    test('the ledger verifies over the API and with `mandate verify`', async () => {
      const v = await api.expectJson('GET', '/api/v1/ledger/verify', 200);
      assert.equal(v.ok, true, JSON.stringify(v));
      await api.expectJson('POST', '/api/v1/ledger/checkpoints', 201);
      const cli = await inst.run(['verify']);
      assert.equal(cli.code, 0, `mandate verify: ${cli.stdout}${cli.stderr}`);
      assert.match(cli.stdout, /^OK/);
      const page = await admin.get('/ledger/verify');
      assert.equal(page.status, 200);
      assert.match(page.text, /id="verify-result"/);
      assert.match(page.text, /Verified\./);
    });
  });
});
