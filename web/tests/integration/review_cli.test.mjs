// web/tests/integration/review_cli.test.mjs — `mandate review export ID --format pdf|html` against
// real databases: a management review recorded through the API (attendees present and excused,
// minutes, an attachment, decisions of which one became an action) and signed by its chair, then
// exported by the CLI — HTML on stdout (standalone, no scripts, every value escaped) and a PDF
// read back by poppler (pdftotext, pdfinfo) with the attendees, the inputs, the decisions and
// their action, the attachment's hash, and the signature block holding the content hash, the
// ledger entry of the sign-off and the signed checkpoint note; an unsigned meeting is marked as a
// draft; a PDF goes to stdout only when it is not a terminal (a pipe, not a pseudo-terminal); refusals (unknown meeting, an
// existing file without --force) exit 1 and usage errors 2; and every management review of
// `mandate demo` exports with its signature and decisions (the thin one with its red flag). Both
// backends.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { unique } from '../lib/client.mjs';
import {
  addDecision, createMeeting, dayIn, getMeeting, ledgerOf, makeReady, meetingOrg, minuteIn,
  pdfText, setAttendance, sha256, signMeeting, tinyPdf, uploadAttachment, writeMinutes,
} from '../lib/meetings.mjs';
import { describeEachBackend, mandateBin, startInstance } from '../lib/server.mjs';

// Every run of white space as one space: text wrapped inside a PDF table cell reads as a phrase.
const flat = (s) => s.replace(/\s+/g, ' ');

describeEachBackend('mandate review export', (backend) => {
  let inst;
  let org;
  let api;
  let review;     // the signed review's JSON
  let draft;      // a planned board meeting
  let checkpoint; // {tree_size, root, note} written after the sign-off
  let signSeq;    // the ledger entry of the sign-off
  let fileHash;
  const title = unique('Review <b>not bold</b> & co');
  const cli = (args, opts) => inst.run(['review', 'export', ...args], opts);

  before(async () => {
    inst = await startInstance(backend);
    org = await meetingOrg(inst);
    api = org.api;
    const p = org.people;
    let m = await createMeeting(api, org, {
      type: 'management_review', title, starts_at: minuteIn(-2 * 3600), place: 'Room 4 "north"',
      invitees: [p.top_management.id, p.isms_manager.id, p.contributor.id],
    });
    await setAttendance(api, m, p.isms_manager.id, 'present');
    await setAttendance(api, m, p.contributor.id, 'excused');
    m = await getMeeting(api, m);
    await writeMinutes(api, m, m.items[0], 'The ISM walked through the **open actions** of earlier reviews.');
    const pdf = tinyPdf('risk report');
    fileHash = sha256(pdf);
    const att = await uploadAttachment(api, m, 'risk-report.pdf', pdf);
    assert.equal(att.status, 201, att.describe());
    await addDecision(api, m, {
      text: 'Replace the VPN concentrator', type: 'improvement', owner_id: p.isms_manager.id,
      due_on: dayIn(60), item_id: m.items[7].id,
    });
    await addDecision(api, m, { text: 'Budget for a second security engineer', type: 'resource' });
    await makeReady(api, m);
    review = await signMeeting(org, m);
    assert.equal(review.status, 'signed');
    const sign = (await ledgerOf(api, 'meeting', review.id)).find((e) => e.action === 'sign');
    signSeq = sign.seq;
    checkpoint = await api.expectJson('POST', '/api/v1/ledger/checkpoints', 201);
    assert.ok(checkpoint.tree_size >= signSeq);
    draft = await createMeeting(api, org, { type: 'board', title: unique('Board meeting'), starts_at: minuteIn(7 * 86400) });
  }, { timeout: 120_000 });
  after(async () => inst?.cleanup());

  test('html on stdout: standalone, script-free, escaped, with every section and the signature block', async () => {
    const r = await cli([String(review.id), '--format', 'html', '--org', inst.admin.orgSlug]);
    assert.equal(r.code, 0, r.stderr);
    const h = r.stdout;
    assert.match(h, /^<!DOCTYPE html>/);
    assert.match(h, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    assert.ok(!/<script/i.test(h), 'no script element');
    assert.ok(!h.includes('<b>not bold</b>'), 'the title is not markup');
    assert.ok(h.includes(title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')), 'the title, escaped');
    assert.ok(h.includes('Room 4 &quot;north&quot;'));
    for (const s of [
      'Attendees', org.people.top_management.name, org.people.isms_manager.name, org.people.contributor.name,
      'Excused', 'Top management', 'a. Status of actions from previous reviews',
      'The ISM walked through the <strong>open actions</strong> of earlier reviews.',
      'To be presented', 'Replace the VPN concentrator', 'Budget for a second security engineer',
      'Resource', 'risk-report.pdf', fileHash, 'Signature', review.signer_name,
      'Management review signed off by the chair', review.content_hash,
      `#${signSeq} (leaf index ${signSeq - 1})`, 'covers the sign-off',
    ]) {
      assert.ok(h.includes(s), `html has ${s}`);
    }
    // The decision with an owner and a due date became an action, listed with its status.
    const action = review.decisions.find((d) => d.text === 'Replace the VPN concentrator').action_id;
    assert.ok(action);
    assert.ok(h.includes(`ACT-${action}: Open`), 'the decision shows its action');
    // The checkpoint note verbatim (it has no character HTML must escape except possibly '+'/'/').
    assert.ok(h.includes(`<pre class="note">${checkpoint.note}</pre>`), 'the checkpoint note verbatim');
    assert.ok(!h.includes('Draft'));
  });

  test('pdf to --output: pdftotext shows attendees, decisions and the signature block; pdfinfo the title', async () => {
    const out = path.join(inst.dir, 'review.pdf');
    const r = await cli([String(review.id), '--format', 'pdf', '--output', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /review\.pdf {2}signed minutes of meeting \d+/);
    const bytes = fs.readFileSync(out);
    const text = flat(await pdfText(bytes));
    for (const s of [
      `Minutes: ${title}`, 'Attendees', org.people.top_management.name, org.people.isms_manager.name,
      org.people.contributor.name, 'Excused', 'Inputs to the management review',
      'a. Status of actions from previous reviews', 'The ISM walked through the open actions of earlier reviews.',
      'Decisions', 'Replace the VPN concentrator', 'Budget for a second security engineer', 'Actions',
      'Attachments', 'risk-report.pdf', 'Signature', review.signer_name, 'Management review signed off by the chair',
      review.content_hash, `#${signSeq} (leaf index ${signSeq - 1})`, 'Latest signed checkpoint',
      ...checkpoint.note.trim().split('\n').filter((l) => l.trim() !== ''),
      'page 1 of',
    ]) {
      assert.ok(text.includes(flat(s)), `pdf has ${s}\n${text.slice(0, 3000)}`);
    }
    assert.ok(!text.includes('Draft'));
    const info = spawnSync('pdfinfo', ['-enc', 'UTF-8', out], { encoding: 'utf8' });
    assert.equal(info.status, 0, info.stderr);
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)[1]);
    assert.ok(pages >= 2, info.stdout);
    assert.ok(text.includes(`page ${pages} of ${pages}`));
    assert.match(info.stdout, /Creator:\s+Mandate/);
    assert.ok(info.stdout.includes(title), info.stdout);
    assert.match(info.stdout, /A4/);
  });

  test('an unsigned meeting exports as a draft, in html and pdf', async () => {
    const r = await cli([String(draft.id), '--format', 'html']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes('Draft — not signed'));
    assert.ok(r.stdout.includes('the meeting has not taken place'), 'why it cannot be signed yet');
    assert.ok(!r.stdout.includes('Content SHA-256'));
    const dir = path.join(inst.dir, 'out-dir');
    fs.mkdirSync(dir);
    const p = await cli([String(draft.id), '--format', 'pdf', '--output', dir]);
    assert.equal(p.code, 0, p.stderr);
    const name = `minutes-${draft.starts_at.slice(0, 10)}-board-${draft.id}.pdf`;
    assert.deepEqual(fs.readdirSync(dir), [name], 'an existing directory gets the file name of the minutes');
    const text = flat(await pdfText(fs.readFileSync(path.join(dir, name))));
    assert.ok(text.includes('Draft — not signed'), text);
    assert.ok(text.includes(draft.title));
  });

  test('a pdf goes to stdout when stdout is not a terminal', async () => {
    const r = spawnSync(mandateBin(), ['review', 'export', String(review.id), '--format', 'pdf'], {
      env: inst.env(), encoding: 'buffer', maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(r.status, 0, r.stderr.toString());
    const text = flat(await pdfText(r.stdout));
    assert.ok(text.includes(review.content_hash));
    // Through a pipe into pdftotext.
    const piped = spawnSync('/bin/sh', ['-c', `"$0" review export "$1" --format pdf | pdftotext - - | grep -c "$2"`,
      mandateBin(), String(review.id), review.content_hash], { env: inst.env(), encoding: 'utf8' });
    assert.equal(piped.status, 0, piped.stderr);
    assert.equal(piped.stdout.trim(), '1');
    // On a terminal (util-linux `script` gives the command a pseudo-terminal) it refuses.
    const tty = spawnSync('script', ['-qec', `"${mandateBin()}" review export ${review.id} --format pdf`, '/dev/null'], {
      env: inst.env(), encoding: 'utf8',
    });
    assert.equal(tty.status, 2, tty.stdout + tty.stderr);
    assert.match(tty.stdout, /a PDF is not written to a terminal; give --output FILE or redirect stdout/);
    assert.ok(!tty.stdout.includes('%PDF'));
  });

  test('--database names the database; refusals exit 1 and usage errors 2', async () => {
    // --database instead of MANDATE_DB.
    const env = { MANDATE_DB: 'sqlite:/nonexistent/dir/never.db' };
    const viaFlag = await inst.run(['review', 'export', String(review.id), '--format', 'html', '--database', inst.db], { env });
    assert.equal(viaFlag.code, 0, viaFlag.stderr);
    assert.ok(viaFlag.stdout.includes(review.content_hash));

    const missing = await cli(['999999', '--format', 'html']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /has no meeting 999999/);

    const out = path.join(inst.dir, 'keep.html');
    fs.writeFileSync(out, 'mine');
    const refused = await cli([String(review.id), '--format', 'html', '--output', out]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already exists: nothing was written/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'mine');
    const forced = await cli([String(review.id), '--format', 'html', '--output', out, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(fs.readFileSync(out, 'utf8').includes(review.content_hash));

    for (const [args, re] of [
      [['abc', '--format', 'html'], /ID: "abc" is not a meeting id/],
      [['0', '--format', 'html'], /is not a meeting id/],
      [[String(review.id), '--format', 'docx'], /docx/],
      [[String(review.id)], /--format is required/],
      [[String(review.id), '--format', 'html', '--org', 'no-such-org'], /--org: no organization/],
      [[String(review.id), '--format', 'html', '--as', 'nobody@example.com'], /--as: no user/],
    ]) {
      const r = await cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, re);
    }
  });

  test('--as reads with the member\'s role: an auditor may export, staff may not', async () => {
    const auditor = await cli([String(review.id), '--format', 'html', '--as', org.users.auditor.email]);
    assert.equal(auditor.code, 0, auditor.stderr);
    assert.ok(auditor.stdout.includes(review.content_hash));
    const staff = await cli([String(review.id), '--format', 'html', '--as', org.users.staff.email]);
    assert.equal(staff.code, 1, staff.stdout + staff.stderr);
    assert.equal(staff.stdout, '');
  });
});

// `mandate demo` writes two years of meetings with signed management reviews, one of them thin
// (no decisions): each exports, with its signature and every decision, or the red flag.
describeEachBackend('mandate review export of the demo reviews', (backend) => {
  let inst;
  let demoDb;
  let demoPgDb = null;
  const demo = (args, opts = {}) => inst.run(args, { timeoutMs: 180_000, ...opts, env: { MANDATE_DB: demoDb, MANDATE_KEY_FILE: path.join(inst.dir, 'demo.key') } });
  // Rows of a SELECT on the demo database as objects (sqlite3 -json, or psql with json_agg).
  function query(sql) {
    const r = backend === 'postgresql'
      ? spawnSync('psql', [demoDb, '-v', 'ON_ERROR_STOP=1', '-Atc', `SELECT coalesce(json_agg(t), '[]') FROM (${sql}) t`], { encoding: 'utf8' })
      : spawnSync('sqlite3', ['-json', '-cmd', '.timeout 10000', demoDb.replace(/^sqlite:/, ''), sql], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout.trim() || '[]');
  }

  before(async () => {
    inst = await startInstance(backend);
    demoDb = `sqlite:${path.join(inst.dir, 'demo.db')}`;
    if (backend === 'postgresql') {
      demoPgDb = `mandate_demo_${process.pid}_${Math.random().toString(16).slice(2, 8)}`;
      const r = spawnSync('psql', [process.env.MANDATE_TEST_PG, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${demoPgDb}`], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const u = new URL(process.env.MANDATE_TEST_PG);
      u.pathname = `/${demoPgDb}`;
      demoDb = u.toString();
    }
    const r = await demo(['demo']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  }, { timeout: 240_000 });
  after(async () => {
    try {
      await inst?.cleanup();
    } finally {
      if (demoPgDb) {
        spawnSync('psql', [process.env.MANDATE_TEST_PG, '-qc', `DROP DATABASE IF EXISTS ${demoPgDb} WITH (FORCE)`]);
      }
    }
  });

  test('every demo management review exports with its signature, its decisions or the red flag', async () => {
    const reviews = query(`SELECT m.id, m.title, m.status, m.content_hash FROM meetings m
      JOIN organizations o ON o.id = m.org_id
      WHERE o.slug = 'northwind' AND m.meeting_type = 'management_review' ORDER BY m.starts_at`);
    assert.ok(reviews.length >= 2, JSON.stringify(reviews));
    let thin = 0;
    for (const rv of reviews) {
      const decisions = query(`SELECT text FROM meeting_decisions WHERE meeting_id = ${Number(rv.id)}`);
      const out = path.join(inst.dir, `demo-${rv.id}.pdf`);
      const w = await inst.run(['review', 'export', String(rv.id), '--format', 'pdf', '--org', 'northwind', '--output', out], {
        env: { MANDATE_DB: demoDb },
      });
      assert.equal(w.code, 0, w.stderr);
      const text = flat(await pdfText(fs.readFileSync(out)));
      assert.ok(text.includes(flat(`Minutes: ${rv.title}`)), rv.title);
      assert.ok(text.includes('Inputs to the management review'));
      if (rv.status === 'signed') {
        assert.match(rv.content_hash, /^[0-9a-f]{64}$/);
        assert.ok(text.includes(rv.content_hash), `${rv.title}: the content hash in the signature block`);
      } else {
        assert.ok(text.includes('Draft — not signed'), rv.title);
      }
      if (decisions.length === 0) {
        thin += 1;
        assert.ok(text.includes('No decisions were recorded.'), `${rv.title}: the red flag`);
      }
      for (const d of decisions) {
        // The first words of each decision (a long one wraps inside its cell).
        const start = flat(d.text).split(' ').slice(0, 4).join(' ');
        assert.ok(text.includes(start), `${rv.title}: decision "${start}"`);
      }
    }
    assert.ok(thin >= 1, 'the demo has a thin review with no decisions');
  });
});
