// web/tests/integration/docs_cli.test.mjs — `mandate demo`'s policy set and `mandate docs`
// against real databases: the demo's ledger verifies; `docs export` writes Markdown with front
// matter and standalone HTML pages (signatures, rendered tables and task lists, an index) and
// refuses to overwrite without --force; `docs import` round-trips the demo's export into a fresh
// organization (same references, same content), writes nothing on a dry run, and rejects the
// whole import when one file is bad (not UTF-8, over 1 MiB, invalid front matter); usage errors
// exit 2. Both backends.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { adminSession, bearerClient, createPerson, createToken, ledgerSize } from '../lib/client.mjs';
import { describeEachBackend, startInstance } from '../lib/server.mjs';

const DEMO_TIMEOUT_MS = 180_000;

// The Markdown after the front matter.
function body(md) {
  const m = /^---\n[\s\S]*?\n---\n/.exec(md);
  return m ? md.slice(m[0].length) : md;
}
function frontMatter(md, key) {
  const m = new RegExp(`^${key}: (.*)$`, 'm').exec(/^---\n([\s\S]*?)\n---\n/.exec(md)?.[1] ?? '');
  return m ? m[1].trim() : null;
}
function readDir(dir) {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describeEachBackend('mandate docs and the demo policy set', (backend) => {
  let inst;
  let api;
  let demo;  // {run(args, opts)}: the CLI against a separate database holding `mandate demo`
  let demoPgDb = null;
  before(async () => {
    inst = await startInstance(backend);
    const admin = await adminSession(inst);
    api = bearerClient(inst, (await createToken(admin, 'admin')).secret);

    let db = `sqlite:${path.join(inst.dir, 'demo.db')}`;
    if (backend === 'postgresql') {
      demoPgDb = `mandate_demo_${process.pid}_${randomBytes(3).toString('hex')}`;
      const r = spawnSync('psql', [process.env.MANDATE_TEST_PG, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${demoPgDb}`], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const u = new URL(process.env.MANDATE_TEST_PG);
      u.pathname = `/${demoPgDb}`;
      db = u.toString();
    }
    const env = { MANDATE_DB: db, MANDATE_KEY_FILE: path.join(inst.dir, 'demo.key') };
    demo = { run: (args, opts = {}) => inst.run(args, { timeoutMs: DEMO_TIMEOUT_MS, ...opts, env: { ...env, ...(opts.env ?? {}) } }) };
    const r = await demo.run(['demo']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /9 policies/);
    assert.match(r.stdout, /share link .*: \/p\/\S+/);
  });
  after(async () => {
    try {
      await inst?.cleanup();
    } finally {
      if (demoPgDb) {
        spawnSync('psql', [process.env.MANDATE_TEST_PG, '-qc', `DROP DATABASE IF EXISTS ${demoPgDb} WITH (FORCE)`]);
      }
    }
  });

  test('`mandate verify` passes on the demo database', async () => {
    const r = await demo.run(['verify']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^OK /);
  });

  test('export md: one file per document with front matter; no overwrite without --force', async () => {
    const out = path.join(inst.dir, 'export-md');
    const r = await demo.run(['docs', 'export', '--format', 'md', '--out', out, '--org', 'northwind']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const files = readDir(out);
    assert.deepEqual(Object.keys(files), Array.from({ length: 9 }, (_, i) => `POL-00${i + 1}.md`));
    const isp = files['POL-001.md'];
    assert.equal(frontMatter(isp, 'reference'), 'POL-001');
    assert.equal(frontMatter(isp, 'type'), 'information_security_policy');
    assert.equal(frontMatter(isp, 'version'), '3');
    assert.match(frontMatter(isp, 'content_hash'), /^[0-9a-f]{64}$/);
    assert.match(body(isp), /^\s*# Information Security Policy\n/);

    fs.writeFileSync(path.join(out, 'POL-001.md'), 'mine');
    const again = await demo.run(['docs', 'export', '--format', 'md', '--out', out, '--org', 'northwind']);
    assert.equal(again.code, 1, again.stdout + again.stderr);
    assert.match(again.stderr, /POL-00\d\.md already exists: nothing was written \(pass --force/);
    assert.equal(fs.readFileSync(path.join(out, 'POL-001.md'), 'utf8'), 'mine');
    const forced = await demo.run(['docs', 'export', '--format', 'md', '--out', out, '--org', 'northwind', '--force']);
    assert.equal(forced.code, 0, forced.stdout + forced.stderr);
    assert.equal(fs.readFileSync(path.join(out, 'POL-001.md'), 'utf8'), isp);

    // Without --org the demo's two organizations are ambiguous: a usage error.
    const ambiguous = await demo.run(['docs', 'export', '--format', 'md', '--out', out, '--force']);
    assert.equal(ambiguous.code, 2, ambiguous.stdout + ambiguous.stderr);
    assert.match(ambiguous.stderr, /--org is required/);
  });

  test('export html: standalone pages with signatures and rendered Markdown, plus an index', async () => {
    const out = path.join(inst.dir, 'export-html');
    const r = await demo.run(['docs', 'export', '--format', 'html', '--out', out, '--org', 'northwind', '--include-drafts']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const files = readDir(out);
    assert.equal(Object.keys(files).length, 10);
    const index = files['index.html'];
    for (let i = 1; i <= 9; i += 1) {
      assert.match(index, new RegExp(`<a href="POL-00${i}\\.html">POL-00${i}</a>`));
    }
    const isp = files['POL-001.html'];
    assert.match(isp, /^<!DOCTYPE html>/);
    assert.match(isp, /<title>POL-001 Information Security Policy — version 3<\/title>/);
    assert.match(isp, /Content-Security-Policy" content="default-src 'none'/);
    assert.match(isp, /<td>Helena Brandt<\/td><td>Top management<\/td><td>Approved as top management<\/td>/);
    assert.match(isp, /@media print/);
    assert.doesNotMatch(isp, /<script|<link |src=/i, 'self-contained, nothing loaded');
    const hash = /<span class="hash">([0-9a-f]{64})<\/span>/.exec(isp)?.[1];
    assert.ok(hash, 'the content hash is shown');
    assert.match(isp, new RegExp(`<td class="hash">${hash}</td>`), 'the signature names the same hash');
    assert.match(files['POL-003.html'], /<table>[\s\S]*<th>System<\/th>/, 'a Markdown table is rendered');
    assert.match(files['POL-008.html'], /<input type="checkbox" checked="" disabled="" \/>|<input[^>]*checkbox/, 'a task list is rendered');
    // --include-drafts: the newest version, here the acceptable use policy's pending one.
    assert.match(files['POL-002.html'], /<td>4 \(in_approval\)<\/td>/);
  });

  test('import round trip into a fresh organization: dry run writes nothing, apply creates the same documents', async () => {
    const src = path.join(inst.dir, 'roundtrip-src');
    const r = await demo.run(['docs', 'export', '--format', 'md', '--out', src, '--org', 'northwind']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const exported = readDir(src);
    // The owners must be people of the importing organization (as after an HR import).
    const owners = new Set(Object.values(exported).map((md) => frontMatter(md, 'owner')).filter(Boolean));
    for (const email of owners) {
      await createPerson(api, { email, name: `Owner ${email.split('@')[0]}` });
    }
    const before = await ledgerSize(api);
    const dry = await inst.run(['docs', 'import', src, '--org', inst.admin.orgSlug, '--dry-run']);
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    assert.match(dry.stdout, /^file +reference +action +errors$/m);
    assert.match(dry.stdout, /^POL-001\.md +POL-001 +create$/m);
    assert.match(dry.stdout, /9 to create/);
    assert.match(dry.stdout, /dry run: nothing written/);
    assert.equal(await ledgerSize(api), before);
    assert.equal((await api.expectJson('GET', '/api/v1/policies', 200)).total, 0);

    const ok = await inst.run(['docs', 'import', src, '--org', inst.admin.orgSlug, '--as', inst.admin.email]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /9 created/);
    assert.ok(await ledgerSize(api) > before);
    const list = await api.expectJson('GET', '/api/v1/policies', 200);
    assert.deepEqual(list.items.map((d) => d.reference).sort(), Object.keys(exported).map((f) => f.replace(/\.md$/, '')));

    // Exported again (the imports are drafts): the same content, document for document.
    const back = path.join(inst.dir, 'roundtrip-back');
    const again = await inst.run(['docs', 'export', '--format', 'md', '--out', back, '--include-drafts']);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    const reimported = readDir(back);
    assert.deepEqual(Object.keys(reimported), Object.keys(exported));
    for (const [file, md] of Object.entries(exported)) {
      assert.equal(body(reimported[file]), body(md), file);
      assert.equal(frontMatter(reimported[file], 'title'), frontMatter(md, 'title'), file);
      assert.equal(frontMatter(reimported[file], 'type'), frontMatter(md, 'type'), file);
      assert.equal(frontMatter(reimported[file], 'content_hash'), frontMatter(md, 'content_hash'), file);
    }

    // The same files once more: nothing to do.
    const same = await inst.run(['docs', 'import', src, '--org', inst.admin.orgSlug]);
    assert.equal(same.code, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /9 unchanged/);
  });

  test('one bad file rejects the whole import and names the file; nothing is written', async () => {
    const dir = path.join(inst.dir, 'bad-import');
    fs.mkdirSync(dir);
    const good = '---\nreference: IMP-001\ntitle: Good Policy\ntype: procedure\n---\n# Good Policy\n\nFine.\n';
    fs.writeFileSync(path.join(dir, 'a-good.md'), good);
    fs.writeFileSync(path.join(dir, 'b-latin1.md'), Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not Markdown: ignored');
    const before = await ledgerSize(api);
    const r = await inst.run(['docs', 'import', dir, '--org', inst.admin.orgSlug]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^b-latin1\.md +- +reject +file: is not valid UTF-8$/m);
    assert.match(r.stdout, /^a-good\.md +IMP-001 +create$/m);
    assert.match(r.stdout, /nothing was imported/);
    assert.doesNotMatch(r.stdout, /notes\.txt/);

    fs.rmSync(path.join(dir, 'b-latin1.md'));
    fs.writeFileSync(path.join(dir, 'c-huge.md'), `# Huge\n\n${'x'.repeat(1024 * 1024)}\n`);
    const huge = await inst.run(['docs', 'import', dir, '--org', inst.admin.orgSlug]);
    assert.equal(huge.code, 1, huge.stdout + huge.stderr);
    assert.match(huge.stdout, /^c-huge\.md +- +reject +file: is \d+ bytes; the limit is 1 MiB$/m);

    fs.rmSync(path.join(dir, 'c-huge.md'));
    fs.writeFileSync(path.join(dir, 'd-bad-type.md'), '---\nreference: IMP-002\ntitle: Bad\ntype: memo\n---\n# Bad\n');
    const invalid = await inst.run(['docs', 'import', dir, '--org', inst.admin.orgSlug]);
    assert.equal(invalid.code, 1, invalid.stdout + invalid.stderr);
    assert.match(invalid.stdout, /^d-bad-type\.md +IMP-002 +reject +type: /m);
    assert.equal(await ledgerSize(api), before);
    const none = await api.expectJson('GET', '/api/v1/policies?search=IMP-00', 200);
    assert.equal(none.total, 0);
  });

  test('usage errors exit 2 with a message naming the argument; --help exits 0', async () => {
    const dir = path.join(inst.dir, 'usage');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'one.md'), '# One\n');
    const file = path.join(inst.dir, 'a-file');
    fs.writeFileSync(file, 'x');
    const cases = [
      [['docs', 'import'], /DIR is required/],
      [['docs', 'import', path.join(inst.dir, 'nowhere')], /DIR: .* is not a directory/],
      [['docs', 'import', dir, '--org', 'no-such-org'], /--org: no organization has the id or slug "no-such-org"/],
      [['docs', 'import', dir, '--as', 'nobody@example.com'], /--as: no user has the e-mail nobody@example.com/],
      [['docs', 'import', dir, '--bogus'], /--bogus/],
      [['docs', 'export', '--out', inst.dir], /--format is required/],
      [['docs', 'export', '--format', 'pdf', '--out', inst.dir], /--format: pdf not in \{md,html\}/],
      [['docs', 'export', '--format', 'md'], /--out is required/],
      [['docs', 'export', '--format', 'md', '--out', file], /--out: .* exists and is not a directory/],
    ];
    for (const [args, message] of cases) {
      const r = await inst.run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
    }
    const empty = path.join(inst.dir, 'empty');
    fs.mkdirSync(empty);
    const none = await inst.run(['docs', 'import', empty]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /has no \*\.md files/);
    for (const sub of ['import', 'export']) {
      const help = await inst.run(['docs', sub, '--help']);
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, /--org/);
    }
  });
});
