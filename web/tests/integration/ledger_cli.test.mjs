// web/tests/integration/ledger_cli.test.mjs — the ledger and the command line against a live
// server: concurrent edits of one record (exactly one wins, one ledger entry), CSV export
// hygiene, `mandate user add`, `mandate people import` (dry run, rejected file, apply) and
// `mandate verify`, and tampering behind Mandate's back — refused by the database's triggers,
// and, with the triggers out of the way, detected by `mandate verify` and the API, which name
// the rewritten entry. Both backends.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  adminSession, bearerClient, Client, createPerson, createToken, ledgerSize, unique,
} from '../lib/client.mjs';
import { describeEachBackend, randomPassword, startInstance } from '../lib/server.mjs';

// Runs SQL directly on the instance's database (bypassing Mandate). Returns {code, out}.
function rawSql(inst, sql) {
  const r = inst.backend === 'sqlite'
    ? spawnSync('sqlite3', [inst.db.replace(/^sqlite:/, ''), sql], { encoding: 'utf8', timeout: 30_000 })
    : spawnSync('psql', [inst.db, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describeEachBackend('ledger and CLI', (backend) => {
  let inst;
  let admin;
  let api;
  let orgId;
  before(async () => {
    inst = await startInstance(backend);
    admin = await adminSession(inst);
    api = bearerClient(inst, (await createToken(admin, 'admin')).secret);
    orgId = (await api.expectJson('GET', '/api/v1/me', 200)).organization_id;
  });
  after(async () => {
    await inst?.cleanup();
  });

  test('ten concurrent edits of one version: exactly one wins, the rest are 409 stale', async () => {
    const p = await createPerson(api, { job_title: 'Start' });
    const before = await ledgerSize(api);
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => api.patch(`/api/v1/people/${p.id}`, {
      json: { name: p.name, email: p.email, job_title: `Edit ${i}`, department: p.department, version: p.version },
    })));
    const statuses = replies.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, ...Array(9).fill(409)], replies.map((r) => r.describe()).join('\n'));
    for (const r of replies.filter((x) => x.status === 409)) {
      assert.equal(r.json.error.code, 'stale');
    }
    const winner = replies.find((r) => r.status === 200).json;
    const now = await api.expectJson('GET', `/api/v1/people/${p.id}`, 200);
    assert.equal(now.job_title, winner.job_title);
    assert.equal(now.version, p.version + 1);
    assert.equal(await ledgerSize(api), before + 1);
  });

  test('the CSV export is an attachment and neutralises spreadsheet formulas', async () => {
    const email = `${unique('formula')}@example.com`.toLowerCase();
    await createPerson(api, { name: '=HYPERLINK("http://evil.example","x")', email, job_title: '+1+1', department: '@SUM(A1)' });
    const r = await api.get(`/api/v1/people/export.csv?q=${encodeURIComponent(email)}`);
    assert.equal(r.status, 200, r.describe());
    assert.match(r.header('content-type'), /^text\/csv/);
    assert.match(r.header('content-disposition') ?? '', /^attachment/);
    assert.equal(r.header('x-content-type-options'), 'nosniff');
    const line = r.text.split(/\r?\n/).find((l) => l.includes(email));
    assert.ok(line, r.text);
    assert.doesNotMatch(line, /(^|,)"?[=+@]/, `a cell starts with a formula character: ${line}`);
    assert.match(line, /'=HYPERLINK/);
  });

  test('`mandate user add` creates a user who can sign in with the given role', async () => {
    const email = `${unique('cli-user')}@example.com`.toLowerCase();
    const password = randomPassword();
    const r = await inst.run(['user', 'add', '--email', email, '--name', 'Cli User', '--org', inst.admin.orgSlug, '--role', 'contributor'],
      { env: { MANDATE_USER_PASSWORD: password } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const c = new Client(inst);
    await c.login(email, password);
    const me = await c.expectJson('GET', '/api/v1/me', 200);
    assert.equal(me.role, 'contributor');
    const weak = await inst.run(['user', 'add', '--email', `w${email}`, '--name', 'Weak', '--org', inst.admin.orgSlug],
      { env: { MANDATE_USER_PASSWORD: 'password' } });
    assert.notEqual(weak.code, 0);
    assert.match(weak.stderr, /password/);
    const auditor = await inst.run(['user', 'add', '--email', `a${email}`, '--name', 'Aud', '--org', inst.admin.orgSlug, '--role', 'auditor'],
      { env: { MANDATE_USER_PASSWORD: randomPassword() } });
    assert.notEqual(auditor.code, 0, 'an auditor needs an expiry');
    assert.match(auditor.stderr, /expires/);
  });

  test('`mandate people import`: dry run writes nothing, a bad row is named and nothing imported, a good file is applied', async () => {
    const tag = unique('cli').replace(/[^a-z0-9]/g, '');
    const file = path.join(inst.dir, `${tag}.csv`);
    const rows = [
      `C1,Carla ${tag},carla.${tag}@example.com,Analyst,Finance`,
      `C2,Dario ${tag},dario.${tag}@example.com,Analyst,Finance`,
    ];
    const header = 'Employee ID,Full name,Work email,Job title,Department';
    fs.writeFileSync(file, `${header}\n${rows.join('\n')}\nC3,Bad ${tag},not-an-email,Analyst,Finance\n`);
    const before = await ledgerSize(api);
    const bad = await inst.run(['people', 'import', file, '--org', inst.admin.orgSlug]);
    assert.equal(bad.code, 2, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /line 4, column "Work email"/);
    assert.match(bad.stdout, /nothing was imported/);
    assert.equal(await ledgerSize(api), before);

    fs.writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
    const dry = await inst.run(['people', 'import', file, '--org', inst.admin.orgSlug, '--dry-run']);
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    assert.match(dry.stdout, /2 to create/);
    assert.equal(await ledgerSize(api), before);
    assert.equal((await api.expectJson('GET', `/api/v1/people?q=${tag}`, 200)).total, 0);

    const ok = await inst.run(['people', 'import', file, '--org', inst.admin.orgSlug]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.equal(await ledgerSize(api), before + 2);
    const people = await api.expectJson('GET', `/api/v1/people?q=${tag}`, 200);
    assert.deepEqual(people.items.map((p) => p.external_id).sort(), ['C1', 'C2']);
    const history = await api.expectJson('GET', `/api/v1/people/${people.items[0].id}`, 200);
    assert.equal(history.history[0].action, 'create');
    assert.match(history.history[0].actor, /cli/);

    const unknown = await inst.run(['people', 'import', file, '--org', 'no-such-org']);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /no-such-org/);
  });

  test('`mandate verify` holds for the whole instance and for one organization', async () => {
    await api.expectJson('POST', '/api/v1/ledger/checkpoints', 201);
    const all = await inst.run(['verify']);
    assert.equal(all.code, 0, all.stdout + all.stderr);
    assert.match(all.stdout, /^OK .*entries/);
    const one = await inst.run(['verify', '--org', String(orgId)]);
    assert.equal(one.code, 0, one.stdout + one.stderr);
  });

  test('the ledger API pages backwards with `before` and checks its parameters', async () => {
    const first = await api.expectJson('GET', '/api/v1/ledger?limit=3', 200);
    assert.equal(first.items.length, 3);
    assert.deepEqual(first.items.map((e) => e.seq), [first.size, first.size - 1, first.size - 2]);
    const s = first.items[2].seq;
    const next = await api.expectJson('GET', `/api/v1/ledger?limit=3&before=${s}`, 200);
    assert.deepEqual(next.items.map((e) => e.seq), [s - 1, s - 2, s - 3]);
    for (const e of first.items) {
      assert.match(e.leaf_hash, /^[0-9a-f]{64}$/);
      assert.ok(e.actor && e.entity_type && e.action && e.at);
    }
    for (const bad of ['limit=0', 'limit=501', 'limit=abc', 'before=-1', `entity_type=${'x'.repeat(65)}`]) {
      const r = await api.get(`/api/v1/ledger?${bad}`);
      assert.equal(r.status, 422, `${bad}: ${r.describe()}`);
      assert.equal(Object.keys(r.json.error.fields).length, 1, r.describe());
    }
  });

  test('the database refuses edits of the ledger; an edit behind its back is found and located', async () => {
    const p = await createPerson(api, { name: 'Tamper Target', job_title: 'Honest' });
    const seq = (await api.expectJson('GET', `/api/v1/people/${p.id}`, 200)).history[0].seq;
    await api.expectJson('POST', '/api/v1/ledger/checkpoints', 201);
    const forged = `'{"name":"Tamper Target","job_title":"Forged"}'`;
    const where = `org_id = ${orgId} AND seq = ${seq}`;

    const refused = rawSql(inst, `UPDATE ledger_entries SET payload = ${forged} WHERE ${where};`);
    assert.notEqual(refused.code, 0, 'the append-only trigger refuses an UPDATE');
    assert.match(refused.out, /append-only/);
    const refusedDelete = rawSql(inst, `DELETE FROM ledger_entries WHERE ${where};`);
    assert.notEqual(refusedDelete.code, 0, 'the append-only trigger refuses a DELETE');
    assert.equal((await api.expectJson('GET', '/api/v1/ledger/verify', 200)).ok, true);

    const bypass = inst.backend === 'sqlite'
      ? `DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET payload = ${forged} WHERE ${where};`
      : `BEGIN; ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only; UPDATE ledger_entries SET payload = ${forged} WHERE ${where}; ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only; COMMIT;`;
    const edited = rawSql(inst, bypass);
    assert.equal(edited.code, 0, edited.out);

    const cli = await inst.run(['verify']);
    assert.equal(cli.code, 1, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /^FAILED/);
    assert.match(cli.stdout, new RegExp(`organization ${orgId}: entry #${seq} does not match its leaf hash`));
    const v = await api.expectJson('GET', '/api/v1/ledger/verify', 200);
    assert.equal(v.ok, false, JSON.stringify(v));
    assert.match(v.summary, new RegExp(`#${seq}`));
    const page = await admin.get('/ledger/verify');
    assert.equal(page.status, 200, page.describe());
    assert.match(page.text, /Verification failed/);
  });
});
