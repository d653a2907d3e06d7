// Steps 5-6 and "Summary and export": verification marks with times, the Troubleshoot page,
// export (with and without the secret), import of good and bad files, print, start over.
// Values of steps 2-3 are seeded through the autosave where this test does not own their
// pages; steps 1, 5 and 6 are typed through their inputs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BUILDS, serve, launch, openPage, mounted, storageDump } from './support.mjs';

const SETUP_KEY = 'webex-o365-setup.setup.v1';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
const SECRET = 'Zq8Q~s3cr3t.Value-abcdefghijklmnopqrstu';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
// Locale keys of this area shown raw mean a missing text.
const RAW_KEY = /\b(verify|troubleshoot|summary|export)\.[a-z_]+\b/;

/** A complete, valid export file (non-default enum values, so nothing passes by accident). */
function goodFile({ secret } = {}) {
  return {
    format: 'webex-o365-setup',
    version: 1,
    exported_at: '2026-11-28T09:30:00Z',
    webex_connect: {
      app_name: 'Imported email app',
      callback_url: 'https://globex.eu.webexconnect.io/callback',
      tenant: 'globex',
      region: 'eu',
      forwarding_address: 'fedcba9876543210fedcba9876543210@mail-us.imiconnect.io',
    },
    azure: {
      cloud: 'global',
      tenant_id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      app_display_name: 'Globex Webex email',
      client_id: '99999999-8888-4777-8666-555555555555',
      ...(secret ? { client_secret: secret } : {}),
      client_secret_expires: '2027-09-30',
      permission_profile: 'as_documented',
      implicit_access_tokens: true,
      redirect_uri: 'https://globex.eu.webexconnect.io/callback',
    },
    mailbox: {
      address: 'help@globex.example',
      user_principal_name: 'help@globex.example',
      outbound_policy: 'default_policy',
    },
    smtp: { server: 'smtp.office365.com', port: 587, security: 'STARTTLS', username: 'sender@globex.example' },
    oauth: {
      authorization_url: 'https://login.microsoftonline.com/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/oauth2/v2.0/authorize',
      token_url: 'https://login.microsoftonline.com/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/oauth2/v2.0/token',
      refresh_token_url: 'https://login.microsoftonline.com/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/oauth2/v2.0/token',
      scope: 'offline_access https://outlook.office.com/SMTP.Send',
      login_id: 'token-owner@globex.example',
    },
    verification: {
      sent_from_outside: { status: 'passed', time: '2026-11-28T09:31:00Z' },
      agent_received: { status: 'failed', time: '2026-11-28T09:35:00Z' },
      reply_arrived: { status: 'not_run', time: '' },
    },
    support: { asset_id: 'asset-5f3c0a11', transaction_ids: ['tx-0001', 'tx-0002'], notes: 'Sent 09:31 UTC from outside@example.org' },
  };
}

/** The typed (non-derived) values of a file, by key path. */
const TYPED = [
  'webex_connect.app_name', 'webex_connect.callback_url', 'webex_connect.forwarding_address', 'azure.cloud',
  'azure.tenant_id', 'azure.app_display_name', 'azure.client_id', 'azure.client_secret_expires',
  'azure.permission_profile', 'mailbox.address', 'mailbox.user_principal_name', 'mailbox.outbound_policy',
  'smtp.server', 'smtp.username', 'oauth.login_id', 'support.asset_id', 'support.transaction_ids', 'support.notes',
];
const at = (doc, path) => path.split('.').reduce((o, k) => o?.[k], doc);
const shown = (v) => (Array.isArray(v) ? v.join('\n') : String(v));

let browser;
let served;
before(async () => {
  browser = await launch();
  served = await serve(BUILDS[0]);
});
after(async () => {
  served?.server.close();
  await browser?.close();
});

async function open(path = '', opts) {
  const { context, page, errors } = await openPage(browser, opts);
  await page.goto(served.base + path);
  await mounted(page);
  return { context, page, errors };
}

async function go(page, slug) {
  await page.click(`nav.stepper a[data-step="${slug}"]`);
  await page.waitForSelector(`[data-step-page="${slug}"]`);
}

async function setLang(page, code) {
  await page.selectOption('#lang-switch', code);
  await page.waitForFunction((c) => document.documentElement.lang === c, code);
}

async function importFile(page, name, contents) {
  const buffer = Buffer.isBuffer(contents) ? contents : Buffer.from(
    typeof contents === 'string' ? contents : JSON.stringify(contents, null, 2));
  const result = '#import-file--result';
  const attempts = Number(await page.getAttribute(result, 'data-import-attempts'));
  await page.setInputFiles('input[type=file][name="import"]', { name, mimeType: 'application/json', buffer });
  await page.waitForFunction(([sel, n]) => Number(document.querySelector(sel)?.dataset.importAttempts) > n, [result, attempts]);
  return page.getAttribute('#import-file--result', 'data-import-result');
}

async function download(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export"]')]);
  const text = await readFile(await dl.path(), 'utf8');
  return { name: dl.suggestedFilename(), text, doc: JSON.parse(text) };
}

/** The export's "doctor" array: at least one finding, each with exactly the contract's keys. */
function assertDoctor(doc) {
  assert.ok(Array.isArray(doc.doctor) && doc.doctor.length > 0, `no doctor findings: ${JSON.stringify(doc.doctor)}`);
  for (const f of doc.doctor) {
    assert.deepEqual(Object.keys(f), ['severity', 'rule', 'field', 'message_key', 'params']);
    assert.match(f.severity, /^(error|warning|info)$/);
    assert.ok(f.field === null || TYPED.includes(f.field) || /^[a-z_]+\.[a-z_]+$/.test(f.field), f.field);
    assert.match(f.message_key, /^doctor\./);
    assert.equal(typeof f.params, 'object');
  }
}

async function assertNoSecretStored(page) {
  const dump = JSON.stringify(await storageDump(page));
  assert.ok(!dump.includes(SECRET), 'the client secret reached web storage');
  // `client_secret_expires` is fine; a `client_secret` key is not.
  assert.doesNotMatch(dump, /client_secret\\*"/, 'a client_secret key reached web storage');
}

async function assertNoRawKeys(page) {
  const text = await page.textContent('main');
  assert.doesNotMatch(text, RAW_KEY);
}

/** Steps 1 and 6 typed, steps 2-3 seeded (their pages are not part of this test). */
async function typeSetup(page) {
  await page.evaluate(([key, tenant, client]) => {
    localStorage.setItem(key, JSON.stringify({
      azure: { cloud: 'global', tenant_id: tenant, app_display_name: 'Webex Connect email', client_id: client,
        client_secret_expires: '2027-06-01', permission_profile: 'least_privilege' },
      mailbox: { address: 'support@acme.example', user_principal_name: 'support@acme.example',
        outbound_policy: 'scoped_custom_policy' },
    }));
  }, [SETUP_KEY, TENANT_ID, CLIENT_ID]);
  await page.reload();
  await mounted(page);
  await go(page, 'webex-app');
  await page.fill('input[name="webex_connect.app_name"]', 'Support email');
  await page.fill('input[name="webex_connect.callback_url"]', 'https://acme.us.webexconnect.io/callback');
  await page.fill('input[name="webex_connect.forwarding_address"]', '0123456789abcdef0123456789abcdef@mail-us.imiconnect.io');
  await go(page, 'troubleshoot');
  await page.fill('input[name="support.asset_id"]', 'asset-0042');
  await page.fill('textarea[name="support.transaction_ids"]', 'tx-a1\ntx-b2');
  await page.fill('textarea[name="support.notes"]', 'Test at 10:00, ログ取得済み');
}

test('verification marks show times, survive reload, and a failure leads to Troubleshoot', async () => {
  const { context, page, errors } = await open('verify/');
  try {
    assert.match(await page.textContent('[data-verify="not-from-mailbox"]'), /never from the mailbox itself/);
    for (const id of ['sent_from_outside', 'agent_received', 'reply_arrived']) {
      assert.equal(await page.locator(`input[type=radio][name="verification.${id}"]`).count(), 3, id);
      assert.match(await page.textContent(`[data-check-time="${id}"]`), /Not marked yet/);
    }
    const before = Date.now();
    await page.check('input[name="verification.sent_from_outside"][value="passed"]');
    await page.check('label[for="verification.agent_received--failed"]');
    const time = page.locator('[data-check-time="sent_from_outside"] time');
    const stamp = await time.getAttribute('datetime');
    assert.match(stamp, RFC3339);
    assert.ok(Math.abs(Date.parse(stamp) - before) < 10_000, `time ${stamp} is not now`);
    // Shown in the admin's form (en-US: month/day/year), stored as RFC 3339.
    assert.match(await time.textContent(), /^\d{1,2}\/\d{1,2}\/\d{4}, /);
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), SETUP_KEY));
    assert.deepEqual(stored.verification.sent_from_outside, { status: 'passed', time: stamp });
    assert.equal(stored.verification.agent_received.status, 'failed');

    const failed = page.locator('[data-check="agent_received"] [data-key="verify.check_failed"]');
    assert.match(await failed.textContent(), /"A contact-center agent receives it" failed/);
    assert.equal(await page.locator('[data-check="sent_from_outside"] [data-key="verify.check_failed"]').count(), 0);
    assert.equal(await page.getAttribute('nav.stepper a[data-step="verify"] >> xpath=..', 'data-state'), 'has_errors');

    await page.reload();
    await mounted(page);
    assert.ok(await page.isChecked('input[name="verification.sent_from_outside"][value="passed"]'));
    assert.ok(await page.isChecked('input[name="verification.agent_received"][value="failed"]'));
    assert.ok(await page.isChecked('input[name="verification.reply_arrived"][value="not_run"]'));
    assert.equal(await page.getAttribute('[data-check-time="sent_from_outside"] time', 'datetime'), stamp);

    await page.click('[data-check="agent_received"] a[data-link="troubleshoot"]');
    await page.waitForSelector('[data-step-page="troubleshoot"]');
    const list = await page.textContent('[data-failed-checks] li[data-check="agent_received"]');
    assert.match(list, /A contact-center agent receives it/);
    assert.equal(await page.locator('[data-failed-checks] li').count(), 1);

    // Japanese: the console's labels, the date in Japanese order.
    await go(page, 'verify');
    await setLang(page, 'ja');
    assert.match(await page.textContent('[data-check-time="sent_from_outside"] time'), /^\d{4}\/\d{1,2}\/\d{1,2} /);
    assert.match(await failed.textContent(), /確認「コンタクトセンターのエージェントが受信した」が失敗しました/);
    assert.match(await page.textContent('[data-verify="not-from-mailbox"]'), /メールボックス自身からは送信しないでください/);
    await assertNoRawKeys(page);
    await setLang(page, 'en');

    // Not run clears the time and the failure.
    await page.check('input[name="verification.agent_received"][value="not_run"]');
    assert.match(await page.textContent('[data-check-time="agent_received"]'), /Not marked yet/);
    assert.equal(await failed.count(), 0);
    await assertNoRawKeys(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Troubleshoot: the debug-console guide, the TAC fields and the diagnostics tools', async () => {
  const { context, page, errors } = await open('troubleshoot/');
  try {
    const guide = await page.textContent('[data-guide="debug-console"]');
    for (const part of [/debug console/, /email channel and the timestamp/, /Incoming Message/, /Message ID/, /\[Errors & Warnings\]/]) {
      assert.match(guide, part);
    }
    assert.match(await page.textContent('[data-note="decryption"]'), /decryption access/);
    // The diagnostics tools are mounted here (their own test covers what they do).
    for (const tool of ['explainer', 'token']) {
      assert.equal(await page.locator(`[data-step-page="troubleshoot"] [data-diagnostics="${tool}"]`).count(), 1, tool);
    }
    assert.equal(await page.locator('input[name="support.asset_id"]').count(), 1);
    assert.equal(await page.locator('textarea[name="support.transaction_ids"]').count(), 1);
    assert.equal(await page.locator('textarea[name="support.notes"]').count(), 1);
    for (const key of ['support.asset_id', 'support.transaction_ids', 'support.notes']) {
      assert.equal(await page.locator(`label[for="${key}"]`).count(), 1, key);
    }
    assert.equal(await page.locator('[data-failed-checks]').count(), 0, 'no failed checks yet');
    await setLang(page, 'ja');
    assert.match(await page.textContent('[data-guide="debug-console"]'), /電子メールチャネルと、テストメールのタイムスタンプで検索/);
    assert.match(await page.textContent('[data-note="decryption"]'), /復号アクセス権/);
    await assertNoRawKeys(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('export downloads the typed values; the secret only when the box is ticked', async () => {
  const { context, page, errors } = await open();
  try {
    await typeSetup(page);
    await go(page, 'summary');
    assert.equal(await page.textContent('[data-summary-value="webex_connect.tenant"]'), 'acme');
    assert.equal(await page.textContent('[data-summary-value="webex_connect.region"]'), 'us');
    assert.match(await page.textContent('tr[data-row="webex_connect.tenant"]'), /calculated/);
    assert.match(await page.textContent('tr[data-row="azure.client_secret"]'), /not entered/);

    const plain = await download(page);
    assert.equal(plain.name, 'webex-o365-setup-acme.json');
    const d = plain.doc;
    assert.equal(d.format, 'webex-o365-setup');
    assert.equal(d.version, 1);
    assert.match(d.exported_at, RFC3339);
    assert.equal(d.webex_connect.app_name, 'Support email');
    assert.equal(d.webex_connect.callback_url, 'https://acme.us.webexconnect.io/callback');
    assert.equal(d.webex_connect.tenant, 'acme');
    assert.equal(d.webex_connect.region, 'us');
    assert.equal(d.webex_connect.forwarding_address, '0123456789abcdef0123456789abcdef@mail-us.imiconnect.io');
    assert.equal(d.azure.tenant_id, TENANT_ID);
    assert.equal(d.azure.client_id, CLIENT_ID);
    assert.equal(d.azure.redirect_uri, 'https://acme.us.webexconnect.io/callback');
    assert.equal(d.oauth.authorization_url, `https://login.microsoftonline.com/${TENANT_ID}/oauth2/v2.0/authorize`);
    assert.equal(d.oauth.token_url, `https://login.microsoftonline.com/${TENANT_ID}/oauth2/v2.0/token`);
    assert.equal(d.oauth.refresh_token_url, d.oauth.token_url);
    assert.equal(d.smtp.server, 'smtp.office365.com');
    assert.equal(d.smtp.port, 587);
    assert.equal(d.smtp.username, 'support@acme.example');
    assert.deepEqual(d.support, { asset_id: 'asset-0042', transaction_ids: ['tx-a1', 'tx-b2'], notes: 'Test at 10:00, ログ取得済み' });
    assert.ok(!('client_secret' in d.azure));
    // The setup check's findings come last, after support: steps 4 and 5 are not done yet.
    assert.deepEqual(Object.keys(d).slice(-2), ['support', 'doctor']);
    assertDoctor(d);
    assert.equal(d.doctor.length, Number(await page.getAttribute('[data-doctor-count]', 'data-doctor-count')),
      'the file and the Summary list the same findings');
    for (const number of ['4', '5']) {
      assert.ok(d.doctor.some((f) => f.rule === 'step_state' && f.field === null
        && f.message_key === 'doctor.step.incomplete' && f.params.number === number), `step ${number} in ${plain.text}`);
    }
    assert.ok(!d.doctor.some((f) => f.rule === 'broad_mail_send'), 'least privilege has no Mail.Send warning');
    // The table shows what the file holds.
    for (const path of ['webex_connect.callback_url', 'azure.client_id', 'oauth.token_url', 'smtp.username', 'support.notes']) {
      assert.equal(await page.textContent(`[data-summary-value="${path}"]`), shown(at(d, path)), path);
    }

    // Ticked with no secret in memory: said so, and the file has none.
    assert.ok(!(await page.isChecked('#export-include-secret')), 'unchecked by default');
    await page.check('#export-include-secret');
    assert.match(await page.textContent('[data-secret-warning="none"]'), /no client secret in memory/);
    assert.ok(!('client_secret' in (await download(page)).doc.azure));

    // A secret in memory (from an import), then: unticked -> absent, ticked -> present.
    assert.equal(await importFile(page, 'with-secret.json', goodFile({ secret: SECRET })), 'imported');
    assert.match(await page.textContent('#import-file--result'), /contains the client secret/);
    assert.match(await page.textContent('tr[data-row="azure.client_secret"]'), /••••/);
    assert.ok(!(await page.textContent('main')).includes(SECRET), 'the secret is shown unmasked');
    await go(page, 'verify');
    await go(page, 'summary');
    assert.ok(!(await page.isChecked('#export-include-secret')), 'the choice is not remembered');
    const without = await download(page);
    assert.equal(without.name, 'webex-o365-setup-globex.json');
    assert.ok(!without.text.includes(SECRET));
    assert.ok(!('client_secret' in without.doc.azure));
    await page.check('#export-include-secret');
    assert.match(await page.textContent('[data-secret-warning=""]'), /client secret in plain text/);
    const withSecret = await download(page);
    assert.equal(withSecret.doc.azure.client_secret, SECRET);
    // The imported file's documented profile: its tenant-wide Mail.Send warning, on the field.
    for (const file of [without, withSecret]) {
      assertDoctor(file.doc);
      assert.ok(file.doc.doctor.some((f) => f.rule === 'broad_mail_send' && f.severity === 'warning'
        && f.field === 'azure.permission_profile' && f.message_key === 'doctor.profile.tenant_wide_mail_send'));
      assert.ok(!JSON.stringify(file.doc.doctor).includes(SECRET), 'the secret is in the doctor array');
    }
    assert.match(await page.textContent('.summary-export'), /findings of the setup check at the time of export/);
    await setLang(page, 'ja');
    assert.match(await page.textContent('[data-secret-warning=""]'), /クライアント シークレットが平文で含まれます/);
    assert.match(await page.textContent('.summary-export'), /エクスポート時点の設定チェックの結果/);
    await assertNoRawKeys(page);
    await assertNoSecretStored(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('importing a good file fills every field; step states link to their steps; print', async () => {
  const { context, page, errors } = await open('summary/');
  try {
    // A file from another export, with its setup check's findings: read without a notice
    // (they are recalculated, never imported).
    const file = { ...goodFile(), doctor: [
      { severity: 'warning', rule: 'broad_mail_send', field: 'azure.permission_profile',
        message_key: 'doctor.profile.tenant_wide_mail_send', params: {} },
      { severity: 'info', rule: 'step_state', field: null, message_key: 'doctor.step.incomplete', params: { number: '4' } },
    ] };
    assert.equal(await importFile(page, 'good.json', file), 'imported');
    assert.match(await page.textContent('#import-file--result'), /Imported the setup exported at/);
    assert.equal(await page.locator('#import-file--result li').count(), 0, await page.textContent('#import-file--result'));
    assert.doesNotMatch(await page.textContent('#import-file--result'), /doctor/);
    for (const path of TYPED) {
      assert.equal(await page.textContent(`[data-summary-value="${path}"]`), shown(at(file, path)), path);
    }
    assert.match(await page.textContent('tr[data-row="verification.sent_from_outside"]'), /Passed/);
    assert.match(await page.textContent('tr[data-row="verification.agent_received"]'), /Failed/);
    assert.match(await page.textContent('tr[data-row="verification.reply_arrived"]'), /Not run/);
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), SETUP_KEY));
    assert.equal(stored.azure.client_id, file.azure.client_id);
    assert.equal(stored.support.transaction_ids, 'tx-0001\ntx-0002');

    // Step states link to the steps; the inputs of steps 1, 5 and 6 hold the file's values.
    assert.equal(await page.getAttribute('[data-step-state="verify"]', 'data-state'), 'has_errors');
    await page.click('[data-step-state="webex-app"] a');
    await page.waitForSelector('[data-step-page="webex-app"]');
    assert.equal(await page.inputValue('input[name="webex_connect.callback_url"]'), file.webex_connect.callback_url);
    assert.equal(await page.inputValue('input[name="webex_connect.app_name"]'), file.webex_connect.app_name);
    await go(page, 'verify');
    assert.ok(await page.isChecked('input[name="verification.agent_received"][value="failed"]'));
    assert.equal(await page.getAttribute('[data-check-time="agent_received"] time', 'datetime'), '2026-11-28T09:35:00Z');
    await go(page, 'troubleshoot');
    assert.equal(await page.inputValue('textarea[name="support.transaction_ids"]'), 'tx-0001\ntx-0002');
    assert.equal(await page.inputValue('input[name="support.asset_id"]'), file.support.asset_id);

    await go(page, 'summary');
    await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
    await page.click('[data-action="print"]');
    assert.equal(await page.evaluate(() => window.__printed), true);
    await assertNoRawKeys(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

const BAD_FILES = [
  { name: 'malformed.json', body: '{"format": "webex-o365-setup", "version": 1, "azure": {]}',
    en: /not valid JSON \(line 1, column \d+\)/, ja: /正しい JSON ではありません/ },
  { name: 'other-format.json', body: { format: 'another-tool', version: 1 },
    en: /not an export of this app: "format" is "another-tool"/, ja: /このアプリのエクスポート ファイルではありません/ },
  { name: 'version-2.json', body: { ...goodFile(), version: 2 },
    en: /newer version of this app \(file version 2; this app reads version 1\)/, ja: /新しいバージョンのアプリで作成されています/ },
  { name: 'hostile.json',
    body: (() => {
      const f = goodFile();
      f.azure.tenant_id = 42;
      f.azure.cloud = 'mars';
      f.support.transaction_ids = 'tx-0001';
      f.webex_connect.app_name = { nested: true };
      return f;
    })(),
    fields: {
      'azure.tenant_id': { en: /^Error: Directory \(tenant\) ID: azure\.tenant_id must be text/, ja: /ディレクトリ \(テナント\) ID: azure\.tenant_id は二重引用符/ },
      'azure.cloud': { en: /Microsoft cloud: azure\.cloud has the value "mars"/, ja: /Microsoft クラウド: azure\.cloud の値 "mars"/ },
      'support.transaction_ids': { en: /Failed transaction IDs \(one per line\): support\.transaction_ids must be a JSON array/, ja: /失敗したトランザクションID/ },
      'webex_connect.app_name': { en: /App name: webex_connect\.app_name must be text/, ja: /アプリ名: / },
    } },
  { name: 'huge.json', body: Buffer.alloc(5 * 1024 * 1024, 0x20),
    en: /too large \(5242880 bytes; at most 1048576 bytes\)/, ja: /ファイルが大きすぎます \(5242880 バイト/ },
];

test('bad files are refused with reasons in en and ja, and nothing typed is lost', async () => {
  const { context, page, errors } = await open();
  try {
    await typeSetup(page);
    await go(page, 'summary');
    const before = await page.evaluate((k) => localStorage.getItem(k), SETUP_KEY);
    const table = await page.textContent('table.summary-values');
    for (const bad of BAD_FILES) {
      for (const lang of ['en', 'ja']) {
        await setLang(page, lang);
        assert.equal(await importFile(page, bad.name, bad.body), 'refused', `${bad.name} (${lang})`);
        const result = page.locator('#import-file--result');
        assert.match(await result.textContent(), lang === 'en' ? /nothing was changed/ : /現在の設定は変更されていません/);
        if (bad.fields) {
          for (const [field, texts] of Object.entries(bad.fields)) {
            const item = result.locator(`li[data-field="${field}"][data-severity="error"]`);
            assert.equal(await item.count(), 1, `${bad.name}: ${field}`);
            assert.match(await item.textContent(), texts[lang], `${bad.name}: ${field} (${lang})`);
          }
        } else {
          const item = result.locator('li[data-field="import"][data-severity="error"]');
          assert.equal(await item.count(), 1, bad.name);
          assert.match(await item.textContent(), bad[lang], `${bad.name} (${lang})`);
        }
        await assertNoRawKeys(page);
      }
    }
    await setLang(page, 'en');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), SETUP_KEY), before, 'the autosave changed');
    assert.equal(await page.textContent('table.summary-values'), table, 'the summary changed');
    await go(page, 'webex-app');
    assert.equal(await page.inputValue('input[name="webex_connect.callback_url"]'), 'https://acme.us.webexconnect.io/callback');
    await go(page, 'troubleshoot');
    assert.equal(await page.inputValue('textarea[name="support.transaction_ids"]'), 'tx-a1\ntx-b2');
    await assertNoSecretStored(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('start over asks first, Cancel keeps everything, confirming clears it and the secret', async () => {
  const { context, page, errors } = await open('summary/');
  try {
    assert.equal(await importFile(page, 'with-secret.json', goodFile({ secret: SECRET })), 'imported');
    const confirm = page.locator('#start-over-confirm');
    assert.ok(!(await confirm.isVisible()));
    await page.click('[data-action="start-over"]');
    assert.ok(await confirm.isVisible());
    assert.match(await confirm.textContent(), /Clear everything\?/);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'start-over-cancel');
    await page.click('[data-action="start-over-cancel"]');
    assert.ok(!(await confirm.isVisible()));
    assert.equal(await page.textContent('[data-summary-value="azure.client_id"]'), goodFile().azure.client_id);

    await setLang(page, 'ja');
    await page.click('[data-action="start-over"]');
    assert.match(await confirm.textContent(), /すべて消去しますか/);
    await page.click('[data-action="start-over-confirm"]');
    await page.waitForSelector('[data-step-page="webex-app"]');
    assert.equal(await page.inputValue('input[name="webex_connect.callback_url"]'), '');
    const stored = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), SETUP_KEY)) ?? '{}');
    assert.ok(!JSON.stringify(stored).includes('globex'), 'old values still stored');
    await setLang(page, 'en');
    await go(page, 'summary');
    assert.match(await page.textContent('tr[data-row="azure.client_secret"]'), /not entered/);
    await page.check('#export-include-secret');
    const after = await download(page);
    assert.ok(!('client_secret' in after.doc.azure), 'the secret survived start over');
    assert.equal(after.doc.azure.client_id, '');
    await assertNoSecretStored(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
