// Steps 3 and 4: the generated Exchange Online script (live, escaped, downloadable as a .ps1
// with a BOM) and the Webex Connect form values in the form's order, with the checklist.
// Values are typed through the UI of steps 1 to 3, as an admin would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BUILDS, serve, launch, openPage, mounted, storageDump, choosePath } from './support.mjs';

const V = {
  appName: 'Support email',
  callback: 'https://acme.us.webexconnect.io/callback',
  forwarding: '0123456789abcdef0123456789abcdef@mail-us.imiconnect.io',
  tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: '11111111-2222-4333-8444-555555555555',
  secret: 'Xy8Q~e2eSecretValue.abcdefghijklmnopqrstu',
  mailbox: 'support@acme.example',
};
// Every PowerShell-special thing at once: quotes (ASCII and typographic), a subexpression,
// a backtick.
const HOSTILE = "o'b$(Get-Date)`x\u2018y\u2019@acme.example";
const HOSTILE_QUOTED = "'o''b$(Get-Date)`x\u2018\u2018y\u2019\u2019@acme.example'";

const FORM_ORDER = [
  ['mailbox.address', 'Email ID'],
  ['smtp.server', 'SMTP Server'],
  ['smtp.port', 'Port'],
  ['smtp.security', 'Security'],
  ['smtp.username', 'Username'],
  ['azure.client_id', 'Client ID'],
  ['azure.client_secret', 'Client Secret'],
  ['oauth.authorization_url', 'Authorization URL'],
  ['oauth.scope', 'Scope'],
  ['oauth.token_url', 'Access Token URL'],
  ['oauth.refresh_token_url', 'Refresh Token URL'],
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function goStep(page, slug) {
  await page.click(`nav.stepper a[data-step="${slug}"]`);
  await page.waitForSelector(`[data-step-page="${slug}"]`);
}

const fill = (page, name, value) => page.fill(`[name="${name}"]`, value);
const script = (page) => page.textContent('pre[data-script="mailbox"]');
const copyValue = (page, name) => page.textContent(`[data-form] [data-value="${name}"]`);

/** Types steps 1 to 3 through the UI (no reload: the secret lives in memory only). */
async function typeSteps1to3(page, base) {
  await page.goto(`${base}webex-app/`);
  await mounted(page);
  await fill(page, 'webex_connect.app_name', V.appName);
  await fill(page, 'webex_connect.callback_url', V.callback);
  await fill(page, 'webex_connect.forwarding_address', V.forwarding);
  await goStep(page, 'entra-app');
  await fill(page, 'azure.tenant_id', V.tenant);
  await fill(page, 'azure.client_id', V.clientId);
  await fill(page, 'azure.client_secret', V.secret);
  await goStep(page, 'mailbox');
  await choosePath(page, 'mailbox', 'script');
  await fill(page, 'mailbox.address', V.mailbox);
  await fill(page, 'mailbox.user_principal_name', V.mailbox);
}

test('step 3: the script follows the typed values, escapes hostile text and downloads as a .ps1 with a BOM', async () => {
  const { server, base } = await serve(BUILDS[0]);
  const { context, page, errors } = await openPage(browser);
  try {
    await typeSteps1to3(page, base);
    let text = await script(page);
    assert.ok(text.includes(`\n$Mailbox = '${V.mailbox}'\n`), text);
    assert.ok(text.includes(`\n$ForwardingAddress = '${V.forwarding}'\n`), text);
    assert.ok(text.includes(`\n$PolicyName = 'Webex Connect forwarding (${V.mailbox})'\n`), text);
    assert.ok(text.includes('New-HostedOutboundSpamFilterRule'), 'scoped policy is the default');
    assert.ok(!text.includes('-Identity Default -AutoForwardingMode'), 'no tenant-wide change by default');

    // A hostile value: every quote doubled, nothing else touched, only inside the literal.
    await fill(page, 'mailbox.address', HOSTILE);
    text = await script(page);
    assert.ok(text.includes(`\n$Mailbox = ${HOSTILE_QUOTED}\n`), text);
    assert.ok(!text.includes(`'${HOSTILE}'`), 'raw value must not appear quoted once');
    assert.equal(text.split('$(Get-Date)').length - 1, 2, 'the value appears only in $Mailbox and $PolicyName');

    // The download is the shown script with a UTF-8 BOM in front, named after the mailbox.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-action="download-script"]'),
    ]);
    assert.match(download.suggestedFilename(), /^webex-connect-mailbox-[A-Za-z0-9@._-]+\.ps1$/);
    const bytes = await readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
    assert.equal(bytes.toString('utf8'), `\uFEFF${text}`);
    assert.ok(!(await page.isVisible('[data-action="download-script"] ~ [role="alert"]')));

    // Back to a plain mailbox: the download button names the file.
    await fill(page, 'mailbox.address', V.mailbox);
    assert.match(await page.textContent('[data-action="download-script"]'),
      /Download webex-connect-mailbox-support@acme\.example\.ps1/);
    // How to run it: module, Connect-ExchangeOnline, Unblock-File with the file's name.
    const run = await page.textContent('[data-guide="run-script"]');
    assert.match(run, /Install-Module ExchangeOnlineManagement/);
    assert.match(run, /Connect-ExchangeOnline/);
    assert.match(run, /Unblock-File \.\\webex-connect-mailbox-support@acme\.example\.ps1/);
    // The console guidance, in the consoles' words, is the other way of the step.
    assert.equal(await page.locator('[data-guide="admin-center"]').count(), 0, 'the script way only');
    await choosePath(page, 'mailbox', 'by_hand');
    assert.equal(await page.locator('pre[data-script="mailbox"]').count(), 0, 'the by-hand way only');
    assert.match(await page.textContent('[data-guide="admin-center"]'), /\[Manage email apps\].*\[Authenticated SMTP\]/s);
    assert.match(await page.textContent('[data-note="organization-customization"]'), /Enable-OrganizationCustomization.*24 hours/);
    assert.ok(!JSON.stringify(await storageDump(page)).includes(V.secret), 'no secret in storage');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    server.close();
  }
});

test('step 3: the Default policy shows its tenant-wide warning in English and Japanese', async () => {
  const { server, base } = await serve(BUILDS[0]);
  const { context, page, errors } = await openPage(browser);
  try {
    await typeSteps1to3(page, base);
    const warning = '[data-field="mailbox.outbound_policy"] [data-key="mailbox.outbound_policy.tenant_wide"]';
    assert.equal(await page.$(warning), null, 'no warning for the scoped policy');
    await page.check('input[name="mailbox.outbound_policy"][value="default_policy"]');
    assert.match(await page.textContent(warning), /every mailbox in the tenant/);
    await choosePath(page, 'mailbox', 'by_hand');
    assert.match(await page.textContent('[data-guide="defender"]'), /Anti-spam outbound policy \(Default\)/);
    await choosePath(page, 'mailbox', 'script');
    const text = await script(page);
    assert.ok(text.includes('Set-HostedOutboundSpamFilterPolicy -Identity Default -AutoForwardingMode On'), text);
    assert.ok(!text.includes('$PolicyName'), 'no custom policy in the tenant-wide script');

    await page.selectOption('#lang-switch', 'ja');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    assert.match(await page.textContent(warning), /テナント内のすべてのメールボックス/);
    await choosePath(page, 'mailbox', 'by_hand');
    assert.match(await page.textContent('[data-guide="admin-center"]'), /\[メールアプリの管理\].*\[認証されたSMTP\]/s);
    assert.match(await page.textContent('[data-field="mailbox.outbound_policy"]'), /既定 \(Default\) の送信ポリシー/);

    await page.check('input[name="mailbox.outbound_policy"][value="scoped_custom_policy"]');
    assert.equal(await page.$(warning), null);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    server.close();
  }
});

test('step 4: every form value in order, the secret masked until Show, the checklist kept across a reload', async () => {
  const { server, base } = await serve(BUILDS[0]);
  const { context, page, errors } = await openPage(browser);
  try {
    await typeSteps1to3(page, base);
    await goStep(page, 'webex-oauth');

    const rows = await page.$$eval('[data-form="webex_connect_email"] [data-copy]', (els) =>
      els.map((e) => [e.getAttribute('data-copy'), e.querySelector('.copy-label')?.textContent ?? '']));
    assert.deepEqual(rows, FORM_ORDER);

    const expected = {
      'mailbox.address': V.mailbox,
      'smtp.server': 'smtp.office365.com',
      'smtp.port': '587',
      'smtp.security': 'STARTTLS',
      'smtp.username': V.mailbox,
      'azure.client_id': V.clientId,
      'oauth.authorization_url': `https://login.microsoftonline.com/${V.tenant}/oauth2/v2.0/authorize`,
      'oauth.scope': 'offline_access https://outlook.office.com/SMTP.Send',
      'oauth.token_url': `https://login.microsoftonline.com/${V.tenant}/oauth2/v2.0/token`,
      'oauth.refresh_token_url': `https://login.microsoftonline.com/${V.tenant}/oauth2/v2.0/token`,
    };
    for (const [name, value] of Object.entries(expected)) {
      assert.equal(await copyValue(page, name), value, name);
    }
    // Global cloud: the SMTP server is read-only (no input), the overrides are optional inputs.
    assert.equal(await page.$('input[name="smtp.server"]'), null);
    assert.ok(await page.$('input[name="smtp.username"]'));
    assert.ok(await page.$('input[name="oauth.login_id"]'));

    // The secret: masked, then shown on request.
    const secretRow = '[data-copy="azure.client_secret"]';
    const masked = await copyValue(page, 'azure.client_secret');
    assert.ok(!masked.includes(V.secret) && /^•+$/.test(masked), masked);
    assert.equal(await page.$('[data-note="secret-missing"]'), null);
    await page.click(`${secretRow} button[aria-pressed="false"]`);
    assert.equal(await copyValue(page, 'azure.client_secret'), V.secret);
    await page.click(`${secretRow} button[aria-pressed="true"]`);
    assert.ok(!(await copyValue(page, 'azure.client_secret')).includes(V.secret));

    // A Username override (folded away until wanted) takes effect and is checked against the UPN.
    assert.equal(await page.isVisible('input[name="smtp.username"]'), false);
    await page.click('[data-override="smtp.username"] summary');
    await fill(page, 'smtp.username', 'shared@acme.example');
    assert.equal(await copyValue(page, 'smtp.username'), 'shared@acme.example');
    assert.match(await page.textContent('[data-field="smtp.username"] .messages'), /535 5\.7\.3/);
    await fill(page, 'smtp.username', '');
    assert.equal(await copyValue(page, 'smtp.username'), V.mailbox);

    // Checklist: every item, with its label; tick two and reload.
    const items = await page.$$eval('[data-checklist] input[type="checkbox"]', (els) => els.map((e) => e.name));
    assert.deepEqual(items, ['form_filled', 'consent_review_cleared', 'token_generated', 'saved', 'registered_to_engage']
      .map((k) => `oauth.checklist.${k}`));
    assert.match(await page.textContent('[data-check="oauth.checklist.registered_to_engage"]'),
      /cannot be changed later.*Never delete/s);
    await page.check('label[for="oauth.checklist.form_filled"]');
    await page.check('[name="oauth.checklist.token_generated"]');
    await page.reload();
    await mounted(page);
    const checked = await page.$$eval('[data-checklist] input[type="checkbox"]', (els) =>
      els.filter((e) => e.checked).map((e) => e.name));
    assert.deepEqual(checked, ['oauth.checklist.form_filled', 'oauth.checklist.token_generated']);

    // After the reload the secret is gone, and the page says where to get it.
    assert.match(await copyValue(page, 'azure.client_secret'), /not available yet/);
    assert.match(await page.textContent('[data-note="secret-missing"]'), /not kept across page reloads/);
    assert.equal(await copyValue(page, 'oauth.token_url'), expected['oauth.token_url'], 'the setup survives');
    await page.selectOption('#lang-switch', 'ja');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    assert.match(await page.textContent('[data-note="secret-missing"]'), /再読み込み/);
    assert.match(await page.textContent('label[for="oauth.checklist.token_generated"]'), /\[トークンの生成\]/);
    assert.match(await page.textContent('[data-note="token-refresh"]'), /テナントの所有者/);

    const dump = JSON.stringify(await storageDump(page));
    assert.ok(!dump.includes(V.secret), 'no secret in storage');
    assert.ok(!dump.includes('e2eSecret'), 'no part of the secret in storage');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    server.close();
  }
});

test('step 4, sovereign cloud: the SMTP server is editable, marked unverified, and the script connects to that cloud', async () => {
  const { server, base } = await serve(BUILDS[0]);
  const { context, page, errors } = await openPage(browser);
  try {
    await typeSteps1to3(page, base);
    await goStep(page, 'entra-app');
    await page.selectOption('[name="azure.cloud"]', 'china');
    await goStep(page, 'mailbox');
    assert.ok((await script(page)).includes('Connect-ExchangeOnline -ExchangeEnvironmentName O365China'));
    await goStep(page, 'webex-oauth');
    assert.equal(await copyValue(page, 'smtp.server'), 'smtp.partner.outlook.cn');
    assert.match(await page.textContent('[data-copy="smtp.server"] .msg-warning'), /Not confirmed/);
    assert.match(await page.textContent('[data-note="sovereign-unverified"]'), /smtp\.partner\.outlook\.cn/);
    assert.equal(await copyValue(page, 'oauth.authorization_url'),
      `https://login.partner.microsoftonline.cn/${V.tenant}/oauth2/v2.0/authorize`);
    // The admin's own host replaces the guess and its warning.
    await fill(page, 'smtp.server', 'smtp.example.cn');
    assert.equal(await copyValue(page, 'smtp.server'), 'smtp.example.cn');
    assert.equal(await page.$('[data-copy="smtp.server"] .msg-warning'), null);
    await fill(page, 'smtp.server', 'https://smtp.example.cn');
    assert.match(await page.textContent('[data-field="smtp.server"] .messages'), /without “https:\/\/”/);
    await page.selectOption('#lang-switch', 'ja');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    assert.match(await page.textContent('[data-note="sovereign-unverified"]'), /smtp\.partner\.outlook\.cn/);
    assert.match(await page.textContent('[data-field="smtp.server"] .messages'), /ホスト名だけ/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    server.close();
  }
});
