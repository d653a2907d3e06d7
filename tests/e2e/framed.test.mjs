// The app inside a portal's cross-origin iframe (portal at http://localhost:P, app at
// http://127.0.0.1:Q, served with scripts/csp's policy and frame-ancestors naming the portal),
// with the iframe attributes the README gives: the first sign-in goes through a popup whether the
// frame's sessionStorage is refused or works (the portal at http://127.0.0.1:P, the app's own
// site), and the frame's URL never leaves the app;
// copying, downloads and forms work. A portal that allows less: copying and downloads say what
// the portal must allow (en and ja), and no redirect is offered instead of a blocked popup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILDS, csp, serve, launch, openPage, choosePath, unfold } from './support.mjs';
import { startMicrosoftEmulators, completeDevLogin } from './graph-emulator/index.mjs';

/** The iframe attributes README.md tells a portal to use. */
export const README_IFRAME = {
  allow: 'clipboard-write',
  sandbox: 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads allow-modals',
};
const MOUNTED = 'main[data-app-mounted="true"] [data-step-page]';
/** The mailbox step's "Copy" beside the script download. */
const COPY_SCRIPT = '.actions:has([data-action="download-script"]) button.copy';

const env = {};
before(async () => {
  env.browser = await launch();
  // The portal: another origin (localhost, not 127.0.0.1) whose page frames the app.
  env.portal = createServer((req, res) => {
    const q = new URL(req.url, 'http://localhost').searchParams;
    const attrs = ['allow', 'sandbox'].filter((a) => q.has(a)).map((a) => ` ${a}="${q.get(a)}"`).join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Intranet portal</title><h1>Portal</h1><iframe title="setup" width="1000" height="700" src="${q.get('app')}"${attrs}></iframe>`);
  });
  await new Promise((ok) => env.portal.listen(0, '127.0.0.1', ok));
  env.portalOrigin = `http://localhost:${env.portal.address().port}`;
  // The same portal reached by its IP: the app's own site (127.0.0.1) on another port, so the frame is
  // cross-origin but first-party and its storage works (the cross-site one is refused by this Chromium).
  env.sameSitePortalOrigin = `http://127.0.0.1:${env.portal.address().port}`;
  env.headers = {};
  env.served = await serve(BUILDS[0], { headers: env.headers });
  env.ms = await startMicrosoftEmulators({ redirectUris: [env.served.base] });
  env.config = JSON.stringify({ authority: env.ms.oidc.issuer, client_id: env.ms.oidc.clientId,
    graph_base_url: env.ms.graph.url, graph_resource: 'https://graph.microsoft.com' });
  env.dir = await mkdtemp(join(tmpdir(), 'framed-'));
  await writeFile(join(env.dir, 'config.json'), env.config);
  env.headers['content-security-policy'] = csp([join(env.dir, 'config.json'), '--frame-ancestors', `${env.portalOrigin} ${env.sameSitePortalOrigin}`]);
});
after(async () => {
  await env.browser?.close();
  env.portal?.close();
  env.served?.server.close();
  await env.ms?.close();
  if (env.dir) await rm(env.dir, { recursive: true, force: true });
});

/** The portal page (`sameSite`: the one on the app's own site) framing the app at `path` with `attrs`; `fn(page, frame, errors)`. */
async function inPortal({ path = '', attrs = README_IFRAME, locale = 'en-US', refuseSessionStorage = false, sameSite = false }, fn) {
  const { context, page, errors } = await openPage(env.browser, { locale });
  context.on('page', (p) => p !== page && p.on('console', (m) => m.type() === 'error' && errors.push(`popup: ${m.text()}`)));
  await context.route('https://fonts.googleapis.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
  await context.route(`${env.served.base}config.json`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: env.config }));
  if (refuseSessionStorage) {
    // What the issue saw in a cross-origin portal frame: sessionStorage refused.
    await context.addInitScript(() => {
      if (window.top === window) return;
      Object.defineProperty(window, 'sessionStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
    });
  }
  try {
    const query = new URLSearchParams({ app: `${env.served.base}${path}`, ...attrs });
    await page.goto(`${sameSite ? env.sameSitePortalOrigin : env.portalOrigin}/?${query}`);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame.waitForSelector(MOUNTED, { timeout: 15_000 });
    await fn(page, frame, errors);
  } finally {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  }
}

/** Whether the frame's sessionStorage takes a value (removed again). */
const sessionStorageWorks = (frame) => frame.evaluate(() => {
  try {
    sessionStorage.setItem('framed-probe', '1');
    const works = sessionStorage.getItem('framed-probe') === '1';
    sessionStorage.removeItem('framed-probe');
    return works;
  } catch {
    return false;
  }
});

// A popup whether or not the frame's storage works: a full-page redirect would take the portal's frame away.
for (const refuseSessionStorage of [true, false]) {
  test(`framed: the first sign-in goes through a popup, the frame never leaves the app, sessionStorage ${refuseSessionStorage ? 'refused' : 'working'}`, async () => {
    const sameSite = !refuseSessionStorage;
    await inPortal({ path: 'entra-app/', refuseSessionStorage, sameSite }, async (page, frame, errors) => {
      const frameUrls = [];
      page.on('framenavigated', (f) => f === frame && frameUrls.push(f.url()));
      assert.equal(await frame.evaluate(() => window.top !== window.self), true);
      assert.equal(await sessionStorageWorks(frame), !refuseSessionStorage);
      await choosePath(frame, 'entra-app', 'graph');
      assert.match(await frame.textContent('[data-framed="hosting.framed.signin_popup"]'), /sign-in opens in a pop-up window/);
      await frame.fill('input[name="azure.app_display_name"]', 'Typed in the portal');
      const [popup] = await Promise.all([page.waitForEvent('popup'), frame.click('[data-action="sign-in"]')]);
      await completeDevLogin(popup, { issuer: env.ms.oidc.issuer, closes: true });
      await frame.waitForSelector('[data-status="signed-in"]', { timeout: 15_000 });
      assert.match(await frame.textContent('[data-value="signin.scopes"]'), /User\.Read/);
      // Nothing of the round trip left the popup's memory: the page (and what was typed) stayed.
      assert.equal(await frame.inputValue('input[name="azure.app_display_name"]'), 'Typed in the portal');
      assert.deepEqual(frameUrls, [], 'the frame never navigated');
      assert.equal(frame.url(), `${env.served.base}entra-app/`);
      assert.equal(new URL(page.url()).origin, sameSite ? env.sameSitePortalOrigin : env.portalOrigin);
      assert.deepEqual(errors, []);
    });
  });
}

test('framed with the README attributes: copying, a download and a form submission work', async () => {
  await inPortal({ path: 'mailbox/' }, async (page, frame, errors) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.served.base).origin });
    await choosePath(frame, 'mailbox', 'script');
    await frame.click(COPY_SCRIPT);
    await frame.waitForSelector(`${COPY_SCRIPT}:has-text("Copied")`);
    const [download] = await Promise.all([page.waitForEvent('download'), frame.click('[data-action="download-script"]')]);
    assert.match(download.suggestedFilename(), /\.ps1$/);
    // allow-forms: the Webex API forms submit to their handler (empty: it names what is missing).
    await frame.click('nav.stepper a[data-step="verify"]');
    await unfold(frame, 'webex-api-cc');
    await frame.click('[data-action="check-cc"]');
    await frame.waitForSelector('[data-problem]');
    assert.deepEqual(errors, []);
  });
});

for (const [locale, copy, download, popup] of [
  ['en-US', /does not allow copying: select the value and press Ctrl\+C/, /If no file was saved, that page does not allow downloads/,
    /signs in only through a pop-up window/],
  ['ja-JP', /コピーを許可していません/, /ダウンロードを許可していません/, /ポップアップ ウィンドウでのみサインインします/],
]) {
  test(`framed in a portal that allows less (${locale}): copying, downloads and a blocked popup say what the portal must allow`, async () => {
    // No allow="clipboard-write", no allow-downloads, no allow-popups.
    const attrs = { sandbox: 'allow-scripts allow-same-origin allow-forms' };
    await inPortal({ path: 'mailbox/', attrs, locale }, async (page, frame) => {
      await choosePath(frame, 'mailbox', 'script');
      await frame.click(COPY_SCRIPT);
      await frame.waitForSelector(`${COPY_SCRIPT}:has-text("Ctrl+C")`);
      assert.match(await frame.textContent(COPY_SCRIPT), copy);
      await frame.click('[data-action="download-script"]');
      const note = await frame.waitForSelector('[data-framed="hosting.framed.download_note"]');
      assert.match(await note.textContent(), download);
      assert.equal(await note.$eval('a', (a) => [a.target, a.getAttribute('href')].join(' ')), `_blank ${env.served.base}mailbox/`);
      await frame.click('nav.stepper a[data-step="entra-app"]');
      await choosePath(frame, 'entra-app', 'graph');
      await frame.click('[data-action="sign-in"]');
      await frame.waitForSelector('[data-error="signin.error.popup_blocked"]');
      assert.match(await frame.textContent('[data-framed="hosting.framed.popup_needed"]'), popup);
      assert.equal(await frame.locator('[data-action="sign-in-redirect"]').count(), 0, 'no redirect offered in a frame');
      assert.equal(frame.url(), `${env.served.base}entra-app/`);
    });
  });
}
