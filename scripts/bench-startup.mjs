// The race of scripts/bench-startup (read its header for what "interactive" means here).
//   node scripts/bench-startup.mjs --csp POLICY --dist [label=]DIR [--dist ...] [--runs 9] [--langs en,ja] [--settle 500]
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/e2e/support.mjs';
import { compress } from './post-build.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MSAL = join(ROOT, 'node_modules', '@azure', 'msal-browser');
const OURS = 'main[data-app-mounted="true"] [data-step-page] input';
const MSAL_READY = 'html[data-msal-initialized]';
/** Typed into step 1's first field after each load; the app's autosave must then hold it. */
const TYPED = 'benchstartup';
/** The probe's console message once it has its figures. */
const READY = 'bench-startup: measured';

function parseArgs(argv) {
  const args = { dist: [], runs: 9, langs: ['en', 'ja'], settle: 500 };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i].replace(/^--/, ''), argv[i + 1]];
    if (name === 'dist') args.dist.push(value);
    else if (name === 'runs') args.runs = Number(value);
    else if (name === 'langs') args.langs = value.split(',');
    else if (name === 'csp') args.csp = value;
    else if (name === 'settle') args.settle = Number(value);
    else throw new Error(`unknown option --${name}`);
  }
  if (!args.dist.length || !args.csp || !(args.runs > 0) || !(args.settle >= 0)) throw new Error('needs --csp, --dist, a positive --runs and --settle >= 0');
  return args;
}

/** The msal-browser page, written like ours: no inline script, the library's .br/.gz beside it. */
function msalPage() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-msal-'));
  copyFileSync(join(MSAL, 'lib', 'msal-browser.min.js'), join(dir, 'msal-browser.min.js'));
  writeFileSync(join(dir, 'start.js'), `// Starts MSAL the documented way for a SPA.
const app = new msal.PublicClientApplication({
  auth: {
    clientId: '00000000-0000-0000-0000-000000000000',
    authority: 'https://login.microsoftonline.com/organizations',
    redirectUri: new URL('./', document.baseURI).href,
  },
});
app.initialize().then(() => { document.documentElement.dataset.msalInitialized = 'true'; });
`);
  writeFileSync(join(dir, 'index.html'), `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>msal-browser initialize()</title>
<link rel="icon" href="data:,">
<script src="msal-browser.min.js" defer></script><script src="start.js" defer></script>
</head><body><main></main></body></html>
`);
  compress(dir);
  return dir;
}

/** Every key of the English locale files: text equal to one at the probe's moment is a key shown untranslated. */
function localeKeys() {
  const dir = join(ROOT, 'locales', 'en');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => Object.keys(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
}

/**
 * Injected before any page script. Once `selector` matches, the next task (a MessageChannel
 * message: after the current task and its microtasks) records performance.now(), then the
 * texts shown at that moment (checked against the locale keys here, outside the page).
 */
function probe({ selector, ready }) {
  let armed = false;
  const check = () => {
    if (armed || !document.querySelector(selector)) return;
    armed = true;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const at = performance.now();
      const shown = [document.title];
      const walk = document.createTreeWalker(document.body ?? document, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) shown.push(walk.currentNode.data.trim());
      const arrived = performance.getEntriesByType('resource')
        .filter((e) => /\.(wasm|js)$/.test(new URL(e.name).pathname))
        .reduce((t, e) => Math.max(t, e.responseEnd), 0);
      window.__bench = { at, arrived, shown };
      console.debug(ready);
    };
    channel.port2.postMessage(0);
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  check();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function load(browser, target, keys) {
  const context = await browser.newContext({ locale: target.locale, serviceWorkers: 'block' });
  try {
    await context.addInitScript(probe, { selector: target.selector, ready: READY });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    // Told by a console message, not polled: Playwright's waitForFunction evaluates its own
    // script (~300 KB) in the page, which would then run inside the window being timed.
    // Listened for before the page starts, so the message cannot come first.
    const measured = page.waitForEvent('console', { predicate: (m) => m.text() === READY, timeout: 60_000 });
    measured.catch(() => {}); // read below; a failed goto must not leave it unhandled
    await page.goto(target.url, { waitUntil: 'commit' });
    await measured.catch((e) => {
      throw new Error(`${target.label}: never interactive (${e.message.split('\n')[0]}) ${errors.join(' | ')}`);
    });
    const result = await page.evaluate(() => window.__bench);
    const keysShown = target.ours ? result.shown.filter((text) => keys.has(text)) : [];
    if (keysShown.length) throw new Error(`${target.label}: keys shown as text: ${keysShown.slice(0, 5).join(', ')}`);
    if (target.ours) {
      // Untimed: the first field takes a keystroke and the app reacts (its autosave holds it).
      await page.locator(OURS).first().pressSequentially(TYPED);
      await page.waitForFunction((w) => Object.values(localStorage).some((v) => v.includes(w)), TYPED, { timeout: 10_000 });
    }
    if (errors.length) throw new Error(`${target.label}: ${errors.join(' | ')}`);
    return result;
  } finally {
    await context.close();
  }
}

const args = parseArgs(process.argv.slice(2));
const keys = new Set(localeKeys());
const msalDir = msalPage();
const servers = [];
// Whatever ends this process (a failure before the race too, Ctrl+C) ends the servers.
process.on('exit', () => servers.forEach((s) => s.kill()));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));
/**
 * Each build's pages (and msal-browser's) from a server process of their own (scripts/serve.mjs),
 * as a real web server would be: in this process its answers would wait behind the driver's own
 * work (CDP events, console).
 */
const serve = (dir) => new Promise((ok, fail) => {
  const server = spawn(process.execPath, [join(ROOT, 'scripts', 'serve.mjs'), '--dir', dir, '--port', '0', '--csp', args.csp], { stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(server);
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const url = out.match(/at (http:\/\/\S+\/)/)?.[1];
    if (url) ok(url);
  });
  server.on('exit', (code) => fail(new Error(`serve.mjs ${dir} exited (${code}): ${out}`)));
});
const targets = [];
for (const spec of args.dist) {
  const [label, dir] = spec.includes('=') ? spec.split(/=(.*)/s) : [basename(spec), spec];
  const url = await serve(dir);
  for (const lang of args.langs) {
    targets.push({ label: `ours ${label} (${lang})`, url, locale: lang === 'ja' ? 'ja-JP' : 'en-US', selector: OURS, ours: true, times: [], arrived: [] });
  }
}
const msalVersion = JSON.parse(readFileSync(join(MSAL, 'package.json'), 'utf8')).version;
const msal = { label: `msal-browser ${msalVersion} initialize()`, url: await serve(msalDir), locale: 'en-US', selector: MSAL_READY, times: [], arrived: [] };
targets.push(msal);

const cores = cpus().length;
const avg = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`load average before: ${avg()} (${cores} cores); ${args.runs} rounds, order rotated each round, ${args.settle} ms quiet before each load`);
const browser = await launch();
try {
  // One warm-up round (untimed): the browser process, the server's file reads.
  for (const t of targets) await load(browser, t, keys);
  for (let round = 0; round < args.runs; round += 1) {
    const order = targets.map((_, i) => targets[(i + round) % targets.length]);
    for (const t of order) {
      // Each load starts on a quiet machine: the last context's teardown (its renderer, our
      // page's idle-time fetch and tier-up compiles) would otherwise land in the next load,
      // mostly the same target's with a fixed rotation.
      await new Promise((ok) => setTimeout(ok, args.settle));
      // A load that fails is reported and left out, not retried: the figures say how many count.
      const r = await load(browser, t, keys).catch((e) => {
        console.log(`failed: ${e.message}`);
        return null;
      });
      if (!r) continue;
      t.times.push(r.at);
      t.arrived.push(r.arrived);
    }
  }
} finally {
  await browser.close();
  rmSync(msalDir, { recursive: true, force: true });
}

const fmt = (x) => x.toFixed(1).padStart(8);
console.log(`${'target'.padEnd(40)} ${'n'.padStart(3)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)} ${'code in'.padStart(8)}  (ms from navigation start; "code in": last wasm/js response end, median)`);
for (const t of targets) {
  console.log(`${t.label.padEnd(40)} ${String(t.times.length).padStart(3)} ${fmt(median(t.times))} ${fmt(Math.min(...t.times))} ${fmt(Math.max(...t.times))} ${fmt(median(t.arrived))}`);
}
for (const t of targets.filter((t) => t.ours)) {
  console.log(`ratio ${t.label} / msal: ${(median(t.times) / median(msal.times)).toFixed(2)}`);
}
console.log(`load average after: ${avg()}`);
