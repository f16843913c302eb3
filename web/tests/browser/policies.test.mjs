// web/tests/browser/policies.test.mjs — a policy's life in a real headless Chromium against a real
// `mandate serve` on 127.0.0.1 (SQLite; PostgreSQL too under scripts/test-pg): an author writes
// the information security policy in the UI and submits it to the top-management user; top
// management signs in, finds it in the approval inbox, is refused with a wrong password, approves
// with the right one and publishes; a staff member signs in, opens it from "My policies" and
// acknowledges it; the dashboard's coverage figure moves from 0 to 1. Every step saves a
// screenshot under build/screenshots/policies-<backend>-*.png; no page may report a CSP violation
// or an uncaught exception.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { adminSession, bearerClient, createPerson, createToken, createUserWithRole } from '../lib/client.mjs';
import { describeEachBackend, startInstance } from '../lib/server.mjs';
import { assertClean, launchBrowser, login, newContext, newPage, shot } from './browser.mjs';

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

const POLICY = `# Information security policy

## Purpose
Acme protects the confidentiality, integrity and availability of the information it holds.

## Commitments
- Top management sets information security objectives every year.
- We meet legal, regulatory and contractual requirements.
- We improve the management system continually.

| Role | Responsibility |
|---|---|
| CEO | Owns this policy |
| ISM | Runs the ISMS |
`;

describeEachBackend('policies in the browser', (backend) => {
  let inst;
  let browser;
  let api;
  let author;
  let top;
  let staff;
  const pages = [];

  before(async () => {
    const [i, b] = await Promise.allSettled([
      startInstance(backend, { orgName: 'Acme Ltd', orgSlug: 'acme' }),
      launchBrowser(),
    ]);
    inst = i.value;
    browser = b.value;
    for (const r of [i, b]) {
      if (r.status === 'rejected') {
        throw r.reason;
      }
    }
    const admin = await adminSession(inst);
    api = bearerClient(inst, (await createToken(admin, 'admin')).secret);
    author = await createUserWithRole(admin, 'contributor', { email: 'carla.author@acme.example', name: 'Carla Author' });
    top = await createUserWithRole(admin, 'top_management', { email: 'grace.ceo@acme.example', name: 'Grace Hopper' });
    staff = await createUserWithRole(admin, 'staff', { email: 'sam.staff@acme.example', name: 'Sam Staff' });
    await createPerson(api, { name: 'Carla Author', email: author.email, department: 'Security', job_title: 'Analyst' });
    const ceo = await createPerson(api, { name: 'Grace Hopper', email: top.email, department: 'Board', job_title: 'CEO' });
    await api.expectJson('POST', `/api/v1/people/${ceo.id}/top-management`, 201, { json: { title: 'Chief Executive Officer', starts_on: '2024-01-01' } });
    await createPerson(api, { name: 'Sam Staff', email: staff.email, department: 'Operations', job_title: 'Clerk' });
    await createPerson(api, { name: 'Olga Ops', email: 'olga.ops@acme.example', department: 'Operations', job_title: 'Clerk' });
  }, { timeout: 60_000 });

  after(async () => {
    await browser?.close();
    await inst?.cleanup();
  }, { timeout: 30_000 });

  // The "Acknowledged: all staff" card of the dashboard, as seen by the administrator.
  async function coverageCard(page) {
    await page.goto('/');
    const card = page.locator('.stat-card', { has: page.locator('.stat-label', { hasText: 'Acknowledged: all staff' }) });
    assert.equal(await card.count(), 1, 'the dashboard shows the coverage card');
    return { value: await text(card.locator('.stat-value')), note: await text(card.locator('.stat-note')) };
  }

  test('write → submit → approve with password → publish → open → acknowledge → dashboard moves', { timeout: 90_000 }, async (t) => {
    const snap = (page, name) => shot(page, `policies-${backend}`, name);
    const ctxAuthor = await newContext(browser, inst.url, { viewport: { width: 1280, height: 900 } });
    const ctxTop = await newContext(browser, inst.url, { viewport: { width: 1280, height: 900 } });
    const ctxStaff = await newContext(browser, inst.url, { viewport: { width: 1280, height: 900 } });
    const ctxAdmin = await newContext(browser, inst.url, { viewport: { width: 1280, height: 900 } });
    const pa = await newPage(ctxAuthor);
    const pt = await newPage(ctxTop);
    const ps = await newPage(ctxStaff);
    const pd = await newPage(ctxAdmin);
    pages.push(pa, pt, ps, pd);
    let docPath;

    await t.test('the author writes the policy in the UI', async () => {
      await login(pa, author.email, author.password);
      await Promise.all([pa.waitForURL('**/policies'), pa.click('nav.mainnav a:has-text("Policies")')]);
      await snap(pa, 'register-empty');
      await Promise.all([pa.waitForURL('**/policies/new'), pa.locator('main a:has-text("New document")').first().click()]);
      await pa.fill('#reference', 'isp-001');
      await pa.fill('#title', 'Information security policy');
      await pa.selectOption('#type', 'information_security_policy');
      await pa.fill('#requirements', 'ISO27001:5.2');
      await pa.fill('#content', POLICY);
      await pa.fill('#change_summary', 'First issue');
      await snap(pa, 'new-document');
      await Promise.all([pa.waitForURL(/\/policies\/\d+(\?.*)?$/), pa.click('button:has-text("Create document")')]);
      docPath = new URL(pa.url()).pathname;
      assert.match(await text(pa.locator('main h1').first()), /^ISP-001 · Information security policy/);
      assert.equal(await pa.locator('main table').first().count(), 1);
      assert.match(await text(pa.locator('main')), /Version 1 is a draft/);
      await snap(pa, 'draft');
    });

    await t.test('submitting without top management is refused; with it, the text is frozen', async () => {
      await Promise.all([
        pa.waitForResponse((r) => r.url().endsWith('/versions/1/submit') && r.status() === 422),
        pa.click('button:has-text("Submit for approval")'),
      ]);
      await pa.waitForLoadState();
      assert.match(await text(pa.locator('#approvers-error')), /approver/);
      await snap(pa, 'submit-refused');
      await pa.check(`#approver-${top.id}`);
      await Promise.all([pa.waitForURL((u) => u.pathname === docPath), pa.click('button:has-text("Submit for approval")')]);
      assert.match(await text(pa.locator('main')), /Version 1 is waiting for approval/);
      assert.equal(await pa.locator('a:has-text("Edit the draft")').count(), 0, 'a submitted version cannot be edited');
      await snap(pa, 'submitted');
    });

    await t.test('top management approves from the inbox, with the password', async () => {
      await login(pt, top.email, top.password);
      await Promise.all([pt.waitForURL('**/policies/inbox'), pt.click('nav.mainnav a:has-text("Approvals")')]);
      const item = pt.locator('article.inbox-item', { hasText: 'ISP-001' });
      assert.equal(await item.count(), 1, 'the version waits in the inbox');
      assert.match(await text(item), /Chief|Owns this policy/);
      await snap(pt, 'inbox');
      await item.locator('input[type="password"]').fill('certainly-not-the-password');
      await Promise.all([
        pt.waitForResponse((r) => r.url().endsWith('/versions/1/approve') && r.status() === 422),
        item.locator('button:has-text("Approve and sign")').click(),
      ]);
      await pt.waitForLoadState();
      const again = pt.locator('article.inbox-item', { hasText: 'ISP-001' });
      assert.match(await text(again), /is not your password/);
      await snap(pt, 'wrong-password');
      await again.locator('input[type="password"]').fill(top.password);
      await again.locator('textarea[name="comment"]').first().fill('Approved for the board.');
      await Promise.all([pt.waitForURL('**/policies/inbox*'), again.locator('button:has-text("Approve and sign")').click()]);
      assert.match(await text(pt.locator('main')), /Nothing is waiting for your decision/);
      await snap(pt, 'approved');
    });

    await t.test('top management publishes it', async () => {
      await pt.goto(docPath);
      assert.match(await text(pt.locator('main')), /Approved as top management/i);
      await Promise.all([pt.waitForURL((u) => u.pathname === docPath), pt.click('button:has-text("Publish version 1")')]);
      assert.match(await text(pt.locator('main')), /Current version: v1/);
      await snap(pt, 'published');
    });

    let before;
    await t.test('the dashboard shows nobody has acknowledged it yet', async () => {
      await login(pd, inst.admin.email, inst.admin.password);
      before = await coverageCard(pd);
      assert.equal(before.value, '0%');
      assert.match(before.note, /^0 of 4 /);
      await snap(pd, 'dashboard-before');
    });

    await t.test('a staff member opens it from My policies and acknowledges it', async () => {
      await login(ps, staff.email, staff.password);
      await Promise.all([ps.waitForURL('**/policies/mine'), ps.click('nav.mainnav a:has-text("My policies")')]);
      assert.match(await text(ps.locator('main')), /To acknowledge \(1\)/);
      await snap(ps, 'my-policies');
      await Promise.all([ps.waitForURL('**/read'), ps.locator('main a:has-text("Read and acknowledge")').first().click()]);
      assert.equal(await ps.locator('button:has-text("I have read and understood it")').count(), 0, 'no acknowledgment before opening');
      await Promise.all([ps.waitForURL('**/read'), ps.click('button:has-text("Open the document")')]);
      assert.match(await text(ps.locator('main')), /Top management sets information security objectives/);
      await snap(ps, 'reading');
      await Promise.all([ps.waitForURL('**/policies/mine*'), ps.click('button:has-text("I have read and understood it")')]);
      assert.match(await text(ps.locator('main')), /Acknowledged \(1\)/);
      assert.match(await text(ps.locator('main')), /Acknowledged v1/);
      await snap(ps, 'acknowledged');
    });

    await t.test('the dashboard coverage figure moved', async () => {
      const after = await coverageCard(pd);
      assert.notEqual(after.note, before.note);
      assert.match(after.note, /^1 of 4 /);
      assert.equal(after.value, '25%');
      await snap(pd, 'dashboard-after');
    });

    for (const c of [ctxAuthor, ctxTop, ctxStaff, ctxAdmin]) {
      assert.deepEqual(c.offsite, [], 'no request left the instance');
      await c.close();
    }
  });

  test('no page reported a CSP violation or an uncaught exception', () => {
    assert.ok(pages.length >= 4);
    assertClean(...pages);
  });
});
