// Shared end-to-end helpers: a plain static server over a release build, and Debian's
// Chromium driven by playwright-core (no browser download).
import { before, after } from 'node:test';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const STEPS = ['webex-app', 'entra-app', 'mailbox', 'webex-oauth', 'verify', 'troubleshoot', 'summary'];

/** The release builds the test script made: the root one, and one under a sub-path. */
export const BUILDS = [
  { name: 'root', dir: process.env.E2E_DIST ?? 'dist', prefix: '/' },
  { name: 'sub-path', dir: process.env.E2E_DIST_SUBPATH ?? 'dist-subpath', prefix: '/setup/' },
];

/** The Content-Security-Policy scripts/csp prints for `args` (e.g. a config.json, --frame-ancestors). */
export function csp(args = []) {
  return execFileSync(`${ROOT}scripts/csp`, args, { encoding: 'utf8' }).trim();
}

let strictPolicy;
/**
 * What every page is served with unless a test says otherwise: scripts/csp's policy for the shipped
 * config.json (no inline script or style, no eval), plus loopback hosts for the emulators' random ports.
 */
export function e2ePolicy() {
  strictPolicy ??= csp([`${ROOT}public/config.json`, '--connect-src', 'http://127.0.0.1:*']);
  return strictPolicy;
}

/** A static server over `build`; `headers` replaces the default (the strict policy above). */
export async function serve(build, { headers = { 'content-security-policy': e2ePolicy() } } = {}) {
  const server = await startServer({ dir: build.dir, prefix: build.prefix, headers });
  const { port } = server.address();
  return { server, base: `http://127.0.0.1:${port}${build.prefix}` };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * A page that records console errors (a CSP violation is one) and uncaught exceptions for the test to
 * assert on. Service workers are blocked unless a test is about them: a page a worker controls may be
 * answered from its cache, out of reach of page.route().
 */
export async function openPage(browser, { locale = 'en-US', serviceWorkers = 'block' } = {}) {
  const context = await browser.newContext({ locale, acceptDownloads: true, serviceWorkers });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page, errors };
}

/** Waits until the app has mounted (fails the test when it never does). */
export async function mounted(page) {
  await page.waitForSelector('main[data-app-mounted="true"] [data-step-page]', { timeout: 15_000 });
}

/** Every key/value in both web storages, for "no secret stored" checks. */
export async function storageDump(page) {
  return page.evaluate(() => {
    const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
    return { local: dump(localStorage), session: dump(sessionStorage) };
  });
}

/**
 * One browser and one static server for a whole test file: call at the top level, read
 * `app.browser` and `app.base` inside the tests.
 */
export function useApp(build = BUILDS[0]) {
  const app = {};
  before(async () => {
    app.browser = await launch();
    Object.assign(app, await serve(build));
  });
  after(async () => {
    await app.browser?.close();
    app.server?.close();
  });
  return app;
}
