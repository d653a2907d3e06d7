// The split wasm (scripts/build-wasm.mjs, src/ui/steps/lazy.rs): step 1 runs on the main
// module alone; the later steps' module is fetched the first time one of them shows, once; a module that
// cannot be fetched is said next to the step, in the admin's language, with a retry that works
// once the network is back, and nothing typed is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BUILDS, serve, launch, openPage, mounted, axeViolations } from './support.mjs';

const SPLIT = /\/pkg\/[0-9a-f]{16}\/(split_|chunk_)[^/]*\.wasm$/;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const build of BUILDS) {
  test(`${build.name}: step 1 loads no split module; step 2 fetches the later steps' module, once`, async () => {
    const { server, base } = await serve(build);
    const { context, page, errors } = await openPage(browser);
    const wasm = [];
    page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
    try {
      await page.goto(base);
      await mounted(page);
      await page.waitForSelector('[data-step-page="webex-app"] input');
      assert.equal(wasm.filter((p) => SPLIT.test(p)).length, 0, `step 1 fetched: ${wasm.join(', ')}`);
      assert.equal(wasm.length, 1, 'only the main module');
      assert.ok(wasm[0].startsWith(`${build.prefix}pkg/`), wasm[0]);

      await page.click('nav.stepper a[data-step="entra-app"]');
      await page.waitForSelector('[data-step-page="entra-app"] [data-path-choice], [data-step-page="entra-app"] fieldset');
      assert.deepEqual(wasm.slice(1).map((p) => p.split('/').pop()), ['split_later_steps.wasm'], 'one more module');

      // Back and forth, and on to another later step: nothing is fetched again.
      const before = wasm.length;
      await page.click('nav.stepper a[data-step="webex-app"]');
      await page.waitForSelector('[data-step-page="webex-app"] input');
      await page.click('nav.stepper a[data-step="entra-app"]');
      await page.waitForSelector('[data-step-page="entra-app"] fieldset');
      await page.click('nav.stepper a[data-step="summary"]');
      await page.waitForSelector('[data-step-page="summary"] [data-action]');
      assert.equal(wasm.length, before, 'nothing fetched again');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      server.close();
    }
  });
}

for (const [locale, said, retry] of [
  ['en-US', /could not be loaded/, 'Try again'],
  ['ja-JP', /読み込めませんでした/, 'もう一度試す'],
]) {
  test(`${locale}: a step whose module cannot be fetched says so, keeps the input, and loads on retry`, async () => {
    const { server, base } = await serve(BUILDS[0]);
    const { context, page } = await openPage(browser, { locale });
    try {
      await page.goto(base);
      await mounted(page);
      await page.fill('[data-step-page="webex-app"] input[type="url"]', 'https://acme.us.webexconnect.io/callback');
      let refuse = true;
      await page.route(SPLIT, (route) => (refuse ? route.abort('internetdisconnected') : route.fallback()));

      await page.click('nav.stepper a[data-step="mailbox"]');
      const alert = page.locator('[data-step-page="mailbox"] [data-step-load="failed"][role="alert"]');
      await alert.waitFor();
      assert.match(await alert.textContent(), said);
      assert.deepEqual(await axeViolations(page), []);
      // The step's heading and navigation are still there: the admin can go elsewhere.
      assert.equal(await page.locator('[data-step-page="mailbox"] h1').count(), 1);

      refuse = false;
      await page.getByRole('button', { name: retry }).click();
      await page.waitForSelector('[data-step-page="mailbox"] fieldset');
      assert.equal(await alert.count(), 0);

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
