// web/tests/integration/policies_pages.test.mjs — the policies pages over real HTTP on both
// backends: the register, a document, a version, the diff, the approval inbox, my policies, the
// reading page and coverage render for the roles that may see them (and refuse the others);
// forms re-render with 422 and the field's message on bad input, a wrong signing password
// included; the whole cycle works through the forms (create, submit, approve, publish, open,
// acknowledge); a missing CSRF token is refused with 403; Markdown never smuggles HTML in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { extractCsrf, ledgerSize } from '../lib/client.mjs';
import {
  approveAndPublish, createPolicy, getPolicy, newDraft, policyOrg, policyText, reference, sha256,
} from '../lib/policies.mjs';
import { describeEachBackend, startInstance } from '../lib/server.mjs';

const READERS = ['admin', 'top_management', 'isms_manager', 'contributor', 'auditor'];

describeEachBackend('policies pages', (backend) => {
  let inst;
  let org;
  let published;  // a document with v1 and v2 published, v3 a draft
  before(async () => {
    inst = await startInstance(backend);
    org = await policyOrg(inst);
    const doc = await createPolicy(org.api, { title: 'Clean desk policy', content: policyText('Clean desk policy') });
    await approveAndPublish(org, doc, 1);
    await newDraft(org.api, doc, { content: `${policyText('Clean desk policy')}\n- Shred paper at once.\n`, change_summary: 'Adds shredding' });
    await approveAndPublish(org, doc, 2);
    await newDraft(org.api, doc, { change_summary: 'Work in progress' });
    published = await getPolicy(org.api, doc);
  }, { timeout: 120_000 });
  after(async () => inst?.cleanup());

  async function unchanged(fn) {
    const before = await ledgerSize(org.api);
    const out = await fn();
    assert.equal(await ledgerSize(org.api), before, 'the ledger changed');
    return out;
  }

  test('register, document, version, diff and coverage render for readers; staff get 403', async () => {
    const id = published.id;
    for (const role of READERS) {
      const s = org.sessions[role];
      const list = await s.get('/policies');
      assert.equal(list.status, 200, `${role} /policies: ${list.describe()}`);
      assert.match(list.text, /<h1[^>]*>Policies<\/h1>/);
      assert.ok(list.text.includes(published.reference), `${role} sees the register row`);
      const page = await s.get(`/policies/${id}`);
      assert.equal(page.status, 200, `${role} document: ${page.describe()}`);
      assert.ok(page.text.includes('Clean desk policy'));
      assert.match(page.text, /Current version: v2/);
      assert.ok(page.text.includes(published.versions.find((v) => v.number === 2).content_hash.slice(0, 12)));
      assert.equal((await s.get(`/policies/${id}/versions/1`)).status, 200);
      const diff = await s.get(`/policies/${id}/diff?from=1&to=2`);
      assert.equal(diff.status, 200, diff.describe());
      assert.match(diff.text, /class="diff-add"/);
      assert.ok(diff.text.includes('Shred paper at once.'));
      assert.match(diff.text, /Changes from version 1 to version 2/);
      const cov = await s.get(`/policies/${id}/coverage`);
      assert.equal(cov.status, 200, cov.describe());
      assert.match(cov.text, /Acknowledgment coverage/);
      assert.match(cov.text, /Top management/);
    }
    for (const path of ['/policies', `/policies/${id}`, `/policies/${id}/coverage`, `/policies/${id}/diff?from=1&to=2`, '/policies/inbox']) {
      const r = await org.sessions.staff.get(path);
      assert.equal(r.status, 403, `staff ${path}: ${r.describe()}`);
    }
    // Authors see the draft actions; readers who are not authors do not.
    assert.match((await org.sessions.contributor.get(`/policies/${id}`)).text, /Edit the draft/);
    assert.ok(!/Edit the draft/.test((await org.sessions.auditor.get(`/policies/${id}`)).text));
    // A diff of unknown versions is 404; a bad number is refused.
    assert.equal((await org.sessions.admin.get(`/policies/${id}/diff?from=1&to=9`)).status, 404);
    assert.equal((await org.sessions.admin.get(`/policies/${id}/diff?from=x&to=2`)).status, 422);
  });

  test('the new-document form re-renders with 422 and field messages; CSRF missing → 403', async () => {
    const author = org.sessions.contributor;
    const form = await author.get('/policies/new');
    assert.equal(form.status, 200);
    assert.match(form.text, /name="reference"/);
    assert.match(form.text, /name="content"/);
    const bad = await unchanged(() => author.post('/policies', {
      form: { reference: published.reference, title: '', type: 'topic_specific_policy', classification: 'internal', audience: 'everyone', review_interval_months: '99', retention_months: '84', content: '', change_summary: '' },
    }));
    assert.equal(bad.status, 422, bad.describe());
    assert.match(bad.text, /class="error-summary"|role="alert"/);
    for (const field of ['title', 'content', 'review_interval_months']) {
      assert.match(bad.text, new RegExp(`id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"`), `${field} is marked invalid`);
    }
    assert.match(bad.text, /value="99"/, 'the values entered are kept');
    const noCsrf = await unchanged(() => author.post('/policies', {
      form: { reference: reference(), title: 'No token', type: 'record', classification: 'internal', audience: 'everyone', review_interval_months: '12', retention_months: '84', content: '# x' },
      csrf: false,
    }));
    assert.equal(noCsrf.status, 403, noCsrf.describe());
    const wrongOrigin = await unchanged(() => author.post(`/policies/${published.id}/drafts`, { form: {}, origin: 'https://evil.example' }));
    assert.equal(wrongOrigin.status, 403, wrongOrigin.describe());
  });

  test('the whole cycle through the forms: create, submit, approve (wrong password first), publish, read, open, acknowledge', async () => {
    const author = org.sessions.contributor;
    const top = org.sessions.top_management;
    const staff = org.sessions.staff;
    const ref = reference('WEB');
    const content = '# Remote work policy\n\n| Rule | Why |\n|---|---|\n| VPN | Safety |\n\n- [x] Laptop encrypted\n\n<script>alert(1)</script>\n\n[click](javascript:alert(2))\n';
    const created = await author.post('/policies', {
      form: { reference: ref, title: 'Remote work policy', type: 'topic_specific_policy', classification: 'internal', audience: 'everyone', review_interval_months: '12', retention_months: '84', content, change_summary: 'First', material: 'true' },
    });
    assert.equal(created.status, 303, created.describe());
    const id = Number(/^\/policies\/(\d+)/.exec(created.location)[1]);
    const page = await author.get(created.location);
    assert.equal(page.status, 200);
    assert.match(page.text, /<table/);
    assert.ok(!page.text.includes('<script>alert(1)'), 'raw HTML is not rendered');
    assert.ok(!/href="javascript:/i.test(page.text), 'javascript: links are dropped');
    assert.match(page.text, /name="approvers"/);

    // Submitting without approvers re-renders the document page with the field message.
    const none = await unchanged(() => author.post(`/policies/${id}/versions/1/submit`, { form: {} }));
    assert.equal(none.status, 422, none.describe());
    assert.match(none.text, /id="approvers-error"/);
    const submitted = await author.post(`/policies/${id}/versions/1/submit`, { form: { approvers: String(org.users.top_management.id) } });
    assert.equal(submitted.status, 303, submitted.describe());

    // The inbox shows it to the approver; a wrong password re-renders it with 422.
    const inbox = await top.get('/policies/inbox');
    assert.equal(inbox.status, 200);
    assert.ok(inbox.text.includes(ref));
    assert.ok(inbox.text.includes(sha256(content)), 'the hash to be signed is shown');
    const wrong = await unchanged(() => top.post(`/policies/${id}/versions/1/approve`, { form: { password: 'not-my-password-at-all', comment: '' } }));
    assert.equal(wrong.status, 422, wrong.describe());
    assert.match(wrong.text, /is not your password/);
    assert.equal((await getPolicy(org.api, id)).status, 'in_approval');
    const ok = await top.post(`/policies/${id}/versions/1/approve`, { form: { password: org.users.top_management.password, comment: 'Fine', material: 'true' } });
    assert.equal(ok.status, 303, ok.describe());
    assert.ok(!(await top.get('/policies/inbox')).text.includes(ref), 'decided versions leave the inbox');
    const pub = await org.sessions.isms_manager.post(`/policies/${id}/versions/1/publish`, { form: {} });
    assert.equal(pub.status, 303, pub.describe());
    const signed = await org.sessions.auditor.get(`/policies/${id}`);
    assert.match(signed.text, /Approved as top management/i);

    // Staff: my policies → read → open → acknowledge.
    const mine = await staff.get('/policies/mine');
    assert.equal(mine.status, 200);
    assert.ok(mine.text.includes(ref));
    assert.match(mine.text, /Not opened yet/);
    const read = await staff.get(`/policies/${id}/read`);
    assert.equal(read.status, 200);
    assert.match(read.text, /Open the document/);
    assert.ok(!read.text.includes('VPN'), 'the text is shown only once the opening is recorded');
    assert.ok(!/\/acknowledge"/.test(read.text), 'no acknowledge form before opening');
    const early = await unchanged(() => staff.post(`/policies/${id}/acknowledge`, { form: { content_hash: sha256(content) } }));
    assert.equal(early.status, 409, early.describe());
    const opened = await staff.post(`/policies/${id}/open`, { form: {} });
    assert.equal(opened.status, 303);
    assert.equal(opened.location, `/policies/${id}/read`);
    const reading = await staff.get(`/policies/${id}/read`);
    assert.ok(reading.text.includes('VPN'));
    assert.ok(reading.text.includes(`value="${sha256(content)}"`), 'the form carries the hash read');
    const acked = await staff.post(`/policies/${id}/acknowledge`, { form: { content_hash: sha256(content) } });
    assert.equal(acked.status, 303, acked.describe());
    assert.match(acked.location, /^\/policies\/mine/);
    const after = await staff.get('/policies/mine');
    assert.match(after.text, /Acknowledged v1/);
    assert.match((await staff.get(`/policies/${id}/read`)).text, /You acknowledged this version/);
    const cov = await org.sessions.admin.get(`/policies/${id}/coverage`);
    assert.ok(!new RegExp(`>${org.people.staff.name}<`).test(cov.text.split('id="missing"')[1] ?? ''), 'staff no longer listed as missing');
  });

  test('editing a draft: 422 with the message on bad input; a stale draft → 409', async () => {
    const author = org.sessions.contributor;
    const doc = await createPolicy(org.api);
    const form = await author.get(`/policies/${doc.id}/versions/1/edit`);
    assert.equal(form.status, 200);
    const rowVersion = /name="row_version" value="(\d+)"/.exec(form.text)[1];
    const bad = await unchanged(() => author.post(`/policies/${doc.id}/versions/1`, { form: { content: '', change_summary: 'x', effective_on: 'someday', row_version: rowVersion } }));
    assert.equal(bad.status, 422, bad.describe());
    assert.match(bad.text, /aria-invalid="true"/);
    const good = await author.post(`/policies/${doc.id}/versions/1`, { form: { content: '# Better', change_summary: 'x', effective_on: '2027-01-01', material: 'true', row_version: rowVersion } });
    assert.equal(good.status, 303, good.describe());
    const stale = await unchanged(() => author.post(`/policies/${doc.id}/versions/1`, { form: { content: '# Stale', row_version: rowVersion } }));
    assert.equal(stale.status, 409, stale.describe());
    const regForm = await author.get(`/policies/${doc.id}/edit`);
    assert.equal(regForm.status, 200);
    assert.ok(extractCsrf(regForm.text));
  });

  test('approval rules page: 422 with the message on a bad minimum; only admins and ISMS managers', async () => {
    const ism = org.sessions.isms_manager;
    assert.equal((await ism.get('/policies/rules')).status, 200);
    const bad = await unchanged(() => ism.post('/policies/rules', { form: { type: 'guideline', min_approvers: '0', require_independence: 'true' } }));
    assert.equal(bad.status, 422, bad.describe());
    assert.match(bad.text, /aria-invalid="true"/);
    assert.equal((await org.sessions.contributor.get('/policies/rules')).status, 403);
  });

  test('the dashboard shows the policy indicators to readers and what is left to staff', async () => {
    const dash = await org.sessions.top_management.get('/');
    assert.equal(dash.status, 200);
    assert.match(dash.text, /Acknowledged: all staff/);
    assert.match(dash.text, /Approved by top management/);
    const staffDash = await org.sessions.staff.get('/');
    assert.equal(staffDash.status, 200);
    assert.match(staffDash.text, /To acknowledge/);
    assert.match(staffDash.text, /href="\/policies\/mine"/);
  });

  test('CSV export from the page route', async () => {
    const r = await org.sessions.auditor.get('/policies/export.csv');
    assert.equal(r.status, 200);
    assert.match(r.header('content-type'), /^text\/csv/);
    assert.ok(r.text.includes(published.reference));
  });
});
