// web/tests/browser/browser.mjs — shared set-up for the browser tests in this folder: launches
// Debian's Chromium headless through playwright-core, opens pages that record console errors,
// uncaught exceptions and Content-Security-Policy violations, signs in through the login form,
// and saves screenshots under build/screenshots/. Instances come from ../lib/server.mjs.
// Every wait is bounded; nothing leaves 127.0.0.1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { REPO } from '../lib/server.mjs';

export const SCREENSHOTS = path.join(REPO, 'build/screenshots');
const ACTION_TIMEOUT_MS = 10_000;
const LAUNCH_TIMEOUT_MS = 20_000;

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.MANDATE_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    timeout: LAUNCH_TIMEOUT_MS,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// A browser context whose pages may only reach the instance under test: any request to another
// origin is aborted and remembered in `offsite`.
export async function newContext(browser, base, options = {}) {
  const context = await browser.newContext({ ...options, baseURL: base });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  context.offsite = [];
  const origin = new URL(base).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || new URL(url).origin === origin) {
      return route.continue();
    }
    context.offsite.push(url);
    return route.abort();
  });
  return context;
}

// A page that records what the console and the page report:
//   page.problems.csp      — CSP violations (console "Refused to … Content Security Policy")
//   page.problems.errors   — every other console error (e.g. "Failed to load resource: 403")
//   page.problems.uncaught — exceptions thrown by page scripts
export async function newPage(context) {
  const page = await context.newPage();
  page.problems = { csp: [], errors: [], uncaught: [] };
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') {
      return;
    }
    const text = `${msg.text()} (at ${page.url()})`;
    if (/Content.Security.Policy|Refused to (load|execute|apply|connect|frame|send)/i.test(text)) {
      page.problems.csp.push(text);
    } else if (msg.type() === 'error') {
      page.problems.errors.push(text);
    }
  });
  page.on('pageerror', (err) => page.problems.uncaught.push(`${err.message} (at ${page.url()})`));
  return page;
}

const shotCounters = new Map();  // prefix -> screenshots taken

// Saves a full-page PNG as build/screenshots/<prefix>-NN-<name>.png; returns its path.
export async function shot(page, prefix, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const n = (shotCounters.get(prefix) ?? 0) + 1;
  shotCounters.set(prefix, n);
  const file = path.join(SCREENSHOTS, `${prefix}-${String(n).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, timeout: ACTION_TIMEOUT_MS });
  return file;
}

// Signs in through the form on /login and waits for the page it lands on.
export async function login(page, email, password, { expectPath = '/' } = {}) {
  await page.goto('/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === expectPath),
    page.click('form[action="/login"] button[type="submit"]'),
  ]);
  assert.equal(new URL(page.url()).pathname, expectPath, `after signing in as ${email}`);
}

// Texts of the main navigation's links.
export async function navLabels(page) {
  return page.locator('nav.mainnav a').allTextContents();
}

// Asserts that the pages saw no CSP violation and no uncaught exception.
export function assertClean(...pages) {
  const csp = pages.flatMap((p) => p.problems.csp);
  const uncaught = pages.flatMap((p) => p.problems.uncaught);
  assert.deepEqual(csp, [], `Content-Security-Policy violations:\n${csp.join('\n')}`);
  assert.deepEqual(uncaught, [], `uncaught exceptions in page scripts:\n${uncaught.join('\n')}`);
}
