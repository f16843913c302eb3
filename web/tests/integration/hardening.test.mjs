// web/tests/integration/hardening.test.mjs — attacks a real instance the way a hostile user
// would: markup in every text field (escaped on every page), secrets that must never be listed,
// role changes and removals that take effect on live sessions at once, the last administrator,
// body limits with chunked transfer encoding, oversized headers, path tricks on /assets, and
// invalid UTF-8 inside JSON. Both backends.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';

import {
  adminSession, bearerClient, Client, createPerson, createToken, createUserWithRole, setMember,
  unique,
} from '../lib/client.mjs';
import { describeEachBackend, startInstance, withTimeout } from '../lib/server.mjs';

// Sends raw bytes on a fresh connection and returns the status line's code and the raw answer.
async function rawRequest(url, bytes) {
  const { hostname, port } = new URL(url);
  return withTimeout(new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname);
    let data = '';
    sock.on('data', (d) => (data += d.toString('latin1')));
    sock.on('error', (e) => (data ? resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1]), data }) : reject(e)));
    sock.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1]), data }));
    sock.write(bytes, () => {});
    setTimeout(() => sock.end(), 3000);
  }), 10_000, 'raw request');
}

describeEachBackend('hardening', (backend) => {
  let inst;
  let admin;
  let api;
  before(async () => {
    inst = await startInstance(backend);
    admin = await adminSession(inst);
    api = bearerClient(inst, (await createToken(admin, 'admin')).secret);
  });
  after(async () => {
    await inst?.cleanup();
  });

  test('markup in every text field is escaped on every page that shows it', async () => {
    const xss = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'';
    const p = await createPerson(api, { name: `Eve ${xss}`, job_title: `Title ${xss}`, department: `Dept ${xss}`, external_id: `E${xss}`.slice(0, 60) });
    await api.expectJson('POST', `/api/v1/people/${p.id}/top-management`, 201, { json: { title: `Boss ${xss}`, starts_on: '2024-01-01' } });
    await createToken(admin, 'contributor', { name: `tok ${xss}` });
    const pages = ['/', `/people/${p.id}`, `/people/${p.id}/edit`, '/people', `/people?q=${encodeURIComponent(xss)}`,
      `/people?department=${encodeURIComponent(`Dept ${xss}`)}`, '/admin/tokens', '/admin/members',
      `/ledger?entity_type=person&entity_id=${p.id}`, `/ledger?actor=${encodeURIComponent(xss)}`,
      `/login?next=${encodeURIComponent(`/"${xss}`)}`];
    for (const path of pages) {
      const r = await admin.get(path);
      assert.ok(r.status === 200 || r.status === 303, `${path}: ${r.describe()}`);
      assert.ok(!r.text.includes('<script>alert'), `${path} reflects a raw <script>`);
      assert.ok(!r.text.includes('<img src=x'), `${path} reflects a raw <img>`);
      assert.ok(!/onerror=alert\(2\)>"'/.test(r.text), `${path} reflects raw attribute text`);
    }
    const detail = await admin.get(`/people/${p.id}`);
    assert.match(detail.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    // The import preview shows CSV cells escaped too.
    const preview = await admin.post('/people/import', {
      form: { mode: 'preview', csv: `name,email\n"${xss.replaceAll('"', '""')}",${unique('x')}@example.com\n` },
    });
    assert.equal(preview.status, 200, preview.describe());
    assert.ok(!preview.text.includes('<script>alert'));
  });

  test('token secrets and password hashes are never listed', async () => {
    const t = await createToken(admin, 'contributor');
    const u = await createUserWithRole(admin, 'staff');
    for (const [client, path] of [[api, '/api/v1/tokens'], [admin, '/admin/tokens'], [api, '/api/v1/members'],
      [admin, '/admin/members'], [api, '/api/v1/me'], [admin, '/api/v1/me'], [api, '/api/v1/ledger?limit=500'],
      [admin, '/ledger?limit=500'], [api, '/metrics']]) {
      const r = await client.get(path);
      assert.equal(r.status, 200, `${path}: ${r.describe()}`);
      assert.ok(!r.text.includes(t.secret), `${path} shows a token secret`);
      assert.ok(!r.text.includes(t.secret.slice(12)), `${path} shows most of a token secret`);
      assert.ok(!r.text.includes('$argon2'), `${path} shows a password hash`);
      assert.ok(!r.text.includes(u.password), `${path} shows a password`);
      assert.ok(!r.text.includes(admin.session), `${path} shows a session id`);
    }
  });

  test('a role change or a removal takes effect on live sessions and tokens at once', async () => {
    const u = await createUserWithRole(admin, 'contributor');
    const c = new Client(inst);
    await c.login(u.email, u.password);
    assert.equal((await c.get('/api/v1/people')).status, 200);
    await setMember(api, u.email, 'staff');
    const demoted = await c.get('/api/v1/people');
    assert.equal(demoted.status, 403, `after the change to staff: ${demoted.describe()}`);
    assert.equal((await c.get('/')).status, 200, 'staff still sees the dashboard');
    const removed = await api.del(`/api/v1/members/${u.id}`);
    assert.equal(removed.status, 204, removed.describe());
    const gone = await c.get('/api/v1/people');
    assert.ok(gone.status === 401 || gone.status === 403, `after removal: ${gone.describe()}`);
    const page = await c.get('/people');
    assert.ok(page.status === 403 || (page.status === 303 && page.location.startsWith('/login')), `after removal: ${page.describe()}`);
    const write = await c.post('/api/v1/people', { json: { name: 'Removed', email: 'removed.writer@example.com' } });
    assert.ok(write.status === 401 || write.status === 403, write.describe());
    // A revoked token stops at once as well.
    const t = await createToken(admin, 'isms_manager');
    const tc = bearerClient(inst, t.secret);
    assert.equal((await tc.get('/api/v1/people')).status, 200);
    assert.equal((await api.post(`/api/v1/tokens/${t.id}/revoke`)).status, 204);
    assert.equal((await tc.get('/api/v1/people')).status, 401);
  });

  test('the last administrator can be neither demoted nor removed', async () => {
    const me = await admin.expectJson('GET', '/api/v1/me', 200);
    const members = await api.expectJson('GET', '/api/v1/members', 200);
    const admins = members.items.filter((m) => m.role === 'admin');
    assert.equal(admins.length, 1, 'only the instance admin is an admin here');
    const demote = await api.put('/api/v1/members', { json: { email: inst.admin.email, role: 'staff' } });
    assert.equal(demote.status, 409, demote.describe());
    assert.equal(demote.json.error.code, 'conflict');
    const remove = await api.del(`/api/v1/members/${me.user_id}`);
    assert.equal(remove.status, 409, remove.describe());
    const page = await admin.post(`/admin/members/${me.user_id}/remove`, { form: {} });
    assert.equal(page.status, 409, page.describe());
    assert.equal((await admin.expectJson('GET', '/api/v1/me', 200)).role, 'admin');
  });

  test('the body limit holds for chunked bodies too', async () => {
    const chunk = Buffer.alloc(16 * 1024, 'a');
    let sent = 0;
    const stream = new ReadableStream({
      pull(controller) {
        if (sent >= 8) {
          controller.close();
          return;
        }
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    let r;
    try {
      r = await fetch(`${inst.url}/api/v1/people`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${api.bearer}` },
        body: stream,
        duplex: 'half',
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
    } catch (e) {
      // The server may close the connection once the limit is passed; the raw check below
      // then tells us what it answered.
      r = null;
    }
    if (r) {
      assert.equal(r.status, 413, await r.text());
    }
    const head = `POST /api/v1/people HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${api.bearer}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`;
    const chunked = `4000\r\n${'a'.repeat(0x4000)}\r\n`.repeat(6);  // 96 KiB > the 64 KiB limit
    const raw = await rawRequest(inst.url, `${head}${chunked}0\r\n\r\n`);
    assert.equal(raw.status, 413, raw.data.slice(0, 300));
    assert.equal((await api.get('/api/v1/me')).status, 200, 'the server is fine afterwards');
  });

  test('an oversized header → 431; an import over 8 MiB → 413', async () => {
    const raw = await rawRequest(inst.url, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(64 * 1024)}\r\nConnection: close\r\n\r\n`);
    assert.equal(raw.status, 431, raw.data.slice(0, 300));
    const big = await rawRequest(inst.url, `POST /api/v1/people/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${api.bearer}\r\nContent-Type: text/csv\r\nContent-Length: ${9 * 1024 * 1024}\r\nConnection: close\r\n\r\nname,email\n`);
    assert.equal(big.status, 413, big.data.slice(0, 300));
  });

  test('path tricks on /assets find nothing outside the embedded assets', async () => {
    // Raw requests: fetch would normalise the dot segments away before sending.
    for (const path of ['/assets/..%2f..%2fetc%2fpasswd', '/assets/%2e%2e', '/assets/../../etc/passwd',
      '/assets/..%5cCMakeLists.txt', '/assets/app.css%00.png', '/assets/.%2e/.%2e/etc/passwd', '/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      const r = await rawRequest(inst.url, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      assert.ok([400, 404].includes(r.status), `${path}: ${r.data.slice(0, 200)}`);
      assert.ok(!r.data.includes('root:'), `${path} serves a file`);
    }
  });

  test('invalid UTF-8 inside a JSON string → 400 or 422, nothing stored', async () => {
    const body = Buffer.concat([Buffer.from('{"name":"Bad '), Buffer.from([0xc3, 0x28]), Buffer.from('","email":"badutf@example.com"}')]);
    const r = await api.post('/api/v1/people', { body, contentType: 'application/json' });
    assert.ok(r.status === 400 || r.status === 422, r.describe());
    assert.equal((await api.expectJson('GET', '/api/v1/people?q=badutf', 200)).total, 0);
    const lone = await api.post('/api/v1/people', { body: '{"name":"Bad \\ud800","email":"lone@example.com"}', contentType: 'application/json' });
    assert.ok(lone.status === 400 || lone.status === 422, lone.describe());
    assert.equal((await api.expectJson('GET', '/api/v1/people?q=lone%40', 200)).total, 0);
  });

  test('no GET changes state: GET /logout is not a route, and state-changing paths refuse GET', async () => {
    const c = await adminSession(inst);
    const r = await c.get('/logout');
    assert.equal(r.status, 405, r.describe());
    assert.equal(r.header('allow'), 'POST');
    assert.equal((await c.get('/api/v1/me')).status, 200);
    const rv = await c.get('/api/v1/tokens/1/revoke');
    assert.equal(rv.status, 405, rv.describe());
  });
});
