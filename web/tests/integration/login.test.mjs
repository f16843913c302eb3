// web/tests/integration/login.test.mjs — signing in and out over real HTTP: the session cookie's
// attributes, a new session id at every login, identical answers for a wrong password and an
// unknown e-mail, throttling after 5 failures, logout, and forged cookies; on both backends.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  adminSession, Client, createUserWithRole, SESSION_COOKIE,
} from '../lib/client.mjs';
import { describeEachBackend, startInstance } from '../lib/server.mjs';

function parseSetCookie(header) {
  const [pair, ...attrs] = header.split(';').map((s) => s.trim());
  const eq = pair.indexOf('=');
  const out = { name: pair.slice(0, eq), value: pair.slice(eq + 1), attrs: {} };
  for (const a of attrs) {
    const [k, v] = a.split('=');
    out.attrs[k.toLowerCase()] = v ?? true;
  }
  return out;
}

// The login page without what legitimately differs between two answers: the per-response
// nonce, and the e-mail the form echoes back.
function normalisedLoginPage(text, email) {
  return text.replaceAll(email, '<EMAIL>').replace(/nonce="[^"]*"/g, 'nonce="<N>"')
    .replace(/nonce-[A-Za-z0-9_\-+/=]+/g, 'nonce-<N>');
}

describeEachBackend('login and sessions', (backend) => {
  let inst;
  let admin;
  let alice;   // a contributor used for the session tests
  let victim;  // the account whose password is guessed
  before(async () => {
    inst = await startInstance(backend);
    admin = await adminSession(inst);
    alice = await createUserWithRole(admin, 'contributor');
    victim = await createUserWithRole(admin, 'staff');
  });
  after(async () => {
    await inst?.cleanup();
  });

  test('the session cookie is __Host-mandate; HttpOnly; Secure; SameSite=Lax; Path=/', async () => {
    const c = new Client(inst);
    const r = await c.post('/login', { form: { email: alice.email, password: alice.password, next: '/people' } });
    assert.equal(r.status, 303, r.describe());
    assert.equal(r.location, '/people');
    const cookies = r.setCookies.map(parseSetCookie).filter((x) => x.name === SESSION_COOKIE);
    assert.equal(cookies.length, 1, `Set-Cookie: ${r.setCookies.join(' | ')}`);
    const { value, attrs } = cookies[0];
    assert.match(value, /^[A-Za-z0-9_-]{40,}$/, 'a long random session id');
    assert.equal(attrs.httponly, true);
    assert.equal(attrs.secure, true);
    assert.equal(attrs.samesite, 'Lax');
    assert.equal(attrs.path, '/');
    assert.equal(attrs.domain, undefined, '__Host- cookies carry no Domain');
    const me = await c.get('/api/v1/me');
    assert.equal(me.status, 200, me.describe());
    assert.equal(me.json.email, alice.email);
    assert.equal(me.json.role, 'contributor');
    assert.equal(me.json.via, 'session');
  });

  test('every login gets a new session id, and the pre-login session ends', async () => {
    const c = new Client(inst);
    await c.login(alice.email, alice.password);
    const first = c.session;
    const other = new Client(inst);
    await other.login(alice.email, alice.password);
    assert.notEqual(other.session, first, 'two logins, two sessions');
    // Logging in again while holding a session replaces it: the old id stops working.
    const r = await c.post('/login', { form: { email: alice.email, password: alice.password, next: '/' } });
    assert.equal(r.status, 303, r.describe());
    const second = c.session;
    assert.notEqual(second, first);
    const old = new Client(inst);
    old.cookies.set(SESSION_COOKIE, first);
    const stale = await old.get('/api/v1/me');
    assert.equal(stale.status, 401, `the pre-login session must end: ${stale.describe()}`);
    const fresh = await c.get('/api/v1/me');
    assert.equal(fresh.status, 200);
    // The other, independent session is untouched.
    assert.equal((await other.get('/api/v1/me')).status, 200);
  });

  test('a wrong password and an unknown e-mail get identical answers', async () => {
    const c = new Client(inst);
    const wrong = await c.post('/login', { form: { email: alice.email, password: 'not-the-password-at-all', next: '/' } });
    const unknown = await c.post('/login', {
      form: { email: 'nobody-here@example.com', password: 'not-the-password-at-all', next: '/' },
    });
    assert.equal(wrong.status, 401, wrong.describe());
    assert.equal(unknown.status, wrong.status);
    assert.equal(wrong.setCookies.length, 0);
    assert.equal(unknown.setCookies.length, 0);
    assert.equal(normalisedLoginPage(wrong.text, alice.email), normalisedLoginPage(unknown.text, 'nobody-here@example.com'));
    assert.match(wrong.text, /The e-mail address or the password is not right/);
    assert.equal(c.session, null);
  });

  test('5 failures for one account → 429 with Retry-After, even with the right password', async () => {
    const c = new Client(inst);
    for (let i = 0; i < 5; i += 1) {
      const r = await c.post('/login', { form: { email: victim.email, password: `wrong-guess-number-${i}`, next: '/' } });
      assert.equal(r.status, 401, `failure ${i + 1}: ${r.describe()}`);
    }
    const locked = await c.post('/login', { form: { email: victim.email, password: victim.password, next: '/' } });
    assert.equal(locked.status, 429, locked.describe());
    const retry = Number(locked.header('retry-after'));
    assert.ok(Number.isInteger(retry) && retry > 0 && retry <= 15 * 60 + 1, `Retry-After: ${locked.header('retry-after')}`);
    assert.equal(locked.setCookies.length, 0, 'no session while throttled');
    // Other accounts from the same address are not locked out by one account's failures.
    const ok = new Client(inst);
    await ok.login(alice.email, alice.password);
  });

  test('logout ends the session: the old cookie redirects pages to /login and gets 401 from the API', async () => {
    const c = new Client(inst);
    await c.login(alice.email, alice.password);
    const cookie = c.session;
    const out = await c.post('/logout', { form: { _csrf: c.csrf } });
    assert.equal(out.status, 303, out.describe());
    assert.equal(out.location, '/login');
    const cleared = out.setCookies.map(parseSetCookie).find((x) => x.name === SESSION_COOKIE);
    assert.ok(cleared, 'logout clears the cookie');
    assert.equal(cleared.value, '');
    assert.equal(cleared.attrs['max-age'], '0');
    const old = new Client(inst);
    old.cookies.set(SESSION_COOKIE, cookie);
    const page = await old.get('/');
    assert.equal(page.status, 303, page.describe());
    assert.match(page.location, /^\/login/);
    const api = await old.get('/api/v1/me');
    assert.equal(api.status, 401, api.describe());
    const write = await old.post('/api/v1/people', {
      json: { name: 'Ghost', email: 'ghost@example.com' }, csrf: false, headers: { 'X-CSRF-Token': 'x' },
    });
    assert.equal(write.status, 401, write.describe());
  });

  test('a forged cookie is not a session', async () => {
    const c = new Client(inst);
    for (const value of ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'x', "'; DROP TABLE sessions; --", 'ü'.repeat(10)]) {
      c.cookies.set(SESSION_COOKIE, encodeURIComponent(value));
      const api = await c.get('/api/v1/me');
      assert.equal(api.status, 401, `${value}: ${api.describe()}`);
      const page = await c.get('/people');
      assert.equal(page.status, 303, `${value}: ${page.describe()}`);
      assert.match(page.location, /^\/login/);
    }
    // The admin's real session still works after all that.
    assert.equal((await admin.get('/api/v1/me')).status, 200);
  });

  test('the login form refuses open redirects in next', async () => {
    const c = new Client(inst);
    const r = await c.post('/login', {
      form: { email: alice.email, password: alice.password, next: '//evil.example.com/x' },
    });
    assert.equal(r.status, 303, r.describe());
    assert.equal(r.location, '/');
  });
  test('30 failures from one address within 15 minutes → 429, even with a success in between', async () => {
    // Its own instance: this locks 127.0.0.1 out. docs/security.md: "5 failures per account or
    // 30 per client address within 15 minutes → 429 …; a success resets the account's count" —
    // the account's, not the address's: one valid account must not let an address spray guesses.
    const fresh = await startInstance(backend);
    try {
      const own = await createUserWithRole(await adminSession(fresh), 'staff');
      const c = new Client(fresh);
      const fail = async (i) => {
        const r = await c.post('/login', { form: { email: `sprayed-${i}@example.com`, password: 'Summer2026!Summer', next: '/' } });
        assert.equal(r.status, 401, `failure ${i + 1} of 30: ${r.describe()}`);
      };
      for (let i = 0; i < 15; i += 1) {
        await fail(i);
      }
      const mine = await new Client(fresh).post('/login', { form: { email: own.email, password: own.password, next: '/' } });
      assert.equal(mine.status, 303, `the attacker's own account signs in: ${mine.describe()}`);
      for (let i = 15; i < 30; i += 1) {
        await fail(i);
      }
      const locked = await c.post('/login', { form: { email: 'sprayed-31@example.com', password: 'Summer2026!Summer', next: '/' } });
      assert.equal(locked.status, 429, `31st attempt after 30 failures from this address: ${locked.describe()}`);
      assert.ok(Number(locked.header('retry-after')) > 0);
      const again = await new Client(fresh).post('/login', { form: { email: own.email, password: own.password, next: '/' } });
      assert.equal(again.status, 429, `a valid account from the locked address: ${again.describe()}`);
    } finally {
      await fresh.cleanup();
    }
  });
});
