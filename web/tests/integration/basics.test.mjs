// web/tests/integration/basics.test.mjs — health endpoints, the security headers every response
// carries (pages and errors), JSON errors under /api/, 405 with Allow, and HEAD; on SQLite and
// PostgreSQL, against the real binary over HTTP.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { adminSession, Client } from '../lib/client.mjs';
import { describeEachBackend, startInstance } from '../lib/server.mjs';

function assertSecurityHeaders(r, what) {
  const csp = r.header('content-security-policy');
  assert.ok(csp, `${what}: no Content-Security-Policy`);
  assert.doesNotMatch(csp, /unsafe-inline/, `${what}: CSP allows unsafe-inline: ${csp}`);
  assert.doesNotMatch(csp, /unsafe-eval/, `${what}: CSP allows unsafe-eval: ${csp}`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP without frame-ancestors 'none': ${csp}`);
  assert.match(csp, /default-src 'none'/, `${what}: CSP default-src: ${csp}`);
  assert.equal(r.header('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(r.header('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
  assert.equal(r.header('referrer-policy'), 'same-origin', `${what}: Referrer-Policy`);
  assert.ok(r.header('x-request-id'), `${what}: X-Request-Id`);
  assert.equal(r.header('strict-transport-security'), null, `${what}: HSTS over plain HTTP`);
}

describeEachBackend('basics', (backend) => {
  let inst;
  let anon;
  before(async () => {
    inst = await startInstance(backend);
    anon = new Client(inst);
  });
  after(async () => {
    await inst?.cleanup();
  });

  test('/healthz and /readyz answer 200', async () => {
    const h = await anon.get('/healthz');
    assert.equal(h.status, 200, h.describe());
    assert.equal(h.text, 'ok\n');
    const r = await anon.get('/readyz');
    assert.equal(r.status, 200, r.describe());
    assert.equal(r.text, 'ready\n');
  });

  test('a page carries the security headers, with a fresh CSP nonce each time', async () => {
    const a = await anon.get('/login');
    const b = await anon.get('/login');
    assert.equal(a.status, 200, a.describe());
    assertSecurityHeaders(a, 'GET /login');
    assert.match(a.header('content-type'), /^text\/html/);
    const nonce = (r) => /'nonce-([^']+)'/.exec(r.header('content-security-policy'))?.[1];
    assert.ok(nonce(a), 'the CSP names a nonce');
    assert.notEqual(nonce(a), nonce(b), 'the nonce changes per response');
    // Anonymous pages may be cached by the browser's own rules; signed-in pages may not.
    assert.notEqual(a.header('cache-control'), 'no-store');
  });

  test('errors carry the same headers: HTML 404, JSON 404 under /api/, 401, 405', async () => {
    const page = await anon.get('/no/such/page');
    assert.equal(page.status, 404, page.describe());
    assert.match(page.header('content-type'), /^text\/html/);
    assertSecurityHeaders(page, 'HTML 404');

    const api = await anon.get('/api/v1/no-such-thing');
    assert.equal(api.status, 404, api.describe());
    assert.match(api.header('content-type'), /^application\/json/);
    assert.equal(api.json.error.code, 'not_found');
    assert.equal(typeof api.json.error.message, 'string');
    assert.equal(api.json.error.request_id, api.header('x-request-id'));
    assertSecurityHeaders(api, 'JSON 404');

    const unauth = await anon.get('/api/v1/me');
    assert.equal(unauth.status, 401, unauth.describe());
    assert.equal(unauth.header('www-authenticate'), 'Bearer');
    assert.equal(unauth.json.error.code, 'unauthorized');
    assertSecurityHeaders(unauth, 'JSON 401');

    const wrongMethod = await anon.del('/healthz');
    assert.equal(wrongMethod.status, 405, wrongMethod.describe());
    assert.equal(wrongMethod.header('allow'), 'GET, HEAD');
    assertSecurityHeaders(wrongMethod, '405');

    const apiWrongMethod = await anon.request('DELETE', '/api/v1/people');
    assert.equal(apiWrongMethod.status, 405, apiWrongMethod.describe());
    assert.equal(apiWrongMethod.header('allow'), 'GET, HEAD, POST');
    assert.equal(apiWrongMethod.json.error.code, 'method_not_allowed');
  });

  test('an anonymous page request is redirected to /login with the target kept', async () => {
    const r = await anon.get('/people?q=a%20b');
    assert.equal(r.status, 303, r.describe());
    assert.equal(r.location, `/login?next=${encodeURIComponent('/people?q=a%20b')}`);
  });

  test('signed-in responses are Cache-Control: no-store, pages and errors alike', async () => {
    const admin = await adminSession(inst);
    for (const path of ['/', '/people', '/api/v1/me', '/people/999999', '/api/v1/people/999999']) {
      const r = await admin.get(path);
      assert.equal(r.header('cache-control'), 'no-store', `${path}: ${r.status}`);
      assertSecurityHeaders(r, `signed-in ${path}`);
    }
  });

  test('HEAD is served by the GET route: same status and length, no body', async () => {
    const get = await anon.get('/login');
    const head = await anon.head('/login');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(Number(head.header('content-length')), get.body.length);
    assertSecurityHeaders(head, 'HEAD /login');
    const h = await anon.head('/healthz');
    assert.equal(h.status, 200);
    assert.equal(h.body.length, 0);
    const missing = await anon.head('/api/v1/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.length, 0);
  });

  test('start-up failures print one clear line and exit non-zero', async () => {
    const busy = await inst.run(['serve'], { env: { MANDATE_PORT: String(inst.port) }, timeoutMs: 15_000 });
    assert.notEqual(busy.code, 0, `a second server on port ${inst.port} must not start: ${busy.stdout}${busy.stderr}`);
    assert.match(busy.stderr, new RegExp(`${inst.port}|in use`), busy.stderr);
    assert.ok(busy.stderr.trim().split('\n').length <= 3, `one clear line, not a dump: ${busy.stderr}`);
    const badDb = await inst.run(['serve'], { env: { MANDATE_DB: 'mysql://nope' }, timeoutMs: 15_000 });
    assert.notEqual(badDb.code, 0);
    assert.match(badDb.stderr, /^mandate: /m, badDb.stderr);
    const badPort = await inst.run(['serve'], { env: { MANDATE_PORT: '70000' }, timeoutMs: 15_000 });
    assert.notEqual(badPort.code, 0);
    assert.match(badPort.stderr, /port/, badPort.stderr);
    const noKey = await inst.run(['serve'], { env: { MANDATE_KEY_FILE: `${inst.dir}/missing.key` }, timeoutMs: 15_000 });
    assert.notEqual(noKey.code, 0, `serving without the instance key: ${noKey.stdout}${noKey.stderr}`);
    assert.match(noKey.stderr, /key/, noKey.stderr);
    // The running server was not disturbed.
    assert.equal((await anon.get('/readyz')).status, 200);
  });

  test('the server stops gracefully on SIGTERM (exit 0)', async () => {
    const exit = await inst.stop();
    assert.deepEqual(exit, { code: 0, signal: null }, inst.log());
    await inst.start();
    const r = await anon.get('/readyz');
    assert.equal(r.status, 200);
  });
});
