// The app shell: mounts, no console errors, every step reachable by its link and by a
// deep-link reload, at the root and under a sub-path; config.json problems are explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BUILDS, STEPS, serve, launch, openPage, mounted } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const build of BUILDS) {
  test(`${build.name}: the app mounts with no console errors`, async () => {
    const { server, base } = await serve(build);
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(base);
      await mounted(page);
      assert.equal(await page.getAttribute('[data-step-page]', 'data-step-page'), 'webex-app');
      assert.match(await page.textContent('h1'), /Webex Connect/);
      await page.waitForSelector('[data-config]');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      server.close();
    }
  });

  test(`${build.name}: every step is reachable by its link and by a deep-link reload`, async () => {
    const { server, base } = await serve(build);
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(base);
      await mounted(page);
      for (const slug of STEPS) {
        await page.click(`nav.stepper a[data-step="${slug}"]`);
        await page.waitForSelector(`[data-step-page="${slug}"]`);
        assert.equal(new URL(page.url()).pathname, `${new URL(base).pathname}${slug}/`);
        assert.equal(await page.getAttribute(`nav.stepper a[data-step="${slug}"]`, 'aria-current'), 'step');
      }
      for (const slug of STEPS) {
        const response = await page.goto(`${base}${slug}/`);
        assert.equal(response.status(), 200, `${slug}: deep link status`);
        await mounted(page);
        assert.equal(await page.getAttribute('[data-step-page]', 'data-step-page'), slug);
        await page.reload();
        await mounted(page);
        assert.equal(await page.getAttribute('[data-step-page]', 'data-step-page'), slug, `${slug} after reload`);
      }
      // Back goes to the previous step without a reload.
      await page.goto(`${base}mailbox/`);
      await mounted(page);
      await page.click('nav.stepper a[data-step="verify"]');
      await page.waitForSelector('[data-step-page="verify"]');
      await page.goBack();
      await page.waitForSelector('[data-step-page="mailbox"]');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      server.close();
    }
  });
}

test('config.json is read before the first mount: its banner is there when the step is, nothing shifts after', async () => {
  const { server, base } = await serve(BUILDS[0]);
  const { context, page, errors } = await openPage(browser);
  try {
    // What the page holds at the moment the app first says it is mounted.
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const main = document.querySelector('main[data-app-mounted="true"]');
        if (!main) return;
        observer.disconnect();
        window.__atMount = { banner: document.querySelector('[data-config]')?.dataset.config ?? null, step: Boolean(main.querySelector('[data-step-page]')) };
      }).observe(document, { subtree: true, childList: true });
    });
    // A slow config.json (slower than the text): the mount waits for it rather than shifting later.
    await page.route('**/config.json', async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.fulfill({ status: 404, body: 'not found' }).catch(() => {}); // the page may be gone
    });
    await page.goto(base);
    await mounted(page);
    assert.deepEqual(await page.evaluate(() => window.__atMount), { banner: 'unusable', step: true });
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  } finally {
    await context.close();
    server.close();
  }
});

for (const build of BUILDS) {
  test(`${build.name}: config.json is fetched once, with the page's first files (its preload is what the app reads)`, async () => {
    const { server, base } = await serve(build);
    const { context, page, errors } = await openPage(browser);
    try {
      const asked = [];
      page.on('request', (r) => new URL(r.url()).pathname.endsWith('/config.json') && asked.push(r.url()));
      await page.goto(base);
      await mounted(page);
      await page.waitForSelector('[data-config]');
      assert.deepEqual(asked, [`${base}config.json`]);
      // Asked for before the wasm had arrived, not once the app ran.
      const [config, wasm] = await page.evaluate(() => ['config.json', '.wasm'].map((end) => performance.getEntriesByType('resource')
        .find((e) => new URL(e.name).pathname.endsWith(end))));
      assert.ok(config.startTime < wasm.responseEnd, `config.json asked at ${config.startTime} ms, wasm in at ${wasm.responseEnd} ms`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      server.close();
    }
  });
}

test('a missing config.json shows a banner with the reason and manual mode still works', async () => {
  const { server, base } = await serve(BUILDS[0]);
  const { context, page } = await openPage(browser);
  try {
    await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(base);
    await mounted(page);
    const banner = await page.waitForSelector('[data-config="unusable"]');
    assert.match(await banner.textContent(), /HTTP 404/);
    await page.click('nav.stepper a[data-step="mailbox"]');
    await page.waitForSelector('[data-step-page="mailbox"]');
  } finally {
    await context.close();
    server.close();
  }
});

test('a malformed config.json names the problem, in Japanese too', async () => {
  const { server, base } = await serve(BUILDS[0]);
  const { context, page } = await openPage(browser);
  try {
    await page.route('**/config.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"authority": "http://login.example"}' }));
    await page.goto(`${base}?lang=ja`);
    await mounted(page);
    const banner = await page.waitForSelector('[data-config="unusable"]');
    assert.match(await banner.textContent(), /https の URL/);
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  } finally {
    await context.close();
    server.close();
  }
});

test('an empty client_id says connected mode is off and how to enable it', async () => {
  const { server, base } = await serve(BUILDS[0]);
  const { context, page } = await openPage(browser);
  try {
    await page.goto(base);
    await mounted(page);
    const banner = await page.waitForSelector('[data-config="loaded"][data-connected="false"]');
    assert.match(await banner.textContent(), /client_id/);
  } finally {
    await context.close();
    server.close();
  }
});
