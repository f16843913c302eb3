// web/tests/integration/actions_api.test.mjs — the actions JSON API over real HTTP on both
// backends: the register and its views (open, mine, overdue, escalated, all; by owner, by
// source), the status machine (open → in progress → done; cancel with a reason; reopen) with
// every refused transition answering 409 and every bad input 422 naming the field, each leaving
// the ledger exactly as it was; progress notes and completion evidence; closure by someone other
// than the owner where the organization requires it; the escalation marker after N days overdue;
// the CSV export (formulas neutralised); a staff member sees and moves only their own actions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  actionPath, assertApiError, createAction, dayIn, getAction, ledgerOf, ledgerSize, meetingOrg,
} from '../lib/meetings.mjs';
import { unique } from '../lib/client.mjs';
import { describeEachBackend, startInstance } from '../lib/server.mjs';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describeEachBackend('actions API', (backend) => {
  let inst;
  let org;
  let api;
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

  test('life: create, edit, start, note, complete with evidence, reopen, cancel with a reason', async () => {
    const ed = org.sessions.contributor;
    const p = org.people;
    const a = await grewBy(1, () => createAction(ed, {
      title: 'Replace the VPN concentrator', description: 'End of support in **June**.', owner_id: p.isms_manager.id,
      due_on: dayIn(30), source: 'audit', source_ref: 'audit:2026-1',
    }));
    assert.ok(a.id);
    assert.equal(a.title, 'Replace the VPN concentrator');
    assert.equal(a.description, 'End of support in **June**.');
    assert.equal(a.source, 'audit');
    assert.equal(a.source_ref, 'audit:2026-1');
    assert.equal(a.meeting_id, null);
    assert.equal(a.decision_id, null);
    assert.equal(a.owner_id, p.isms_manager.id);
    assert.equal(a.owner_name, p.isms_manager.name);
    assert.equal(a.due_on, dayIn(30));
    assert.equal(a.status, 'open');
    assert.equal(a.days_overdue, 0);
    assert.equal(a.escalated, false);
    assert.equal(a.carried_over, 0);
    assert.equal(a.closed_at, null);
    assert.equal(a.closed_by, null);
    assert.match(a.created_at, RFC3339);
    assert.deepEqual(a.notes, []);
    assert.deepEqual(a.carryovers, []);

    const edited = await grewBy(1, () => ed.expectJson('PATCH', actionPath(a), 200, {
      json: { title: 'Replace the VPN concentrator (both sites)', due_on: dayIn(45), row_version: a.row_version },
    }));
    assert.equal(edited.title, 'Replace the VPN concentrator (both sites)');
    assert.equal(edited.due_on, dayIn(45));
    assert.equal(edited.owner_id, p.isms_manager.id, 'fields left out are kept');
    assert.equal(edited.row_version, a.row_version + 1);
    assertApiError(await unchanged(() => ed.patch(actionPath(a), { json: { title: 'Stale', row_version: a.row_version } })), 409, 'stale');
    // Clearing the owner and the due date with null.
    const cleared = await ed.expectJson('PATCH', actionPath(a), 200, { json: { owner_id: null, due_on: null, row_version: edited.row_version } });
    assert.equal(cleared.owner_id, null);
    assert.equal(cleared.due_on, null);
    const back = await ed.expectJson('PATCH', actionPath(a), 200, { json: { owner_id: p.isms_manager.id, due_on: dayIn(45), row_version: cleared.row_version } });

    // The owner starts it and adds a note; an editor may add notes too.
    const ism = org.sessions.isms_manager;
    const started = await grewBy(1, () => ism.expectJson('POST', `${actionPath(a)}/start`, 200, { json: {} }));
    assert.equal(started.status, 'in_progress');
    const note = await grewBy(1, () => ism.expectJson('POST', `${actionPath(a)}/notes`, 201, { json: { body: 'Quote received from two vendors.' } }));
    assert.equal(note.body, 'Quote received from two vendors.');
    assert.equal(note.action_id, a.id);
    assert.match(note.at, RFC3339);
    await ed.expectJson('POST', `${actionPath(a)}/notes`, 201, { json: { body: 'Budget confirmed.' } });
    const withNotes = await getAction(api, a);
    assert.deepEqual(withNotes.notes.map((n) => n.body), ['Quote received from two vendors.', 'Budget confirmed.'], 'oldest first');

    // Complete with evidence: closed by the caller at a time.
    const done = await grewBy(1, () => ism.expectJson('POST', `${actionPath(a)}/complete`, 200, {
      json: { completion_evidence: 'Change CHG-1042 closed; new concentrators in service.' },
    }));
    assert.equal(done.status, 'done');
    assert.equal(done.completion_evidence, 'Change CHG-1042 closed; new concentrators in service.');
    assert.match(done.closed_at, RFC3339);
    assert.equal(done.closed_by, org.users.isms_manager.name);
    // A note on a closed action documents what happened after.
    await ism.expectJson('POST', `${actionPath(a)}/notes`, 201, { json: { body: 'Old devices wiped.' } });

    // Reopen (editors, with a reason), then cancel (editors, with a reason).
    const reopened = await grewBy(1, () => ed.expectJson('POST', `${actionPath(a)}/reopen`, 200, { json: { reason: 'The second site was missed.' } }));
    assert.equal(reopened.status, 'open');
    assert.equal(reopened.closed_at, null);
    const cancelled = await grewBy(1, () => ed.expectJson('POST', `${actionPath(a)}/cancel`, 200, { json: { reason: 'The site is being closed.' } }));
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancel_reason, 'The site is being closed.');
    assert.match(cancelled.closed_at, RFC3339);

    const history = (await ledgerOf(api, 'action', a.id)).map((e) => e.action);
    assert.deepEqual(history.slice().reverse(), ['create', 'update', 'update', 'update', 'start', 'note', 'note', 'complete', 'note', 'reopen', 'cancel']);
    assert.ok(back.row_version > edited.row_version);
  });

  test('every refused transition answers 409 naming the status and changes nothing', async () => {
    const ed = org.sessions.isms_manager;
    const fresh = () => createAction(api, { owner_id: org.people.contributor.id });
    const tr = (a, verb, body = {}) => ed.post(`${actionPath(a)}/${verb}`, { json: body });
    const ev = { completion_evidence: 'Evidence' };
    const why = { reason: 'Because' };

    const open = await fresh();
    for (const [verb, body, pattern] of [['complete', ev, /open: start it/], ['reopen', why, /open already/]]) {
      const r = await unchanged(() => tr(open, verb, body));
      assertApiError(r, 409, 'conflict');
      assert.match(r.json.error.message, pattern, `${verb} on open`);
    }
    const inProgress = await fresh();
    await api.expectJson('POST', `${actionPath(inProgress)}/start`, 200, { json: {} });
    for (const [verb, body, pattern] of [['start', {}, /in progress already/], ['reopen', why, /only done or cancelled/]]) {
      const r = await unchanged(() => tr(inProgress, verb, body));
      assertApiError(r, 409, 'conflict');
      assert.match(r.json.error.message, pattern, `${verb} on in progress`);
    }
    const done = await fresh();
    await api.expectJson('POST', `${actionPath(done)}/start`, 200, { json: {} });
    await api.expectJson('POST', `${actionPath(done)}/complete`, 200, { json: ev });
    for (const [verb, body, pattern] of [['start', {}, /done: reopen it/], ['complete', ev, /done already/], ['cancel', why, /only open or in-progress/]]) {
      const r = await unchanged(() => tr(done, verb, body));
      assertApiError(r, 409, 'conflict');
      assert.match(r.json.error.message, pattern, `${verb} on done`);
    }
    const doneNow = await getAction(api, done);
    assertApiError(await unchanged(() => ed.patch(actionPath(done), { json: { title: 'Changed after done', row_version: doneNow.row_version } })), 409, 'conflict');
    const cancelled = await fresh();
    await api.expectJson('POST', `${actionPath(cancelled)}/cancel`, 200, { json: why });
    for (const [verb, body, pattern] of [['start', {}, /cancelled: reopen it/], ['complete', ev, /cancelled: reopen it/], ['cancel', why, /cancelled already/]]) {
      const r = await unchanged(() => tr(cancelled, verb, body));
      assertApiError(r, 409, 'conflict');
      assert.match(r.json.error.message, pattern, `${verb} on cancelled`);
    }
    assert.equal((await getAction(api, open)).status, 'open');
    assert.equal((await getAction(api, inProgress)).status, 'in_progress');
    assert.equal((await getAction(api, done)).status, 'done');
    assert.equal((await getAction(api, cancelled)).status, 'cancelled');
  });

  test('bad input answers 422 naming the field and changes nothing', async () => {
    const ed = org.sessions.contributor;
    const a = await createAction(api, { owner_id: org.people.contributor.id });
    await unchanged(async () => {
      assertApiError(await ed.post('/api/v1/actions', { json: {} }), 422, 'invalid', ['title']);
      assertApiError(await ed.post('/api/v1/actions', { json: { title: '   ' } }), 422, 'invalid', ['title']);
      assertApiError(await ed.post('/api/v1/actions', { json: { title: 'x'.repeat(301) } }), 422, 'invalid', ['title']);
      assertApiError(await ed.post('/api/v1/actions', {
        json: { title: 'Bad', due_on: '2026-02-30', owner_id: 987654321, source: 'whim', colour: 'red' },
      }), 422, 'invalid', ['due_on', 'source', 'colour']);
      assertApiError(await ed.post('/api/v1/actions', { json: { title: 'Bad owner', owner_id: 987654321 } }), 422, 'invalid', ['owner_id']);
      assertApiError(await ed.post('/api/v1/actions', { json: { title: 'Bad owner', owner_id: 'me' } }), 422, 'invalid', ['owner_id']);
      assertApiError(await ed.post('/api/v1/actions', { json: { title: 'Meeting source', source: 'meeting_decision' } }), 422, 'invalid', ['source']);
      assertApiError(await ed.post('/api/v1/actions', { json: { title: 'Review source', source: 'management_review' } }), 422, 'invalid', ['source']);
      assertApiError(await ed.post('/api/v1/actions', { json: { title: 'Ctrl \u0007 char' } }), 422, 'invalid', ['title']);
      assertApiError(await ed.post('/api/v1/actions', { body: '{"title": "Half', contentType: 'application/json' }), 400, 'bad_request');
      assertApiError(await ed.patch(actionPath(a), { json: { title: 'No version' } }), 422, 'invalid', ['row_version']);
      assertApiError(await ed.patch(actionPath(a), { json: { due_on: 'next week', row_version: a.row_version } }), 422, 'invalid', ['due_on']);
      assertApiError(await ed.post(`${actionPath(a)}/start`, { json: { force: true } }), 422, 'invalid', ['force']);
      assertApiError(await ed.post(`${actionPath(a)}/cancel`, { json: {} }), 422, 'invalid', ['reason']);
      assertApiError(await ed.post(`${actionPath(a)}/cancel`, { json: { reason: '  ' } }), 422, 'invalid', ['reason']);
      assertApiError(await ed.post(`${actionPath(a)}/notes`, { json: {} }), 422, 'invalid', ['body']);
      assertApiError(await ed.post(`${actionPath(a)}/notes`, { json: { body: 'x'.repeat(10_001) } }), 422, 'invalid', ['body']);
    });
    await api.expectJson('POST', `${actionPath(a)}/start`, 200, { json: {} });
    await unchanged(async () => {
      assertApiError(await ed.post(`${actionPath(a)}/complete`, { json: {} }), 422, 'invalid', ['completion_evidence']);
      assertApiError(await ed.post(`${actionPath(a)}/complete`, { json: { completion_evidence: '' } }), 422, 'invalid', ['completion_evidence']);
      assertApiError(await ed.post(`${actionPath(a)}/complete`, { json: { completion_evidence: 'x'.repeat(10_001) } }), 422, 'invalid', ['completion_evidence']);
    });
    await api.expectJson('POST', `${actionPath(a)}/complete`, 200, { json: { completion_evidence: 'Done.' } });
    await unchanged(async () => {
      assertApiError(await ed.post(`${actionPath(a)}/reopen`, { json: {} }), 422, 'invalid', ['reason']);
      for (const q of ['view=lost', 'source=whim', 'state=sleeping', 'sort=colour', 'owner=me', 'desc=maybe']) {
        const field = q.split('=')[0];
        assertApiError(await ed.get(`/api/v1/actions?${q}`), 422, 'invalid', [field]);
      }
      assertApiError(await ed.get('/api/v1/actions/summary?by=colour'), 422, 'invalid', ['by']);
      assertApiError(await ed.get('/api/v1/actions/987654321'), 404, 'not_found');
      assertApiError(await ed.post('/api/v1/actions/987654321/start', { json: {} }), 404, 'not_found');
    });
    await unchanged(async () => {
      for (const bad of [0, 366, -5]) {
        assertApiError(await api.put('/api/v1/actions/settings', { json: { escalate_after_days: bad } }), 422, 'invalid', ['escalate_after_days']);
      }
      assertApiError(await api.put('/api/v1/actions/settings', { json: { escalate_after_days: 'soon' } }), 422, 'invalid', ['escalate_after_days']);
      assertApiError(await api.put('/api/v1/actions/settings', { json: { independent_closure: 'yes' } }), 422, 'invalid', ['independent_closure']);
      assertApiError(await api.put('/api/v1/actions/settings', { json: { weekends: false } }), 422, 'invalid', ['weekends']);
    });
  });

  describe('views, escalation, independent closure', () => {
    let mine;
    let theirs;
    let late;
    let veryLate;
    const tag = unique('VIEW');
    before(async () => {
      const p = org.people;
      mine = await createAction(api, { title: `${tag} staff task`, owner_id: p.staff.id, due_on: dayIn(10), source: 'walk', source_ref: 'walk:7' });
      theirs = await createAction(api, { title: `${tag} contributor task`, owner_id: p.contributor.id, due_on: dayIn(20), source: 'nonconformity' });
      late = await createAction(api, { title: `${tag} two days late`, owner_id: p.contributor.id, due_on: dayIn(-2) });
      veryLate = await createAction(api, { title: `${tag} forty days late`, owner_id: p.staff.id, due_on: dayIn(-40) });
    });

    test('overdue and escalated: days past due, escalation after the configured days', async () => {
      const s0 = await api.expectJson('GET', '/api/v1/actions/settings', 200);
      assert.deepEqual(s0, { independent_closure: false, escalate_after_days: 30 });
      let l = await getAction(api, late);
      assert.equal(l.days_overdue, 2);
      assert.equal(l.escalated, false);
      let v = await getAction(api, veryLate);
      assert.equal(v.days_overdue, 40);
      assert.equal(v.escalated, true, '40 days late, escalation after 30');
      const overdue = await api.expectJson('GET', `/api/v1/actions?view=overdue&q=${tag}`, 200);
      assert.deepEqual(overdue.actions.map((x) => x.id), [veryLate.id, late.id], 'by due date: most overdue first');
      assert.equal(overdue.total, 2);
      const escalated = await api.expectJson('GET', `/api/v1/actions?view=escalated&q=${tag}`, 200);
      assert.deepEqual(escalated.actions.map((x) => x.id), [veryLate.id]);
      // Escalate after 1 day: both are escalated now.
      await api.expectJson('PUT', '/api/v1/actions/settings', 200, { json: { escalate_after_days: 1 } });
      l = await getAction(api, late);
      assert.equal(l.escalated, true);
      const both = await api.expectJson('GET', `/api/v1/actions?view=escalated&q=${tag}`, 200);
      assert.deepEqual(both.actions.map((x) => x.id).sort(), [late.id, veryLate.id].sort());
      await api.expectJson('PUT', '/api/v1/actions/settings', 200, { json: { escalate_after_days: 30 } });
      // A done action is not overdue, whatever its date.
      const closed = await createAction(api, { title: `${tag} closed late`, owner_id: org.people.contributor.id, due_on: dayIn(-50) });
      await api.expectJson('POST', `${actionPath(closed)}/start`, 200, { json: {} });
      v = await api.expectJson('POST', `${actionPath(closed)}/complete`, 200, { json: { completion_evidence: 'Finally.' } });
      assert.equal(v.days_overdue, 0);
      assert.equal(v.escalated, false);
      const all = await api.expectJson('GET', `/api/v1/actions?view=all&q=${tag}`, 200);
      assert.equal(all.total, 5);
      const open = await api.expectJson('GET', `/api/v1/actions?view=open&q=${tag}`, 200);
      assert.equal(open.total, 4);
      const bySource = await api.expectJson('GET', `/api/v1/actions?view=all&source=walk&q=${tag}`, 200);
      assert.deepEqual(bySource.actions.map((x) => x.id), [mine.id]);
      const byOwner = await api.expectJson('GET', `/api/v1/actions?view=all&owner=${org.people.staff.id}&q=${tag}`, 200);
      assert.deepEqual(byOwner.actions.map((x) => x.id).sort(), [mine.id, veryLate.id].sort());
      const sorted = await api.expectJson('GET', `/api/v1/actions?view=all&q=${tag}&sort=title&desc=1`, 200);
      const titles = sorted.actions.map((x) => x.title.toLowerCase());
      assert.deepEqual(titles, [...titles].sort().reverse());
      const sumOwner = await api.expectJson('GET', '/api/v1/actions/summary?by=owner', 200);
      const staffGroup = sumOwner.groups.find((g) => g.key === String(org.people.staff.id));
      assert.ok(staffGroup, JSON.stringify(sumOwner));
      assert.equal(staffGroup.label, org.people.staff.name);
      assert.ok(staffGroup.overdue >= 1 && staffGroup.escalated >= 1 && staffGroup.open >= 2, JSON.stringify(staffGroup));
      const sumSource = await api.expectJson('GET', '/api/v1/actions/summary?by=source', 200);
      assert.equal(sumSource.by, 'source');
      assert.ok(sumSource.groups.find((g) => g.key === 'walk').open >= 1);
      assert.ok(sumSource.groups.find((g) => g.key === 'nonconformity').open >= 1);
    });

    test('a staff member lists, sees and moves only their own actions', async () => {
      const staff = org.sessions.staff;
      const own = await staff.expectJson('GET', '/api/v1/actions', 200);
      assert.ok(own.actions.length >= 2);
      assert.ok(own.actions.every((x) => x.owner_id === org.people.staff.id), JSON.stringify(own.actions.map((x) => x.owner_id)));
      assert.ok(own.actions.some((x) => x.id === mine.id) && own.actions.some((x) => x.id === veryLate.id));
      const mineView = await staff.expectJson('GET', '/api/v1/actions?view=mine', 200);
      assert.deepEqual(mineView.actions.map((x) => x.id).sort(), own.actions.map((x) => x.id).sort());
      for (const v of ['open', 'all', 'overdue', 'escalated']) {
        assertApiError(await staff.get(`/api/v1/actions?view=${v}`), 403, 'forbidden');
      }
      assertApiError(await staff.get('/api/v1/actions/summary?by=owner'), 403, 'forbidden');
      const seen = await staff.expectJson('GET', actionPath(mine), 200);
      assert.equal(seen.permissions.can_progress, true);
      assert.equal(seen.permissions.can_edit, false);
      // Another's action: as if it did not exist (like an unknown id), for reading and for every
      // change (collected, so one refusal does not hide the others).
      const notFound = [];
      await unchanged(async () => {
        for (const [method, path, opts] of [
          ['GET', actionPath(theirs)],
          ['POST', `${actionPath(theirs)}/start`, { json: {} }],
          ['POST', `${actionPath(theirs)}/notes`, { json: { body: 'Not mine' } }],
          ['POST', `${actionPath(theirs)}/complete`, { json: { completion_evidence: 'x' } }],
        ]) {
          const r = await staff.request(method, path, opts ?? {});
          const ghost = await staff.request(method, path.replace(`/${theirs.id}`, '/987654321'), opts ?? {});
          if (r.status !== 404 || r.json?.error?.code !== 'not_found' || ghost.status !== r.status) {
            notFound.push(`${method} ${path}: expected 404 like an unknown id (${ghost.status}), got ${r.describe()}`);
          }
        }
        // Editors' moves are refused by role.
        assertApiError(await staff.post('/api/v1/actions', { json: { title: 'Mine now' } }), 403, 'forbidden');
        assertApiError(await staff.patch(actionPath(mine), { json: { title: 'Renamed', row_version: mine.row_version } }), 403, 'forbidden');
        assertApiError(await staff.post(`${actionPath(mine)}/cancel`, { json: { reason: 'No' } }), 403, 'forbidden');
        assertApiError(await staff.put('/api/v1/actions/settings', { json: { escalate_after_days: 5 } }), 403, 'forbidden');
      });
      // Their own: start, note, complete.
      await staff.expectJson('POST', `${actionPath(mine)}/start`, 200, { json: {} });
      await staff.expectJson('POST', `${actionPath(mine)}/notes`, 201, { json: { body: 'Walked the floor with the facilities team.' } });
      const done = await staff.expectJson('POST', `${actionPath(mine)}/complete`, 200, { json: { completion_evidence: 'Photos in the walk record.' } });
      assert.equal(done.status, 'done');
      assert.equal(done.closed_by, org.users.staff.name);
      assertApiError(await unchanged(() => staff.post(`${actionPath(mine)}/reopen`, { json: { reason: 'Oops' } })), 403, 'forbidden');
      assert.deepEqual(notFound, []);
    });

    test('independent closure: the owner cannot complete their own action; someone else can', async () => {
      const ism = org.sessions.isms_manager;
      const a = await createAction(api, { title: `${tag} independent`, owner_id: org.people.staff.id, due_on: dayIn(5) });
      const b = await createAction(api, { title: `${tag} editor owner`, owner_id: org.people.contributor.id, due_on: dayIn(5) });
      assertApiError(await unchanged(() => org.sessions.contributor.put('/api/v1/actions/settings', { json: { independent_closure: true } })), 403, 'forbidden');
      const set = await grewBy(1, () => ism.expectJson('PUT', '/api/v1/actions/settings', 200, { json: { independent_closure: true } }));
      assert.deepEqual(set, { independent_closure: true, escalate_after_days: 30 });
      const entry = (await ledgerOf(api, 'action_settings', 'org'))[0];
      assert.equal(entry.action, 'set');
      try {
        await org.sessions.staff.expectJson('POST', `${actionPath(a)}/start`, 200, { json: {} });
        const v = await org.sessions.staff.expectJson('GET', actionPath(a), 200);
        assert.equal(v.permissions.can_complete, false);
        assert.match(v.permissions.complete_refusal, /someone other than the owner/);
        const r = await unchanged(() => org.sessions.staff.post(`${actionPath(a)}/complete`, { json: { completion_evidence: 'I did it.' } }));
        assertApiError(r, 403, 'forbidden');
        assert.match(r.json.error.message, /other than their owner/);
        assert.equal((await getAction(api, a)).status, 'in_progress');
        const closed = await ism.expectJson('POST', `${actionPath(a)}/complete`, 200, { json: { completion_evidence: 'Checked on site by the ISMS manager.' } });
        assert.equal(closed.status, 'done');
        assert.equal(closed.closed_by, org.users.isms_manager.name);
        // An editor who owns the action is its owner too.
        await org.sessions.contributor.expectJson('POST', `${actionPath(b)}/start`, 200, { json: {} });
        assertApiError(await unchanged(() => org.sessions.contributor.post(`${actionPath(b)}/complete`, { json: { completion_evidence: 'Mine.' } })), 403, 'forbidden');
        await ism.expectJson('POST', `${actionPath(b)}/complete`, 200, { json: { completion_evidence: 'Verified.' } });
      } finally {
        await ism.expectJson('PUT', '/api/v1/actions/settings', 200, { json: { independent_closure: false } });
      }
    });

    test('CSV export: the list as columns, formulas neutralised, from the page route', async () => {
      const formula = await createAction(api, { title: `=HYPERLINK("http://evil.example","${tag}")`, owner_id: org.people.contributor.id });
      const r = await org.sessions.auditor.get(`/actions/export.csv?view=all&q=${tag}`);
      assert.equal(r.status, 200, r.describe());
      assert.match(r.header('content-type'), /^text\/csv/);
      assert.match(r.header('content-disposition') ?? '', /^attachment/);
      const lines = r.text.trim().split(/\r?\n/);
      assert.equal(lines[0].toLowerCase(), 'id,title,source,source reference,meeting,owner,due on,status,days overdue,escalated,carried over,closed at,closed by,cancel reason,completion evidence');
      assert.ok(lines.length >= 7, r.text);
      const row = lines.find((l) => l.startsWith(`${veryLate.id},`));
      assert.ok(row, r.text);
      assert.ok(row.includes(org.people.staff.name));
      assert.ok(row.includes(dayIn(-40)));
      assert.ok(row.includes(',40,'), `days overdue in the row: ${row}`);
      const evil = lines.find((l) => l.startsWith(`${formula.id},`));
      assert.ok(evil, r.text);
      assert.ok(!evil.includes(',=HYPERLINK') && !evil.includes(',"=HYPERLINK'), `a formula is neutralised: ${evil}`);
      const overdueOnly = await org.sessions.auditor.get(`/actions/export.csv?view=overdue&q=${tag}`);
      const ids = overdueOnly.text.trim().split(/\r?\n/).slice(1).map((l) => Number(l.split(',')[0]));
      assert.deepEqual(ids.sort(), [late.id, veryLate.id].sort());
      assert.equal((await org.sessions.staff.get('/actions/export.csv')).status, 403);
    });
  });

  test('the ledger still verifies after everything above', async () => {
    const v = await api.expectJson('GET', '/api/v1/ledger/verify', 200);
    assert.equal(v.ok, true, JSON.stringify(v));
  });
});
