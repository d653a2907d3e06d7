// Sign in again in a popup window (incremental consent path) against npm oidc-provider: after the
// token expired, "Sign in again" opens a popup, the popup hands its return to this page and closes,
// and this page (typed values, a client secret held only in memory) is untouched. Also: the popup
// closed by the user, a forged popup return, a message from elsewhere, and a blocked popup with the
// full-page fallback (which loses the in-memory secret, as its warning says).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, mounted, storageDump, choosePath } from './support.mjs';
import { completeDevLogin, routeConnected, useMicrosoftApp } from './graph-emulator/index.mjs';

const APP_NAME = 'Webex Connect email (typed before sign-in)';
const SECRET = 'Abc8Q~only-in-memory-secret-value.1234';

const env = useMicrosoftApp();

/** A signed-in page whose token has expired; `fn(page, errors, tokenPosts)`. */
async function expiredSession(locale, fn) {
  const { context, page, errors } = await openPage(env.browser, { locale });
  // Graph moved (as a proxy would), scopes still qualified with Microsoft Graph's resource: the
  // provider knows only https://graph.microsoft.com/... scopes, so a wrong qualifier fails the sign-in.
  await routeConnected(context, page, env.served.base, env.ms);
  const tokenPosts = [];
  page.on('request', (r) => r.url().startsWith(env.ms.oidc.issuer) && r.method() === 'POST'
    && new URL(r.url()).pathname.includes('token') && tokenPosts.push(r.url()));
  context.on('page', (p) => p !== page && p.on('console', (m) => m.type() === 'error' && errors.push(`popup console: ${m.text()}`)));
  try {
    // The page's clock, so an hour can pass in a moment (the server's clock is not touched).
    await page.clock.install();
    await page.goto(`${env.served.base}entra-app/`);
    await mounted(page);
    await choosePath(page, 'entra-app', 'graph');
    await page.fill('input[name="azure.app_display_name"]', APP_NAME);
    await page.fill('input[name="azure.client_secret"]', SECRET);
    await page.waitForFunction(() => localStorage.getItem('webex-o365-setup.setup.v1')?.includes('typed before'));
    await page.click('[data-action="sign-in"]');
    await completeDevLogin(page, { issuer: env.ms.oidc.issuer });
    await page.waitForSelector('[data-status="signed-in"]', { timeout: 15_000 });
    // The full-page round trip reloaded the page: the memory-only secret is typed again.
    await page.fill('input[name="azure.client_secret"]', SECRET);
    const scopes = await page.textContent('[data-value="signin.scopes"]');
    for (const s of ['User.Read', 'Policy.Read.All', 'Application.Read.All']) assert.ok(scopes.includes(s), scopes);
    assert.equal(await page.locator('[data-action="sign-in-again"]').count(), 0);
    await page.clock.fastForward('02:00:00');
    await page.waitForSelector('[data-status="expired"]', { timeout: 10_000 });
    await fn(page, errors, tokenPosts);
    await assertNothingLeft(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  }
}

/** Typed values and the memory-only secret are still in the page. */
async function assertKept(page) {
  assert.equal(await page.inputValue('input[name="azure.app_display_name"]'), APP_NAME);
  assert.equal(await page.inputValue('input[name="azure.client_secret"]'), SECRET);
}

/** Nothing token-like, pending or secret in either storage, and nothing OAuth in the URL. */
async function assertNothingLeft(page) {
  const url = new URL(page.url());
  for (const p of ['code', 'state', 'iss', 'error', 'error_description']) {
    assert.equal(url.searchParams.has(p), false, `${p} left in ${url}`);
  }
  const dump = JSON.stringify(await storageDump(page));
  assert.doesNotMatch(dump, /signin\.pending|verifier|access_token|popup\./i, dump);
  assert.equal(dump.includes(SECRET), false, 'the client secret was stored');
  for (const token of env.ms.oidc.issued.keys()) assert.equal(dump.includes(token), false, 'a token was stored');
}

/** The popup "Sign in again" opens, held on a page of the authorization server that never answers. */
async function heldPopup(page) {
  await page.context().route(`${env.ms.oidc.issuer}/auth**`, (route) => route.fulfill({
    status: 200, contentType: 'text/html', body: '<!doctype html><title>Sign in</title><p>Sign in</p>',
  }));
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('[data-action="sign-in-again"]')]);
  await popup.waitForURL((u) => u.href.startsWith(`${env.ms.oidc.issuer}/auth`));
  const auth = new URL(popup.url());
  assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
  assert.match(auth.searchParams.get('state'), /^popup\.[0-9a-f]{32}$/);
  await page.waitForSelector('[data-status="popup-waiting"]');
  return { popup, auth };
}

test('expired token: "Sign in again" in a popup; typed values and the in-memory secret are kept', async () => {
  await expiredSession('en-US', async (page, errors, tokenPosts) => {
    const text = await page.textContent('[data-status="expired"]');
    assert.match(text, /The sign-in has expired/);
    assert.match(text, /values held only in this page's memory \(such as a client secret\) are kept/);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('[data-action="sign-in-again"]')]);
    await completeDevLogin(popup, { issuer: env.ms.oidc.issuer, closes: true });
    if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 15_000 });
    await page.waitForSelector('[data-status="signed-in"]', { timeout: 15_000 });
    assert.match(await page.textContent('[data-value="signin.expiry"]'), /The sign-in expires at /);
    assert.equal(await page.locator('[data-status="expired"], [data-status="error"]').count(), 0);
    assert.equal(tokenPosts.length, 2, 'the popup\'s code was redeemed by this page');
    assert.equal(new URL(page.url()).pathname, '/entra-app/');
    await assertKept(page);
  });
});

test('the popup closed by the user: explained, nothing lost (en and ja)', async () => {
  for (const [locale, expected] of [
    ['en-US', /The sign-in window was closed before the sign-in finished\. Nothing was changed and your values on this page are kept/],
    ['ja-JP', /サインインが完了する前にサインイン ウィンドウが閉じられました/],
  ]) {
    await expiredSession(locale, async (page, errors, tokenPosts) => {
      const { popup } = await heldPopup(page);
      await popup.close();
      await page.waitForSelector('[data-error="signin.error.popup_closed"]', { timeout: 10_000 });
      assert.match(await page.textContent('[data-error="signin.error.popup_closed"]'), expected);
      assert.equal(await page.locator('[data-status="popup-waiting"]').count(), 0);
      // Still the expired session, offering to try again.
      assert.equal(await page.locator('[data-action="sign-in-again"]').count(), 1);
      assert.equal(tokenPosts.length, 1);
      await assertKept(page);
    });
  }
});

test('a forged popup return is refused; messages from other windows are ignored', async () => {
  await expiredSession('en-US', async (page, errors, tokenPosts) => {
    const { popup, auth } = await heldPopup(page);
    // This page posting to itself (not the popup): ignored, still waiting.
    await page.evaluate((state) => window.postMessage(`?code=forged&state=${state}`, location.origin), auth.searchParams.get('state'));
    await page.waitForTimeout(1_000);
    assert.equal(await page.locator('[data-status="popup-waiting"]').count(), 1);
    assert.equal(tokenPosts.length, 1);
    // The popup comes back with a state this page did not send.
    await popup.goto(`${env.served.base}?code=forged&state=popup.00000000000000000000000000000000`).catch(() => {});
    await page.waitForSelector('[data-error="signin.error.state_mismatch"]', { timeout: 15_000 });
    assert.match(await page.textContent('[data-error="signin.error.state_mismatch"]'),
      /Refused: this sign-in response does not belong to a sign-in started in this tab/);
    if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 10_000 });
    assert.equal(tokenPosts.length, 1, 'the forged code was not sent');
    await assertKept(page);
  });
});

test('a blocked popup: allow popups, or sign in in this tab with the warning that memory-only values go', async () => {
  await expiredSession('en-US', async (page, errors, tokenPosts) => {
    await page.evaluate(() => { window.open = () => null; });
    await page.click('[data-action="sign-in-again"]');
    await page.waitForSelector('[data-error="signin.error.popup_blocked"]');
    assert.match(await page.textContent('[data-error="signin.error.popup_blocked"]'), /Allow pop-up windows for this site/);
    assert.match(await page.textContent('[data-note="redirect-loses-memory"]'), /values held only in memory are lost: copy a client secret/);
    await assertKept(page);
    await page.click('[data-action="sign-in-redirect"]');
    await completeDevLogin(page, { issuer: env.ms.oidc.issuer });
    await page.waitForSelector('[data-status="signed-in"]', { timeout: 15_000 });
    assert.equal(tokenPosts.length, 2);
    assert.equal(await page.inputValue('input[name="azure.app_display_name"]'), APP_NAME);
    // As the warning said: the page was reloaded, the secret typed only in memory is gone.
    assert.equal(await page.inputValue('input[name="azure.client_secret"]'), '');
    await page.fill('input[name="azure.client_secret"]', SECRET);
  });
});
