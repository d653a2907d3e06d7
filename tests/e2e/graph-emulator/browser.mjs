// Playwright helpers for the oidc-provider development pages (login form, consent form), a sign-in popup, and
// the check that nothing of a sign-in or a client secret was left in web storage or the URL.
// Call it right after the app navigated to the authorization server (e.g. after clicking the
// app's "Sign in" button); it returns once the browser is back on the app (or fails after timeout).
// For a sign-in popup that closes itself once back on the app, pass `closes: true`: the helper
// then also returns when the page has closed.

import assert from 'node:assert/strict';
import { storageDump } from '../support.mjs';

/**
 * @param {import('playwright-core').Page} page
 * @param {object} opts
 * @param {string} opts.issuer                 startOidc().issuer
 * @param {string} [opts.login]                any value; it becomes the token's account (and Graph's /me
 *                                             when it is a seeded user's UPN)
 * @param {'accept'|'cancel'} [opts.consent]   'cancel' clicks "[ Cancel ]": the app gets error=access_denied
 * @param {number} [opts.timeout=15000]
 * @param {boolean} [opts.closes=false]       the page is a popup that closes itself: closing ends the helper
 * @returns {Promise<{ loggedIn: boolean, consented: boolean, url: string }>}
 */
export async function completeDevLogin(page, opts) {
  if (!opts.closes) return devLogin(page, opts);
  const result = { loggedIn: false, consented: false, url: '' };
  try {
    return await devLogin(page, opts, result);
  } catch (e) {
    if (page.isClosed()) return { ...result, url: result.url || 'closed' };
    throw e;
  }
}

async function devLogin(page, { issuer, login = 'admin@contoso.onmicrosoft.com', password = 'password', consent = 'accept', timeout = 15_000 }, into) {
  const origin = new URL(issuer).origin;
  const deadline = Date.now() + timeout;
  const result = into ?? { loggedIn: false, consented: false, url: '' };
  const onIssuer = () => new URL(page.url()).origin === origin;
  // The app may still be on its own page, about to redirect; with a live session and earlier
  // consent the server sends the browser straight back, so any change of URL will do.
  const start = page.url();
  if (!onIssuer()) await page.waitForURL((u) => u.origin === origin || u.href !== start, { timeout });
  while (Date.now() < deadline) {
    if (!onIssuer()) {
      result.url = page.url();
      return result;
    }
    await page.waitForLoadState('domcontentloaded');
    if (await page.locator('input[name="login"]').count()) {
      await page.fill('input[name="login"]', login);
      await page.fill('input[name="password"]', password);
      await Promise.all([page.waitForNavigation({ timeout }), page.click('button[type="submit"]')]);
      result.loggedIn = true;
      continue;
    }
    if (await page.locator('input[name="prompt"][value="consent"]').count()) {
      if (consent === 'cancel') {
        await Promise.all([page.waitForNavigation({ timeout }), page.click('text=[ Cancel ]')]);
      } else {
        await Promise.all([page.waitForNavigation({ timeout }), page.click('button:has-text("Continue")')]);
        result.consented = true;
      }
      continue;
    }
    // An error page of the authorization server, or a redirect in flight.
    await page.waitForURL((u) => u.origin !== origin || u.pathname.startsWith('/interaction/'), { timeout: Math.max(1, deadline - Date.now()) })
      .catch(() => {});
    if (onIssuer() && !(await page.locator('form').count())) {
      throw new Error(`authorization server page without a form: ${page.url()}\n${(await page.textContent('body'))?.slice(0, 500)}`);
    }
  }
  throw new Error(`completeDevLogin: still on ${page.url()} after ${timeout} ms`);
}

/**
 * Connected mode against the emulators for one page: its config.json names the oidc-provider as the
 * authority and the Graph emulator as Graph (scopes still qualified with https://graph.microsoft.com,
 * as behind a proxy), and oidc-provider's web-font import is answered locally (no network here).
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 * @param {string} base   the app's base URL (also its redirect URI)
 * @param {{ oidc, graph }} ms  startMicrosoftEmulators()
 */
export async function routeConnected(context, page, base, ms) {
  await context.route('https://fonts.googleapis.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
  await page.route(`${base}config.json`, (route) => route.fulfill({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ authority: ms.oidc.issuer, client_id: ms.oidc.clientId, redirect_uri: base,
      graph_base_url: ms.graph.url, graph_resource: 'https://graph.microsoft.com' }),
  }));
}

/** Clicks `selector`, which opens the sign-in popup, and completes it (consent included). */
export async function inPopup(page, ms, selector) {
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.click(selector)]);
  await completeDevLogin(popup, { issuer: ms.oidc.issuer, closes: true });
  if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 15_000 });
}

/**
 * No sign-in leftovers in the URL; no token, PKCE verifier or client secret (every secretText the emulator
 * handed out) in localStorage, sessionStorage or the URL.
 * @param {{ oidc, graph }} ms  startMicrosoftEmulators()
 */
export async function assertNothingStored(page, ms) {
  const url = new URL(page.url());
  for (const p of ['code', 'state', 'iss', 'error']) assert.equal(url.searchParams.has(p), false, `${p} in ${url}`);
  const dump = JSON.stringify(await storageDump(page));
  for (const token of ms.oidc.issued.keys()) assert.equal(dump.includes(token), false, 'a token was stored');
  for (const s of ms.graph.state.issuedSecrets) {
    assert.equal(dump.includes(s.secretText), false, 'a client secret was stored');
    assert.equal(page.url().includes(s.secretText), false, 'a client secret in the URL');
  }
  assert.doesNotMatch(dump, /access_token|verifier/i);
}
