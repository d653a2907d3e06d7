// Day two, end to end in Chromium against oidc-provider and the Graph emulator (every request checked
// against ../shared/graph-openapi): a drifted registration is read in one $batch, fills the wizard (typed
// values kept until the admin chooses) and lists its drift; the Exchange check's output is read, hostile
// output refused; a full secret rotation (a token expiring mid-way) leaves exactly one valid secret, the
// new one, in memory and in the wizard, and nothing in storage or the URL; by hand, an accepted test
// send (the Webex emulator) proves the new secret and the click-by-click removal finishes. en and ja.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, mounted, axeViolations, unfold, storageDump } from './support.mjs';
import { startEmulator, GOOD_KEY } from './webex-emulator.mjs';
import { connectedScenario, inPopup, assertNothingStored, EXCHANGE_APP_ID, GRAPH_APP_ID } from './graph-emulator/index.mjs';

const CALLBACK = 'https://acme.us.webexconnect.io/callback';
const DOMAIN = 'contoso.onmicrosoft.com';
const UPN = `webex@${DOMAIN}`;
const FORWARDING = '0123456789abcdef0123456789abcdef@mail-us.imiconnect.io';
const DAY = 86400_000;

const app = useApp();

/** What the least-privilege plan declares and consents. */
const LEAST = {
  permissions: [
    { resourceAppId: EXCHANGE_APP_ID, value: 'SMTP.Send' },
    { resourceAppId: GRAPH_APP_ID, value: 'openid' },
    { resourceAppId: GRAPH_APP_ID, value: 'offline_access' },
  ],
  grants: [{ resourceAppId: EXCHANGE_APP_ID, scope: 'SMTP.Send' }, { resourceAppId: GRAPH_APP_ID, scope: 'openid offline_access' }],
};

/** No sideways scrolling at 320 CSS px (long ids, URLs, the script and its output wrap). */
async function fitsIn320(page) {
  await page.setViewportSize({ width: 320, height: 800 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, 'no sideways scrolling');
  await page.setViewportSize({ width: 1280, height: 800 });
}

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** A tenant of its own and a page on the Troubleshoot step, connected to it; `fn(page, ms, errors)`. */
async function onTroubleshoot(locale, fn, { allowHttp = [] } = {}) {
  await connectedScenario(app.browser, app.base, { locale, allowHttp }, async ({ page, ms }) => {
    await page.goto(`${app.base}troubleshoot/`);
    await mounted(page);
    await fn(page, ms);
  });
}



async function audit(page, ms, clientId) {
  await page.fill('input[name="azure.client_id"]', clientId);
  await page.fill('input[name="mailbox.user_principal_name"]', UPN);
  await inPopup(page, ms, '[data-action="audit-start"]');
  await page.waitForSelector('[data-audit="done"] [data-audit-findings]', { timeout: 20_000 });
}

const findings = (page) => page.$$eval('[data-audit-findings] [data-finding]', (els) => els.map((e) => [e.dataset.finding, e.dataset.severity]));
const fill = (page, field) => page.getAttribute(`[data-fill-field="${field}"]`, 'data-fill');

/** One line of the check script's output, as Exchange would answer for this mailbox. */
function exchangeOutput(mailbox, changes = {}) {
  return JSON.stringify({
    Schema: 'webex-o365-setup/exchange-check', Version: 1, CheckedMailbox: mailbox,
    CASMailbox: { SmtpClientAuthenticationDisabled: null },
    TransportConfig: { SmtpClientAuthenticationDisabled: true },
    Mailbox: { UserPrincipalName: UPN, PrimarySmtpAddress: mailbox, Alias: 'support', Name: 'Support', EmailAddresses: [`SMTP:${mailbox}`],
      ForwardingSmtpAddress: `smtp:${FORWARDING}`, ForwardingAddress: null, DeliverToMailboxAndForward: true },
    OutboundSpamPolicies: [{ Name: 'Default', IsDefault: true, AutoForwardingMode: 'Automatic' }],
    OutboundSpamRules: [],
    OrganizationConfig: { IsDehydrated: false },
    Errors: [],
    ...changes,
  });
}

test('a drifted registration: one $batch, the wizard filled (typed values kept), the drift listed; the Exchange check read, hostile output refused (en)', async () => {
  await onTroubleshoot('en-US', async (page, ms) => {
    const now = Date.now();
    const { app: reg } = ms.graph.provision({
      displayName: 'Webex Connect Email', redirectUris: [], spaRedirectUris: [CALLBACK], implicitAccessTokens: true, ...LEAST,
      passwords: [{ displayName: 'Webex Connect', startDateTime: iso(now - 170 * DAY), endDateTime: iso(now + 10 * DAY) }],
      appRoleAssignmentRequired: true, assignedUsers: [`admin@${DOMAIN}`],
    });
    // A value typed before: kept, shown beside the one found.
    await page.fill('input[name="azure.app_display_name"]', 'My old name');
    await page.fill('input[name="mailbox.address"]', `support@${DOMAIN}`);
    await audit(page, ms, reg.appId);

    const batches = ms.graph.roundTrips((e) => e.path === '/$batch');
    assert.equal(batches.length, 1, 'the reads went in one $batch');
    assert.equal(ms.graph.roundTrips((e) => e.method !== 'GET' && e.path !== '/$batch').length, 0, 'nothing written');
    assert.deepEqual(ms.graph.state.log.filter((e) => e.batch).map((e) => e.status), [200, 200, 200, 200, 200, 200, 200, 200, 200]);

    const found = await findings(page);
    for (const [key, severity] of [
      ['audit.callback.spa_only', 'error'],
      ['audit.assignment.user_missing', 'error'],
      ['audit.implicit.on', 'warning'],
      ['audit.secret.expiring', 'warning'],
      ['proof.exchange.admin', 'info'],
    ]) {
      assert.ok(found.some(([k, s]) => k === key && s === severity), `${key} ${severity} in ${JSON.stringify(found)}`);
    }
    assert.match(await page.textContent('[data-finding="audit.assignment.user_missing"]'), /AADSTS50105/);
    assert.match(await page.textContent('[data-finding="audit.callback.spa_only"]'), /single-page application/);
    // Each finding links to where it is fixed.
    assert.equal(await page.getAttribute('[data-finding="audit.implicit.on"] [data-revisit]', 'data-field'), 'azure.implicit_access_tokens');
    assert.equal(await page.locator('[data-finding="audit.secret.expiring"] [data-action="go-rotate"]').count(), 1);

    // Filled where empty, kept where typed.
    assert.equal(await fill(page, 'azure.tenant_id'), 'filled');
    assert.equal(await fill(page, 'azure.client_secret_expires'), 'filled');
    assert.equal(await fill(page, 'azure.client_id'), 'same');
    assert.equal(await fill(page, 'azure.app_display_name'), 'differs');
    assert.equal(await page.inputValue('input[name="azure.app_display_name"]'), 'My old name', 'not overwritten silently');
    await page.click('[data-action="adopt"][data-field="azure.app_display_name"]');
    assert.equal(await page.inputValue('input[name="azure.app_display_name"]'), 'Webex Connect Email');
    assert.equal(await fill(page, 'azure.app_display_name'), 'same');
    assert.equal(await page.locator('[data-fill-field="webex_connect.callback_url"]').count(), 0, 'no Web callback to take');
    assert.equal(await page.locator('[data-secret-list] [data-validity="expiring"]').count(), 1);

    // The Exchange side: the check's output read into verdicts.
    await page.fill('#day-two-exchange-output', `PS C:\\> .\\webex-connect-exchange-check.ps1\n${exchangeOutput(`support@${DOMAIN}`)}\nPS C:\\>`);
    await page.click('[data-action="exchange-read"]');
    await page.waitForSelector('[data-verdicts]');
    const verdicts = await page.$$eval('[data-verdicts] [data-item]', (els) => els.map((e) => [e.dataset.item, e.dataset.state, e.dataset.verdict]));
    assert.deepEqual(verdicts.map((v) => v.slice(0, 2)), [
      ['mailbox_smtp_auth', 'change'], ['tenant_smtp_auth', 'holds'], ['forwarding', 'unknown'], ['keep_copy', 'holds'],
      ['outbound_policy', 'change'], ['organization_customization', 'holds'],
    ]);
    assert.equal(verdicts[4][2], 'exchange.verdict.outbound.default_automatic');
    assert.match(await page.textContent('[data-item="mailbox_smtp_auth"]'), /follows the tenant's.*535 5\.7\.139/);
    // The same check saved by Windows PowerShell's `>` (UTF-16 with a BOM), opened as a file.
    const saved = exchangeOutput(`support@${DOMAIN}`, { OutboundSpamPolicies: [{ Name: 'Default', IsDefault: true, AutoForwardingMode: 'On' }] });
    await page.setInputFiles('#day-two-exchange-file', { name: 'exchange-check.json', mimeType: 'application/json', buffer: Buffer.from(`\ufeff${saved}\r\n`, 'utf16le') });
    await page.waitForSelector('[data-item="outbound_policy"][data-state="holds"]');
    assert.equal(await page.getAttribute('[data-exchange-summary]', 'data-exchange-summary'), '1');

    // Hostile and foreign output: a clear message, nothing rendered from it, the last result kept.
    const setupBefore = await page.evaluate(() => localStorage.getItem('webex-o365-setup.setup.v1'));
    const hostile = exchangeOutput(`support@${DOMAIN}`, { OutboundSpamPolicies: [{ Name: '<img src=x onerror="window.pwned=1">', IsDefault: true, AutoForwardingMode: 'On' }] });
    for (const [text, key] of [
      [hostile, 'exchange.parse.markup'],
      [exchangeOutput(`ceo@${DOMAIN}`), 'exchange.parse.other_mailbox'],
      ['<html><script>window.pwned=1</script></html>', 'exchange.parse.not_json'],
      [`{"Schema": "webex-o365-setup/exchange-check", "Pad": "${'a'.repeat(300 * 1024)}"}`, 'exchange.parse.too_large'],
    ]) {
      await page.fill('#day-two-exchange-output', text);
      await page.click('[data-action="exchange-read"]');
      await page.waitForSelector(`[data-exchange-problem="${key}"]`);
      assert.equal(await page.locator('[data-verdicts] [data-item]').count(), 6, 'the last good result stays');
    }
    assert.match(await page.textContent('[data-exchange-problem]'), /Nothing was changed/);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.equal(await page.evaluate(() => localStorage.getItem('webex-o365-setup.setup.v1')), setupBefore);

    await page.click('[data-section="exchange-check"] details summary');
    await fitsIn320(page);
    assert.deepEqual(await axeViolations(page), [], 'audit results, verdicts and a refusal on screen');

    // The findings reach the support bundle (no secret in it).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="bundle-json"]')]);
    const bundle = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
    assert.ok(bundle.day_two.some((f) => f.key === 'audit.assignment.user_missing' && f.step === 'mailbox'));
    assert.ok(bundle.day_two.some((f) => f.key === 'exchange.verdict.outbound.default_allows'));
  });
});

test('a full rotation (ja): review, add, Webex Connect, proof, token expired mid-way, review, remove; one valid secret left, the new one, in memory and the wizard', async () => {
  await onTroubleshoot('ja-JP', async (page, ms) => {
    const now = Date.now();
    const { app: reg } = ms.graph.provision({
      displayName: 'Webex Connect Email', redirectUris: [CALLBACK], ...LEAST,
      passwords: [
        { displayName: 'Webex Connect', startDateTime: iso(now - 170 * DAY), endDateTime: iso(now + 10 * DAY) },
        { displayName: 'expired', startDateTime: iso(now - 400 * DAY), endDateTime: iso(now - 35 * DAY) },
      ],
    });
    const oldKeys = reg.passwordCredentials.map((p) => p.keyId);
    await audit(page, ms, reg.appId);
    assert.equal(await fill(page, 'webex_connect.callback_url'), 'filled', 'the one Web callback fills step 1');
    assert.match(await page.textContent('[data-finding="audit.secret.expiring"]'), /期限切れになります/);

    await page.click('[data-action="rotation-start"]');
    await page.waitForSelector('[data-rotation="add"]');
    assert.match(await page.textContent('[data-rotation-status]'), /まだ何も変更していません/);
    assert.deepEqual(await page.$$eval('[data-operations="rotation-add"] [data-op]', (els) => els.map((e) => e.dataset.op)), ['app.add_password']);
    assert.equal(ms.graph.state.issuedSecrets.length, 0, 'reviewed before anything is sent');
    // Adding needs Application.ReadWrite.All: asked for in the popup.
    await inPopup(page, ms, '[data-action="rotation-add"]');
    await page.waitForSelector('[data-rotation="update-webex"]', { timeout: 20_000 });
    const secret = ms.graph.state.issuedSecrets.at(-1);
    assert.equal(ms.graph.state.applications[0].passwordCredentials.length, 3, 'both valid now (and the expired one)');
    assert.match(await page.textContent('[data-rotation-status="rotation.status.both_valid"]'), /すべて有効/);
    assert.notEqual(await page.textContent('[data-copy="rotation.new_secret"] code'), secret.secretText, 'masked until revealed');
    assert.match(await page.textContent('[data-guide="rotation-webex"]'), new RegExp(`\\[トークンの生成\\].*${UPN}`));
    await assertNothingStored(page, ms);

    // Away to step 2 and back (in-app): the wizard holds the new value in memory, the rotation goes on.
    await page.click('nav.stepper a[data-step="entra-app"]');
    await page.waitForSelector('input[name="azure.client_secret"]');
    assert.equal(await page.inputValue('input[name="azure.client_secret"]'), secret.secretText);
    assert.equal(await page.inputValue('input[name="azure.client_secret_expires"]'), iso(Date.parse(ms.graph.state.applications[0].passwordCredentials[2].endDateTime)).slice(0, 10));
    await page.click('nav.stepper a[data-step="troubleshoot"]');
    await page.waitForSelector('[data-rotation="update-webex"]');

    assert.deepEqual(await axeViolations(page), [], 'the new secret and Webex Connect\'s fields');
    await page.click('[data-action="rotation-webex-done"]');
    await page.waitForSelector('[data-rotation="prove"]');
    await page.click('[data-fold="rotation-send-test"] summary');
    assert.deepEqual(await axeViolations(page), [], 'the proof, with the test send unfolded');
    await page.click('[data-action="rotation-confirmed"]');
    await page.waitForSelector('[data-rotation="remove"]');
    const review = await page.$$eval('[data-operations="rotation-remove"] [data-op]', (els) => els.map((e) => e.textContent));
    assert.equal(review.length, 2);
    assert.ok(oldKeys.every((k) => review.some((r) => r.includes(k))), 'both old secrets offered');
    assert.ok(!review.some((r) => r.includes(secret.keyId)), 'never the new one');
    await fitsIn320(page);
    assert.deepEqual(await axeViolations(page), [], 'the removal review');

    // The token expires before the removal: sign in again; the step goes on, the new secret kept.
    ms.graph.expireTokens();
    await page.click('[data-action="rotation-remove"]');
    await page.waitForSelector('[data-rotation-sign-in-again]', { timeout: 15_000 });
    assert.match(await page.textContent('[data-rotation-sign-in-again]'), /新しいシークレットも失われません/);
    await inPopup(page, ms, '[data-action="rotation-sign-in-again"]');
    await page.waitForSelector('[data-rotation="done"]', { timeout: 20_000 });
    assert.match(await page.textContent('[data-rotation-status="rotation.status.done"]'), /ローテーション完了/);

    const left = ms.graph.state.applications[0].passwordCredentials;
    assert.deepEqual(left.map((p) => p.keyId), [secret.keyId], 'exactly one secret left: the new one');
    assert.ok(Date.parse(left[0].endDateTime) > Date.now());
    assert.deepEqual(ms.graph.state.removedSecrets.map((r) => r.keyId).sort(), [...oldKeys].sort());
    assert.equal(ms.graph.roundTrips((e) => e.status === 401).length, 1, 'one refused request, sent again after the sign-in');
    await page.click('nav.stepper a[data-step="entra-app"]');
    await page.waitForSelector('input[name="azure.client_secret"]');
    assert.equal(await page.inputValue('input[name="azure.client_secret"]'), secret.secretText, 'the new secret in memory and the wizard');
  }, { allowHttp: [401] });
});

test('step 1 leads an admin with a channel to day two; a rotation by hand: the value refused as a Secret ID, a test send as the proof, the old secret removed click by click (en)', async () => {
  const emu = await startEmulator();
  const { context, page, errors } = await openPage(app.browser, { locale: 'en-US' });
  // Not connected; only the Webex messaging API points at the emulator, for the proof's test send.
  await page.route('**/config.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ webex: { messaging: emu.base } }) }));
  try {
    await page.goto(`${app.base}webex-app/`);
    await mounted(page);
    await page.click('[data-action="day-two-link"]');
    await page.waitForSelector('[data-step-page="troubleshoot"] [data-section="day-two"]');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'day-two-title');
    // Not connected: the audit says what it needs; the rotation goes by hand.
    assert.equal(await page.locator('[data-note="audit-needs-connection"]').count(), 1);
    await page.fill('input[name="azure.client_id"]', '00000005-5e7e-4000-8000-000000000005');
    await page.click('[data-action="rotation-start"]');
    await page.waitForSelector('[data-rotation="add"] [data-guide="rotation-add-manual"]');
    await page.fill('#day-two-rotate-new-key', 'Abc8Q~not-a-secret-id');
    await page.click('[data-action="rotation-added"]');
    await page.waitForSelector('[data-rotation-refused="rotation.refused.not_a_secret_id"]');
    assert.deepEqual(await axeViolations(page), [], 'the rotation by hand, with a refusal');
    const [NEW_KEY, OLD_KEY, VALUE] = ['00000007-5e7e-4000-8000-000000000007', '00000008-5e7e-4000-8000-000000000008', 'Nw8Q~by.hand-new-secret_value'];
    await page.fill('#day-two-rotate-new-key', NEW_KEY);
    await page.fill('#day-two-rotate-new-end', '2027-06-01');
    await page.fill('#day-two-rotate-new-value', VALUE);
    await page.click('[data-action="rotation-added"]');
    await page.waitForSelector('[data-rotation="update-webex"]');
    assert.match(await page.textContent('[data-rotation-status]'), /are all valid now/);
    await page.click('[data-action="rotation-webex-done"]');
    await page.waitForSelector('[data-rotation="prove"]');

    // (c) The test-send proof is offered only once Webex Connect accepted a send (a refused one is no proof).
    const provedSend = '[data-action="rotation-proved-send"]';
    assert.equal(await page.locator(provedSend).count(), 0);
    await unfold(page, 'rotation-send-test');
    await page.fill('input[name="mailbox.address"]', `support@${DOMAIN}`);
    const send = async (key) => {
      await page.fill('[name="webex_api.send.service_key"]', key);
      await page.fill('[name="webex_api.send.to"]', 'tester@example.org');
      await page.click('[data-webex-api="send"] [data-action="send-test"]');
      await page.waitForSelector('[data-webex-api="send"] .api-outcome [data-outcome]:not([data-outcome="pending"])');
    };
    await send('wrong-key-123');
    assert.equal(await page.getAttribute('[data-webex-api="send"] [data-outcome="http-error"]', 'data-status'), '401');
    assert.equal(await page.locator(provedSend).count(), 0, 'a refused send proves nothing');
    await send(GOOD_KEY);
    const messageId = await page.getAttribute('[data-webex-api="send"] [data-outcome="accepted"]', 'data-message-id');
    assert.match(await page.textContent(provedSend), new RegExp(`The test message ${messageId} arrived`));
    await page.click(provedSend);
    await page.waitForSelector('[data-rotation="remove"]');

    // (d) By hand: never the new secret; for the old one, the click-by-click path and a script for exactly its Secret ID.
    await page.fill('#day-two-rotate-old-key', NEW_KEY);
    await page.waitForSelector('[data-rotation-refused="rotation.refused.new_secret"]');
    assert.equal(await page.locator('[data-guide="rotation-remove-manual"]').count(), 0, 'no removal offered for the new secret');
    await page.fill('#day-two-rotate-old-key', OLD_KEY);
    const guide = await page.textContent('[data-guide="rotation-remove-manual"]');
    assert.match(guide, /App registrations > your app > Certificates & secrets > Client secrets/);
    assert.match(guide, /OLD secret's row \(its Secret ID above, never the new one\)/);
    assert.equal(await page.inputValue('#day-two-rotate-old-key'), OLD_KEY, 'the Secret ID the guide points to');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="rotation-remove-old-secret-ps1"]')]);
    const script = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
    assert.ok(script.includes(OLD_KEY) && !script.includes(NEW_KEY), 'the script removes the old Secret ID only');
    assert.deepEqual(await axeViolations(page), [], 'the removal by hand');
    await page.click('[data-action="rotation-removed"]');
    await page.waitForSelector('[data-rotation="done"] [data-rotation-done]');
    assert.match(await page.textContent('[data-rotation-status="rotation.status.done"]'), /only the new secret \(expires 2027-06-01\) remains/);
    await page.click('nav.stepper a[data-step="entra-app"]');
    await page.waitForSelector('input[name="azure.client_secret"]');
    assert.equal(await page.inputValue('input[name="azure.client_secret"]'), VALUE, 'the new secret kept in the wizard');
    assert.equal(await page.inputValue('input[name="azure.client_secret_expires"]'), '2027-06-01');
    assert.ok(!JSON.stringify(await storageDump(page)).includes(VALUE), 'and in memory only');
    assert.deepEqual(errors, ['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)'], 'only the refused send');
  } finally {
    await context.close();
    emu.server.close();
  }
});
