// web/tests/integration/crash.test.mjs — durability under kill -9. Four clients write people as
// fast as they can (at most 300 requests) while the server is killed with SIGKILL three times,
// at random points of the load, and restarted each time. Every write the server acknowledged
// with a 2xx must exist afterwards, exactly as acknowledged, and the ledger must verify (API and
// `mandate verify`). Bounded in requests and time; SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { adminSession, bearerClient, createToken } from '../lib/client.mjs';
import { describeEachBackend, sleep, startInstance, withTimeout } from '../lib/server.mjs';

const WORKERS = 4;
const MAX_REQUESTS = 300;
const KILLS = 3;
const LOAD_DEADLINE_MS = 40_000;

describeEachBackend('crash safety', (backend) => {
  let inst;
  after(async () => {
    await inst?.cleanup();
  });

  test('every acknowledged write survives three kill -9 and the ledger verifies', { timeout: 60_000 }, async (t) => {
    inst = await startInstance(backend);
    const admin = await adminSession(inst);
    const api = bearerClient(inst, (await createToken(admin, 'admin')).secret);

    const acked = new Map();  // id -> {email, name}
    const unexpected = [];
    let sent = 0;
    let down = false;
    let done = false;
    const started = Date.now();
    const runTag = Math.random().toString(36).slice(2, 8);

    async function worker(w) {
      while (!done && sent < MAX_REQUESTS && Date.now() - started < LOAD_DEADLINE_MS) {
        if (down) {
          await sleep(20);
          continue;
        }
        sent += 1;
        const n = sent;
        const email = `crash-${runTag}-${w}-${n}@example.com`;
        const name = `Crash Person ${w}-${n}`;
        let r;
        try {
          r = await api.post('/api/v1/people', { json: { name, email, department: `D${w}` }, timeoutMs: 10_000 });
        } catch {
          // The server died under this request: not acknowledged, nothing to check.
          await sleep(10);
          continue;
        }
        if (r.status >= 200 && r.status < 300 && r.json?.email === email && Number.isInteger(r.json?.id)) {
          acked.set(r.json.id, { email, name });
        } else if (r.status !== 503) {
          unexpected.push(`${email}: ${r.describe()}`);
        }
      }
    }

    // Kill points: one random request count in each third of the load, so every kill lands
    // while requests are in flight.
    const third = MAX_REQUESTS / KILLS;
    const points = Array.from({ length: KILLS }, (_, k) => Math.floor(k * third + third * (0.2 + 0.6 * Math.random())));
    const killLog = [];
    async function killer() {
      for (const point of points) {
        while (sent < point && !done && Date.now() - started < LOAD_DEADLINE_MS) {
          await sleep(2);
        }
        if (done || Date.now() - started >= LOAD_DEADLINE_MS) {
          break;
        }
        down = true;
        const exit = await inst.kill9();
        killLog.push({ at: sent, acked: acked.size, signal: exit.signal });
        await inst.start();
        down = false;
      }
    }

    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
    await withTimeout(killer(), LOAD_DEADLINE_MS + 15_000, 'the kill/restart cycles');
    await withTimeout(Promise.all(workers), LOAD_DEADLINE_MS + 15_000, 'the write load');
    done = true;

    t.diagnostic(`sent ${sent}, acknowledged ${acked.size}, kills at ${JSON.stringify(killLog)}`);
    assert.equal(killLog.length, KILLS, `the server was killed ${killLog.length} times: ${JSON.stringify(killLog)}\n${inst.log()}`);
    for (const k of killLog) {
      assert.equal(k.signal, 'SIGKILL');
    }
    assert.deepEqual(unexpected, [], 'only 2xx, 503 or a dropped connection are acceptable answers');
    assert.ok(acked.size >= 50, `only ${acked.size} writes acknowledged (sent ${sent})`);

    // Every acknowledged person exists, exactly as acknowledged.
    const missing = [];
    for (const [id, { email, name }] of acked) {
      const r = await api.get(`/api/v1/people/${id}`);
      if (r.status !== 200 || r.json.email !== email || r.json.name !== name) {
        missing.push(`${id} ${email}: ${r.describe()}`);
      }
    }
    assert.deepEqual(missing, [], 'acknowledged writes lost after kill -9');
    const all = await api.expectJson('GET', `/api/v1/people?q=crash-${runTag}&per_page=500`, 200);
    assert.ok(all.total >= acked.size && all.total <= sent, `${all.total} people for ${acked.size} acknowledged of ${sent} sent`);
    const emails = all.items.map((p) => p.email);
    assert.equal(new Set(emails).size, emails.length, 'no person was written twice');

    const v = await api.expectJson('GET', '/api/v1/ledger/verify', 200);
    assert.equal(v.ok, true, JSON.stringify(v));
    const live = await inst.run(['verify']);
    assert.equal(live.code, 0, `mandate verify (server running): ${live.stdout}${live.stderr}`);
    const exit = await inst.stop();
    assert.deepEqual(exit, { code: 0, signal: null }, inst.log());
    const offline = await inst.run(['verify']);
    assert.equal(offline.code, 0, `mandate verify (server stopped): ${offline.stdout}${offline.stderr}`);
  });
});
