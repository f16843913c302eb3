// web/tests/integration/calendar_ics.test.mjs — the per-user calendar feed (.ics) over real HTTP
// on both backends, read by an independent parser (Debian's python3-icalendar through
// web/tests/lib/ics_parse.py): a staff member makes a feed address in their session (shown once,
// kept hashed), fetches it without signing in, and finds exactly the meetings they are invited to
// (from twelve months back; a cancelled one marked CANCELLED) and the due dates of the open
// actions they own — nobody else's. Tokens cannot make feeds; at most five active addresses; an
// unknown, malformed or revoked address and the address of someone no longer a member answer 404.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, createPerson, createUserWithRole, ledgerSize, unique } from '../lib/client.mjs';
import {
  actionPath, assertApiError, createAction, createMeeting, dayIn, ledgerOf, meetingOrg,
  meetingPath, minuteIn, parseIcs,
} from '../lib/meetings.mjs';
import { describeEachBackend, startInstance } from '../lib/server.mjs';

describeEachBackend('calendar feed (.ics)', (backend) => {
  let inst;
  let org;
  let api;
  const k = {};
  before(async () => {
    inst = await startInstance(backend);
    org = await meetingOrg(inst);
    api = org.api;
    const p = org.people;
    const staffAnd = (...ids) => [p.staff.id, ...ids];
    k.invited = await createMeeting(api, org, {
      type: 'executive_committee', title: 'Budget, risks; and "more" \\ review', starts_at: '2030-05-14T09:30:00Z',
      duration_minutes: 90, place: 'Room 4, 2nd floor', invitees: staffAnd(p.isms_manager.id),
    });
    k.notInvited = await createMeeting(api, org, { type: 'board', title: 'Board without staff', starts_at: minuteIn(5 * 86400) });
    k.cancelled = await createMeeting(api, org, { type: 'isms_steering', title: 'Steering that was cancelled', starts_at: minuteIn(9 * 86400), invitees: staffAnd() });
    await api.expectJson('POST', `${meetingPath(k.cancelled)}/cancel`, 200, { json: { reason: 'Chair ill' } });
    k.old = await createMeeting(api, org, { type: 'other', title: 'Too old to list', starts_at: minuteIn(-400 * 86400), invitees: staffAnd() });
    k.recent = await createMeeting(api, org, { type: 'management_review', title: 'Review last month', starts_at: minuteIn(-30 * 86400), invitees: staffAnd() });
    k.chairedByOther = await createMeeting(api, org, { type: 'other', title: 'Unrelated chat', chair_id: p.contributor.id, invitees: [p.contributor.id] });
    k.due = await createAction(api, { title: 'Patch the kiosk PCs; then "report"', owner_id: p.staff.id, due_on: dayIn(12) });
    k.started = await createAction(api, { title: 'Label the archive boxes', owner_id: p.staff.id, due_on: dayIn(3) });
    await api.expectJson('POST', `${actionPath(k.started)}/start`, 200, { json: {} });
    k.done = await createAction(api, { title: 'Already done thing', owner_id: p.staff.id, due_on: dayIn(4) });
    await api.expectJson('POST', `${actionPath(k.done)}/start`, 200, { json: {} });
    await api.expectJson('POST', `${actionPath(k.done)}/complete`, 200, { json: { completion_evidence: 'Done.' } });
    k.noDate = await createAction(api, { title: 'Someday task', owner_id: p.staff.id, due_on: null });
    k.others = await createAction(api, { title: 'Contributor task', owner_id: p.contributor.id, due_on: dayIn(5) });
  }, { timeout: 120_000 });
  after(async () => inst?.cleanup());

  const anonymous = () => new Client(inst);
  const feedPath = (t) => new URL(t.url).pathname;

  test('a staff member\'s feed: their meetings and open action due dates, parsed by python3-icalendar', async () => {
    const staff = org.sessions.staff;
    const before = await ledgerSize(api);
    const t = await staff.expectJson('POST', '/api/v1/calendar/tokens', 201, { json: {} });
    assert.equal(await ledgerSize(api), before + 1);
    assert.ok(t.id);
    const url = new URL(t.url);
    assert.equal(url.origin, inst.url);
    assert.match(url.pathname, /^\/calendar\/feed\/mdc_[A-Za-z0-9_-]{20,}\.ics$/);
    const secret = url.pathname.slice('/calendar/feed/'.length, -'.ics'.length);
    assert.equal(t.prefix, secret.slice(0, 12));
    const entry = (await ledgerOf(api, 'calendar_token', t.id))[0];
    assert.equal(entry.action, 'create');
    assert.ok(!JSON.stringify(entry).includes(secret), 'the secret is not in the ledger');
    // The tokens page lists the prefix, never the secret.
    const page = await staff.get('/calendar');
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(t.prefix));
    assert.ok(!page.text.includes(secret));

    const r = await anonymous().get(url.pathname);
    assert.equal(r.status, 200, r.describe());
    assert.equal(r.header('content-type'), 'text/calendar; charset=utf-8');
    assert.match(r.header('cache-control') ?? '', /no-store/);
    assert.match(r.text, /\r\n/, 'lines end with CRLF');
    const ics = await parseIcs(r.text);
    assert.equal(ics.calendar.version, '2.0');
    assert.ok(ics.calendar.prodid);
    assert.equal(ics.calendar.method, 'PUBLISH');
    assert.equal(ics.calendar['x-wr-calname'], `Mandate — ${inst.admin.orgName}`);
    for (const c of ics.components) {
      assert.deepEqual(c.errors, [], `${c.uid} parsed without errors`);
      assert.ok(c.dtstamp, `${c.uid} has DTSTAMP`);
    }
    const uids = ics.components.map((c) => c.uid).sort();
    const slug = inst.admin.orgSlug;
    assert.deepEqual(uids, [
      `action-${k.due.id}@${slug}`, `action-${k.started.id}@${slug}`,
      `meeting-${k.cancelled.id}@${slug}`, `meeting-${k.invited.id}@${slug}`, `meeting-${k.recent.id}@${slug}`,
    ].sort(), JSON.stringify(ics.components.map((c) => `${c.uid} ${c.summary}`)));
    const byUid = Object.fromEntries(ics.components.map((c) => [c.uid, c]));

    const m = byUid[`meeting-${k.invited.id}@${slug}`];
    assert.equal(m.type, 'VEVENT');
    assert.equal(m.summary, 'Budget, risks; and "more" \\ review', 'commas, semicolons and backslashes survive escaping');
    assert.equal(m.dtstart, '2030-05-14T09:30:00+00:00');
    assert.equal(m.dtend, '2030-05-14T11:00:00+00:00');
    assert.equal(m.location, 'Room 4, 2nd floor');
    assert.equal(m.status, 'CONFIRMED');
    assert.match(m.description, /Executive committee/);
    assert.ok(m.description.includes(org.people.top_management.name), 'the chair is named');

    const c = byUid[`meeting-${k.cancelled.id}@${slug}`];
    assert.equal(c.status, 'CANCELLED');
    assert.match(c.description, /Cancelled: Chair ill/);

    const a = byUid[`action-${k.due.id}@${slug}`];
    assert.equal(a.type, 'VEVENT');
    assert.equal(a.summary, 'Action due: Patch the kiosk PCs; then "report"');
    assert.equal(a.dtstart, dayIn(12), 'an all-day event on the due date');
    assert.equal(a.dtend, dayIn(13));
    assert.match(a.description, /Open/);
    assert.match(byUid[`action-${k.started.id}@${slug}`].description, /In progress/);
  });

  test('the feed follows the records: a new invitation, a closed action', async () => {
    const staff = org.sessions.staff;
    const t = await staff.expectJson('POST', '/api/v1/calendar/tokens', 201, { json: {} });
    const m = await createMeeting(api, org, { type: 'isms_steering', title: unique('New steering'), starts_at: minuteIn(20 * 86400) });
    const slug = inst.admin.orgSlug;
    let ics = await parseIcs((await anonymous().get(feedPath(t))).text);
    assert.ok(!ics.components.some((c) => c.uid === `meeting-${m.id}@${slug}`));
    await api.expectJson('PUT', `${meetingPath(m)}/attendance/${org.people.staff.id}`, 200, { json: { attendance: 'invited' } });
    const a = await createAction(api, { title: unique('Feed action'), owner_id: org.people.staff.id, due_on: dayIn(8) });
    ics = await parseIcs((await anonymous().get(feedPath(t))).text);
    assert.ok(ics.components.some((c) => c.uid === `meeting-${m.id}@${slug}`), 'invited now');
    assert.ok(ics.components.some((c) => c.uid === `action-${a.id}@${slug}`));
    await api.expectJson('POST', `${actionPath(a)}/cancel`, 200, { json: { reason: 'Not needed' } });
    ics = await parseIcs((await anonymous().get(feedPath(t))).text);
    assert.ok(!ics.components.some((c) => c.uid === `action-${a.id}@${slug}`), 'a cancelled action has no due date to show');
  });

  test('tokens: sessions only, at most five active, revoked and unknown addresses answer 404', async () => {
    assertApiError(await org.tokens.staff.post('/api/v1/calendar/tokens', { json: {} }), 403, 'forbidden');
    assertApiError(await org.tokens.admin.post('/api/v1/calendar/tokens', { json: {} }), 403, 'forbidden');
    const u = await createUserWithRole(org.admin, 'contributor', { name: 'Cal Limit' });
    await createPerson(api, { name: u.name, email: u.email });
    const s = new Client(inst);
    await s.login(u.email, u.password);
    const made = [];
    for (let i = 0; i < 5; i += 1) {
      made.push(await s.expectJson('POST', '/api/v1/calendar/tokens', 201, { json: {} }));
    }
    const sixth = await s.post('/api/v1/calendar/tokens', { json: {} });
    assertApiError(sixth, 409, 'conflict');
    assert.match(sixth.json.error.message, /5 active/);
    // Revoke one through the page: its feed is gone, a new one can be made.
    const first = made[0];
    assert.equal((await anonymous().get(feedPath(first))).status, 200);
    const rv = await s.post(`/calendar/tokens/${first.id}/revoke`, { form: {} });
    assert.equal(rv.status, 303, rv.describe());
    assert.match(rv.location, /^\/calendar/);
    const gone = await anonymous().get(feedPath(first));
    assert.equal(gone.status, 404, gone.describe());
    assert.ok(!/BEGIN:VCALENDAR/.test(gone.text));
    assert.equal((await s.post(`/calendar/tokens/${first.id}/revoke`, { form: {} })).status, 409, 'already revoked');
    await s.expectJson('POST', '/api/v1/calendar/tokens', 201, { json: {} });
    // Someone else's token cannot be revoked by me: 404, and it keeps working.
    const other = await org.sessions.staff.expectJson('POST', '/api/v1/calendar/tokens', 201, { json: {} });
    const ledger = await ledgerSize(api);
    assert.equal((await s.post(`/calendar/tokens/${other.id}/revoke`, { form: {} })).status, 404);
    assert.equal(await ledgerSize(api), ledger);
    assert.equal((await anonymous().get(feedPath(other))).status, 200);

    // Unknown, malformed and tampered addresses.
    const secret = feedPath(made[1]).slice('/calendar/feed/'.length, -4);
    const flipped = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    for (const path of [`/calendar/feed/${flipped}.ics`, `/calendar/feed/${secret}`, `/calendar/feed/${secret}.ICS`,
      `/calendar/feed/${secret}.ics.ics`, '/calendar/feed/mdc_unknown.ics', '/calendar/feed/.ics', `/calendar/feed/${'x'.repeat(300)}.ics`]) {
      const r = await anonymous().get(path);
      assert.equal(r.status, 404, `${path}: ${r.describe()}`);
    }
    assert.equal((await anonymous().get(feedPath(made[1]))).status, 200, 'the real one still works');

    // A user who is no longer a member: their address answers 404 like an unknown one.
    const removed = await org.admin.del(`/api/v1/members/${u.id}`);
    assert.equal(removed.status, 204, removed.describe());
    const left = await anonymous().get(feedPath(made[1]));
    assert.equal(left.status, 404, left.describe());
  });
});
