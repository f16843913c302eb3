// web/tests/lib/server.mjs — starts real `mandate` instances for the integration tests
// (web/tests/integration) and the browser tests (web/tests/browser): a temp directory, a fresh
// SQLite file or a fresh PostgreSQL database, `mandate init`, then `mandate serve` on
// 127.0.0.1 with a port chosen by the kernel. Every wait is bounded; every instance is cleaned
// up (server killed, database dropped, directory removed), also when a test fails.
//
// Binary: $MANDATE_BIN, else build/ci/src/cli/mandate. PostgreSQL: $MANDATE_TEST_PG (a libpq URL
// to a superuser, as exported by scripts/test-pg); $MANDATE_REQUIRE_PG=1 makes its absence fail.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 20_000;
const CLI_TIMEOUT_MS = 60_000;
const LOG_KEEP = 256 * 1024;  // bytes of server output kept for failure messages

export function mandateBin() {
  const bin = process.env.MANDATE_BIN || path.join(REPO, 'build/ci/src/cli/mandate');
  if (!fs.existsSync(bin)) {
    throw new Error(`mandate binary not found at ${bin}: build it or set MANDATE_BIN`);
  }
  return bin;
}

// The backends to run a suite on. PostgreSQL is skipped (with a reason) only when it is not
// configured and not required; when required but missing, `missing` is set and the suite fails.
export function backends() {
  const pg = process.env.MANDATE_TEST_PG;
  const required = process.env.MANDATE_REQUIRE_PG === '1';
  return [
    { name: 'sqlite' },
    {
      name: 'postgresql',
      skip: !pg && !required ? 'MANDATE_TEST_PG is not set (run under scripts/test-pg)' : false,
      missing: !pg && required ? 'MANDATE_REQUIRE_PG=1 but MANDATE_TEST_PG is not set' : null,
    },
  ];
}

// describe(`${title} (${backend})`, …) for every backend.
export function describeEachBackend(title, fn) {
  for (const b of backends()) {
    if (b.missing) {
      describe(`${title} (${b.name})`, () => {
        test('PostgreSQL is available', () => {
          throw new Error(b.missing);
        });
      });
      continue;
    }
    describe(`${title} (${b.name})`, { skip: b.skip }, () => fn(b.name));
  }
}

export function randomPassword() {
  // 24 random characters: long, never in a common-password list.
  return `pw-${randomBytes(18).toString('base64url')}`;
}

// Rejects after `ms` with a message naming what was awaited.
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Children still running when the process exits are killed, so a failing test never leaves a
// server behind.
const live = new Set();
process.on('exit', () => {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

function runProcess(cmd, args, { env, timeoutMs = CLI_TIMEOUT_MS, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    live.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(cmd)} ${args.join(' ')}: no exit after ${timeoutMs} ms\n${stdout}${stderr}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      live.delete(child);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
    if (input !== undefined) {
      // A command may exit before reading its input: that is its answer, not an error here.
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
  });
}

function pgUrl(database) {
  const u = new URL(process.env.MANDATE_TEST_PG);
  u.pathname = `/${database}`;
  return u.toString();
}

async function psql(sql) {
  const r = await runProcess('psql', [process.env.MANDATE_TEST_PG, '-v', 'ON_ERROR_STOP=1', '-qc', sql], {
    env: process.env,
    timeoutMs: 30_000,
  });
  if (r.code !== 0) {
    throw new Error(`psql ${sql}: exit ${r.code}\n${r.stderr}`);
  }
  return r.stdout;
}

let counter = 0;

// A running instance. Fields: url (changes on restart), port, admin {email, name, password,
// orgName, orgSlug}, dir, db, backend, log(). Methods: stop(), kill9(), restart(), start(),
// run(args, {env}), cleanup().
export class Instance {
  constructor(backend, opts = {}) {
    this.backend = backend;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-integ-'));
    this.keyFile = path.join(this.dir, 'instance.key');
    this.dbName = null;
    this.db = null;
    this.child = null;
    this.exited = null;
    this.url = null;
    this.port = null;
    this.output = '';
    this.admin = {
      email: opts.adminEmail ?? 'admin@example.com',
      name: opts.adminName ?? 'Ada Admin',
      password: randomPassword(),
      orgName: opts.orgName ?? 'Acme Ltd',
      orgSlug: opts.orgSlug ?? 'acme',
    };
    this.extraEnv = opts.env ?? {};
  }

  env(extra = {}) {
    const env = {};
    for (const [k, v] of Object.entries(process.env)) {
      // The instance gets exactly the settings below, never a stray MANDATE_* of the caller.
      if (!k.startsWith('MANDATE_')) {
        env[k] = v;
      }
    }
    return {
      ...env,
      MANDATE_DB: this.db,
      MANDATE_KEY_FILE: this.keyFile,
      MANDATE_ADDRESS: '127.0.0.1',
      MANDATE_PORT: '0',
      MANDATE_LOG_LEVEL: 'warn',
      ...this.extraEnv,
      ...extra,
    };
  }

  async create() {
    if (this.backend === 'postgresql') {
      counter += 1;
      this.dbName = `mandate_it_${process.pid}_${counter}_${randomBytes(3).toString('hex')}`;
      await psql(`CREATE DATABASE ${this.dbName}`);
      this.db = pgUrl(this.dbName);
    } else if (this.backend === 'sqlite') {
      this.db = `sqlite:${path.join(this.dir, 'mandate.db')}`;
    } else {
      throw new Error(`unknown backend ${this.backend}`);
    }
    const r = await this.run(
      ['init', '--admin-email', this.admin.email, '--admin-name', this.admin.name,
        '--org-name', this.admin.orgName, '--org-slug', this.admin.orgSlug],
      { env: { MANDATE_ADMIN_PASSWORD: this.admin.password } },
    );
    if (r.code !== 0) {
      throw new Error(`mandate init failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
    }
  }

  // Runs a CLI command against this instance's database and key.
  run(args, { env = {}, input, timeoutMs } = {}) {
    return runProcess(mandateBin(), args, { env: this.env(env), input, timeoutMs });
  }

  log() {
    return this.output;
  }

  get running() {
    return this.child !== null && this.exited === null;
  }

  async start() {
    if (this.running) {
      throw new Error('instance already running');
    }
    const child = spawn(mandateBin(), ['serve'], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    this.child = child;
    this.exited = null;
    const keep = (d) => {
      this.output += d.toString();
      if (this.output.length > LOG_KEEP) {
        this.output = this.output.slice(-LOG_KEEP);
      }
    };
    let stdoutText = '';
    const listening = new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        keep(d);
        stdoutText += d.toString();
        const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(stdoutText);
        if (m) {
          resolve(Number(m[1]));
        }
      });
      child.stderr.on('data', keep);
      child.on('error', reject);
      child.on('exit', (code, signal) =>
        reject(new Error(`mandate serve exited (code ${code}, signal ${signal}) before listening:\n${this.output}`)));
    });
    this.stopping = false;
    this.exitPromise = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        live.delete(child);
        this.exited = { code, signal };
        if (!this.stopping) {
          // A crash (or a sanitizer abort) mid-test: show why, or the failure is only a refused
          // connection in whichever test comes next.
          process.stderr.write(`mandate serve exited unexpectedly (code ${code}, signal ${signal}); ` +
            `its last output:\n${this.output}\n`);
        }
        resolve(this.exited);
      });
    });
    try {
      this.port = await withTimeout(listening, START_TIMEOUT_MS, `mandate serve to listen\n${this.output}`);
    } catch (e) {
      child.kill('SIGKILL');
      await withTimeout(this.exitPromise, STOP_TIMEOUT_MS, 'killed server to exit').catch(() => {});
      throw e;
    }
    this.url = `http://127.0.0.1:${this.port}`;
    return this;
  }

  // SIGTERM and wait for the exit (bounded). Returns {code, signal}.
  async stop() {
    if (!this.running) {
      return this.exited;
    }
    this.stopping = true;
    this.child.kill('SIGTERM');
    try {
      return await withTimeout(this.exitPromise, STOP_TIMEOUT_MS, 'mandate serve to stop after SIGTERM');
    } catch (e) {
      this.child.kill('SIGKILL');
      await withTimeout(this.exitPromise, STOP_TIMEOUT_MS, 'mandate serve to die after SIGKILL').catch(() => {});
      throw e;
    }
  }

  async kill9() {
    if (!this.running) {
      return this.exited;
    }
    this.stopping = true;
    this.child.kill('SIGKILL');
    return withTimeout(this.exitPromise, STOP_TIMEOUT_MS, 'mandate serve to die after SIGKILL');
  }

  async restart() {
    if (this.running) {
      await this.stop();
    }
    return this.start();
  }

  async cleanup() {
    try {
      if (this.running) {
        await this.kill9();
      }
    } finally {
      try {
        if (this.dbName) {
          await psql(`DROP DATABASE IF EXISTS ${this.dbName} WITH (FORCE)`);
        }
      } finally {
        fs.rmSync(this.dir, { recursive: true, force: true });
      }
    }
  }
}

// A fresh, initialised and running instance. Call cleanup() when done (in an after() hook).
export async function startInstance(backend, opts = {}) {
  const inst = new Instance(backend, opts);
  try {
    await inst.create();
    await inst.start();
  } catch (e) {
    await inst.cleanup().catch(() => {});
    throw e;
  }
  return inst;
}
