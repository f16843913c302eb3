// web/tests/integration/meetings_api.test.mjs — the meetings JSON API over real HTTP on both
// backends: a meeting's life (create, edit, attendance, agenda and minutes, decisions that become
// actions, cancel); a management review generated with its inputs a–g; the inputs filled from
// known records (an open action of an earlier signed review in a with its status, a policy past
// its review date in d, a policy published since the previous review in b, an improvement
// decision of another meeting in g, c/e/f to be presented) and carried over at sign-off; sign-off
// as the chair's electronic signature (wrong password 401 and nothing signed, API token 403,
// non-chair 403, then signed with the content hash); every write refused once signed (409, the
// ledger unchanged) while signed addenda are allowed; attachments (size and type limits, SHA-256
// dedup, download headers, HTML never served as HTML); the minutes as HTML and PDF (pdftotext);
// roles (an auditor reads but cannot edit, sign or add addenda); organizations kept apart.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  adminSession, bearerClient, Client, createPerson, createToken, createUserWithRole, today,
  unique,
} from '../lib/client.mjs';
import {
  actionPath, addDecision, addItem, assertApiError, backdate, createMeeting, dayIn, getAction,
  getMeeting, inputOf, ledgerOf, ledgerSize, makeReady, meetingOrg, meetingPath, metric,
  minuteIn, multipart, pdfText, rawRequest, rowsOf, setAttendance, sha256, signedMeeting, signMeeting, tinyPdf,
  todayMidnight, uploadAttachment, usDaysAgo, writeMinutes,
} from '../lib/meetings.mjs';
import { approveAndPublish, createPolicy, publishedPolicy, reference } from '../lib/policies.mjs';
import { describeEachBackend, sleep, startInstance } from '../lib/server.mjs';

const HEX64 = /^[0-9a-f]{64}$/;
// Whole UTC days from the date of `at` to today.
const daysAgo = (at) => Math.round((Date.parse(today()) - Date.parse(at.slice(0, 10))) / 86400_000);
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describeEachBackend('meetings API', (backend) => {
  let inst;
  let org;
  let api;  // admin token
  before(async () => {
    inst = await startInstance(backend);
    org = await meetingOrg(inst);
    api = org.api;
  }, { timeout: 120_000 });
  after(async () => inst?.cleanup());

  async function unchanged(fn) {
    const before = await ledgerSize(api);
    const out = await fn();
    assert.equal(await ledgerSize(api), before, 'the ledger changed');
    return out;
  }
  async function grewBy(n, fn) {
    const before = await ledgerSize(api);
    const out = await fn();
    assert.equal(await ledgerSize(api), before + n, `the ledger should grow by ${n}`);
    return out;
  }

  test('life cycle: create, edit, attendance, agenda and minutes, decisions become actions, cancel', async () => {
    const p = org.people;
    const ism = org.sessions.isms_manager;
    const startsAt = minuteIn(-2 * 3600);
    const m = await grewBy(1, () => createMeeting(ism, org, {
      title: 'Executive committee Q1', starts_at: startsAt, duration_minutes: 90, place: 'https://meet.example/abc',
      chair_id: p.top_management.id, invitees: [p.isms_manager.id, p.contributor.id, p.isms_manager.id],
    }));
    assert.equal(m.type, 'executive_committee');
    assert.equal(m.title, 'Executive committee Q1');
    assert.equal(m.status, 'planned');
    assert.equal(m.starts_at, startsAt);
    assert.equal(m.duration_minutes, 90);
    assert.equal(m.place, 'https://meet.example/abc');
    assert.equal(m.chair_id, p.top_management.id);
    assert.equal(m.chair_name, p.top_management.name);
    assert.equal(m.held, true);
    assert.equal(m.content_hash, '');
    assert.equal(m.signed_at, null);
    // Invitees de-duplicated, the chair always invited, nobody's attendance recorded yet.
    assert.deepEqual(m.attendees.map((a) => a.person_id).sort(), [p.top_management.id, p.isms_manager.id, p.contributor.id].sort());
    assert.ok(m.attendees.every((a) => a.attendance === 'invited'));
    assert.equal(m.attendees.find((a) => a.person_id === p.top_management.id).top_management, true, 'designated top management');
    assert.equal(m.attendees.find((a) => a.person_id === p.contributor.id).top_management, false);
    assert.deepEqual(m.items, []);
    assert.ok(m.signoff_blockers.length > 0, 'attendance and minutes are missing');

    // Edit with the row version; a stale one is refused; the type cannot change.
    const edited = await grewBy(1, () => ism.expectJson('PATCH', meetingPath(m), 200, {
      json: { title: 'Executive committee Q1 2026', row_version: m.row_version },
    }));
    assert.equal(edited.title, 'Executive committee Q1 2026');
    assert.equal(edited.row_version, m.row_version + 1);
    assert.equal(edited.place, m.place, 'fields not sent are kept');
    assertApiError(await unchanged(() => ism.patch(meetingPath(m), { json: { title: 'Stale', row_version: m.row_version } })), 409, 'stale');
    assertApiError(await unchanged(() => ism.patch(meetingPath(m), { json: { type: 'board', row_version: edited.row_version } })), 422, 'invalid', ['type']);
    assertApiError(await unchanged(() => ism.patch(meetingPath(m), { json: { title: 'No version' } })), 422, 'invalid', ['row_version']);

    // Attendance: present, excused, absent; a new person is added as an invitee.
    await grewBy(1, () => setAttendance(ism, m, p.top_management.id, 'present'));
    await setAttendance(ism, m, p.isms_manager.id, 'excused');
    await setAttendance(ism, m, p.contributor.id, 'absent');
    const guest = await createPerson(api, { name: 'Gwen Guest', department: 'Legal' });
    await setAttendance(ism, m, guest.id, 'present');
    assertApiError(await unchanged(() => ism.put(`${meetingPath(m)}/attendance/${p.staff.id}`, { json: { attendance: 'asleep' } })), 422, 'invalid', ['attendance']);
    assertApiError(await unchanged(() => ism.put(`${meetingPath(m)}/attendance/987654321`, { json: { attendance: 'present' } })), 422, 'invalid', ['person_id']);
    let cur = await getMeeting(api, m);
    const att = Object.fromEntries(cur.attendees.map((a) => [a.person_id, a.attendance]));
    assert.deepEqual(att, {
      [p.top_management.id]: 'present', [p.isms_manager.id]: 'excused', [p.contributor.id]: 'absent', [guest.id]: 'present',
    });

    // Agenda items with tags and Markdown minutes.
    const item = await grewBy(1, () => addItem(ism, m, {
      title: 'Supplier incidents', tags: ['suppliers', 'incidents'], minutes: '## Discussion\n\n- Two incidents at the hosting provider.',
    }));
    assert.ok(item.id);
    assert.equal(item.title, 'Supplier incidents');
    assert.deepEqual(item.tags, ['suppliers', 'incidents']);
    assert.equal(item.review_input, null);
    assertApiError(await unchanged(() => ism.post(`${meetingPath(m)}/items`, { json: { title: '', tags: ['poetry'] } })), 422, 'invalid', ['title', 'tags']);
    const updated = await grewBy(1, () => writeMinutes(ism, m, item, 'Two incidents; the provider must report within 24 hours.'));
    assert.equal(updated.minutes, 'Two incidents; the provider must report within 24 hours.');
    assertApiError(await unchanged(() => ism.patch(`${meetingPath(m)}/items/${item.id}`, {
      json: { title: item.title, tags: item.tags, minutes: 'stale', row_version: item.row_version },
    })), 409, 'stale');
    const extra = await addItem(ism, m, { title: 'Any other business', tags: ['other'] });
    await grewBy(1, async () => assert.equal((await ism.del(`${meetingPath(m)}/items/${extra.id}`)).status, 204));

    // A decision with an owner and a due date creates its action; without an owner, none.
    const due = dayIn(45);
    const d1 = await grewBy(2, () => addDecision(ism, m, {
      text: 'Require 24-hour incident notification in supplier contracts', type: 'isms_change', item_id: item.id,
      owner_id: p.contributor.id, due_on: due,
    }));
    assert.equal(d1.type, 'isms_change');
    assert.equal(d1.item_id, item.id);
    assert.equal(d1.owner_id, p.contributor.id);
    assert.equal(d1.due_on, due);
    assert.ok(d1.action_id, 'the decision has its action');
    const a1 = await getAction(api, d1.action_id);
    assert.equal(a1.source, 'meeting_decision');
    assert.equal(a1.meeting_id, m.id);
    assert.equal(a1.decision_id, d1.id);
    assert.equal(a1.owner_id, p.contributor.id);
    assert.equal(a1.owner_name, p.contributor.name);
    assert.equal(a1.due_on, due);
    assert.equal(a1.status, 'open');
    assert.equal(a1.title, d1.text.slice(0, 300));
    const d2 = await grewBy(1, () => addDecision(ism, m, { text: 'Budget for a second provider approved in principle', type: 'resource' }));
    assert.equal(d2.action_id, null);
    assertApiError(await unchanged(() => ism.post(`${meetingPath(m)}/decisions`, { json: { text: 'Due without owner', type: 'other', due_on: dayIn(10) } })), 422, 'invalid', ['due_on']);
    assertApiError(await unchanged(() => ism.post(`${meetingPath(m)}/decisions`, { json: { text: '', type: 'whim', owner_id: 'me', due_on: 'soon' } })), 422, 'invalid', ['text', 'type', 'owner_id', 'due_on']);
    assertApiError(await unchanged(() => ism.post(`${meetingPath(m)}/decisions`, { json: { text: 'Stranger', type: 'other', owner_id: 987654321, due_on: dayIn(5) } })), 422, 'invalid', ['owner_id']);
    assertApiError(await unchanged(() => ism.post(`${meetingPath(m)}/decisions`, { json: { text: 'Other item', type: 'other', item_id: 987654321 } })), 422, 'invalid', ['item_id']);
    // Giving the second decision an owner and a date creates its action then.
    const d2b = await ism.expectJson('PATCH', `${meetingPath(m)}/decisions/${d2.id}`, 200, {
      json: { text: d2.text, type: 'resource', owner_id: p.isms_manager.id, due_on: dayIn(20), row_version: d2.row_version },
    });
    assert.ok(d2b.action_id, 'an owner and a date now: the action exists');
    assert.equal((await getAction(api, d2b.action_id)).due_on, dayIn(20));
    // Changing the date of the first moves its action's due date.
    const d1b = await ism.expectJson('PATCH', `${meetingPath(m)}/decisions/${d1.id}`, 200, {
      json: { text: d1.text, type: 'isms_change', item_id: item.id, owner_id: p.contributor.id, due_on: dayIn(60), row_version: d1.row_version },
    });
    assert.equal(d1b.action_id, d1.action_id);
    assert.equal((await getAction(api, d1.action_id)).due_on, dayIn(60));
    // Withdrawing a decision before sign-off cancels its action.
    await grewBy(2, async () => assert.equal((await ism.del(`${meetingPath(m)}/decisions/${d2.id}`)).status, 204));
    const withdrawn = await getAction(api, d2b.action_id);
    assert.equal(withdrawn.status, 'cancelled');
    assert.match(withdrawn.cancel_reason, /withdrawn/);

    cur = await getMeeting(api, m);
    assert.deepEqual(cur.decisions.map((d) => d.id), [d1.id]);
    assert.equal(cur.decisions[0].action_status, 'open');
    const list = await api.expectJson('GET', '/api/v1/meetings?type=executive_committee&q=Q1%202026', 200);
    assert.ok(list.meetings.some((x) => x.id === m.id), JSON.stringify(list));
    assert.ok(list.meetings.every((x) => x.type === 'executive_committee'));
    const row = list.meetings.find((x) => x.id === m.id);
    assert.equal(row.decisions, 1);
    assert.equal(row.security_on_agenda, true, 'suppliers and incidents are security topics');

    // Cancel: a reason is required; a cancelled meeting takes no more changes.
    const later = await createMeeting(ism, org, { title: 'Cancelled board', type: 'board', starts_at: minuteIn(7 * 86400) });
    assertApiError(await unchanged(() => ism.post(`${meetingPath(later)}/cancel`, { json: {} })), 422, 'invalid', ['reason']);
    const cancelled = await grewBy(1, () => ism.expectJson('POST', `${meetingPath(later)}/cancel`, 200, { json: { reason: 'Chair unavailable' } }));
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancel_reason, 'Chair unavailable');
    assertApiError(await unchanged(() => ism.post(`${meetingPath(later)}/cancel`, { json: { reason: 'again' } })), 409, 'conflict');
    assertApiError(await unchanged(() => ism.patch(meetingPath(later), { json: { title: 'x', row_version: cancelled.row_version } })), 409, 'conflict');
    assertApiError(await unchanged(() => ism.post(`${meetingPath(later)}/items`, { json: { title: 'x' } })), 409, 'conflict');

    const history = (await ledgerOf(api, 'meeting', m.id)).map((e) => e.action);
    for (const a of ['create', 'update', 'attendance', 'item_add', 'item_update', 'item_remove', 'decision_add', 'decision_update', 'decision_remove']) {
      assert.ok(history.includes(a), `ledger has "${a}": ${history}`);
    }
  });

  test('bad input on create names every field; unknown ids answer 404', async () => {
    const ism = org.sessions.isms_manager;
    await unchanged(async () => {
      assertApiError(await ism.post('/api/v1/meetings', { json: {} }), 422, 'invalid', ['type', 'title', 'starts_at']);
      assertApiError(await ism.post('/api/v1/meetings', {
        json: { type: 'picnic', title: 'x'.repeat(201), starts_at: '2026-13-01T10:00:00Z', duration_minutes: 2, place: 'p', chair_id: 987654321, invitees: ['me'] },
      }), 422, 'invalid', ['type', 'title', 'starts_at', 'duration_minutes', 'chair_id', 'invitees']);
      assertApiError(await ism.post('/api/v1/meetings', {
        json: { type: 'board', title: 'Local time', starts_at: '2026-03-01T10:00:00+02:00', chair_id: org.people.top_management.id },
      }), 422, 'invalid', ['starts_at']);
      assertApiError(await ism.post('/api/v1/meetings', {
        json: { type: 'board', title: 'Colour', starts_at: minuteIn(3600), colour: 'red' },
      }), 422, 'invalid', ['colour']);
      assertApiError(await ism.post('/api/v1/meetings', { body: '{"title": "Half', contentType: 'application/json' }), 400, 'bad_request');
      assertApiError(await ism.get('/api/v1/meetings?type=picnic'), 422, 'invalid', ['type']);
      assertApiError(await ism.get('/api/v1/meetings/987654321'), 404, 'not_found');
      assertApiError(await ism.get('/api/v1/meetings/987654321/review-inputs'), 404, 'not_found');
    });
    // The review inputs of a meeting that is not a management review: 409.
    const m = await createMeeting(ism, org);
    assertApiError(await ism.get(`${meetingPath(m)}/review-inputs`), 409, 'conflict');
  });

  test('a management review is created with its agenda generated from inputs a–g, then the outputs', async () => {
    const ism = org.sessions.isms_manager;
    const r = await createMeeting(ism, org, { type: 'management_review', title: unique('Management review'), starts_at: minuteIn(14 * 86400) });
    assert.equal(r.type, 'management_review');
    assert.equal(r.items.length, 8, JSON.stringify(r.items.map((i) => i.title)));
    assert.deepEqual(r.items.slice(0, 7).map((i) => i.review_input), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    assert.match(r.items[0].title, /actions from previous/i);
    assert.match(r.items[3].title, /performance/i);
    assert.match(r.items[5].title, /risk/i);
    assert.match(r.items[6].title, /improvement/i);
    for (const it of r.items.slice(0, 7)) {
      assert.ok(it.tags.includes('information_security'), `${it.title}: ${it.tags}`);
    }
    assert.ok(r.items[5].tags.includes('risk'));
    assert.equal(r.items[7].review_input, null);
    assert.match(r.items[7].title, /^Outputs/);
    assert.deepEqual(r.items.map((i) => i.position), [...r.items.map((i) => i.position)].sort((x, y) => x - y));
    // Generated items keep their title and cannot be removed; their minutes and material can be written.
    const a = r.items[0];
    assertApiError(await unchanged(() => ism.del(`${meetingPath(r)}/items/${a.id}`)), 409, 'conflict');
    assertApiError(await unchanged(() => ism.patch(`${meetingPath(r)}/items/${a.id}`, {
      json: { title: 'Something else', tags: a.tags, minutes: '', row_version: a.row_version },
    })), 422, 'invalid', ['title']);
    const c = r.items[2];
    const presented = await ism.expectJson('PATCH', `${meetingPath(r)}/items/${c.id}`, 200, {
      json: { title: c.title, tags: c.tags, minutes: 'Customers ask for ISO 27001 certification.', presenter: 'Head of Sales', material: '- Three tenders required it.', row_version: c.row_version },
    });
    assert.equal(presented.presenter, 'Head of Sales');
    assert.equal(presented.material, '- Three tenders required it.');
    // A decision in a review creates an action sourced from the management review.
    const d = await addDecision(ism, r, { text: unique('Run a supplier audit'), type: 'improvement', owner_id: org.people.isms_manager.id, due_on: dayIn(90), item_id: r.items[7].id });
    assert.equal((await getAction(api, d.action_id)).source, 'management_review');
  });

  describe('sign-off: the chair\'s electronic signature', () => {
    test('refused while not held, with attendance missing, and with a wrong password (401, nothing signed)', async () => {
      const tm = org.sessions.top_management;
      const future = await createMeeting(api, org, { starts_at: minuteIn(3 * 86400) });
      await makeReady(api, future);
      const r1 = await unchanged(() => tm.post(`${meetingPath(future)}/sign`, { json: { password: org.users.top_management.password } }));
      assertApiError(r1, 409, 'conflict');
      assert.match(r1.json.error.message, /not taken place/);

      const m = await createMeeting(api, org, { invitees: [org.people.top_management.id, org.people.contributor.id] });
      await setAttendance(api, m, org.people.top_management.id, 'present');
      await addItem(api, m, { minutes: 'Minutes.' });
      const r2 = await unchanged(() => tm.post(`${meetingPath(m)}/sign`, { json: { password: org.users.top_management.password } }));
      assertApiError(r2, 409, 'conflict');
      assert.match(r2.json.error.message, new RegExp(`attendance not recorded for: .*${org.people.contributor.name}`));
      const blocked = await getMeeting(api, m);
      assert.ok(blocked.signoff_blockers.some((b) => b.includes(org.people.contributor.name)), JSON.stringify(blocked.signoff_blockers));
      await setAttendance(api, m, org.people.contributor.id, 'excused');
      assert.deepEqual((await getMeeting(api, m)).signoff_blockers, []);

      const wrong = await unchanged(() => tm.post(`${meetingPath(m)}/sign`, { json: { password: `${org.users.top_management.password}-wrong` } }));
      assertApiError(wrong, 401, 'unauthorized', ['password']);
      assertApiError(await unchanged(() => tm.post(`${meetingPath(m)}/sign`, { json: {} })), 422, 'invalid', ['password']);
      const still = await getMeeting(api, m);
      assert.equal(still.status, 'planned');
      assert.equal(still.content_hash, '');
      assert.equal(still.signed_at, null);
      assert.equal(still.signer_name, '');
    });

    test('an API token is refused (403) even for top management; so is anyone but the chair', async () => {
      const m = await createMeeting(api, org);
      await makeReady(api, m);
      assertApiError(await unchanged(() => org.tokens.top_management.post(`${meetingPath(m)}/sign`, {
        json: { password: org.users.top_management.password },
      })), 403, 'forbidden');
      // Roles that cannot sign are refused by the route.
      for (const role of ['admin', 'isms_manager', 'contributor', 'staff', 'auditor']) {
        assertApiError(await unchanged(() => org.sessions[role].post(`${meetingPath(m)}/sign`, { json: { password: org.users[role].password } })), 403, 'forbidden');
      }
      // Another top-management user who is not the chair.
      const other = await createUserWithRole(org.admin, 'top_management', { name: 'Otto Other' });
      const person = await createPerson(api, { name: other.name, email: other.email, department: 'Board' });
      await api.expectJson('POST', `/api/v1/people/${person.id}/top-management`, 201, { json: { title: 'CFO', starts_on: '2024-01-01' } });
      const s = new Client(inst);
      await s.login(other.email, other.password);
      assertApiError(await unchanged(() => s.post(`${meetingPath(m)}/sign`, { json: { password: other.password } })), 403, 'forbidden');
      assert.equal((await getMeeting(api, m)).status, 'planned');
    });

    test('the chair signs: printed name, role, time, meaning and the hash of the frozen content', async () => {
      const m = await createMeeting(api, org, { invitees: [org.people.top_management.id, org.people.isms_manager.id] });
      await makeReady(api, m);
      const before = await ledgerSize(api);
      const signed = await signMeeting(org, m);
      assert.equal(await ledgerSize(api), before + 1, 'one ledger entry: the signature');
      assert.equal(signed.status, 'signed');
      assert.match(signed.content_hash, HEX64);
      assert.match(signed.signed_at, RFC3339);
      assert.equal(signed.signer_name, org.users.top_management.name);
      assert.equal(signed.signer_role, 'top_management');
      assert.equal(signed.signature_meaning, 'Minutes approved by the chair');
      assert.deepEqual(signed.signoff_blockers, []);
      const entry = (await ledgerOf(api, 'meeting', m.id))[0];
      assert.equal(entry.action, 'sign');
      assert.equal(entry.data.content_hash, signed.content_hash);
      assert.equal(entry.data.signer_name, org.users.top_management.name);
      assert.equal(entry.data.signer_role, 'top_management');
      assert.equal(entry.data.meaning, 'Minutes approved by the chair');
      assertApiError(await unchanged(() => org.sessions.top_management.post(`${meetingPath(m)}/sign`, {
        json: { password: org.users.top_management.password },
      })), 409, 'conflict');
    });
  });

  test('immutability: once signed every write is refused (409) and the ledger stays; addenda are signed', async () => {
    const ism = org.sessions.isms_manager;
    const p = org.people;
    const r = await createMeeting(api, org, { type: 'management_review', title: unique('Signed review'), invitees: [p.top_management.id, p.isms_manager.id] });
    const att = await uploadAttachment(api, r, 'board-pack.pdf', tinyPdf('board pack'));
    assert.equal(att.status, 201, att.describe());
    const dec = await addDecision(api, r, { text: 'Hire a second security engineer', type: 'resource', owner_id: p.isms_manager.id, due_on: dayIn(60), item_id: r.items[7].id });
    await makeReady(api, r);
    const signed = await signMeeting(org, r);
    assert.equal(signed.signature_meaning, 'Management review signed off by the chair');
    const it = signed.items[0];
    const d = signed.decisions[0];
    const a = signed.attachments[0];
    assert.equal(d.id, dec.id);
    // Each generated input is frozen with its data.
    for (const item of signed.items.slice(0, 7)) {
      assert.ok(item.snapshot, `input ${item.review_input} has its snapshot`);
    }
    const ri = await api.expectJson('GET', `${meetingPath(r)}/review-inputs`, 200);
    assert.equal(ri.frozen, true);

    const mp = meetingPath(r);
    const pg = `/meetings/${r.id}`;
    const body = { title: 'x', tags: ['other'], minutes: 'x', row_version: it.row_version };
    const calls = [
      ['PATCH', mp, { json: { title: 'Rewritten', row_version: signed.row_version } }],
      ['POST', `${mp}/cancel`, { json: { reason: 'Too late' } }],
      ['PUT', `${mp}/attendance/${p.isms_manager.id}`, { json: { attendance: 'absent' } }],
      ['PUT', `${mp}/attendance/${p.staff.id}`, { json: { attendance: 'present' } }],
      ['POST', `${mp}/items`, { json: { title: 'Late item', tags: ['other'] } }],
      ['PATCH', `${mp}/items/${it.id}`, { json: { ...body, title: it.title } }],
      ['DELETE', `${mp}/items/${signed.items[7].id}`],
      ['POST', `${mp}/decisions`, { json: { text: 'Late decision', type: 'other' } }],
      ['PATCH', `${mp}/decisions/${d.id}`, { json: { text: 'Changed', type: 'other', row_version: d.row_version } }],
      ['DELETE', `${mp}/decisions/${d.id}`],
      ['POST', `${mp}/attachments?file_name=late.txt&effective_on=${today()}`, { body: 'late evidence', contentType: 'application/octet-stream' }],
      ['POST', `${mp}/sign`, { json: { password: org.users.top_management.password } }, org.sessions.top_management],
      ['POST', pg, { form: { type: 'management_review', title: 'Rewritten', starts_at: signed.starts_at.slice(0, 16), duration_minutes: '60', place: '', chair_id: String(p.top_management.id), row_version: String(signed.row_version) } }],
      ['POST', `${pg}/cancel`, { form: { reason: 'Too late' } }],
      ['POST', `${pg}/attendance`, { form: { person_id: String(p.isms_manager.id), attendance: 'absent' } }],
      ['POST', `${pg}/items`, { form: { title: 'Late item', tags: 'other', minutes: '' } }],
      ['POST', `${pg}/items/${it.id}`, { form: { title: it.title, tags: 'information_security', minutes: 'Rewritten', row_version: String(it.row_version) } }],
      ['POST', `${pg}/items/${signed.items[7].id}/remove`, { form: {} }],
      ['POST', `${pg}/decisions`, { form: { text: 'Late decision', type: 'other' } }],
      ['POST', `${pg}/decisions/${d.id}`, { form: { text: 'Changed', type: 'other', row_version: String(d.row_version) } }],
      ['POST', `${pg}/decisions/${d.id}/remove`, { form: {} }],
      ['POST', `${pg}/attachments/${a.id}/remove`, { form: {} }],
      ['POST', `${pg}/sign`, { form: { password: org.users.top_management.password } }, org.sessions.top_management],
    ];
    const beforeLedger = await ledgerSize(api);
    const failures = [];
    for (const [method, path, opts, client] of calls) {
      const res = await (client ?? ism).request(method, path, opts ?? {});
      if (res.status !== 409) {
        failures.push(`${method} ${path}: expected 409, got ${res.describe()}`);
      } else if (path.startsWith('/api/') && res.json?.error?.code !== 'conflict') {
        failures.push(`${method} ${path}: not the JSON conflict error: ${res.describe()}`);
      }
    }
    // The multipart page upload too.
    const mpBody = multipart({ effective_on: today() }, { name: 'late.txt', bytes: 'late', type: 'text/plain' });
    const up = await ism.post(`${pg}/attachments`, { body: mpBody.body, contentType: mpBody.contentType });
    if (up.status !== 409) {
      failures.push(`POST ${pg}/attachments (multipart): expected 409, got ${up.describe()}`);
    }
    assert.deepEqual(failures, []);
    assert.equal(await ledgerSize(api), beforeLedger, 'no refused write reached the ledger');
    const after = await getMeeting(api, r);
    assert.equal(after.content_hash, signed.content_hash);
    assert.equal(after.row_version, signed.row_version);
    assert.deepEqual(after.items, signed.items);
    assert.deepEqual(after.decisions.map((x) => x.text), signed.decisions.map((x) => x.text));
    assert.deepEqual(after.attachments, signed.attachments);
    assert.deepEqual(after.attendees, signed.attendees);

    // The decision's action lives on: actions are not part of the frozen minutes.
    const started = await api.expectJson('POST', `${actionPath(dec.action_id)}/start`, 200, { json: {} });
    assert.equal(started.status, 'in_progress');

    // Addenda: signed with the password by admin, top management or the ISMS manager.
    const ap = `${mp}/addenda`;
    await unchanged(async () => {
      assertApiError(await ism.post(ap, { json: { body: 'Correction', password: 'wrong-password-here' } }), 401, 'unauthorized', ['password']);
      assertApiError(await ism.post(ap, { json: { body: '', password: org.users.isms_manager.password } }), 422, 'invalid', ['body']);
      assertApiError(await org.tokens.isms_manager.post(ap, { json: { body: 'Correction', password: org.users.isms_manager.password } }), 403, 'forbidden');
      for (const role of ['contributor', 'staff', 'auditor']) {
        assertApiError(await org.sessions[role].post(ap, { json: { body: 'Correction', password: org.users[role].password } }), 403, 'forbidden');
      }
    });
    const text = 'Correction: the second engineer is a contractor for the first six months.';
    const added = await grewBy(1, () => ism.expectJson('POST', ap, 201, { json: { body: text, password: org.users.isms_manager.password } }));
    assert.ok(added.id);
    assert.equal(added.body, text);
    assert.equal(added.content_hash, sha256(`${text}\n${signed.content_hash}`));
    assert.equal(added.signer_name, org.users.isms_manager.name);
    assert.equal(added.signer_role, 'isms_manager');
    assert.ok(added.meaning.length > 0);
    assert.match(added.signed_at, RFC3339);
    const withAddendum = await getMeeting(api, r);
    assert.equal(withAddendum.content_hash, signed.content_hash, 'the minutes themselves do not change');
    assert.equal(withAddendum.addenda.length, 1);
    assert.equal(withAddendum.addenda[0].content_hash, added.content_hash);
    const entry = (await ledgerOf(api, 'meeting', r.id))[0];
    assert.equal(entry.action, 'addendum');
    assert.equal(entry.data.content_hash, added.content_hash);
    // Top management adds one too; an unsigned meeting takes none.
    await org.sessions.top_management.expectJson('POST', ap, 201, { json: { body: 'Second note.', password: org.users.top_management.password } });
    const unsigned = await createMeeting(api, org);
    assertApiError(await unchanged(() => ism.post(`${meetingPath(unsigned)}/addenda`, { json: { body: 'x', password: org.users.isms_manager.password } })), 409, 'conflict');
  });

  describe('attachments', () => {
    let m;
    before(async () => {
      m = await createMeeting(api, org, { title: 'Attachment meeting' });
    });

    test('stored by SHA-256: the same bytes twice share one hash; received_at is the server\'s, effective_on the uploader\'s', async () => {
      const bytes = tinyPdf(unique('evidence'));
      const first = await uploadAttachment(api, m, 'risk-report.pdf', bytes, { effectiveOn: dayIn(-10) });
      assert.equal(first.status, 201, first.describe());
      assert.equal(first.json.sha256, sha256(bytes));
      assert.equal(first.json.size, bytes.length);
      assert.equal(first.json.media_type, 'application/pdf');
      assert.equal(first.json.file_name, 'risk-report.pdf');
      assert.equal(first.json.effective_on, dayIn(-10));
      assert.match(first.json.received_at, RFC3339);
      assert.ok(Math.abs(Date.parse(first.json.received_at) - Date.now()) < 120_000);
      const second = await uploadAttachment(org.sessions.contributor, m, 'risk-report-copy.pdf', bytes);
      assert.equal(second.status, 201, second.describe());
      assert.notEqual(second.json.id, first.json.id);
      assert.equal(second.json.sha256, first.json.sha256, 'same bytes, same blob');
      const down = await api.get(`${meetingPath(m)}/attachments/${second.json.id}`);
      assert.equal(down.status, 200);
      assert.ok(down.body.equals(bytes), 'the bytes come back exactly');
      const entries = await ledgerOf(api, 'meeting', m.id);
      const adds = entries.filter((e) => e.action === 'attachment_add');
      assert.equal(adds.length, 2);
      assert.equal(adds[0].data.sha256, sha256(bytes));
      // effective_on: required, a date, not in the future.
      await unchanged(async () => {
        assertApiError(await uploadAttachment(api, m, 'x.pdf', bytes, { effectiveOn: dayIn(3) }), 422, 'invalid', ['effective_on']);
        assertApiError(await uploadAttachment(api, m, 'x.pdf', bytes, { effectiveOn: 'yesterday' }), 422, 'invalid', ['effective_on']);
        assertApiError(await uploadAttachment(api, m, 'x.pdf', bytes, { effectiveOn: '' }), 422, 'invalid', ['effective_on']);
        assertApiError(await uploadAttachment(api, m, 'x.pdf', bytes, { itemId: 987654321 }), 422, 'invalid', ['item_id']);
      });
    });

    test('limits: empty, larger than 10 MiB, refused types and content that does not match its type', async () => {
      await unchanged(async () => {
        const empty = await uploadAttachment(api, m, 'empty.pdf', Buffer.alloc(0));
        assertApiError(empty, 422, 'invalid', ['file']);
        assert.match(empty.json.error.fields.file, /empty/);
        // One byte over the limit: the route reads it (its body limit leaves room for a multipart
        // envelope) and the service names the field; far over: refused before reading, 413.
        const big = await uploadAttachment(api, m, 'big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
        assertApiError(big, 422, 'invalid', ['file']);
        assert.match(big.json.error.fields.file, /larger than 10 MiB/);
        const huge = await rawRequest(inst.url, `POST ${meetingPath(m)}/attachments?file_name=huge.txt&effective_on=${today()} HTTP/1.1\r\n` +
          `Host: 127.0.0.1\r\nAuthorization: Bearer ${api.bearer}\r\nContent-Type: application/octet-stream\r\n` +
          `Content-Length: ${10 * 1024 * 1024 + 65 * 1024}\r\nConnection: close\r\n\r\n${'a'.repeat(1024)}`);
        assert.equal(huge.status, 413, huge.data.slice(0, 300));
        assert.match(huge.data, /"code":"too_large"/);
        assert.equal((await api.get('/api/v1/me')).status, 200, 'the server is fine afterwards');
        const bare = await uploadAttachment(api, m, 'noextension', Buffer.from('hello'));
        assertApiError(bare, 422, 'invalid', ['file']);
        assert.match(bare.json.error.fields.file, /has no type/);
        for (const name of ['page.html', 'page.htm', 'image.svg', 'script.js', 'run.sh', 'tool.exe', 'trick.txt.html']) {
          const r = await uploadAttachment(api, m, name, Buffer.from('hello'));
          assertApiError(r, 422, 'invalid', ['file']);
          assert.match(r.json.error.fields.file, /not allowed/, `${name}: ${r.describe()}`);
        }
        const fakePdf = await uploadAttachment(api, m, 'fake.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
        assertApiError(fakePdf, 422, 'invalid', ['file']);
        assert.match(fakePdf.json.error.fields.file, /does not look like a PDF/);
        const binText = await uploadAttachment(api, m, 'notes.txt', Buffer.from([0x68, 0x00, 0x69]));
        assertApiError(binText, 422, 'invalid', ['file']);
      });
      // Exactly 10 MiB is accepted.
      const max = await uploadAttachment(api, m, 'max.txt', Buffer.alloc(10 * 1024 * 1024, 0x61));
      assert.equal(max.status, 201, max.describe());
      assert.equal(max.json.size, 10 * 1024 * 1024);
    });

    test('downloads are attachments: safe file name, nosniff, CSP sandbox, never text/html', async () => {
      const html = '<!doctype html><html><body><script>document.title="pwned"</script><h1>Hi</h1></body></html>';
      const up = await uploadAttachment(api, m, 'looks-like-a-page.txt', Buffer.from(html));
      assert.equal(up.status, 201, up.describe());
      assert.equal(up.json.media_type.split(';')[0], 'text/plain');
      const evilName = '"><img src=x onerror=alert(1)>\r\nX-Injected: yes.txt';
      const evil = await uploadAttachment(api, m, evilName, Buffer.from('plain text'));
      assert.equal(evil.status, 201, evil.describe());
      assert.ok(!/["\\\r\n]/.test(evil.json.file_name), `stored name is safe: ${JSON.stringify(evil.json.file_name)}`);
      assert.match(evil.json.file_name, /onerror=alert\(1\)>X-Injected: yes\.txt$/);
      const unicode = await uploadAttachment(api, m, 'Protokoll Überprüfung ✓.txt', Buffer.from('Inhalt'));
      assert.equal(unicode.status, 201, unicode.describe());

      for (const [att, name] of [[up.json, 'looks-like-a-page.txt'], [evil.json, evil.json.file_name], [unicode.json, 'Protokoll Überprüfung ✓.txt']]) {
        for (const path of [`${meetingPath(m)}/attachments/${att.id}`, `/meetings/${m.id}/attachments/${att.id}`]) {
          const client = path.startsWith('/api/') ? api : org.sessions.auditor;
          const r = await client.get(path);
          assert.equal(r.status, 200, `${path}: ${r.describe()}`);
          const type = r.header('content-type');
          assert.ok(!/html/i.test(type), `${path}: served as ${type}`);
          assert.match(type, /^text\/plain/);
          assert.equal(r.header('x-content-type-options'), 'nosniff');
          assert.match(r.header('content-security-policy') ?? '', /sandbox/);
          assert.match(r.header('content-security-policy') ?? '', /default-src 'none'/);
          assert.match(r.header('cache-control') ?? '', /no-store/);
          const cd = r.header('content-disposition') ?? '';
          assert.match(cd, /^attachment;/, cd);
          const quoted = /filename="([^"]*)"/.exec(cd);
          assert.ok(quoted, `a quoted filename: ${cd}`);
          assert.ok(!/[\r\n]/.test(cd));
          const star = /filename\*=UTF-8''([^;\s]+)/.exec(cd);
          assert.ok(star, `an RFC 5987 filename*: ${cd}`);
          assert.equal(decodeURIComponent(star[1]), name);
          assert.equal(r.header('x-injected'), null, 'no header smuggled through the name');
        }
      }
      const page = await api.get(`${meetingPath(m)}/attachments/${up.json.id}`);
      assert.equal(page.text, html, 'the bytes are served as they are, inert');
    });
  });

  test('minutes: printable HTML without scripts that escapes user text; a PDF with attendees, decisions and the signature block', async () => {
    const p = org.people;
    const r = await createMeeting(api, org, {
      type: 'management_review', title: 'Review <script>alert("t")</script> & more',
      invitees: [p.top_management.id, p.isms_manager.id, p.contributor.id],
    });
    await writeMinutes(api, r, r.items[0], '## Open actions\n\nAll reviewed. <script>alert("m")</script> <img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))');
    const d1 = await addDecision(api, r, { text: 'Adopt <b>MFA</b> everywhere & "now"', type: 'improvement', owner_id: p.contributor.id, due_on: dayIn(30), item_id: r.items[7].id });
    await addDecision(api, r, { text: 'Accept the residual risk of the legacy ERP', type: 'risk_acceptance' });
    await makeReady(api, r);
    await setAttendance(api, r, p.contributor.id, 'excused');

    const draft = await api.get(`${meetingPath(r)}/minutes?format=html`);
    assert.equal(draft.status, 200, draft.describe());
    assert.match(draft.text, /Draft/);

    const signed = await signMeeting(org, r);
    for (const [client, path] of [[api, `${meetingPath(r)}/minutes?format=html`], [org.sessions.auditor, `/meetings/${r.id}/minutes.html`]]) {
      const h = await client.get(path);
      assert.equal(h.status, 200, `${path}: ${h.describe()}`);
      assert.match(h.header('content-type'), /^text\/html/);
      assert.ok(!/<script/i.test(h.text), `${path}: no script element`);
      assert.ok(!/<img[^>]*onerror/i.test(h.text), 'no image with an event handler');
      assert.ok(!/href="javascript:/i.test(h.text), 'no javascript: link');
      assert.ok(h.text.includes('Review &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; more') ||
        h.text.includes('Review &lt;script&gt;alert("t")&lt;/script&gt; &amp; more'), 'the title is escaped');
      assert.ok(h.text.includes('Adopt &lt;b&gt;MFA&lt;/b&gt; everywhere &amp;'), 'the decision is escaped');
      for (const name of [p.top_management.name, p.isms_manager.name, p.contributor.name]) {
        assert.ok(h.text.includes(name), `${path} lists ${name}`);
      }
      assert.ok(h.text.includes(signed.content_hash), 'the signature block carries the content hash');
      assert.ok(h.text.includes(org.users.top_management.name));
      assert.match(h.text, /Management review signed off by the chair/);
      assert.ok(!/Draft/.test(h.text), 'signed minutes are not a draft');
    }

    for (const [client, path] of [[api, `${meetingPath(r)}/minutes?format=pdf`], [org.sessions.auditor, `/meetings/${r.id}/minutes.pdf`]]) {
      const pdf = await client.get(path);
      assert.equal(pdf.status, 200, `${path}: ${pdf.describe()}`);
      assert.equal(pdf.header('content-type'), 'application/pdf');
      assert.match(pdf.header('content-disposition') ?? '', new RegExp(`^attachment; filename="minutes-\\d{4}-\\d\\d-\\d\\d-management-review-${r.id}\\.pdf"`));
      assert.equal(pdf.header('x-content-type-options'), 'nosniff');
      const text = await pdfText(pdf.body);
      const flat = text.replace(/\s+/g, ' ');
      const dense = text.replace(/\s+/g, '');
      for (const name of [p.top_management.name, p.isms_manager.name, p.contributor.name]) {
        assert.ok(flat.includes(name), `the PDF lists ${name}`);
      }
      assert.ok(flat.includes('Adopt <b>MFA</b> everywhere & "now"'), 'the decision text as written');
      assert.ok(flat.includes('Accept the residual risk of the legacy ERP'));
      assert.match(flat, /Excused/i);
      assert.match(flat, /Status of actions from previous/i);
      assert.match(flat, /Management review signed off by the chair/);
      assert.ok(flat.includes(org.users.top_management.name));
      assert.ok(dense.includes(signed.content_hash), 'the content hash is printed');
      assert.match(flat, /ledger/i, 'the ledger anchor is printed');
      assert.ok(dense.replace(/-/g, '').includes(d1.due_on.replace(/-/g, '')), 'the action due date');
    }
    assertApiError(await api.get(`${meetingPath(r)}/minutes?format=docx`), 422, 'invalid', ['format']);
  });

  test('roles: an auditor reads everything but cannot edit, sign or add addenda', async () => {
    const aud = org.sessions.auditor;
    const audTok = org.tokens.auditor;
    const m = await signedMeeting(org, { type: 'management_review', title: unique('Audited review') }, {
      decisions: [{ text: 'Audited decision', type: 'improvement', owner_id: org.people.staff.id, due_on: dayIn(10) }],
    });
    const up = await uploadAttachment(api, await createMeeting(api, org), 'a.txt', Buffer.from('x'));
    assert.equal(up.status, 201);
    for (const c of [aud, audTok]) {
      assert.equal((await c.get(meetingPath(m))).status, 200);
      assert.equal((await c.get('/api/v1/meetings')).status, 200);
      assert.equal((await c.get(`${meetingPath(m)}/review-inputs`)).status, 200);
      assert.equal((await c.get(`${meetingPath(m)}/minutes?format=pdf`)).status, 200);
      assert.equal((await c.get('/api/v1/meetings/indicators')).status, 200);
      assert.equal((await c.get('/api/v1/actions?view=all')).status, 200);
      assert.equal((await c.get(actionPath(m.decisions[0].action_id))).status, 200);
    }
    for (const path of ['/meetings', `/meetings/${m.id}`, `/meetings/${m.id}/review`, `/meetings/${m.id}/minutes.html`, '/actions', '/meetings/calendar']) {
      assert.equal((await aud.get(path)).status, 200, path);
    }
    const open = await createMeeting(api, org);
    await unchanged(async () => {
      for (const c of [aud, audTok]) {
        assertApiError(await c.post('/api/v1/meetings', { json: { type: 'board', title: 'x', starts_at: minuteIn(3600) } }), 403, 'forbidden');
        assertApiError(await c.patch(meetingPath(open), { json: { title: 'x', row_version: open.row_version } }), 403, 'forbidden');
        assertApiError(await c.post(`${meetingPath(open)}/items`, { json: { title: 'x' } }), 403, 'forbidden');
        assertApiError(await c.post(`${meetingPath(open)}/decisions`, { json: { text: 'x', type: 'other' } }), 403, 'forbidden');
        assertApiError(await uploadAttachment(c, open, 'x.txt', Buffer.from('x')), 403, 'forbidden');
        assertApiError(await c.post(`${meetingPath(m)}/addenda`, { json: { body: 'x', password: org.users.auditor.password } }), 403, 'forbidden');
        assertApiError(await c.post(`${meetingPath(open)}/sign`, { json: { password: org.users.auditor.password } }), 403, 'forbidden');
        assertApiError(await c.post('/api/v1/actions', { json: { title: 'x', source: 'other' } }), 403, 'forbidden');
        assertApiError(await c.post(`${actionPath(m.decisions[0].action_id)}/start`, { json: {} }), 403, 'forbidden');
        assertApiError(await c.put('/api/v1/meetings/cadence', { json: { review_every_months: 6, security_agenda_every_months: 3 } }), 403, 'forbidden');
      }
      assert.equal((await aud.post(`/meetings/${open.id}/items`, { form: { title: 'x' } })).status, 403);
      assert.equal((await aud.get('/meetings/new')).status, 403);
    });
  });

  test('cadence and indicators', async () => {
    const c0 = await api.expectJson('GET', '/api/v1/meetings/cadence', 200);
    assert.deepEqual(c0, { review_every_months: 12, security_agenda_every_months: 3 });
    await unchanged(async () => {
      assertApiError(await api.put('/api/v1/meetings/cadence', { json: { review_every_months: 0, security_agenda_every_months: 3 } }), 422, 'invalid', ['review_every_months']);
      assertApiError(await api.put('/api/v1/meetings/cadence', { json: { review_every_months: 12, security_agenda_every_months: 25 } }), 422, 'invalid', ['security_agenda_every_months']);
      assertApiError(await org.sessions.contributor.put('/api/v1/meetings/cadence', { json: { review_every_months: 6, security_agenda_every_months: 3 } }), 403, 'forbidden');
    });
    const c1 = await grewBy(1, () => org.sessions.top_management.expectJson('PUT', '/api/v1/meetings/cadence', 200, { json: { review_every_months: 6, security_agenda_every_months: 2 } }));
    assert.deepEqual(c1, { review_every_months: 6, security_agenda_every_months: 2 });
    const ind = await api.expectJson('GET', '/api/v1/meetings/indicators', 200);
    assert.equal(ind.cadence.review_every_months, 6);
    assert.equal(ind.reviews_expected_24m, 4);
    assert.ok(ind.last_review, 'earlier tests signed reviews an hour ago');
    assert.equal(ind.days_since_last_review, daysAgo(ind.last_review.at));
    assert.equal(ind.review_overdue, false);
  });

  test('the ledger still verifies after everything above', async () => {
    const v = await api.expectJson('GET', '/api/v1/ledger/verify', 200);
    assert.equal(v.ok, true, JSON.stringify(v));
    const cli = await inst.run(['verify']);
    assert.equal(cli.code, 0, `mandate verify: ${cli.stdout}${cli.stderr}`);
  });
});

// The review's inputs from known records, in an organization of their own so every figure is
// exact: an earlier signed review with three actions (one overdue, one open, one done after it),
// a policy past its review date, a policy published after the earlier review, an improvement
// decision of an executive meeting since then. Sign-off carries the open actions over; a third
// review carries them over twice.
describeEachBackend('management review inputs from the records', (backend) => {
  let inst;
  let org;
  let api;
  const k = {};  // the known records
  before(async () => {
    inst = await startInstance(backend);
    org = await meetingOrg(inst);
    api = org.api;
    const p = org.people;
    // Two policies: one past its review date (reviewed three years ago, every 12 months).
    k.stale = await publishedPolicy(org, { reference: reference('OLD'), title: 'Old access control policy', review_interval_months: 12 });
    await backdate(inst, `UPDATE policy_documents SET last_reviewed_at = ${usDaysAgo(3 * 365)} WHERE id = ${k.stale.doc.id}`);
    k.fresh = await publishedPolicy(org, { reference: reference('NEW'), title: 'Fresh backup policy', review_interval_months: 12 });
    // Review 1, sixty days ago, with three actions.
    k.r1 = await createMeeting(api, org, {
      type: 'management_review', title: 'Management review 2025', starts_at: minuteIn(-60 * 86400),
      invitees: [p.top_management.id, p.isms_manager.id],
    });
    const out1 = k.r1.items[7].id;
    k.dOverdue = await addDecision(api, k.r1, { text: 'Encrypt every laptop', type: 'improvement', owner_id: p.contributor.id, due_on: dayIn(-20), item_id: out1 });
    k.dOpen = await addDecision(api, k.r1, { text: 'Train all staff on phishing', type: 'improvement', owner_id: p.staff.id, due_on: dayIn(40), item_id: out1 });
    k.dDone = await addDecision(api, k.r1, { text: 'Appoint a deputy ISMS manager', type: 'resource', owner_id: p.isms_manager.id, due_on: dayIn(10), item_id: out1 });
    k.dNoAction = await addDecision(api, k.r1, { text: 'Keep the current scope', type: 'isms_change' });
    await makeReady(api, k.r1);
    k.r1 = await signMeeting(org, k.r1);
    // After review 1: the deputy is appointed (done), a new policy is published, an executive
    // meeting decides an improvement.
    await api.expectJson('POST', `${actionPath(k.dDone.action_id)}/start`, 200, { json: {} });
    await api.expectJson('POST', `${actionPath(k.dDone.action_id)}/complete`, 200, { json: { completion_evidence: 'Appointment letter of 2 March' } });
    k.later = await publishedPolicy(org, { reference: reference('LAT'), title: 'Supplier security policy' });
    // "Since the previous review" runs from its sign-off: the executive meeting takes place a
    // whole second after it (and before review 2 reads its inputs).
    await sleep(1100);
    const second = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    k.exec = await createMeeting(api, org, { type: 'executive_committee', title: 'Executive committee March', starts_at: second });
    k.dExec = await addDecision(api, k.exec, { text: 'Automate the joiner-mover-leaver process', type: 'improvement' });
    k.dExecOther = await addDecision(api, k.exec, { text: 'Move the office', type: 'other' });
    // Review 2, today.
    k.r2 = await createMeeting(api, org, {
      type: 'management_review', title: 'Management review 2026', starts_at: minuteIn(-2 * 3600),
      invitees: [p.top_management.id, p.isms_manager.id],
    });
  }, { timeout: 180_000 });
  after(async () => inst?.cleanup());

  test('a: every action of earlier reviews with its status now, overdue first, closed last', async () => {
    const ri = await api.expectJson('GET', `${meetingPath(k.r2)}/review-inputs`, 200);
    assert.equal(ri.frozen, false);
    assert.equal(ri.previous_review_id, k.r1.id);
    assert.match(ri.previous_review_at, RFC3339);
    assert.deepEqual(ri.inputs.map((i) => i.input), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    const a = inputOf(ri, 'a');
    assert.equal(a.to_be_presented, false);
    const rows = rowsOf(a);
    assert.equal(rows.length, 3, JSON.stringify(rows));
    assert.ok(rows[0].label.includes('Encrypt every laptop'), JSON.stringify(rows));
    assert.match(rows[0].status, /overdue 20 days/);
    assert.equal(rows[0].flag, true);
    assert.equal(rows[0].href, `/actions/${k.dOverdue.action_id}`);
    assert.ok(rows[1].label.includes('Train all staff on phishing'));
    assert.match(rows[1].status, /^open|^Open/);
    assert.equal(rows[1].flag, false);
    assert.ok(rows[1].detail.includes(org.people.staff.name));
    assert.ok(rows[1].detail.includes(dayIn(40)));
    assert.ok(rows[2].label.includes('Appoint a deputy ISMS manager'));
    assert.match(rows[2].status, /done/i);
    assert.ok(!rows.some((r) => r.label.includes('Keep the current scope')), 'a decision without an action is no action');
    const figures = Object.fromEntries(a.sections.flatMap((x) => x.metrics).map((x) => [x.key, x.value]));
    assert.deepEqual(figures, { 'actions.open': 2, 'actions.overdue': 1, 'actions.done_since': 1, 'actions.carried_over_twice': 0 });
    assert.equal(metric(a, 'actions.overdue').flag, true);
    assert.equal(metric(a, 'actions.open').previous, 0, 'review 1 had no earlier review actions');
  });

  test('b: policies published since the previous review; c, e, f: to be presented', async () => {
    const ri = await api.expectJson('GET', `${meetingPath(k.r2)}/review-inputs`, 200);
    const b = inputOf(ri, 'b');
    const rows = rowsOf(b);
    assert.deepEqual(rows.map((r) => r.label.includes(k.later.doc.reference)), [true], JSON.stringify(rows));
    assert.equal(rows[0].href, `/policies/${k.later.doc.id}`);
    assert.match(rows[0].status, /^published v1$/);
    assert.equal(metric(b, 'policies.published').value, 1);
    assert.equal(metric(b, 'policies.published').previous, 2, 'review 1 saw the first two published');
    assert.equal(metric(b, 'policies.retired').value, 0);
    for (const letter of ['c', 'e', 'f']) {
      const x = inputOf(ri, letter);
      assert.equal(x.to_be_presented, true, letter);
      assert.deepEqual(x.sections, []);
    }
  });

  test('d: a policy past its review date is listed and counted, with the figure at the previous review', async () => {
    const ri = await api.expectJson('GET', `${meetingPath(k.r2)}/review-inputs`, 200);
    const d = inputOf(ri, 'd');
    assert.equal(d.to_be_presented, false);
    const overdue = metric(d, 'policies.overdue');
    assert.equal(overdue.value, 1);
    assert.equal(overdue.previous, 1, 'it was already overdue at review 1');
    assert.equal(overdue.flag, true);
    assert.match(overdue.href, /^\/policies\?overdue=1/);
    const rows = rowsOf(d).filter((r) => r.label.includes(k.stale.doc.reference));
    assert.equal(rows.length, 1, JSON.stringify(rowsOf(d)));
    assert.equal(rows[0].href, `/policies/${k.stale.doc.id}`);
    assert.match(rows[0].status, /overdue/);
    assert.equal(rows[0].flag, true);
    assert.ok(!rowsOf(d).some((r) => r.label.includes(k.fresh.doc.reference) && /overdue/.test(r.status)));
    const approved = metric(d, 'policies.approved_by_top_management');
    assert.equal(approved.value, 100);
    assert.equal(approved.unit, '%');
  });

  test('g: improvement decisions of other meetings since the previous review', async () => {
    const ri = await api.expectJson('GET', `${meetingPath(k.r2)}/review-inputs`, 200);
    const rows = rowsOf(inputOf(ri, 'g'));
    assert.deepEqual(rows.map((r) => r.label.includes('Automate the joiner-mover-leaver process')), [true], JSON.stringify(rows));
    assert.equal(rows[0].href, `/meetings/${k.exec.id}`);
    assert.equal(rows[0].status, 'no action');
    assert.equal(metric(inputOf(ri, 'g'), 'decisions.improvement').value, 1);
  });

  test('sign-off freezes the inputs and carries the open actions over; a third review carries them twice', async () => {
    await makeReady(api, k.r2);
    const signed = await signMeeting(org, k.r2);
    assert.equal(signed.previous_review_id, k.r1.id);
    const frozen = await api.expectJson('GET', `${meetingPath(k.r2)}/review-inputs`, 200);
    assert.equal(frozen.frozen, true);
    assert.equal(rowsOf(inputOf(frozen, 'a')).length, 3);
    for (const id of [k.dOverdue.action_id, k.dOpen.action_id]) {
      const a = await getAction(api, id);
      assert.equal(a.carried_over, 1, `action ${id} carried over once`);
      assert.deepEqual(a.carryovers.map((c) => c.meeting_id), [k.r2.id]);
      const entries = await ledgerOf(api, 'action', id);
      assert.equal(entries[0].action, 'carried_over');
      assert.equal(entries[0].data.meeting_id, k.r2.id);
    }
    assert.equal((await getAction(api, k.dDone.action_id)).carried_over, 0, 'a done action is not carried over');
    // Closing an action after review 2 changes nothing in its frozen inputs.
    await api.expectJson('POST', `${actionPath(k.dOpen.action_id)}/start`, 200, { json: {} });
    const again = await api.expectJson('GET', `${meetingPath(k.r2)}/review-inputs`, 200);
    assert.deepEqual(again, frozen);

    const r3 = await createMeeting(api, org, { type: 'management_review', title: 'Extra review', starts_at: minuteIn(-3600) });
    const ri3 = await api.expectJson('GET', `${meetingPath(r3)}/review-inputs`, 200);
    assert.equal(ri3.previous_review_id, k.r2.id);
    const rows3 = rowsOf(inputOf(ri3, 'a'));
    assert.deepEqual(rows3.map((r) => r.href), [`/actions/${k.dOverdue.action_id}`, `/actions/${k.dOpen.action_id}`], 'the done one closed before review 2 is gone');
    assert.match(rows3[1].status, /in progress/i);
    await makeReady(api, r3);
    await signMeeting(org, r3);
    const twice = await getAction(api, k.dOverdue.action_id);
    assert.equal(twice.carried_over, 2);
    const ind = await api.expectJson('GET', '/api/v1/meetings/indicators', 200);
    assert.deepEqual(ind.review_actions.carried_over_twice.map((x) => x.id).sort(), [k.dOverdue.action_id, k.dOpen.action_id].sort());
    assert.equal(ind.review_actions.overdue, 1);
    assert.equal(ind.review_actions.open, 2);
    assert.equal(ind.last_review.id, r3.id);
    assert.equal(ind.days_since_last_review, daysAgo(r3.starts_at));
    assert.ok(ind.reviews_without_decisions.some((x) => x.id === k.r2.id), 'review 2 decided nothing: a red flag');
    assert.ok(!ind.reviews_without_decisions.some((x) => x.id === k.r1.id));
    assert.equal(ind.reviews.find((x) => x.id === k.r1.id).decisions, 4);
  });
});

// Organizations are isolated: A's meeting, action and attachment ids answer 404 to B, on pages
// and the API, like ids that do not exist, and change nothing.
describeEachBackend('meetings tenancy', (backend) => {
  let inst;
  let org;
  let bob;
  let apiB;
  let a;
  before(async () => {
    inst = await startInstance(backend);
    org = await meetingOrg(inst, { roles: ['top_management', 'isms_manager', 'staff'] });
    const created = await org.admin.expectJson('POST', '/api/v1/organizations', 201, { json: { name: 'Beta Corp', slug: 'beta' } });
    const adminB = await adminSession(inst);
    assert.equal((await adminB.post('/orgs/switch', { form: { org: String(created.id) } })).status, 303);
    apiB = bearerClient(inst, (await createToken(adminB, 'admin')).secret);
    const bobUser = await createUserWithRole(adminB, 'admin', { email: 'bob.only-b@beta.example', name: 'Bob Beta' });
    await createPerson(apiB, { name: 'Bob Beta', email: bobUser.email });
    bob = new Client(inst);
    await bob.login(bobUser.email, bobUser.password);
    const m = await createMeeting(org.api, org, { type: 'management_review', title: 'Zanzibar review' });
    const item = m.items[0];
    const d = await addDecision(org.api, m, { text: 'Zanzibar decision', type: 'improvement', owner_id: org.people.staff.id, due_on: dayIn(5) });
    const att = await uploadAttachment(org.api, m, 'zanzibar.txt', Buffer.from('Zanzibar secret'));
    assert.equal(att.status, 201);
    const signedM = await signedMeeting(org, { title: 'Zanzibar signed' });
    a = { m, item, d, att: att.json, signed: signedM };
  }, { timeout: 120_000 });
  after(async () => inst?.cleanup());

  // (Signing is top management's: the route refuses B's administrator before any id is read.)
  test("B's administrator on A's meeting, action and attachment ids: 404 everywhere, nothing changes", async () => {
    const id = a.m.id;
    const act = a.d.action_id;
    const calls = [
      ['GET', `/meetings/${id}`], ['GET', `/meetings/${id}/edit`], ['GET', `/meetings/${id}/review`],
      ['GET', `/meetings/${id}/minutes.html`], ['GET', `/meetings/${id}/minutes.pdf`],
      ['GET', `/meetings/${id}/attachments/${a.att.id}`],
      ['POST', `/meetings/${id}`, { form: { type: 'management_review', title: 'Hacked', starts_at: '2026-01-01T10:00', duration_minutes: '60', row_version: '1' } }],
      ['POST', `/meetings/${id}/cancel`, { form: { reason: 'x' } }],
      ['POST', `/meetings/${id}/attendance`, { form: { person_id: String(org.people.staff.id), attendance: 'present' } }],
      ['POST', `/meetings/${id}/items`, { form: { title: 'x' } }],
      ['POST', `/meetings/${id}/items/${a.item.id}`, { form: { title: a.item.title, minutes: 'x', row_version: '1' } }],
      ['POST', `/meetings/${id}/decisions`, { form: { text: 'x', type: 'other' } }],
      ['POST', `/meetings/${id}/decisions/${a.d.id}`, { form: { text: 'x', type: 'other', row_version: '1' } }],
      ['POST', `/meetings/${id}/decisions/${a.d.id}/remove`, { form: {} }],
      ['POST', `/meetings/${id}/attachments/${a.att.id}/remove`, { form: {} }],
      ['POST', `/meetings/${a.signed.id}/addenda`, { form: { body: 'x', password: 'x' } }],
      ['GET', `/actions/${act}`], ['GET', `/actions/${act}/edit`],
      ['POST', `/actions/${act}`, { form: { title: 'Hacked', row_version: '1' } }],
      ['POST', `/actions/${act}/start`, { form: {} }],
      ['POST', `/actions/${act}/complete`, { form: { completion_evidence: 'x' } }],
      ['POST', `/actions/${act}/cancel`, { form: { reason: 'x' } }],
      ['POST', `/actions/${act}/reopen`, { form: { reason: 'x' } }],
      ['POST', `/actions/${act}/notes`, { form: { body: 'x' } }],
      ['GET', `/api/v1/meetings/${id}`], ['GET', `/api/v1/meetings/${id}/review-inputs`],
      ['GET', `/api/v1/meetings/${id}/minutes?format=pdf`],
      ['GET', `/api/v1/meetings/${id}/attachments/${a.att.id}`],
      ['PATCH', `/api/v1/meetings/${id}`, { json: { title: 'Hacked', row_version: 1 } }],
      ['POST', `/api/v1/meetings/${id}/cancel`, { json: { reason: 'x' } }],
      ['PUT', `/api/v1/meetings/${id}/attendance/${org.people.staff.id}`, { json: { attendance: 'present' } }],
      ['POST', `/api/v1/meetings/${id}/items`, { json: { title: 'x' } }],
      ['PATCH', `/api/v1/meetings/${id}/items/${a.item.id}`, { json: { title: a.item.title, minutes: 'x', row_version: a.item.row_version } }],
      ['DELETE', `/api/v1/meetings/${id}/items/${a.item.id}`],
      ['POST', `/api/v1/meetings/${id}/decisions`, { json: { text: 'x', type: 'other' } }],
      ['PATCH', `/api/v1/meetings/${id}/decisions/${a.d.id}`, { json: { text: 'x', type: 'other', row_version: a.d.row_version } }],
      ['DELETE', `/api/v1/meetings/${id}/decisions/${a.d.id}`],
      ['POST', `/api/v1/meetings/${id}/attachments?file_name=x.txt&effective_on=${today()}`, { body: 'x', contentType: 'application/octet-stream' }],
      ['POST', `/api/v1/meetings/${a.signed.id}/addenda`, { json: { body: 'x', password: 'x' } }],
      ['GET', `/api/v1/actions/${act}`],
      ['PATCH', `/api/v1/actions/${act}`, { json: { title: 'Hacked', row_version: 1 } }],
      ['POST', `/api/v1/actions/${act}/start`, { json: {} }],
      ['POST', `/api/v1/actions/${act}/complete`, { json: { completion_evidence: 'x' } }],
      ['POST', `/api/v1/actions/${act}/cancel`, { json: { reason: 'x' } }],
      ['POST', `/api/v1/actions/${act}/reopen`, { json: { reason: 'x' } }],
      ['POST', `/api/v1/actions/${act}/notes`, { json: { body: 'x' } }],
    ];
    const beforeM = await getMeeting(org.api, a.m);
    const beforeA = await getAction(org.api, act);
    const ledgerA = await ledgerSize(org.api);
    const ledgerB = await ledgerSize(apiB);
    const failures = [];
    const ids = new Set([String(id), String(act), String(a.att.id), String(a.item.id), String(a.d.id), String(a.signed.id)]);
    for (const [method, path, opts] of calls) {
      for (const [label, client] of [['session', bob], ['token', apiB]]) {
        if (label === 'token' && !path.startsWith('/api/')) {
          continue;
        }
        const r = await client.request(method, path, opts ?? {});
        if (r.status !== 404) {
          failures.push(`${label} ${method} ${path}: expected 404, got ${r.describe()}`);
        }
        if (path.startsWith('/api/') && r.json?.error?.code !== 'not_found') {
          failures.push(`${label} ${method} ${path}: not the JSON not_found error: ${r.describe()}`);
        }
        if (/Zanzibar/.test(r.text)) {
          failures.push(`${label} ${method} ${path}: leaks A's records`);
        }
        const ghost = path.split(/([/?])/).map((seg) => (ids.has(seg) ? '987654321' : seg)).join('');
        const g = await client.request(method, ghost, opts ?? {});
        if (g.status !== r.status) {
          failures.push(`${label} ${method} ${path} answers ${r.status} but missing ids answer ${g.status} (${ghost})`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(await getMeeting(org.api, a.m), beforeM);
    assert.deepEqual(await getAction(org.api, act), beforeA);
    assert.equal(await ledgerSize(org.api), ledgerA, "A's ledger is unchanged");
    assert.equal(await ledgerSize(apiB), ledgerB, "B's ledger is unchanged");
  });

  test("B's lists, calendar, actions and indicators show nothing of A", async () => {
    for (const path of ['/meetings', '/meetings/calendar', '/actions?view=all', '/actions/by-owner', '/actions/by-source',
      '/actions/export.csv', '/api/v1/meetings', '/api/v1/actions?view=all', '/api/v1/actions/summary?by=owner',
      '/api/v1/meetings/indicators', '/']) {
      const r = await bob.get(path);
      assert.equal(r.status, 200, `${path}: ${r.describe()}`);
      assert.ok(!/Zanzibar/.test(r.text), `${path} leaks A's records`);
    }
    assert.deepEqual((await apiB.expectJson('GET', '/api/v1/meetings', 200)).meetings, []);
    assert.equal((await apiB.expectJson('GET', '/api/v1/actions?view=all', 200)).total, 0);
    // A decision in B cannot name A's person as owner, nor an attachment A's item.
    const mB = await apiB.expectJson('POST', '/api/v1/meetings', 201, { json: { type: 'board', title: 'Beta board', starts_at: minuteIn(3600) } });
    assertApiError(await apiB.post(`/api/v1/meetings/${mB.id}/decisions`, { json: { text: 'x', type: 'other', owner_id: org.people.staff.id, due_on: dayIn(3) } }), 422, 'invalid', ['owner_id']);
    assertApiError(await apiB.post(`/api/v1/meetings/${mB.id}/decisions`, { json: { text: 'x', type: 'other', item_id: a.item.id } }), 422, 'invalid', ['item_id']);
    assertApiError(await apiB.put(`/api/v1/meetings/${mB.id}/attendance/${org.people.staff.id}`, { json: { attendance: 'present' } }), 422, 'invalid', ['person_id']);
  });
});
