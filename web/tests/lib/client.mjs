// web/tests/lib/client.mjs — a small HTTP client for the integration tests, over node's fetch:
// never follows redirects, keeps cookies, adds the same-origin Origin header and the session's
// CSRF token to unsafe requests (both can be turned off per request to test the refusals),
// speaks JSON, forms and CSV, and signs in with a password or a bearer token. Helpers create
// users with a role through the API. Every request has a timeout.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import { randomPassword } from './server.mjs';

export const SESSION_COOKIE = '__Host-mandate';
const REQUEST_TIMEOUT_MS = 20_000;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The value of the first <input type="hidden" name="_csrf" value="…"> in an HTML page.
export function extractCsrf(html) {
  const m = /<input[^>]*name="_csrf"[^>]*value="([^"]*)"/.exec(html) ||
    /<input[^>]*value="([^"]*)"[^>]*name="_csrf"/.exec(html);
  return m ? m[1] : null;
}

// "2026-03-01T10:00:00Z" `seconds` from now (whole seconds, as the API expects).
export function isoIn(seconds) {
  return new Date(Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function today() {
  return new Date().toISOString().slice(0, 10);
}

export function unique(prefix = 'x') {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

// A response read fully: status, headers, body (Buffer), text, json (parsed or undefined).
export class Reply {
  constructor(res, body) {
    this.status = res.status;
    this.headers = res.headers;
    this.body = body;
    this.text = body.toString('utf8');
    this.setCookies = res.headers.getSetCookie();
    this.location = res.headers.get('location');
    let json;
    if ((res.headers.get('content-type') || '').includes('json')) {
      try {
        json = JSON.parse(this.text);
      } catch {
        json = undefined;
      }
    }
    this.json = json;
  }

  header(name) {
    return this.headers.get(name);
  }

  // A one-line description for assertion messages.
  describe() {
    return `${this.status} ${this.location ? `→ ${this.location} ` : ''}${this.text.slice(0, 300).replace(/\s+/g, ' ')}`;
  }
}

export class Client {
  // `base`: a URL string, or an object with a `url` property read at every request (an
  // Instance, whose URL changes when it restarts).
  constructor(base, { bearer = null } = {}) {
    this.base = base;
    this.cookies = new Map();
    this.csrf = null;
    this.bearer = bearer;
  }

  get url() {
    return typeof this.base === 'string' ? this.base : this.base.url;
  }

  get origin() {
    return new URL(this.url).origin;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  storeCookies(setCookies) {
    for (const c of setCookies) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a)) || value === '';
      if (expired) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }

  get session() {
    return this.cookies.get(SESSION_COOKIE) ?? null;
  }

  // Options: json (object → JSON body), form (object → urlencoded), body + contentType (raw),
  // headers, accept, origin (true: own origin on unsafe methods; a string: that Origin; false:
  // none), csrf (true: the session's token on unsafe methods; a string: that token; false: none),
  // cookies (false: send none), bearer (override), timeoutMs.
  async request(method, path, opts = {}) {
    method = method.toUpperCase();
    const headers = { ...(opts.headers ?? {}) };
    let body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['Content-Type'] = 'application/json';
    } else if (opts.form !== undefined) {
      body = new URLSearchParams(opts.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (opts.body !== undefined) {
      body = opts.body;
      if (opts.contentType) {
        headers['Content-Type'] = opts.contentType;
      }
    }
    if (opts.accept) {
      headers.Accept = opts.accept;
    }
    const unsafe = UNSAFE.has(method);
    const origin = opts.origin ?? true;
    if (unsafe && origin) {
      headers.Origin = origin === true ? this.origin : origin;
    }
    const csrf = opts.csrf ?? true;
    if (unsafe && csrf && this.session) {
      const token = csrf === true ? this.csrf : csrf;
      if (token) {
        headers['X-CSRF-Token'] = token;
      }
    }
    const bearer = opts.bearer ?? this.bearer;
    if (bearer) {
      headers.Authorization = `Bearer ${bearer}`;
    }
    if (opts.cookies !== false && this.cookies.size > 0) {
      headers.Cookie = this.cookieHeader();
    }
    const res = await fetch(this.url + path, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs ?? REQUEST_TIMEOUT_MS),
    });
    const reply = new Reply(res, Buffer.from(await res.arrayBuffer()));
    if (opts.cookies !== false) {
      this.storeCookies(reply.setCookies);
    }
    return reply;
  }

  get(path, opts) {
    return this.request('GET', path, opts);
  }
  head(path, opts) {
    return this.request('HEAD', path, opts);
  }
  post(path, opts) {
    return this.request('POST', path, opts);
  }
  put(path, opts) {
    return this.request('PUT', path, opts);
  }
  patch(path, opts) {
    return this.request('PATCH', path, opts);
  }
  del(path, opts) {
    return this.request('DELETE', path, opts);
  }

  // Reads the CSRF token from a page (default: the dashboard) into this.csrf.
  async refreshCsrf(page = '/') {
    const r = await this.get(page);
    assert.equal(r.status, 200, `GET ${page} for a CSRF token: ${r.describe()}`);
    const token = extractCsrf(r.text);
    assert.ok(token, `no _csrf field in ${page}`);
    this.csrf = token;
    return token;
  }

  // Signs in through the login form like a browser; asserts success, then loads the CSRF token.
  async login(email, password, { next = '/' } = {}) {
    const r = await this.post('/login', { form: { email, password, next } });
    assert.equal(r.status, 303, `login as ${email}: ${r.describe()}`);
    assert.ok(this.session, `login as ${email} set no ${SESSION_COOKIE} cookie`);
    await this.refreshCsrf('/');
    return r;
  }

  // JSON call that must answer `status`; returns the parsed body.
  async expectJson(method, path, status, opts = {}) {
    const r = await this.request(method, path, opts);
    assert.equal(r.status, status, `${method} ${path}: ${r.describe()}`);
    return r.json;
  }
}

// A client that authenticates with an API token (no cookies).
export function bearerClient(base, secret) {
  return new Client(base, { bearer: secret });
}

// Signs in as the instance's administrator.
export async function adminSession(inst) {
  const c = new Client(inst);
  await c.login(inst.admin.email, inst.admin.password);
  return c;
}

// Creates an API token in the admin client's current organization; returns {id, secret, role}.
export async function createToken(admin, role, { name = unique(`token-${role}`), expiresAt } = {}) {
  const body = { name, role };
  if (expiresAt !== undefined) {
    body.expires_at = expiresAt;
  } else if (role === 'auditor') {
    body.expires_at = isoIn(24 * 3600);
  }
  const t = await admin.expectJson('POST', '/api/v1/tokens', 201, { json: body });
  assert.match(t.secret, /^mdt_/);
  return { id: t.id, secret: t.secret, role, name };
}

// Creates a user (POST /api/v1/users) and gives them `role` in the admin's current organization
// (PUT /api/v1/members). Auditors get an expiry a day ahead unless `expiresAt` is given.
// Returns {id, email, name, password, role}.
export async function createUserWithRole(admin, role, { email, name, password, expiresAt } = {}) {
  email = email ?? `${unique(role)}@example.com`.toLowerCase();
  name = name ?? `Test ${role}`;
  password = password ?? randomPassword();
  const u = await admin.expectJson('POST', '/api/v1/users', 201, {
    json: { email, display_name: name, password },
  });
  await setMember(admin, email, role, { expiresAt });
  return { id: u.id, email, name, password, role };
}

export async function setMember(admin, email, role, { expiresAt } = {}) {
  const body = { email, role };
  if (expiresAt !== undefined) {
    body.expires_at = expiresAt;
  } else if (role === 'auditor') {
    body.expires_at = isoIn(24 * 3600);
  }
  return admin.expectJson('PUT', '/api/v1/members', 200, { json: body });
}

// Creates a person through the API; returns the person JSON.
export async function createPerson(client, fields = {}) {
  const email = fields.email ?? `${unique('person')}@example.com`.toLowerCase();
  return client.expectJson('POST', '/api/v1/people', 201, {
    json: { name: 'Pat Person', job_title: 'Engineer', department: 'R&D', ...fields, email },
  });
}

// The ledger size of the client's organization.
export async function ledgerSize(client) {
  const r = await client.expectJson('GET', '/api/v1/ledger?limit=1', 200);
  assert.equal(typeof r.size, 'number');
  return r.size;
}
