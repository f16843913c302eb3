// web/tests/lib/meetings.mjs — fixtures for the meetings and actions tests
// (web/tests/integration/{meetings_api,actions_api,meetings_pages,calendar_ics}.test.mjs,
// web/tests/browser/meetings.test.mjs and the meetings rows of the authorization test): an
// organization with a member of every role who is also a person (policyOrg), the top-management
// user designated as such and chairing; meetings created through the API and driven through the
// real life cycle (attendance recorded, minutes written, decisions, sign-off with the chair's
// password in the chair's own session). Independent checkers: pdftotext for the minutes PDF,
// Debian's python3-icalendar (web/tests/lib/ics_parse.py) for the calendar feed. The one thing
// no API can do — move a record into the past — is `backdate`, a single UPDATE on the test's own
// database, used only where the records must be older than the test run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';

import { ledgerSize, today, unique } from './client.mjs';
import { assertApiError, policyOrg, ROLES } from './policies.mjs';
import { REPO, withTimeout } from './server.mjs';

export { assertApiError, ledgerSize, ROLES };

export const sha256 = (data) => createHash('sha256').update(data).digest('hex');

// "YYYY-MM-DD" `days` from today (UTC).
export const dayIn = (days) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
// "YYYY-MM-DDTHH:MM:SSZ" `seconds` from now, whole minutes (the forms take minutes).
export function minuteIn(seconds) {
  const ms = Math.floor((Date.now() + seconds * 1000) / 60_000) * 60_000;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
// Today at 00:00 UTC: a meeting at this time has taken place and is dated today.
export const todayMidnight = () => `${today()}T00:00:00Z`;

export const meetingPath = (m) => `/api/v1/meetings/${m.id ?? m}`;
export const actionPath = (a) => `/api/v1/actions/${a.id ?? a}`;

// An organization for the meetings tests: policyOrg (every role a signed-in user and a person;
// the top-management person designated since 2024) plus `me` (the instance administrator).
export async function meetingOrg(inst, opts = {}) {
  const org = await policyOrg(inst, opts);
  org.me = await org.admin.expectJson('GET', '/api/v1/me', 200);
  return org;
}

// Creates a meeting through the API (201); returns its JSON. Defaults: an executive committee
// chaired by the top-management person, who is the only invitee, an hour ago.
export async function createMeeting(client, org, fields = {}) {
  const body = {
    type: 'executive_committee',
    title: unique('Executive committee'),
    starts_at: minuteIn(-3600),
    duration_minutes: 60,
    place: 'Board room',
    chair_id: org.people.top_management.id,
    invitees: [org.people.top_management.id],
    ...fields,
  };
  const r = await client.post('/api/v1/meetings', { json: body });
  assert.equal(r.status, 201, `create meeting: ${r.describe()}`);
  assert.equal(r.location, `/api/v1/meetings/${r.json.id}`, r.describe());
  return r.json;
}

export async function getMeeting(client, m) {
  return client.expectJson('GET', meetingPath(m), 200);
}

export async function setAttendance(client, m, personId, attendance = 'present') {
  return client.expectJson('PUT', `${meetingPath(m)}/attendance/${personId}`, 200, { json: { attendance } });
}

// Adds an agenda item (201); returns it.
export async function addItem(client, m, fields = {}) {
  return client.expectJson('POST', `${meetingPath(m)}/items`, 201, {
    json: { title: unique('Agenda item'), tags: ['information_security'], minutes: 'Discussed.', ...fields },
  });
}

// Writes `minutes` on an existing agenda item (keeping its other fields); returns the item.
export async function writeMinutes(client, m, item, minutes) {
  return client.expectJson('PATCH', `${meetingPath(m)}/items/${item.id}`, 200, {
    json: { title: item.title, tags: item.tags, minutes, presenter: item.presenter ?? '', material: item.material ?? '', row_version: item.row_version },
  });
}

// Adds a decision (201); returns it (with action_id when it has an owner and a due date).
export async function addDecision(client, m, fields = {}) {
  return client.expectJson('POST', `${meetingPath(m)}/decisions`, 201, {
    json: { text: unique('Decision'), type: 'improvement', ...fields },
  });
}

// Everyone invited marked present and minutes on the first agenda item (one is added when there
// is none): what sign-off needs. Returns the meeting JSON.
export async function makeReady(client, m, { minutes = 'The committee reviewed the ISMS.' } = {}) {
  let cur = await getMeeting(client, m);
  for (const a of cur.attendees) {
    if (a.attendance === 'invited') {
      await setAttendance(client, cur, a.person_id, 'present');
    }
  }
  cur = await getMeeting(client, m);
  if (cur.items.length === 0) {
    await addItem(client, cur, { title: 'Information security update', minutes });
  } else if (!cur.items[0].minutes) {
    await writeMinutes(client, cur, cur.items[0], minutes);
  }
  return getMeeting(client, m);
}

// Signs the meeting as its chair, the top-management user, in their own session (200).
export async function signMeeting(org, m, { role = 'top_management' } = {}) {
  return org.sessions[role].expectJson('POST', `${meetingPath(m)}/sign`, 200, {
    json: { password: org.users[role].password },
  });
}

// A held meeting (or review), ready and signed; returns the signed meeting JSON.
export async function signedMeeting(org, fields = {}, { decisions = [] } = {}) {
  const m = await createMeeting(org.api, org, fields);
  await makeReady(org.api, m);
  for (const d of decisions) {
    await addDecision(org.api, m, d);
  }
  await signMeeting(org, m);
  return getMeeting(org.api, m);
}

// Creates an action through the API (201); returns its JSON.
export async function createAction(client, fields = {}) {
  const r = await client.post('/api/v1/actions', {
    json: { title: unique('Action'), description: 'Do it.', source: 'other', source_ref: '', due_on: dayIn(30), ...fields },
  });
  assert.equal(r.status, 201, `create action: ${r.describe()}`);
  return r.json;
}

export async function getAction(client, a) {
  return client.expectJson('GET', actionPath(a), 200);
}

// The review-inputs JSON's input with letter `letter` ('a'..'g').
export function inputOf(ri, letter) {
  const input = ri.inputs.find((i) => i.input === letter);
  assert.ok(input, `review inputs have "${letter}": ${JSON.stringify(ri.inputs.map((i) => i.input))}`);
  return input;
}

// All rows / metrics of an input's sections.
export const rowsOf = (input) => input.sections.flatMap((s) => s.rows);
export const metricsOf = (input) => input.sections.flatMap((s) => s.metrics);
export function metric(input, key) {
  const m = metricsOf(input).find((x) => x.key === key);
  assert.ok(m, `input ${input.input} has metric ${key}: ${JSON.stringify(metricsOf(input).map((x) => x.key))}`);
  return m;
}

// Runs a command with `input` on stdin; resolves {code, stdout (Buffer), stderr}.
export function run(cmd, args, { input, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')}: no exit after ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: err });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

// The text of a PDF, as poppler's pdftotext reads it in reading order (a table cell's lines stay
// together; a word broken at a hyphen across lines is joined without it).
export async function pdfText(bytes) {
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF file');
  const r = await run('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes });
  assert.equal(r.code, 0, `pdftotext failed: ${r.stderr}`);
  return r.stdout.toString('utf8');
}

// An iCalendar text parsed by Debian's python3-icalendar (not our code): {calendar: {...},
// components: [{type, uid, summary, status, dtstart, dtend, due, description, url, categories}]}.
export async function parseIcs(text) {
  const script = path.join(REPO, 'web/tests/lib/ics_parse.py');
  const r = await run('/usr/bin/python3', [script], { input: text });
  assert.equal(r.code, 0, `python3-icalendar refused the feed: ${r.stderr}\n${text.slice(0, 2000)}`);
  return JSON.parse(r.stdout.toString('utf8'));
}

// One SQL statement on the instance's own database (SQLite through sqlite3, PostgreSQL through
// psql): only to move a record into the past, which no API can do.
export async function backdate(inst, sql) {
  let r;
  if (inst.backend === 'postgresql') {
    r = await run('psql', [inst.db, '-v', 'ON_ERROR_STOP=1', '-qc', sql]);
  } else {
    const file = inst.db.replace(/^sqlite:/, '');
    r = await run('sqlite3', ['-bail', '-cmd', '.timeout 10000', file, sql]);
  }
  assert.equal(r.code, 0, `${sql}: ${r.stderr}`);
}

// Microseconds since the epoch of a date `days` from today, for backdate().
export const usDaysAgo = (days) => (Date.now() - days * 86400_000) * 1000;

// The ledger entries of one record, newest first.
export async function ledgerOf(client, type, id) {
  const r = await client.expectJson('GET', `/api/v1/ledger?entity_type=${type}&entity_id=${id}&limit=500`, 200);
  return r.items;
}

// A multipart/form-data body with fields and one file; returns {body, contentType}.
export function multipart(fields, file) {
  const boundary = `----mandate-test-${unique('b')}`;
  const parts = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(Buffer.from(file.bytes));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

// Uploads bytes through the API; returns the reply (the caller asserts the status).
export function uploadAttachment(client, m, name, bytes, { effectiveOn = today(), itemId } = {}) {
  const q = new URLSearchParams({ file_name: name, effective_on: effectiveOn });
  if (itemId !== undefined) {
    q.set('item_id', String(itemId));
  }
  return client.post(`${meetingPath(m)}/attachments?${q}`, { body: bytes, contentType: 'application/octet-stream' });
}

// A tiny valid PDF (one empty page).
export function tinyPdf(label = 'evidence') {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = `%PDF-1.4\n% ${label}\n`;
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) {
    out += `${String(off).padStart(10, '0')} 00000 n \n`;
  }
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// A request written byte for byte on a socket (fetch would fail when the server answers before
// reading a body it refuses): resolves {status, data} from whatever the server sent back.
export function rawRequest(url, bytes) {
  const { hostname, port } = new URL(url);
  return withTimeout(new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname);
    let data = '';
    const done = () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1]), data });
    sock.on('data', (d) => (data += d.toString('latin1')));
    sock.on('error', (e) => (data ? done() : reject(e)));
    sock.on('close', done);
    sock.write(bytes, () => {});
    setTimeout(() => sock.end(), 3000);
  }), 10_000, 'raw request');
}
