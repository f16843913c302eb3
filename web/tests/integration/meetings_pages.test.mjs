// web/tests/integration/meetings_pages.test.mjs — the meetings and actions pages over real HTTP on
// both backends: the register, calendar, meeting page, review workspace (steps a–g, outputs,
// sign-off) and action views render for the roles that may see them (and refuse the others);
// forms re-render with 422 and the field's message on bad input, a wrong signing password
// included; a meeting's whole life works through the forms (create, attendance, agenda, decision,
// upload, sign); an uploaded file with a script-bearing name is shown escaped and served inert;
// Markdown minutes never smuggle HTML in; the printable minutes carry no script; a missing CSRF
// token is refused with 403.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { extractCsrf, today } from '../lib/client.mjs';
import {
  addDecision, createAction, createMeeting, dayIn, getMeeting, ledgerSize, makeReady, meetingOrg,
  minuteIn, multipart, signMeeting, tinyPdf,
} from '../lib/meetings.mjs';
import { describeEachBackend, startInstance } from '../lib/server.mjs';

const READERS = ['admin', 'top_management', 'isms_manager', 'contributor', 'auditor'];

describeEachBackend('meetings pages', (backend) => {
  let inst;
  let org;
  let review;  // a planned management review with a decision
  before(async () => {
    inst = await startInstance(backend);
    org = await meetingOrg(inst);
    review = await createMeeting(org.api, org, { type: 'management_review', title: 'Pages review 2026', invitees: [org.people.top_management.id, org.people.isms_manager.id] });
    await addDecision(org.api, review, { text: 'Pages decision: run a phishing drill', type: 'improvement', owner_id: org.people.staff.id, due_on: dayIn(30), item_id: review.items[7].id });
  }, { timeout: 120_000 });
  after(async () => inst?.cleanup());

  async function unchanged(fn) {
    const before = await ledgerSize(org.api);
    const out = await fn();
    assert.equal(await ledgerSize(org.api), before, 'the ledger changed');
    return out;
  }

  test('register, calendar, meeting page, review workspace and action views render for readers; staff get 403', async () => {
    const id = review.id;
    for (const role of READERS) {
      const s = org.sessions[role];
      const list = await s.get('/meetings');
      assert.equal(list.status, 200, `${role} /meetings: ${list.describe()}`);
      assert.match(list.text, /<h1[^>]*>Meetings<\/h1>/);
      assert.ok(list.text.includes('Pages review 2026'));
      const cal = await s.get(`/meetings/calendar?month=${today().slice(0, 7)}`);
      assert.equal(cal.status, 200, cal.describe());
      assert.ok(cal.text.includes('Pages review 2026'), 'the review is in this month');
      const dueMonth = await s.get(`/meetings/calendar?month=${dayIn(30).slice(0, 7)}`);
      assert.equal(dueMonth.status, 200, dueMonth.describe());
      assert.ok(dueMonth.text.includes('Pages decision: run a phishing drill'), 'action due dates are shown too');
      const page = await s.get(`/meetings/${id}`);
      assert.equal(page.status, 200, page.describe());
      assert.ok(page.text.includes('Pages decision: run a phishing drill'));
      assert.match(page.text, /href="\/meetings\/\d+\/review"/);
      for (const step of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'outputs', 'signoff']) {
        const r = await s.get(`/meetings/${id}/review?step=${step}`);
        assert.equal(r.status, 200, `${role} step ${step}: ${r.describe()}`);
      }
      for (const path of ['/actions', '/actions/by-owner', '/actions/by-source', '/actions?view=overdue']) {
        const r = await s.get(path);
        assert.equal(r.status, 200, `${role} ${path}: ${r.describe()}`);
      }
    }
    // The workspace: c, e and f are to be presented; d is filled from the records.
    const c = await org.sessions.isms_manager.get(`/meetings/${id}/review?step=c`);
    assert.match(c.text, /To be presented/);
    const d = await org.sessions.isms_manager.get(`/meetings/${id}/review?step=d`);
    assert.ok(!/class="notice to-be-presented"/.test(d.text), 'd has records');
    assert.equal((await org.sessions.isms_manager.get(`/meetings/${id}/review?step=z`)).status, 422);
    const plain = await createMeeting(org.api, org);
    assert.equal((await org.sessions.isms_manager.get(`/meetings/${plain.id}/review`)).status, 409, 'only a management review has a workspace');
    // Staff: none of the meeting pages; their own actions only.
    for (const path of ['/meetings', `/meetings/${id}`, `/meetings/${id}/review`, '/meetings/calendar', `/meetings/${id}/minutes.html`,
      '/actions/by-owner', '/actions/by-source', '/actions?view=open', '/actions?view=all', '/meetings/new']) {
      const r = await org.sessions.staff.get(path);
      assert.equal(r.status, 403, `staff ${path}: ${r.describe()}`);
    }
    const mine = await org.sessions.staff.get('/actions/mine');
    assert.equal(mine.status, 200);
    assert.ok(mine.text.includes('Pages decision: run a phishing drill'));
    assert.equal((await org.sessions.staff.get('/actions?view=mine')).status, 200);
    // Auditors see no edit controls.
    const aud = await org.sessions.auditor.get(`/meetings/${id}`);
    assert.ok(!/action="\/meetings\/\d+\/(items|decisions|attendance|attachments)"/.test(aud.text), 'no edit forms for an auditor');
    assert.ok(!/href="\/meetings\/\d+\/edit"/.test(aud.text));
    const ed = await org.sessions.contributor.get(`/meetings/${id}`);
    assert.match(ed.text, /action="\/meetings\/\d+\/decisions"/);
  });

  test('the new-meeting form: 422 with field messages and values kept; CSRF missing → 403', async () => {
    const s = org.sessions.isms_manager;
    const form = await s.get('/meetings/new');
    assert.equal(form.status, 200);
    for (const name of ['type', 'title', 'starts_at', 'duration_minutes', 'place', 'chair_id', 'invitees']) {
      assert.match(form.text, new RegExp(`name="${name}"`), `the form has ${name}`);
    }
    const bad = await unchanged(() => s.post('/meetings', {
      form: { type: 'board', title: '', starts_at: 'next tuesday', duration_minutes: '2', place: 'Room 9', chair_id: String(org.people.top_management.id) },
    }));
    assert.equal(bad.status, 422, bad.describe());
    for (const field of ['title', 'starts_at', 'duration_minutes']) {
      assert.match(bad.text, new RegExp(`id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"`), `${field} is marked invalid`);
    }
    assert.match(bad.text, /value="Room 9"/, 'the values entered are kept');
    const noCsrf = await unchanged(() => s.post('/meetings', {
      form: { type: 'board', title: 'No token', starts_at: minuteIn(86400).slice(0, 16), duration_minutes: '60' }, csrf: false,
    }));
    assert.equal(noCsrf.status, 403, noCsrf.describe());
    const wrongOrigin = await unchanged(() => s.post(`/meetings/${review.id}/items`, { form: { title: 'x' }, origin: 'https://evil.example' }));
    assert.equal(wrongOrigin.status, 403, wrongOrigin.describe());
  });

  test('a meeting through the forms: create, attendance, agenda with minutes, decision, upload, sign (wrong password first)', async () => {
    const s = org.sessions.isms_manager;
    const p = org.people;
    const startsAt = minuteIn(-2 * 3600).slice(0, 16);
    const created = await s.post('/meetings', {
      form: new URLSearchParams([['type', 'executive_committee'], ['title', 'Form committee'], ['starts_at', startsAt], ['duration_minutes', '45'],
        ['place', 'Room 2'], ['chair_id', String(p.top_management.id)], ['invitees', String(p.isms_manager.id)], ['invitees', String(p.contributor.id)]]),
    });
    assert.equal(created.status, 303, created.describe());
    const id = Number(/^\/meetings\/(\d+)/.exec(created.location)[1]);
    let m = await getMeeting(org.api, id);
    assert.equal(m.title, 'Form committee');
    assert.equal(m.starts_at, `${startsAt}:00Z`);
    assert.equal(m.attendees.length, 3);

    for (const [person, attendance] of [[p.top_management.id, 'present'], [p.isms_manager.id, 'present'], [p.contributor.id, 'absent']]) {
      const r = await s.post(`/meetings/${id}/attendance`, { form: { person_id: String(person), attendance } });
      assert.equal(r.status, 303, r.describe());
    }
    const badAtt = await unchanged(() => s.post(`/meetings/${id}/attendance`, { form: { person_id: String(p.staff.id), attendance: 'asleep' } }));
    assert.equal(badAtt.status, 422, badAtt.describe());

    const minutes = '## Risks\n\n| Risk | Owner |\n|---|---|\n| Ransomware | IT |\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))';
    const item = await s.post(`/meetings/${id}/items`, {
      form: new URLSearchParams([['title', 'Risk update'], ['tags_present', '1'], ['tags', 'risk'], ['tags', 'information_security'], ['minutes', minutes]]),
    });
    assert.equal(item.status, 303, item.describe());
    const badItem = await unchanged(() => s.post(`/meetings/${id}/items`, { form: { title: '', tags_present: '1', tags: 'gossip' } }));
    assert.equal(badItem.status, 422, badItem.describe());
    assert.match(badItem.text, /aria-invalid="true"/);
    m = await getMeeting(org.api, id);
    const it = m.items[0];
    assert.deepEqual(it.tags.sort(), ['information_security', 'risk']);

    const noOwner = await unchanged(() => s.post(`/meetings/${id}/decisions`, { form: { text: 'Due without owner', type: 'improvement', item_id: '', owner_id: '', due_on: dayIn(9) } }));
    assert.equal(noOwner.status, 422, noOwner.describe());
    assert.match(noOwner.text, /needs an owner/);
    const dec = await s.post(`/meetings/${id}/decisions`, {
      form: { text: 'Buy offline backup <tapes> & "drives"', type: 'resource', item_id: String(it.id), owner_id: String(p.contributor.id), due_on: dayIn(21) },
    });
    assert.equal(dec.status, 303, dec.describe());

    // Uploads: a script-bearing name is stored safe, shown escaped, served inert.
    const evilName = '"><img src=x onerror=alert(1)>.txt';
    const up = multipart({ effective_on: today(), item_id: String(it.id) }, { name: evilName, bytes: '<html><script>alert(1)</script></html>', type: 'text/html' });
    const uploaded = await s.post(`/meetings/${id}/attachments`, { body: up.body, contentType: up.contentType });
    assert.equal(uploaded.status, 303, uploaded.describe());
    const html = multipart({ effective_on: today() }, { name: 'page.html', bytes: '<h1>x</h1>', type: 'text/html' });
    const refused = await unchanged(() => s.post(`/meetings/${id}/attachments`, { body: html.body, contentType: html.contentType }));
    assert.equal(refused.status, 422, refused.describe());
    assert.match(refused.text, /not allowed/);
    const future = multipart({ effective_on: dayIn(5) }, { name: 'later.pdf', bytes: tinyPdf('later'), type: 'application/pdf' });
    assert.equal((await unchanged(() => s.post(`/meetings/${id}/attachments`, { body: future.body, contentType: future.contentType }))).status, 422);

    m = await getMeeting(org.api, id);
    assert.equal(m.attachments.length, 1);
    const att = m.attachments[0];
    assert.equal(att.file_name, '><img src=x onerror=alert(1)>.txt');
    assert.equal(att.item_id, it.id);
    const page = await org.sessions.auditor.get(`/meetings/${id}`);
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes('<img src=x'), 'the file name is not markup');
    assert.ok(page.text.includes('&gt;&lt;img src=x onerror=alert(1)&gt;.txt'), 'the file name is shown escaped');
    assert.ok(!page.text.includes('<script>alert(1)'), 'raw HTML in minutes is not rendered');
    assert.ok(!/href="javascript:/i.test(page.text), 'javascript: links are dropped');
    assert.match(page.text, /<table/, 'Markdown tables are rendered');
    assert.ok(page.text.includes('Buy offline backup &lt;tapes&gt; &amp;'), 'decision text escaped');
    const dl = await org.sessions.auditor.get(`/meetings/${id}/attachments/${att.id}`);
    assert.equal(dl.status, 200);
    assert.match(dl.header('content-type'), /^text\/plain/);
    assert.equal(dl.header('x-content-type-options'), 'nosniff');
    assert.match(dl.header('content-security-policy') ?? '', /^sandbox/);
    assert.match(dl.header('content-disposition'), /^attachment; filename="[^"\r\n]*"; filename\*=UTF-8''/);

    // Sign-off: only the chair sees the form; a wrong password re-renders with 422.
    const tm = org.sessions.top_management;
    const ready = await tm.get(`/meetings/${id}`);
    assert.match(ready.text, /id="sign-password"/);
    assert.ok(!/id="sign-password"/.test((await s.get(`/meetings/${id}`)).text), 'not the chair: no signing form');
    const wrong = await unchanged(() => tm.post(`/meetings/${id}/sign`, { form: { password: 'not-my-password-at-all' } }));
    assert.equal(wrong.status, 422, wrong.describe());
    assert.match(wrong.text, /is not your password/);
    assert.equal((await getMeeting(org.api, id)).status, 'planned');
    const signed = await tm.post(`/meetings/${id}/sign`, { form: { password: org.users.top_management.password } });
    assert.equal(signed.status, 303, signed.describe());
    m = await getMeeting(org.api, id);
    assert.equal(m.status, 'signed');
    const after = await org.sessions.auditor.get(`/meetings/${id}`);
    assert.match(after.text, /class="notice success signature-block"/);
    assert.ok(after.text.includes(m.content_hash));
    assert.ok(after.text.includes(org.users.top_management.name));
    assert.ok(!/action="\/meetings\/\d+\/(items|decisions|attendance|attachments)"/.test((await s.get(`/meetings/${id}`)).text), 'no edit forms once signed');
    assert.equal((await s.get(`/meetings/${id}/edit`)).status, 409);
    // An addendum through the page: wrong password first.
    const badAdd = await unchanged(() => s.post(`/meetings/${id}/addenda`, { form: { body: 'Correction', password: 'not-my-password-at-all' } }));
    assert.equal(badAdd.status, 422, badAdd.describe());
    const add = await s.post(`/meetings/${id}/addenda`, { form: { body: 'Correction: the contributor sent apologies.', password: org.users.isms_manager.password } });
    assert.equal(add.status, 303, add.describe());
    assert.ok((await s.get(`/meetings/${id}`)).text.includes('Correction: the contributor sent apologies.'));

    // Printable minutes: no script anywhere, user text escaped, the hash printed.
    const mh = await org.sessions.auditor.get(`/meetings/${id}/minutes.html`);
    assert.equal(mh.status, 200);
    assert.ok(!/<script/i.test(mh.text));
    assert.ok(!/<img[^>]*onerror/i.test(mh.text));
    assert.ok(!/href="javascript:/i.test(mh.text));
    assert.ok(mh.text.includes('&gt;&lt;img src=x onerror=alert(1)&gt;.txt'), 'the attachment name escaped');
    assert.ok(mh.text.includes(m.content_hash));
    const csp = mh.header('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.ok(!/script-src/.test(csp), `no script source is allowed: ${csp}`);
  });

  test('review workspace: minutes and presenter material of an input saved from its step', async () => {
    const s = org.sessions.isms_manager;
    const r = await createMeeting(org.api, org, { type: 'management_review', title: 'Workspace review' });
    const c = r.items[2];
    const step = await s.get(`/meetings/${r.id}/review?step=c`);
    assert.equal(step.status, 200);
    assert.ok(extractCsrf(step.text));
    assert.match(step.text, new RegExp(`action="/meetings/${r.id}/items/${c.id}"`));
    const saved = await s.post(`/meetings/${r.id}/items/${c.id}`, {
      form: { title: c.title, minutes: 'Customers want a certificate.', presenter: 'Head of Sales', material: '- Three tenders', return: 'review-c', row_version: String(c.row_version) },
    });
    assert.equal(saved.status, 303, saved.describe());
    assert.match(saved.location, new RegExp(`^/meetings/${r.id}/review\\?step=c`));
    const again = await s.get(saved.location);
    assert.ok(again.text.includes('Head of Sales'));
    assert.ok(again.text.includes('Customers want a certificate.'));
    const stale = await unchanged(() => s.post(`/meetings/${r.id}/items/${c.id}`, {
      form: { title: c.title, minutes: 'Stale', return: 'review-c', row_version: String(c.row_version) },
    }));
    assert.equal(stale.status, 409, stale.describe());
    // Outputs: a decision recorded from the outputs step comes back to it.
    const out = await s.post(`/meetings/${r.id}/decisions`, {
      form: { text: 'Start ISO 27001 certification', type: 'isms_change', item_id: String(r.items[7].id), owner_id: String(org.people.isms_manager.id), due_on: dayIn(120), return: 'review-outputs' },
    });
    assert.equal(out.status, 303, out.describe());
    const outputs = await s.get(`/meetings/${r.id}/review?step=outputs`);
    assert.ok(outputs.text.includes('Start ISO 27001 certification'));
    const signoff = await s.get(`/meetings/${r.id}/review?step=signoff`);
    assert.match(signoff.text, /cannot be signed yet|attendance not recorded/i);
  });

  test('action pages: create, 422 with the field, start and complete through the forms; staff see only their own', async () => {
    const s = org.sessions.contributor;
    const form = await s.get('/actions/new');
    assert.equal(form.status, 200);
    const bad = await unchanged(() => s.post('/actions', { form: { title: '', description: '', owner_id: '', due_on: 'soonish', source: 'other', source_ref: '' } }));
    assert.equal(bad.status, 422, bad.describe());
    for (const field of ['title', 'due_on']) {
      assert.match(bad.text, new RegExp(`id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"`), `${field} is marked invalid`);
    }
    const created = await s.post('/actions', { form: { title: 'Form action <b>bold</b>', description: '', owner_id: String(org.people.staff.id), due_on: dayIn(7), source: 'walk', source_ref: 'walk:3' } });
    assert.equal(created.status, 303, created.describe());
    const id = Number(/^\/actions\/(\d+)/.exec(created.location)[1]);
    const page = await s.get(`/actions/${id}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('Form action &lt;b&gt;bold&lt;/b&gt;'));
    // The owner (staff) starts it and completes it; without evidence first.
    const staff = org.sessions.staff;
    assert.equal((await staff.get(`/actions/${id}`)).status, 200);
    assert.equal((await staff.post(`/actions/${id}/start`, { form: {} })).status, 303);
    const noEvidence = await unchanged(() => staff.post(`/actions/${id}/complete`, { form: { completion_evidence: '' } }));
    assert.equal(noEvidence.status, 422, noEvidence.describe());
    assert.match(noEvidence.text, /aria-invalid="true"/);
    const done = await staff.post(`/actions/${id}/complete`, { form: { completion_evidence: 'Photo of the fixed door.' } });
    assert.equal(done.status, 303, done.describe());
    const illegal = await unchanged(() => staff.post(`/actions/${id}/start`, { form: {} }));
    assert.equal(illegal.status, 409, illegal.describe());
    // Another person's action is not found for staff.
    const other = await createAction(org.api, { title: 'Not for staff', owner_id: org.people.contributor.id });
    assert.equal((await staff.get(`/actions/${other.id}`)).status, 404);
    assert.equal((await unchanged(() => staff.post(`/actions/${other.id}/notes`, { form: { body: 'x' } }))).status, 404);
    // Settings: 422 on a bad number, for admins and ISMS managers only.
    const ism = org.sessions.isms_manager;
    assert.equal((await ism.get('/actions/settings')).status, 200);
    const badSet = await unchanged(() => ism.post('/actions/settings', { form: { escalate_after_days: '0' } }));
    assert.equal(badSet.status, 422, badSet.describe());
    assert.equal((await s.get('/actions/settings')).status, 403);
    const cad = await unchanged(() => ism.post('/meetings/cadence', { form: { review_every_months: '40', security_agenda_every_months: '3' } }));
    assert.equal(cad.status, 422, cad.describe());
  });

  test('a signed review: the meeting page, the workspace and the minutes show the frozen record', async () => {
    const r = await createMeeting(org.api, org, { type: 'management_review', title: 'Frozen pages review' });
    await makeReady(org.api, r);
    await signMeeting(org, r);
    const m = await getMeeting(org.api, r);
    const ws = await org.sessions.auditor.get(`/meetings/${r.id}/review?step=a`);
    assert.equal(ws.status, 200);
    assert.match(ws.text, /frozen at sign-off/);
    assert.ok(!/<form[^>]*action="\/meetings\/\d+\/items/.test(ws.text), 'no forms on a frozen review');
    const pdf = await org.sessions.auditor.get(`/meetings/${r.id}/minutes.pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.header('content-type'), 'application/pdf');
    assert.ok(m.content_hash);
  });
});
