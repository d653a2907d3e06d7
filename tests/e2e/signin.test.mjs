// This app's own sign-in (connected mode) against npm oidc-provider: authorization code +
// PKCE through a full-page redirect, the URL cleaned on return, tokens in memory only, the
// wizard's typed values kept; consent denied explained; a forged return (wrong state) refused;
// without a client id, the registration help and the admin-consent link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, mounted, storageDump, choosePath, unfold } from './support.mjs';
import { completeDevLogin, useMicrosoftApp } from './graph-emulator/index.mjs';

const TENANT = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const APP_NAME = 'Webex Connect email (typed before sign-in)';

const env = useMicrosoftApp({ oidc: { tenantId: TENANT } });

/** A page whose config.json is `config`; `fn(page, errors, tokenPosts)`. */
async function session(locale, config, fn) {
  const { context, page, errors } = await openPage(env.browser, { locale });
  // oidc-provider's login and consent pages @import a web font: answered locally (no network here).
  await page.route('https://fonts.googleapis.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
  await page.route(`${env.served.base}config.json`, (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: JSON.stringify(config),
  }));
  const tokenPosts = [];
  page.on('request', (r) => r.url().startsWith(env.ms.oidc.issuer) && r.method() === 'POST'
    && new URL(r.url()).pathname.includes('token') && tokenPosts.push(r.url()));
  try {
    await fn(page, errors, tokenPosts);
  } finally {
    await context.close();
  }
}

const connected = () => ({ authority: env.ms.oidc.issuer, client_id: env.ms.oidc.clientId, redirect_uri: env.served.base });

/** Step 2 the Graph way (connected mode), where the sign-in is. */
async function openEntraStep(page) {
  await page.goto(`${env.served.base}entra-app/`);
  await mounted(page);
  await choosePath(page, 'entra-app', 'graph');
  await page.waitForSelector('[data-step-page="entra-app"] [data-section="connect"]');
}

/** Nothing token-like or pending in either storage, and nothing OAuth in the URL. */
async function assertNothingLeft(page) {
  const url = new URL(page.url());
  for (const p of ['code', 'state', 'iss', 'error', 'error_description']) {
    assert.equal(url.searchParams.has(p), false, `${p} left in ${url}`);
  }
  const dump = JSON.stringify(await storageDump(page));
  assert.doesNotMatch(dump, /signin\.pending|verifier|access_token/i, dump);
  for (const token of env.ms.oidc.issued.keys()) assert.equal(dump.includes(token), false, 'a token was stored');
}

test('sign in: back on the saved step, signed in, URL clean, no token stored, typed values kept', async () => {
  await session('en-US', connected(), async (page, errors, tokenPosts) => {
    await openEntraStep(page);
    await page.fill('input[name="azure.app_display_name"]', APP_NAME);
    await page.waitForFunction(() => localStorage.getItem('webex-o365-setup.setup.v1')?.includes('typed before'));
    await page.click('[data-action="sign-in"]');
    const back = await completeDevLogin(page, { issuer: env.ms.oidc.issuer });
    assert.ok(back.loggedIn, 'the login page was shown');
    await page.waitForSelector('[data-status="signed-in"]', { timeout: 15_000 });
    assert.equal(new URL(page.url()).pathname, '/entra-app/');
    assert.match(await page.textContent('[data-status="signed-in"]'), /Signed in to Microsoft\. The access token is kept in this tab's memory only/);
    assert.equal(await page.textContent('[data-value="signin.tenant"] code'), TENANT);
    assert.match(await page.textContent('[data-value="signin.expiry"]'), /The sign-in expires at /);
    assert.equal(await page.inputValue('input[name="azure.app_display_name"]'), APP_NAME);
    assert.equal(tokenPosts.length, 1, 'one token request');
    assert.ok(env.ms.oidc.issued.size >= 1, 'the server issued a token');
    await assertNothingLeft(page);
    const html = await page.content();
    for (const token of env.ms.oidc.issued.keys()) assert.equal(html.includes(token), false, 'token shown in the page');

    await page.click('[data-action="sign-out"]');
    await page.waitForSelector('[data-action="sign-in"]');
    assert.equal(await page.locator('[data-status="signed-in"]').count(), 0);
    assert.deepEqual(errors, []);
  });
});

test('consent denied (Cancel): the error is shown and explained, in Japanese', async () => {
  await session('ja-JP', connected(), async (page, errors, tokenPosts) => {
    await openEntraStep(page);
    await page.fill('input[name="azure.app_display_name"]', APP_NAME);
    await page.click('[data-action="sign-in"]');
    await completeDevLogin(page, { issuer: env.ms.oidc.issuer, login: 'other-admin@contoso.onmicrosoft.com', consent: 'cancel' });
    await page.waitForSelector('[data-error="signin.error.denied"]', { timeout: 15_000 });
    const text = await page.textContent('[data-error="signin.error.denied"]');
    assert.match(text, /サインインがキャンセルされたか、同意が拒否されました \(access_denied: End-User aborted interaction\)/);
    assert.match(text, /\[承諾\]/);
    assert.equal(new URL(page.url()).pathname, '/entra-app/');
    assert.equal(await page.inputValue('input[name="azure.app_display_name"]'), APP_NAME);
    assert.equal(tokenPosts.length, 0, 'no code was redeemed');
    // The sign-in can be started again from the same panel.
    assert.equal(await page.locator('[data-action="sign-in"]').count(), 1);
    await assertNothingLeft(page);
    assert.deepEqual(errors, []);
  });
});

test('a return with a forged state is refused and the code never redeemed (en and ja)', async () => {
  for (const [locale, expected] of [
    ['en-US', /Refused: this sign-in response does not belong to a sign-in started in this tab/],
    ['ja-JP', /拒否しました: このサインイン応答は、このタブで開始したサインインのものではありません/],
  ]) {
    await session(locale, connected(), async (page, errors, tokenPosts) => {
      await openEntraStep(page);
      await page.fill('input[name="azure.app_display_name"]', APP_NAME);
      // A sign-in is pending in this tab (its state is random), then a forged link arrives.
      await page.click('[data-action="sign-in"]');
      await page.waitForURL((u) => u.origin === new URL(env.ms.oidc.issuer).origin);
      await page.goto(`${env.served.base}?code=x&state=wrong`);
      await mounted(page);
      await page.waitForSelector('[data-error="signin.error.state_mismatch"]');
      assert.match(await page.textContent('[data-error="signin.error.state_mismatch"]'), expected);
      assert.equal(new URL(page.url()).pathname, '/entra-app/');
      assert.equal(await page.inputValue('input[name="azure.app_display_name"]'), APP_NAME);
      assert.equal(tokenPosts.length, 0, 'the forged code was not sent');
      await assertNothingLeft(page);
      assert.deepEqual(errors, []);
    });
  }
});

test('without a client id: how to register, the permissions and why, and the admin-consent link', async () => {
  await session('en-US', {}, async (page, errors) => {
    await page.goto(`${env.served.base}entra-app/`);
    await mounted(page);
    // No Graph way here: how to turn connected mode on is folded under the choice.
    assert.ok(await page.isDisabled('[data-path-choice="entra-app"] input[value="graph"]'));
    await unfold(page, 'register');
    await page.fill('input[name="azure.tenant_id"]', '11111111-2222-4333-8444-555555555555');
    const help = page.locator('[data-connect="register"]');
    assert.match(await help.textContent(), /\[Single-page application \(SPA\)\]/);
    assert.equal(await page.locator('[data-action="sign-in"]').count(), 0);
    assert.match(await page.textContent('tr[data-scope="Mail.Send"]'), /Send a test mail/);
    assert.match(await page.textContent('tr[data-scope="Policy.Read.All"]'), /Check the tenant/);
    // Step 5's consent check reads grants with Directory.Read.All (read only), nothing broader.
    assert.match(await page.textContent('tr[data-scope="Directory.Read.All"]'), /read only.*Check the consent after \[Generate Token\]/s);
    await page.fill('#signin-spa-client-id', 'not-a-guid');
    await page.waitForSelector('text=This is not an Application (client) ID');
    await page.fill('#signin-spa-client-id', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
    const href = await page.getAttribute('[data-link="admin-consent"]', 'href');
    const url = new URL(href);
    assert.equal(url.origin + url.pathname,
      'https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/v2.0/adminconsent');
    assert.equal(url.searchParams.get('client_id'), 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
    assert.equal(url.searchParams.get('redirect_uri'), env.served.base);
    assert.match(url.searchParams.get('scope'), /https:\/\/graph\.microsoft\.com\/User\.Read /);
    assert.match(url.searchParams.get('scope'), /https:\/\/graph\.microsoft\.com\/Directory\.Read\.All/);
    assert.ok(url.searchParams.get('state')?.length >= 16);
    assert.deepEqual(errors, []);
  });
});
