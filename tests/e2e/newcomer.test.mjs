// A newcomer completes every step with valid data using only the keyboard, then downloads
// the JSON export and finds exactly the values typed (and the values derived from them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, openPage, mounted, storageDump } from './support.mjs';

const app = useApp();

const V = {
  appName: 'Support email (JP)',
  callback: 'https://acme.us.webexconnect.io/callback',
  forwarding: '0123456789abcdef0123456789abcdef@mail-us.imiconnect.io',
  tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  appDisplayName: 'Webex Connect email',
  clientId: '11111111-2222-4333-8444-555555555555',
  secret: 'Zx8Q~abcdefghijklmnopqrstuvwxyz0123456789',
  expires: '2027-06-01',
  mailbox: 'support@acme.example',
  upn: 'support@acme.example',
};

/** Presses Tab until the focused element matches `selector` (fails after `max` presses). */
async function tabTo(page, selector, max = 120) {
  for (let i = 0; i < max; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`could not reach ${selector} with the Tab key`);
}

async function typeInto(page, name, value) {
  await tabTo(page, `[name="${name}"]`);
  await page.keyboard.type(value);
}

async function next(page, slug) {
  await tabTo(page, 'a[data-nav="next"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`[data-step-page="${slug}"]`);
}

/** Moves the selection of a radio group with the arrow keys until `value` is checked. */
async function arrowTo(page, name, value) {
  await tabTo(page, `[name="${name}"]:checked, [name="${name}"]`);
  for (let i = 0; i < 6; i += 1) {
    if (await page.isChecked(`[name="${name}"][value="${value}"]`)) return;
    await page.keyboard.press('ArrowRight');
  }
  assert.fail(`could not select ${name}=${value} with the arrow keys`);
}

/**
 * Chooses how to do a step with the keyboard: Tab into the choice, then the arrow keys to the way
 * (they skip a way this copy cannot offer), Space when it is the focused one.
 */
async function chooseWay(page, step, value) {
  const name = `paths.${step}`;
  await tabTo(page, `[name="${name}"]`);
  for (let i = 0; i < 6; i += 1) {
    if (await page.evaluate((v) => document.activeElement?.value === v, value)) {
      await page.keyboard.press('Space');
      break;
    }
    await page.keyboard.press('ArrowRight');
  }
  assert.ok(await page.isChecked(`[name="${name}"][value="${value}"]`), `${step}: ${value} chosen`);
  await page.waitForSelector(`[data-path-body="${value}"]`);
}

test('keyboard only: every step, then an export whose values match', async () => {
  const { context, page, errors } = await openPage(app.browser);
  // The whole procedure works with no network: nothing may leave the local static server.
  const elsewhere = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(app.base).origin) && !r.url().startsWith('blob:')) elsewhere.push(r.url());
  });
  try {
    await page.goto(app.base);
    await mounted(page);

    await typeInto(page, 'webex_connect.app_name', V.appName);
    await typeInto(page, 'webex_connect.callback_url', V.callback);
    await typeInto(page, 'webex_connect.forwarding_address', V.forwarding);
    await next(page, 'entra-app');

    // A newcomer with no connected mode: by hand in the Entra admin center.
    await chooseWay(page, 'entra-app', 'by_hand');
    await typeInto(page, 'azure.tenant_id', V.tenant);
    await typeInto(page, 'azure.app_display_name', V.appDisplayName);
    await typeInto(page, 'azure.client_id', V.clientId);
    await typeInto(page, 'azure.client_secret', V.secret);
    await typeInto(page, 'azure.client_secret_expires', V.expires);
    await next(page, 'mailbox');

    await chooseWay(page, 'mailbox', 'script');
    await typeInto(page, 'mailbox.address', V.mailbox);
    await typeInto(page, 'mailbox.user_principal_name', V.upn);
    await next(page, 'webex-oauth');

    for (const item of ['form_filled', 'consent_review_cleared', 'token_generated', 'saved', 'registered_to_engage']) {
      await tabTo(page, `[name="oauth.checklist.${item}"]`);
      await page.keyboard.press('Space');
      assert.ok(await page.isChecked(`[name="oauth.checklist.${item}"]`), item);
    }
    await next(page, 'verify');

    for (const check of ['sent_from_outside', 'agent_received', 'reply_arrived']) {
      await arrowTo(page, `verification.${check}`, 'passed');
    }
    await next(page, 'troubleshoot');
    await next(page, 'summary');

    // Troubleshoot was not needed and not used: optional, which does not hold the summary back.
    for (const slug of ['webex-app', 'entra-app', 'mailbox', 'webex-oauth', 'verify', 'troubleshoot', 'summary']) {
      assert.equal(await page.getAttribute(`nav.stepper li:has(a[data-step="${slug}"])`, 'data-state'),
        slug === 'troubleshoot' ? 'optional' : 'complete', slug);
    }

    await tabTo(page, '[data-action="export"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(doc.format, 'webex-o365-setup');
    assert.equal(doc.version, 1);
    assert.match(doc.exported_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(
      { ...doc.webex_connect },
      { app_name: V.appName, callback_url: V.callback, tenant: 'acme', region: 'us', forwarding_address: V.forwarding },
    );
    assert.equal(doc.azure.tenant_id, V.tenant);
    assert.equal(doc.azure.client_id, V.clientId);
    assert.equal(doc.azure.app_display_name, V.appDisplayName);
    assert.equal(doc.azure.client_secret_expires, V.expires);
    assert.equal(doc.azure.permission_profile, 'least_privilege');
    assert.equal(doc.azure.implicit_access_tokens, false);
    assert.equal(doc.azure.redirect_uri, V.callback);
    assert.ok(!('client_secret' in doc.azure), 'the secret is exported only on request');
    assert.deepEqual(doc.mailbox, { address: V.mailbox, user_principal_name: V.upn, outbound_policy: 'scoped_custom_policy' });
    assert.deepEqual(doc.smtp, { server: 'smtp.office365.com', port: 587, security: 'STARTTLS', username: V.upn });
    const login = `https://login.microsoftonline.com/${V.tenant}/oauth2/v2.0`;
    assert.equal(doc.oauth.authorization_url, `${login}/authorize`);
    assert.equal(doc.oauth.token_url, `${login}/token`);
    assert.equal(doc.oauth.refresh_token_url, `${login}/token`);
    assert.equal(doc.oauth.scope, 'offline_access https://outlook.office.com/SMTP.Send');
    for (const check of ['sent_from_outside', 'agent_received', 'reply_arrived']) {
      assert.equal(doc.verification[check].status, 'passed', check);
      assert.match(doc.verification[check].time, /^\d{4}-\d\d-\d\dT/, check);
    }
    assert.ok(!JSON.stringify(doc).includes(V.secret));

    const stored = JSON.stringify(await storageDump(page));
    assert.ok(!stored.includes(V.secret), 'no secret in web storage');
    assert.ok(!page.url().includes(V.secret));
    assert.deepEqual(elsewhere, [], 'requests to other hosts');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a reload mid-way keeps every non-secret value and drops the secret', async () => {
  const { context, page, errors } = await openPage(app.browser);
  try {
    await page.goto(`${app.base}entra-app/`);
    await mounted(page);
    await page.fill('[name="azure.tenant_id"]', V.tenant);
    await page.fill('[name="azure.client_id"]', V.clientId);
    await page.fill('[name="azure.client_secret"]', V.secret);
    await page.click('nav.stepper a[data-step="mailbox"]');
    await page.fill('[name="mailbox.address"]', V.mailbox);
    await page.reload();
    await mounted(page);
    assert.equal(await page.inputValue('[name="mailbox.address"]'), V.mailbox);
    await page.click('nav.stepper a[data-step="entra-app"]');
    assert.equal(await page.inputValue('[name="azure.tenant_id"]'), V.tenant);
    assert.equal(await page.inputValue('[name="azure.client_id"]'), V.clientId);
    assert.equal(await page.inputValue('[name="azure.client_secret"]'), '');
    assert.ok(!JSON.stringify(await storageDump(page)).includes(V.secret));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
