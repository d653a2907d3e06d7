// Reopens offline (web/sw.js), at / in English and under /setup/ in Japanese, served with the
// strict policy: a page opened once reloads with the network cut, deep links included, and still
// exports, imports and generates scripts; the worker keeps only this build's files and
// config.json (network first: a changed config.json is used at once), and leaves other origins'
// requests alone. Then a changed build is deployed: the next load says a newer version is ready,
// and "Reload now" runs it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILDS, serve, launch, openPage, mounted, choosePath } from './support.mjs';
import { compress, writeServiceWorker } from '../../scripts/post-build.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const MAILBOX = 'help@contoso.example';

/** A copy of `build` to deploy over; `fn({ dir, base, page, context, errors, server, other })`. */
async function deployed(build, locale, fn) {
  const dir = await mkdtemp(join(tmpdir(), 'offline-'));
  await cp(build.dir, dir, { recursive: true });
  const { server, base } = await serve({ ...build, dir });
  const other = await serve(build);
  const { context, page, errors } = await openPage(browser, { locale, serviceWorkers: 'allow' });
  try {
    await fn({ dir, base, page, context, errors, server, other: other.base });
  } finally {
    await context.close();
    server.close();
    other.server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** What the worker's caches hold, as paths under `base`. */
async function cached(page, base) {
  return page.evaluate(async (prefix) => {
    const out = {};
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      out[name] = keys.map((r) => (r.url.startsWith(prefix) ? r.url.slice(prefix.length) : `OTHER ${r.url}`)).sort();
    }
    return out;
  }, base);
}

/** The Graph way of step 2, available (connected mode: config.json has a client id) or not. */
const graphWay = (available) => `[data-path-choice="entra-app"] [data-path="graph"][data-available="${available}"]`;

/**
 * With the worker in charge and the network up, a config.json changed on the server is what the
 * next load uses (a cache-first worker would keep answering with its copy), and so is the change
 * back. Leaves the page on mailbox/ with the deployed config.json.
 */
async function configIsNetworkFirst(page, base, dir) {
  const file = join(dir, 'config.json');
  const deployed = await readFile(file, 'utf8');
  await page.goto(`${base}entra-app/`);
  await mounted(page);
  await page.waitForSelector(graphWay(false));
  await writeFile(file, JSON.stringify({ ...JSON.parse(deployed), client_id: '99999999-8888-4777-8666-555555555555' }));
  assert.equal((await page.reload()).fromServiceWorker(), true, 'the worker answered the reload');
  await mounted(page);
  await page.waitForSelector(graphWay(true));
  await writeFile(file, deployed);
  await page.reload();
  await mounted(page);
  await page.waitForSelector(graphWay(false));
  await page.goto(`${base}mailbox/`);
  await mounted(page);
}

test('installing, the worker revalidates the files the page already loaded: the server sends none of them twice', async () => {
  await deployed(BUILDS[0], 'en-US', async ({ base, page, server, errors }) => {
    const answers = [];
    server.on('request', (req, res) => res.on('finish', () => answers.push([new URL(req.url, base).pathname, res.statusCode])));
    await page.goto(base);
    await mounted(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 20_000 });
    // The files the page loaded before it registered the worker. Not the later steps' module: the
    // page fetches it when idle, maybe at the same time as the worker, neither with a copy yet.
    const registered = answers.findIndex(([path]) => path.endsWith('/sw.js'));
    const loaded = new Set(answers.slice(0, registered).map(([path]) => path).filter((p) => !p.includes('split_later')));
    const twice = [...loaded].filter((p) => answers.filter(([path, s]) => path === p && s === 200).length > 1);
    assert.ok(loaded.size >= 6, `the page's own files: ${[...loaded]}`);
    assert.deepEqual(twice, [], 'no file the page had is answered in full again');
    const wasm = (status) => answers.some(([path, s]) => path.endsWith('_bg.wasm') && s === status);
    assert.ok(wasm(200) && wasm(304), `the main wasm sent once, then revalidated: ${JSON.stringify(answers)}`);
    assert.deepEqual(errors, []);
  });
});

for (const [build, locale, texts] of [
  [BUILDS[0], 'en-US', { ready: /A newer version of this app has been deployed\. Reload the page to use it/, reload: 'Reload now' }],
  [BUILDS[1], 'ja-JP', { ready: /このアプリの新しいバージョンが配置されました/, reload: '今すぐ再読み込み' }],
]) {
  test(`${build.name} (${locale}): reopens offline and still works; a new deployment is announced`, async () => {
    await deployed(build, locale, async ({ dir, base, page, context, errors, other }) => {
      await page.goto(`${base}mailbox/`);
      await mounted(page);
      // The script way, chosen online: the autosave brings the choice back offline.
      await choosePath(page, 'mailbox', 'script');
      await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 20_000 });
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      assert.equal(scope, base, 'the worker serves exactly the app');
      const worker = JSON.parse((await readFile(join(dir, 'sw.js'), 'utf8')).match(/^const BUILD = (.*);$/m)[1]);
      const caches = await cached(page, base);
      assert.deepEqual(Object.keys(caches).sort(), ['webex-o365-setup-config', `webex-o365-setup-shell-${worker.version}`]);
      assert.deepEqual(caches[`webex-o365-setup-shell-${worker.version}`], [...worker.files].sort());
      assert.deepEqual(caches['webex-o365-setup-config'], ['config.json']);
      // Another origin's request (Microsoft, Graph, Webex are all other origins) is not the worker's.
      const crossOrigin = page.waitForResponse(`${other}config.json`);
      await page.evaluate((u) => fetch(`${u}config.json`, { mode: 'no-cors' }), other);
      assert.equal((await crossOrigin).fromServiceWorker(), false);
      await configIsNetworkFirst(page, base, dir);

      await context.setOffline(true);
      assert.equal(await page.evaluate(() => navigator.onLine), false);
      const reloaded = await page.reload();
      assert.equal(reloaded.fromServiceWorker(), true);
      await mounted(page);
      // config.json: the network failed, the copy kept at install answers.
      await page.waitForSelector('[data-config]');
      assert.equal(await page.locator('[data-config="unusable"]').count(), 0);
      // Generates scripts.
      await page.fill('input[name="mailbox.address"]', MAILBOX);
      await page.waitForFunction((m) => document.querySelector('[data-script="mailbox"]')?.textContent.includes(m), MAILBOX);
      const [script] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-script"]')]);
      assert.match(await readFile(await script.path(), 'utf8'), new RegExp(MAILBOX.replace('.', '\\.')));
      // A deep link, offline, then export and import.
      await page.goto(`${base}summary/`);
      await mounted(page);
      // The other language, never loaded in this page: its file comes from the worker.
      const [lang, switched] = locale === 'ja-JP' ? ['ja', 'en'] : ['en', 'ja'];
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      await page.selectOption('#lang-switch', switched);
      await page.waitForFunction((l) => document.documentElement.lang === l, switched);
      await page.selectOption('#lang-switch', lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      const [exported] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export"]')]);
      const file = await readFile(await exported.path());
      assert.equal(JSON.parse(file).mailbox.address, MAILBOX);
      await page.setInputFiles('input[type=file][name="import"]', { name: 'setup.json', mimeType: 'application/json', buffer: file });
      await page.waitForSelector('#import-file--result[data-import-result="imported"]');
      assert.equal(await page.locator('[data-update]').count(), 0, 'nothing new yet');

      // A new deployment: another index.html (every route's copy), hence another worker.
      await context.setOffline(false);
      for (const f of (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('index.html'))) {
        const html = await readFile(join(dir, f), 'utf8');
        await writeFile(join(dir, f), html.replace('<head>', '<head>\n    <meta name="deployment" content="2" />'));
      }
      const next = writeServiceWorker(dir);
      compress(dir, (f) => f === 'sw.js');
      assert.notEqual(next.version, worker.version);
      await page.reload();
      await mounted(page);
      const banner = await page.waitForSelector('[role="status"] [data-update="ready"]', { timeout: 20_000 });
      assert.match(await banner.textContent(), texts.ready);
      assert.equal(await page.locator('meta[name="deployment"]').count(), 0, 'this load is still the build it had');
      await page.click(`[data-action="reload-update"]:has-text("${texts.reload}")`);
      await page.waitForSelector('meta[name="deployment"]', { state: 'attached' });
      await mounted(page);
      assert.equal(await page.locator('[data-update]').count(), 0);
      assert.deepEqual(Object.keys(await cached(page, base)).sort(),
        ['webex-o365-setup-config', `webex-o365-setup-shell-${next.version}`], 'the old build was dropped');
      assert.deepEqual(errors, []);
    });
  });
}
