// Shared end-to-end helpers: a plain static server over a release build, and Debian's
// Chromium driven by playwright-core (no browser download).
import { before, after } from 'node:test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
export async function serve(build, { headers = { 'content-security-policy': e2ePolicy() }, types } = {}) {
  const server = await startServer({ dir: build.dir, prefix: build.prefix, headers, types });
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

/**
 * Chooses how to do a step that offers more than one way (`step` a slug: 'entra-app' or 'mailbox';
 * `path` the way's value: 'by_hand', 'graph', 'script'), as a click on its radio button, and waits
 * until that way is shown. `page` may be a Page or a Frame, already on the step.
 */
export async function choosePath(page, step, path) {
  await page.check(`[data-path-choice="${step}"] input[value="${path}"]`);
  await page.waitForSelector(`[data-path-body="${path}"]`);
}

/**
 * Opens an optional tool folded under its one-line summary (`name`: its data-fold), if closed;
 * waits for it first (a step shown for the first time may still be fetching its module).
 */
export async function unfold(page, name) {
  const fold = `details[data-fold="${name}"]`;
  await page.waitForSelector(fold, { state: 'attached' });
  if (!(await page.$eval(fold, (d) => d.open))) await page.click(`${fold} > summary`);
  await page.waitForSelector(`${fold}[open]`);
}

let axeSource;
/**
 * axe-core's violations on the page as it is now, one line each (rule: targets). Injected through
 * the DevTools protocol, so the page's strict policy still applies to everything of its own.
 */
export async function axeViolations(page) {
  axeSource ??= readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`));
  return violations;
}

/** How far the page scrolls sideways: scrollWidth minus clientWidth of the root (0 = reflows). */
export async function sidewaysOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Values as a real admin types them, long ones included (a full Call Back URL, a platform
 * forwarding address, a long mailbox name, Japanese names), for layout checks: pages must reflow
 * with them typed, not only empty.
 */
export const REALISTIC_SETUP = {
  webex_connect: {
    app_name: 'お客様サポート窓口 (メール) Customer support email',
    callback_url: 'https://contoso-customer-care-production.us.webexconnect.io/callback',
    forwarding_address: '0123456789abcdef0123456789abcdef@mail-us.imiconnect.io',
  },
  azure: {
    cloud: 'global',
    tenant_id: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    app_display_name: 'Webex Connect email channel (customer support, production)',
    client_id: '11111111-2222-4333-8444-555555555555',
    client_secret_expires: '2027-06-01',
    permission_profile: 'least_privilege',
  },
  mailbox: {
    address: 'customer-support-desk@contoso-holdings.onmicrosoft.com',
    user_principal_name: 'customer-support-desk@contoso-holdings.onmicrosoft.com',
    outbound_policy: 'scoped_custom_policy',
  },
  support: { asset_id: '5f3c0a1b2c3d4e5f6a7b8c9d', transaction_ids: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', notes: '' },
};

/** Puts `setup` in the autosave (as if typed earlier) and opens `path` (e.g. 'entra-app/') fresh. */
export async function openWithSetup(page, base, setup, path = '') {
  await page.goto(base);
  await mounted(page);
  await page.evaluate((json) => localStorage.setItem('webex-o365-setup.setup.v1', json), JSON.stringify(setup));
  await page.goto(`${base}${path}`);
  await mounted(page);
}

/** The memory-only client secret the layout checks type (never stored; only its mask is shown). */
export const REALISTIC_SECRET = 'Zx8Q~abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Every state a page shows for layout and accessibility checks: [step, way (null: as it opens),
 * connected mode]. The Graph way, the Graph checks on step 3 and the consent check on step 5
 * exist only in connected mode.
 */
export const PAGE_STATES = [
  ['webex-app', null, false], ['entra-app', null, false], ['entra-app', 'by_hand', false], ['entra-app', 'script', false],
  ['mailbox', null, false], ['mailbox', 'script', false], ['mailbox', 'by_hand', false],
  ['webex-oauth', null, false], ['verify', null, false], ['troubleshoot', null, false], ['summary', null, false],
  ['entra-app', 'graph', true], ['mailbox', 'by_hand', true], ['verify', null, true],
];

/**
 * Visits every state of PAGE_STATES in `locale` at `viewport`, with REALISTIC_SETUP typed, and
 * calls `check(page, label)` twice in each: as it opens (optional tools folded) and with every
 * disclosure open. One page per connected-mode setting; steps are reached through the stepper.
 */
export async function visitPageStates(browser, base, { locale, viewport }, check) {
  for (const connected of [false, true]) {
    const { context, page, errors } = await openPage(browser, { locale });
    try {
      if (connected) {
        await page.route('**/config.json', (r) => r.fulfill({
          status: 200, contentType: 'application/json', body: JSON.stringify({ client_id: '99999999-8888-4777-8666-555555555555' }),
        }));
      }
      await page.setViewportSize(viewport);
      await openWithSetup(page, base, REALISTIC_SETUP, 'entra-app/');
      await page.waitForSelector(connected ? '[data-path-choice="entra-app"] input[value="graph"]:not([disabled])' : '[data-config]');
      await page.fill('[name="azure.client_secret"]', REALISTIC_SECRET);
      for (const [slug, way] of PAGE_STATES.filter((s) => s[2] === connected)) {
        await page.click(`nav.stepper a[data-step="${slug}"]`);
        await page.waitForSelector(`[data-step-page="${slug}"]`);
        if (way) await choosePath(page, slug, way);
        const label = `${locale} ${viewport.width}px ${slug}${way ? `/${way}` : ''}${connected ? ' (connected)' : ''}`;
        await check(page, `${label} folded`);
        await page.evaluate(() => { for (const d of document.querySelectorAll('main details')) d.open = true; });
        await check(page, `${label} unfolded`);
      }
      if (errors.length) await check(page, `console errors: ${errors.join(' / ')}`, errors);
    } finally {
      await context.close();
    }
  }
}

/**
 * From now on, records which items (`li`, named by their `attribute`) of the list at `list`
 * any DOM change under it lands in. Returns a function that reads, sorted, the items touched
 * and the items whose text differs from now: a list that updates only what changed has both
 * the same. `rebuilt`: the items that are new elements (a list that updates in place has none).
 */
export async function watchListChanges(page, list, attribute) {
  await page.evaluate(([list, attribute]) => {
    const root = document.querySelector(list);
    const items = () => new Map([...root.querySelectorAll(':scope > li')].map((li) => [li.getAttribute(attribute), li.textContent]));
    const before = items();
    const first = new Set(root.querySelectorAll(':scope > li'));
    const touched = new Set();
    new MutationObserver((records) => {
      for (const r of records) {
        const nodes = r.target === root ? [...r.addedNodes, ...r.removedNodes] : [r.target];
        for (const n of nodes) {
          const li = (n.nodeType === 1 ? n : n.parentElement)?.closest('li');
          touched.add(li ? li.getAttribute(attribute) : 'the list itself');
        }
      }
    }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    window.listChanges = () => ({
      touched: [...touched].sort(),
      changed: [...items()].filter(([key, text]) => before.get(key) !== text).map(([key]) => key).sort(),
      rebuilt: [...root.querySelectorAll(':scope > li')].filter((li) => !first.has(li)).map((li) => li.getAttribute(attribute)),
    });
  }, [list, attribute]);
  return () => page.evaluate(() => window.listChanges());
}
