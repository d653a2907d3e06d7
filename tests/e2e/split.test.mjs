// The split wasm (scripts/build-wasm.mjs, src/ui/steps/lazy.rs): step 1 runs on the main
// module alone; the later steps' module is fetched once, after step 1 is on screen (when the
// browser is idle), so step 2 opens from it; a module that cannot be fetched is said next to
// the step, in the admin's language, with a retry that works once the network is back (a
// status line says the step is loading meanwhile), and nothing typed is lost; a module changed on
// the server is refused by its integrity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILDS, serve, launch, openPage, mounted, axeViolations } from './support.mjs';

const LATER = /\/pkg\/[0-9a-f]{16}\/split_later_steps\.wasm$/;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const build of BUILDS) {
  test(`${build.name}: step 1 is on screen before the later steps' module is asked for; it is fetched once`, async () => {
    const { server, base } = await serve(build);
    const { context, page, errors } = await openPage(browser);
    await page.addInitScript(() => addEventListener('webex-o365-setup:mounted', () => { window.mountedAt = performance.now(); }));
    const wasm = [];
    page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
    try {
      await page.goto(base);
      await mounted(page);
      assert.ok(wasm[0].startsWith(`${build.prefix}pkg/`) && wasm[0].endsWith('/webex-o365-setup_bg.wasm'), wasm[0]);
      const startedAt = await page.waitForFunction(
        () => performance.getEntriesByType('resource').find((e) => e.name.endsWith('/split_later_steps.wasm'))?.startTime,
      );
      const mountedAt = await page.evaluate(() => window.mountedAt);
      assert.ok(mountedAt > 0 && (await startedAt.jsonValue()) > mountedAt, 'asked for after the mount');

      for (const slug of ['entra-app', 'webex-app', 'summary', 'mailbox']) {
        await page.click(`nav.stepper a[data-step="${slug}"]`);
        await page.waitForSelector(`[data-step-page="${slug}"]`);
      }
      assert.deepEqual(wasm.map((p) => p.split('/').pop()), ['webex-o365-setup_bg.wasm', 'split_later_steps.wasm']);
      assert.ok(LATER.test(wasm[1]), wasm[1]);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      server.close();
    }
  });
}

for (const [locale, said, retry, loading] of [
  ['en-US', /could not be loaded/, 'Try again', /Loading this step/],
  ['ja-JP', /読み込めませんでした/, 'もう一度試す', /読み込んでいます/],
]) {
  test(`${locale}: a step whose module cannot be fetched says so, keeps the input, and loads on retry`, async () => {
    const { server, base } = await serve(BUILDS[0]);
    const { context, page } = await openPage(browser, { locale });
    // Refused at first (the idle prefetch fails silently too), then held until released.
    let answer = (route) => route.abort('internetdisconnected');
    await page.route(LATER, (route) => answer(route));
    try {
      await page.goto(base);
      await mounted(page);
      await page.fill('[data-step-page="webex-app"] input[type="url"]', 'https://acme.us.webexconnect.io/callback');

      await page.click('nav.stepper a[data-step="mailbox"]');
      const alert = page.locator('[data-step-page="mailbox"] [data-step-load="failed"][role="alert"]');
      await alert.waitFor();
      assert.match(await alert.textContent(), said);
      assert.deepEqual(await axeViolations(page), []);
      // The step's heading and navigation are still there: the admin can go elsewhere.
      assert.equal(await page.locator('[data-step-page="mailbox"] h1').count(), 1);
      assert.equal(await page.locator('[data-step-page="mailbox"] [data-nav]').count() > 0, true);

      let release;
      const held = new Promise((resolve) => { release = resolve; });
      answer = async (route) => { await held; await route.fallback(); };
      await page.getByRole('button', { name: retry }).click();
      const status = page.locator('[data-step-load="pending"][role="status"]');
      await status.waitFor();
      assert.match(await status.textContent(), loading);
      release();
      await page.waitForSelector('[data-step-page="mailbox"] fieldset');
      assert.equal(await alert.count(), 0);
      assert.equal(await status.count(), 0);

      await page.click('nav.stepper a[data-step="webex-app"]');
      assert.equal(
        await page.inputValue('[data-step-page="webex-app"] input[type="url"]'),
        'https://acme.us.webexconnect.io/callback',
      );
    } finally {
      await context.close();
      server.close();
    }
  });
}

test('the later steps\' module is fetched with its integrity: a copy changed on the server is refused and said', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'split-tamper-'));
  await cp(BUILDS[0].dir, dir, { recursive: true });
  const [hash] = await readdir(join(dir, 'pkg'));
  const file = join(dir, 'pkg', hash, 'split_later_steps.wasm');
  const built = await readFile(file);
  const loader = await readFile(join(dir, 'pkg', hash, '__wasm_split.js'), 'utf8');
  assert.ok(loader.includes(`sha384-${createHash('sha384').update(built).digest('base64')}`), 'the loader names its digest');
  // Still a valid module (one more custom section, "x"), so only its digest can refuse it; served
  // as is (no precompressed copy of the original beside it).
  await writeFile(file, Buffer.concat([built, Buffer.from([0, 2, 1, 0x78])]));
  await WebAssembly.compile(await readFile(file));
  await rm(`${file}.br`);
  await rm(`${file}.gz`);
  const { server, base } = await serve({ ...BUILDS[0], dir });
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(base);
    await mounted(page);
    await page.click('nav.stepper a[data-step="mailbox"]');
    await page.locator('[data-step-page="mailbox"] [data-step-load="failed"]').waitFor();
    assert.ok(errors.some((e) => /integrity/i.test(e)), errors.join(' | '));
  } finally {
    await context.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a browser without requestIdleCallback still fetches the later steps\' module after step 1', async () => {
  const { server, base } = await serve(BUILDS[0]);
  const { context, page, errors } = await openPage(browser);
  await page.addInitScript(() => { delete window.requestIdleCallback; });
  try {
    await page.goto(base);
    await mounted(page);
    assert.equal(await page.evaluate(() => typeof window.requestIdleCallback), 'undefined');
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/split_later_steps.wasm')));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    server.close();
  }
});

test('a server that does not label .wasm application/wasm: step 1 and the later steps still load', async () => {
  const { server, base } = await serve(BUILDS[0], { types: { '.wasm': 'application/octet-stream' } });
  const { context, page, errors } = await openPage(browser);
  const types = [];
  page.on('response', (r) => r.url().endsWith('.wasm') && types.push(r.headers()['content-type']));
  try {
    await page.goto(base);
    await mounted(page);
    await page.click('nav.stepper a[data-step="mailbox"]');
    await page.waitForSelector('[data-step-page="mailbox"] [data-path-choice]');
    assert.deepEqual([...new Set(types)], ['application/octet-stream']);
    assert.equal(types.length, 3, 'the main module (streaming refused, then its bytes) and the later one');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    server.close();
  }
});
