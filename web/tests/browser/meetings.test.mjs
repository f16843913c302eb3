// web/tests/browser/meetings.test.mjs — a management review in a real headless Chromium against a
// real `mandate serve` on 127.0.0.1 (SQLite; PostgreSQL too under scripts/test-pg): the ISMS
// manager creates the review in the UI, records attendance, walks the inputs a–g in the review
// workspace (minutes on one, a presenter on a "to be presented" one), records a decision with an
// owner and a due date in the outputs (it becomes an action); the chair, top management, signs off
// with the password (a wrong one first), downloads the minutes PDF (pdftotext shows attendees,
// the decision and the content hash); the dashboard's "days since the last management review"
// goes from "never" to 0. Every step saves a screenshot under
// build/screenshots/meetings-<backend>-*.png; no page may report a CSP violation or an uncaught
// exception.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';

import { adminSession, bearerClient, createPerson, createToken, createUserWithRole, today } from '../lib/client.mjs';
import { dayIn, pdfText } from '../lib/meetings.mjs';
import { describeEachBackend, startInstance } from '../lib/server.mjs';
import { assertClean, launchBrowser, login, newContext, newPage, shot } from './browser.mjs';

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

// Opens a <details> (a click on its summary toggles it: some open by themselves).
async function openDetails(details) {
  if (!(await details.evaluate((d) => d.open))) {
    await details.locator('summary').click();
  }
}

describeEachBackend('management review in the browser', (backend) => {
  let inst;
  let browser;
  let api;
  let ism;
  let top;
  let people;
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
    ism = await createUserWithRole(admin, 'isms_manager', { email: 'iris.ism@acme.example', name: 'Iris Manager' });
    top = await createUserWithRole(admin, 'top_management', { email: 'grace.ceo@acme.example', name: 'Grace Hopper' });
    people = {
      ism: await createPerson(api, { name: 'Iris Manager', email: ism.email, department: 'Security', job_title: 'ISMS manager' }),
      ceo: await createPerson(api, { name: 'Grace Hopper', email: top.email, department: 'Board', job_title: 'CEO' }),
      cfo: await createPerson(api, { name: 'Frank Finance', email: 'frank.cfo@acme.example', department: 'Finance', job_title: 'CFO' }),
    };
    await api.expectJson('POST', `/api/v1/people/${people.ceo.id}/top-management`, 201, { json: { title: 'Chief Executive Officer', starts_on: '2024-01-01' } });
  }, { timeout: 60_000 });

  after(async () => {
    await browser?.close();
    await inst?.cleanup();
  }, { timeout: 30_000 });

  // The "Days since the last management review" card of the dashboard.
  async function daysSinceReview(page) {
    await page.goto('/');
    const card = page.locator('.stat-card', { has: page.locator('.stat-label', { hasText: 'Days since the last management review' }) });
    assert.equal(await card.count(), 1, 'the dashboard shows the days-since-review card');
    return text(card.locator('.stat-value'));
  }

  test('create a review → walk inputs a–g → decisions and actions → sign with password → PDF → dashboard', { timeout: 150_000 }, async (t) => {
    const snap = (page, name) => shot(page, `meetings-${backend}`, name);
    const ctxIsm = await newContext(browser, inst.url, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const ctxTop = await newContext(browser, inst.url, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const ctxAdmin = await newContext(browser, inst.url, { viewport: { width: 1280, height: 900 } });
    const pi = await newPage(ctxIsm);
    const pt = await newPage(ctxTop);
    const pd = await newPage(ctxAdmin);
    for (const p of [pi, pt, pd]) {
      p.on('dialog', (d) => d.accept());  // "Sign and freeze these minutes?" and the like
    }
    pages.push(pi, pt, pd);
    let meetingPath;

    await t.test('the dashboard has no signed review yet', async () => {
      await login(pd, inst.admin.email, inst.admin.password);
      assert.equal(await daysSinceReview(pd), 'never');
      await snap(pd, 'dashboard-before');
    });

    await t.test('the ISMS manager creates the management review; its agenda is inputs a–g', async () => {
      await login(pi, ism.email, ism.password);
      await pi.goto('/meetings');
      await snap(pi, 'meetings-empty');
      await Promise.all([pi.waitForURL('**/meetings/new*'), pi.locator('main a:has-text("New meeting")').first().click()]);
      await pi.selectOption('#type', 'management_review');
      await pi.fill('#title', 'Management review 2026');
      await pi.fill('#starts_at', `${today()}T00:00`);
      await pi.fill('#duration_minutes', '120');
      await pi.fill('#place', 'Board room');
      await pi.selectOption('#chair_id', String(people.ceo.id));
      await pi.selectOption('#invitees', [String(people.ism.id), String(people.cfo.id)]);
      await snap(pi, 'new-review');
      await Promise.all([pi.waitForURL(/\/meetings\/\d+(\?.*)?(#.*)?$/), pi.click('button:has-text("Create meeting")')]);
      meetingPath = new URL(pi.url()).pathname;
      assert.match(await text(pi.locator('main h1').first()), /Management review 2026/);
      const agenda = await text(pi.locator('#agenda'));
      for (const title of ['Status of actions from previous', 'Outputs']) {
        assert.ok(agenda.includes(title), `the agenda has "${title}": ${agenda.slice(0, 400)}`);
      }
      await snap(pi, 'review-created');
    });

    await t.test('attendance is recorded for everyone invited', async () => {
      for (const name of ['Grace Hopper', 'Iris Manager', 'Frank Finance']) {
        const form = pi.locator(`form[aria-label="Attendance of ${name}"]`);
        assert.equal(await form.count(), 1, `an attendance form for ${name}`);
        await form.locator('select').selectOption(name === 'Frank Finance' ? 'excused' : 'present');
        await Promise.all([pi.waitForURL((u) => u.pathname === meetingPath), form.locator('button').click()]);
      }
      const att = await text(pi.locator('#attendance'));
      assert.match(att, /Grace Hopper.*Present/);
      assert.match(att, /Frank Finance.*Excused/);
      await snap(pi, 'attendance');
    });

    await t.test('the workspace walks the inputs a–g', async () => {
      await Promise.all([pi.waitForURL('**/review*'), pi.locator('main a:has-text("Review workspace")').first().click()]);
      assert.equal(await pi.locator('nav.review-steps li').count(), 9, 'a–g, outputs, sign-off');
      for (const letter of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) {
        assert.equal(new URL(pi.url()).searchParams.get('step') ?? 'a', letter);
        const h = await text(pi.locator('#step-h'));
        assert.ok(h.startsWith(`${letter}. `), `step ${letter}: ${h}`);
        if (letter === 'a') {
          assert.match(await text(pi.locator('.review-step')), /No actions from earlier reviews|no action/i);
          await openDetails(pi.locator('details.item-edit').first());
          await pi.locator('details.item-edit textarea[name="minutes"]').fill('No earlier review: this is the first management review.');
          await Promise.all([pi.waitForURL('**/review?step=a*'), pi.locator('details.item-edit button:has-text("Save item")').click()]);
          assert.match(await text(pi.locator('.review-step')), /this is the first management review/);
        }
        if (['c', 'e', 'f'].includes(letter)) {
          assert.match(await text(pi.locator('.review-step')), /To be presented/);
        }
        if (letter === 'c') {
          await openDetails(pi.locator('details.item-edit').first());
          await pi.locator('details.item-edit input[name="presenter"]').fill('Head of Sales');
          await pi.locator('details.item-edit textarea[name="material"]').fill('- Two customers ask for ISO 27001 certification.');
          await Promise.all([pi.waitForURL('**/review?step=c*'), pi.locator('details.item-edit button:has-text("Save item")').click()]);
          assert.match(await text(pi.locator('.review-step')), /Presenter: Head of Sales/);
          await snap(pi, 'input-c-presented');
        }
        if (letter === 'd') {
          assert.ok(!(await text(pi.locator('.review-step'))).includes('To be presented'), 'd comes from the records');
          await snap(pi, 'input-d');
        }
        await Promise.all([pi.waitForURL('**/review?step=*'), pi.locator('p.step-nav a', { hasText: '→' }).click()]);
      }
      assert.equal(new URL(pi.url()).searchParams.get('step'), 'outputs');
    });

    await t.test('outputs: a decision with an owner and a due date becomes an action', async () => {
      await openDetails(pi.locator('details:has(#nd-text)'));
      await pi.fill('#nd-text', 'Start ISO 27001 certification with an external auditor');
      await pi.selectOption('#nd-type', 'improvement');
      await pi.selectOption('#nd-owner_id', String(people.ism.id));
      await pi.fill('#nd-due_on', dayIn(90));
      await Promise.all([pi.waitForURL('**/review?step=outputs*'), pi.click('button:has-text("Record decision")')]);
      const out = await text(pi.locator('.review-step'));
      assert.ok(out.includes('Start ISO 27001 certification with an external auditor'));
      assert.match(out, /Action \d+/);
      await openDetails(pi.locator('details:has(#nd-text)'));
      await pi.fill('#nd-text', 'Accept the residual risk of the legacy ERP until its replacement');
      await pi.selectOption('#nd-type', 'risk_acceptance');
      await Promise.all([pi.waitForURL('**/review?step=outputs*'), pi.click('button:has-text("Record decision")')]);
      assert.ok((await text(pi.locator('.review-step'))).includes('Accept the residual risk'));
      await snap(pi, 'outputs');
      await Promise.all([pi.waitForURL('**/review?step=signoff*'), pi.locator('p.step-nav a', { hasText: '→' }).click()]);
      assert.match(await text(pi.locator('.review-step')), /Waiting for Grace Hopper to sign/);
      await snap(pi, 'signoff-waiting');
    });

    let contentHash;
    await t.test('the chair signs off with the password (a wrong one first)', async () => {
      await login(pt, top.email, top.password);
      await pt.goto(`${meetingPath}/review?step=signoff`);
      assert.equal(await pt.locator('#sign-password').count(), 1, 'the chair sees the signing form');
      await pt.fill('#sign-password', 'certainly-not-the-password');
      await Promise.all([
        pt.waitForResponse((r) => r.url().endsWith('/sign') && r.status() === 422),
        pt.click('button:has-text("Sign the minutes")'),
      ]);
      await pt.waitForLoadState();
      assert.match(await text(pt.locator('main')), /is not your password/);
      await snap(pt, 'wrong-password');
      await pt.fill('#sign-password', top.password);
      await Promise.all([pt.waitForURL((u) => u.pathname === meetingPath), pt.click('button:has-text("Sign the minutes")')]);
      const block = await text(pt.locator('.signature-block'));
      assert.match(block, /Signed by Grace Hopper/);
      assert.match(block, /Management review signed off by the chair/);
      contentHash = /[0-9a-f]{64}/.exec(block)?.[0];
      assert.ok(contentHash, `the content hash is shown: ${block}`);
      await snap(pt, 'signed');
    });

    await t.test('the minutes PDF downloads and carries attendees, decisions and the hash', async () => {
      const [download] = await Promise.all([
        pt.waitForEvent('download'),
        pt.locator('p.export-links a:has-text("PDF")').first().click(),
      ]);
      assert.match(download.suggestedFilename(), /^minutes-\d{4}-\d\d-\d\d-management-review-\d+\.pdf$/);
      const file = await download.path();
      const bytes = fs.readFileSync(file);
      const txt = await pdfText(bytes);
      const flat = txt.replace(/\s+/g, ' ');
      for (const s of ['Grace Hopper', 'Iris Manager', 'Frank Finance', 'Start ISO 27001 certification with an external auditor',
        'Accept the residual risk', 'Head of Sales', 'Management review signed off by the chair']) {
        assert.ok(flat.includes(s), `the PDF has "${s}"`);
      }
      assert.ok(txt.replace(/\s+/g, '').includes(contentHash), 'the PDF carries the content hash');
    });

    await t.test('the dashboard: 0 days since the last management review', async () => {
      assert.equal(await daysSinceReview(pd), '0');
      await snap(pd, 'dashboard-after');
    });

    for (const c of [ctxIsm, ctxTop, ctxAdmin]) {
      assert.deepEqual(c.offsite, [], 'no request left the instance');
      await c.close();
    }
  });

  test('no page reported a CSP violation or an uncaught exception', () => {
    assert.ok(pages.length >= 3);
    assertClean(...pages);
  });
});
