// The per-keystroke race of scripts/bench-keys (read its header for what is measured).
//   node scripts/bench-keys.mjs --dist DIR [--keys 45] [--rounds 3]
import { startServer } from './serve.mjs';
import { REALISTIC_SETUP as SETUP, launch } from '../tests/e2e/support.mjs';

const args = { keys: 45, rounds: 3 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
if (!args.dist) throw new Error('needs --dist DIR');

// The busiest form of steps 1 to 3 (each field's value drives the step's validation, derived
// values and, on 2 and 3, the generated scripts), with the end-to-end tests' realistic setup typed.
const FORMS = [
  { step: 'webex-app', field: 'webex_connect.callback_url' },
  { step: 'entra-app', field: 'azure.app_display_name', way: 'script' },
  { step: 'entra-app', field: 'azure.app_display_name', way: 'by_hand' },
  { step: 'mailbox', field: 'mailbox.address', way: 'by_hand' },
  { step: 'mailbox', field: 'mailbox.address', way: 'script' },
];
/**
 * Installed before the page's scripts: the moment each `input` event starts (a capture listener
 * on window, the first to run). `window.__keysEnd()` is added once the app has mounted, so its
 * bubble listener runs after the app's delegated one and after that listener's microtasks (the
 * reactive update): the difference is the app's work for the keystroke, rendering excluded.
 */
function probe() {
  const times = (window.__keyTimes = []);
  let start = 0;
  addEventListener('input', () => { start = performance.now(); }, { capture: true });
  window.__keysEnd = () => addEventListener('input', () => times.push(performance.now() - start));
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const server = await startServer({ dir: args.dist });
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
const results = new Map();
try {
  for (let round = 0; round < Number(args.rounds); round += 1) {
    for (const lang of ['en', 'ja']) {
      for (const form of FORMS) {
        const context = await browser.newContext({ locale: lang === 'ja' ? 'ja-JP' : 'en-US', serviceWorkers: 'block' });
        await context.addInitScript(probe);
        const page = await context.newPage();
        const setup = { ...SETUP, paths: form.way ? { [form.step === 'entra-app' ? 'entra' : 'mailbox']: form.way } : {} };
        await page.goto(base);
        await page.waitForSelector('main[data-app-mounted="true"] [data-step-page]');
        await page.evaluate((json) => localStorage.setItem('webex-o365-setup.setup.v1', json), JSON.stringify(setup));
        await page.goto(`${base}${form.step}/`);
        const input = page.locator(`[name="${form.field}"]`);
        await input.waitFor();
        await page.waitForLoadState('networkidle');
        await page.evaluate(() => window.__keysEnd());
        await input.focus();
        await page.keyboard.press('End');
        for (let k = 0; k < Number(args.keys); k += 1) await page.keyboard.press(k % 2 ? 'Backspace' : 'x');
        const times = await page.evaluate(() => window.__keyTimes);
        if (times.length !== Number(args.keys)) throw new Error(`${form.step}: ${times.length} input events of ${args.keys}`);
        const key = `${form.step}${form.way ? ` (${form.way})` : ''} ${form.field} [${lang}]`;
        results.set(key, [...(results.get(key) ?? []), ...times]);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${'form'.padEnd(62)} ${'n'.padStart(4)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}  (ms, input event to the end of the app's update)`);
for (const [key, times] of results) {
  console.log(`${key.padEnd(62)} ${String(times.length).padStart(4)} ${pct(times, 50).toFixed(2).padStart(7)} ${pct(times, 95).toFixed(2).padStart(7)} ${Math.max(...times).toFixed(2).padStart(7)}`);
}
