// Shared end-to-end helpers: a plain static server over a release build, and Debian's
// Chromium driven by playwright-core (no browser download).
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const STEPS = ['webex-app', 'entra-app', 'mailbox', 'webex-oauth', 'verify', 'troubleshoot', 'summary'];

/** The release builds the test script made: the root one, and one under a sub-path. */
export const BUILDS = [
  { name: 'root', dir: process.env.E2E_DIST ?? 'dist', prefix: '/' },
  { name: 'sub-path', dir: process.env.E2E_DIST_SUBPATH ?? 'dist-subpath', prefix: '/setup/' },
];

export async function serve(build) {
  const server = await startServer({ dir: build.dir, prefix: build.prefix });
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

/** A page that records console errors and uncaught exceptions for the test to assert on. */
export async function openPage(browser, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ locale, acceptDownloads: true });
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
