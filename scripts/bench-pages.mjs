// See scripts/bench-pages. Works on builds without the choice of ways too (then only "as is").
import { launch, serve, openPage, REALISTIC_SETUP, openWithSetup } from '../tests/e2e/support.mjs';

const dist = process.argv[2];
const VIEWPORTS = [[1280, 900], [320, 640]];
const STEPS = ['webex-app', 'entra-app', 'mailbox', 'webex-oauth', 'verify', 'troubleshoot', 'summary'];
const WAYS = { 'entra-app': ['by_hand', 'graph', 'script'], mailbox: ['script', 'by_hand'] };
// The Graph way needs connected mode: a config.json with a client id (nothing is called).
const CONNECTED = JSON.stringify({ client_id: '99999999-8888-4777-8666-555555555555' });

const browser = await launch();
const { server, base } = await serve({ dir: dist, prefix: '/' });
const measure = async (page) => page.evaluate(() => [document.documentElement.scrollHeight,
  document.documentElement.scrollWidth - document.documentElement.clientWidth]);
const rows = [];
try {
  for (const lang of ['en', 'ja']) {
    for (const [width, height] of VIEWPORTS) {
      for (const typed of [false, true]) {
        for (const slug of STEPS) {
          for (const way of ['as is', ...(WAYS[slug] ?? [])]) {
            const { context, page } = await openPage(browser, { locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
            try {
              await page.setViewportSize({ width, height });
              if (way === 'graph') {
                await page.route('**/config.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: CONNECTED }));
              }
              const setup = typed ? { ...REALISTIC_SETUP } : {};
              if (way !== 'as is') setup.paths = { [slug === 'entra-app' ? 'entra' : 'mailbox']: way };
              await openWithSetup(page, base, setup, `${slug}/?lang=${lang}`);
              await page.waitForLoadState('networkidle');
              if (way !== 'as is' && !(await page.waitForSelector(`[data-path-body="${way}"]`, { timeout: 3000 }).catch(() => null))) continue;
              const [h, sideways] = await measure(page);
              rows.push({ lang, size: `${width}x${height}`, typed: typed ? 'typed' : 'empty', slug, way, h, sideways });
            } finally {
              await context.close();
            }
          }
        }
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${'lang'.padEnd(5)}${'viewport'.padEnd(10)}${'values'.padEnd(7)}${'step'.padEnd(14)}${'way'.padEnd(9)}${'height px'.padStart(10)}${'sideways px'.padStart(13)}`);
for (const r of rows) {
  console.log(`${r.lang.padEnd(5)}${r.size.padEnd(10)}${r.typed.padEnd(7)}${r.slug.padEnd(14)}${r.way.padEnd(9)}${String(r.h).padStart(10)}${String(r.sideways).padStart(13)}`);
}
