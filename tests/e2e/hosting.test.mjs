// Hosting in a locked-down intranet: every step in en and ja mounts under the exact policy
// scripts/csp prints (as an HTTP header) with no CSP violation; connected mode (sign-in, a
// provisioning run) passes under the policy scripts/csp prints for a config.json naming the
// emulators; the build's precompressed files are served and decoded at / and /setup/; every
// script and preloaded or linked file in the built pages carries its sha384 integrity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import zlib from 'node:zlib';
import { BUILDS, STEPS, csp, serve, launch, openPage, mounted, choosePath } from './support.mjs';
import { startMicrosoftEmulators, completeDevLogin } from './graph-emulator/index.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Every CSP violation the page reports (the DOM event and Chromium's console message). */
async function watchViolations(context, page) {
  const seen = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`securitypolicyviolation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const listen = (p) => p.on('console', (m) => /securitypolicyviolation|Content Security Policy/i.test(m.text()) && seen.push(m.text()));
  listen(page);
  context.on('page', (p) => p !== page && listen(p));
  return seen;
}

for (const build of BUILDS) {
  test(`${build.name}: every step in en and ja mounts under scripts/csp's policy with no violation`, async () => {
    const policy = csp([join(build.dir, 'config.json')]);
    assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'/);
    const { server, base } = await serve(build, { headers: { 'content-security-policy': policy } });
    const { context, page, errors } = await openPage(browser);
    const violations = await watchViolations(context, page);
    try {
      for (const lang of ['en', 'ja']) {
        for (const slug of STEPS) {
          const response = await page.goto(`${base}${slug}/?lang=${lang}`);
          assert.equal(response.headers()['content-security-policy'], policy);
          await mounted(page);
          assert.equal(await page.getAttribute('[data-step-page]', 'data-step-page'), slug);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          await page.waitForSelector('[data-config]');
        }
      }
      assert.deepEqual(violations, []);
      assert.deepEqual(errors, []);
      // The secret field's layout comes from style/main.css (it was an inline style).
      await page.goto(`${base}entra-app/`);
      await mounted(page);
      assert.equal(await page.$eval('.secret-input', (e) => getComputedStyle(e).display), 'flex');
      assert.equal(await page.locator('[style]').count(), 0, 'no style attribute in the DOM');
      assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');
    } finally {
      await context.close();
      server.close();
    }
  });
}

test('connected mode under the policy scripts/csp prints for a config.json naming the emulators', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'csp-'));
  // The emulators need the app's address (its redirect URI) and the policy needs theirs: the
  // server reads its headers per request, so the policy is set once both are known.
  const headers = {};
  const { server, base } = await serve(BUILDS[0], { headers });
  const ms = await startMicrosoftEmulators({ redirectUris: [base], graph: { requireScopes: true } });
  const config = JSON.stringify({ authority: ms.oidc.issuer, client_id: ms.oidc.clientId, redirect_uri: base,
    graph_base_url: ms.graph.url, graph_resource: 'https://graph.microsoft.com' });
  await writeFile(join(dir, 'config.json'), config);
  const policy = csp([join(dir, 'config.json')]);
  // Exactly the emulators, no wildcard: what a deployment would paste.
  assert.match(policy, new RegExp(`connect-src 'self' ${new URL(ms.oidc.issuer).origin} ${new URL(ms.graph.url).origin} https://`));
  headers['content-security-policy'] = policy;
  // With the service worker on, as a deployment runs: it answers for the app's files and leaves
  // the authority's and Graph's requests to the network.
  const { context, page, errors } = await openPage(browser, { serviceWorkers: 'allow' });
  const violations = await watchViolations(context, page);
  await context.route('https://fonts.googleapis.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
  await context.route(`${base}config.json`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: config }));
  context.on('page', (p) => p !== page && p.on('console', (m) => m.type() === 'error' && errors.push(`popup: ${m.text()}`)));
  // The app's own requests to the authority and Graph (discovery, token, Graph calls), as answered.
  const microsoft = [];
  page.on('response', (r) => r.request().resourceType() === 'fetch'
    && [ms.oidc.issuer, ms.graph.url].some((u) => r.url().startsWith(new URL(u).origin))
    && microsoft.push(`${r.fromServiceWorker() ? 'worker' : 'network'} ${r.request().method()} ${r.url()}`));
  try {
    await page.goto(`${base}webex-app/`);
    await mounted(page);
    await page.fill('input[name="webex_connect.callback_url"]', 'https://acme.us.webexconnect.io/callback');
    await page.goto(`${base}entra-app/`);
    await mounted(page);
    await choosePath(page, 'entra-app', 'graph');
    await page.fill('input[name="azure.app_display_name"]', 'Webex Connect Email');
    await page.waitForFunction(() => localStorage.getItem('webex-o365-setup.setup.v1')?.includes('Webex Connect Email'));
    await page.click('[data-action="sign-in"]');
    await completeDevLogin(page, { issuer: ms.oidc.issuer });
    await page.waitForSelector('[data-status="signed-in"]', { timeout: 15_000 });
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.state), 'activated');
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('[data-action="provision-start"]')]);
    await completeDevLogin(popup, { issuer: ms.oidc.issuer, closes: true });
    await page.waitForSelector('[data-provision="review"]', { timeout: 30_000 });
    await page.click('[data-action="provision-confirm"]');
    await page.waitForSelector('[data-provision="finished"]', { timeout: 30_000 });
    assert.equal(await page.inputValue('input[name="azure.client_id"]'), ms.graph.state.applications[0].appId);
    assert.ok(microsoft.length > 5 && microsoft.every((r) => r.startsWith('network ')), microsoft.join('\n'));
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
    server.close();
    await ms.close();
    await rm(dir, { recursive: true, force: true });
  }
});

/** GET `url` with an Accept-Encoding of our choosing (fetch would add its own and decode). */
function get(url, acceptEncoding) {
  return new Promise((ok, fail) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

for (const build of BUILDS) {
  test(`${build.name}: precompressed wasm, js, css and language files are served by encoding and decode to the built files`, async () => {
    const { server, base } = await serve(build);
    const { context, page, errors } = await openPage(browser);
    try {
      const html = await readFile(join(build.dir, 'index.html'), 'utf8');
      const assets = [...html.matchAll(/(?:href|src|data-glue|data-wasm|data-locale-[a-z]+)="([^"]+\.(?:wasm|js|css|json))"/g)].map((m) => m[1])
        .filter((a) => !a.endsWith('/config.json')); // the deployment's to edit: never precompressed
      assert.deepEqual(new Set(assets.map((a) => a.split('.').pop())), new Set(['wasm', 'js', 'css', 'json']));
      for (const path of new Set(assets)) {
        assert.ok(path.startsWith(build.prefix), `${path} under ${build.prefix}`);
        const url = new URL(path, base).href;
        const raw = await readFile(join(build.dir, path.slice(build.prefix.length)));
        const br = await get(url, 'gzip, deflate, br');
        assert.equal(br.headers['content-encoding'], 'br', path);
        assert.equal(br.headers.vary, 'Accept-Encoding');
        assert.ok(br.body.length < raw.length, `${path}: ${br.body.length} < ${raw.length}`);
        assert.ok(zlib.brotliDecompressSync(br.body).equals(raw), `${path}: brotli decodes to the built file`);
        const gz = await get(url, 'gzip;q=1.0, br;q=0');
        assert.equal(gz.headers['content-encoding'], 'gzip', path);
        assert.ok(zlib.gunzipSync(gz.body).equals(raw), `${path}: gzip decodes to the built file`);
        const plain = await get(url);
        assert.equal(plain.headers['content-encoding'], undefined, path);
        assert.ok(plain.body.equals(raw));
      }
      // The browser: whatever it accepts, it gets an encoded copy and the app runs from it.
      // A response may still arrive (the later steps' module, fetched when idle) while the
      // context closes: its headers are read with the failure kept, never left unhandled.
      const encodings = new Map();
      const reads = [];
      page.on('response', (r) => {
        const path = new URL(r.url()).pathname;
        if (/\.(wasm|js|css)$|\/locales\/[^/]+\.json$/.test(path)) {
          reads.push(r.request().allHeaders().then(
            (h) => encodings.set(path, [h['accept-encoding'], r.headers()['content-encoding']]),
            () => {},
          ));
        }
      });
      await page.goto(base);
      await mounted(page);
      await page.waitForSelector('[data-config]');
      await Promise.all(reads);
      const wasm = [...encodings].find(([p]) => p.endsWith('.wasm'));
      assert.ok(wasm, `the wasm was loaded: ${[...encodings.keys()]}`);
      assert.ok([...encodings.keys()].some((p) => p.endsWith('.json')), `a language file was loaded: ${[...encodings.keys()]}`);
      for (const [path, [accepted, sent]] of encodings) {
        assert.equal(sent, /\bbr\b/.test(accepted) ? 'br' : 'gzip', `${path}: accepted ${accepted}, sent ${sent}`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      server.close();
    }
  });
}

/** The attributes of every `<script>` and `<link>` tag in `html`, as objects. */
const tags = (html) => [...html.matchAll(/<(script|link)\b([^>]*)>/g)].map(([, name, attrs]) => ({
  name, ...Object.fromEntries([...attrs.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map(([, k, v]) => [k, v ?? ''])),
}));

for (const build of BUILDS) {
  test(`${build.name}: every script and preloaded or linked file in the built pages has its sha384 integrity`, async () => {
    const pages = ['index.html', ...STEPS.map((slug) => `${slug}/index.html`)];
    for (const name of pages) {
      const loaded = tags(await readFile(join(build.dir, name), 'utf8'))
        .filter((t) => (t.name === 'script' && t.src) || (t.name === 'link' && ['preload', 'modulepreload', 'stylesheet'].includes(t.rel)));
      const files = loaded.map((t) => t.src ?? t.href);
      // The loader, the stylesheet, the wasm-bindgen glue and the wasm: nothing left out of the check.
      for (const kind of [/\/loader\.js$/, /\.css$/, /\.js$/, /\.wasm$/]) assert.ok(files.some((f) => kind.test(f)), `${name}: ${kind} in ${files}`);
      // config.json is preloaded without one: the deployment edits it after the build.
      const isConfig = (t) => /\/config\.json$/.test(t.href ?? '');
      assert.deepEqual(loaded.filter(isConfig).map((t) => [t.href, t.integrity]),
        [[`${build.prefix}config.json`, undefined]], `${name}: config.json preloaded, no integrity`);
      for (const t of loaded.filter((t) => !isConfig(t))) {
        const path = t.src ?? t.href;
        assert.ok(path.startsWith(build.prefix), `${name}: ${path} under ${build.prefix}`);
        assert.match(t.integrity ?? '', /^sha384-[A-Za-z0-9+/]+={0,2}$/, `${name}: ${path} has a sha384 integrity`);
        const bytes = await readFile(join(build.dir, path.slice(build.prefix.length)));
        assert.equal(t.integrity, `sha384-${createHash('sha384').update(bytes).digest('base64')}`, `${name}: ${path}'s integrity is its hash`);
      }
    }
  });
}
