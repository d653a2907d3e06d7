// Diagnostics: the error explainer, the token inspector, the setup check, the secret-expiry
// reminder and the support bundle, in English and Japanese, with nothing secret stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { BUILDS, serve, launch, openPage, mounted, storageDump, sidewaysOverflow, axeViolations } from './support.mjs';

const SETUP_KEY = 'webex-o365-setup.setup.v1';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '11111111-2222-4333-8444-555555555555';
const UPN = 'support@acme.example';
const SECRET = 'Xy9Q~abcDEF.ghiJKL_mnoPQR-stuVWX0123456789';

const locale = async (lang, area) => JSON.parse(await readFile(new URL(`../../locales/${lang}/${area}.json`, import.meta.url)));
/** The errors area and the catalogue's per-phase areas (errors_signin, errors_token, ...). */
async function errorTexts(lang) {
  const areas = (await readdir(new URL(`../../locales/${lang}/`, import.meta.url)))
    .filter((f) => /^errors(_\w+)?\.json$/.test(f))
    .map((f) => f.replace(/\.json$/, ''));
  return Object.assign({}, ...(await Promise.all(areas.map((a) => locale(lang, a)))));
}
const fill = (text, params) => text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? params[k] : m));
const norm = (s) => s.replace(/\s+/g, ' ').trim();

let browser;
let texts;
before(async () => {
  browser = await launch();
  texts = {};
  for (const lang of ['en', 'ja']) {
    texts[lang] = { ...(await errorTexts(lang)), ...(await locale(lang, 'token')), ...(await locale(lang, 'diagnostics')) };
  }
});
after(async () => { await browser?.close(); });

/** Local date + days, as YYYY-MM-DD (the browser runs in the same time zone as this process). */
function isoDate(daysFromToday) {
  const d = new Date();
  d.setDate(d.getDate() + daysFromToday);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function setupWith(extra = {}) {
  return {
    webex_connect: {
      app_name: 'Support email',
      callback_url: 'https://acme.us.webexconnect.io/callback',
      forwarding_address: '0123456789abcdef0123456789abcdef@mail-us.imiconnect.io',
    },
    azure: { tenant_id: TENANT, app_display_name: 'Webex Connect email', client_id: CLIENT, client_secret_expires: isoDate(90) },
    mailbox: { address: UPN, user_principal_name: UPN },
    ...extra,
  };
}

/** Opens `slug` with `setup` already autosaved, as after an earlier visit. */
async function openWith(page, base, slug, setup, lang = 'en') {
  await page.goto(base);
  await mounted(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [SETUP_KEY, JSON.stringify(setup)]);
  await page.goto(`${base}${slug}/?lang=${lang}`);
  await mounted(page);
  await page.waitForSelector(`[data-step-page="${slug}"]`);
}

async function session(fn, build = BUILDS[0]) {
  const { server, base } = await serve(build);
  const { context, page, errors } = await openPage(browser);
  try {
    await fn(page, base);
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await context.close();
    server.close();
  }
}

async function downloadText(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

const PASTES = [
  {
    id: 'aadsts_7000215',
    code: 'AADSTS7000215',
    step: 'entra-app',
    field: 'azure.client_secret',
    text: "Error: invalid_client\nAADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '11111111-2222-4333-8444-555555555555'. Trace ID: 0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9 Correlation ID: 9a8b7c6d-5e4f-3a2b-1c0d-ef9876543210 Timestamp: 2026-11-28 01:02:03Z",
  },
  {
    id: 'smtp_5_7_139_auth_disabled',
    code: '535 5.7.139',
    step: 'mailbox',
    text: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [TYCP286CA0001.JPNP286.PROD.OUTLOOK.COM 2026-11-28T01:02:03.456Z 08DD0A1B2C3D4E5F]',
  },
  {
    id: 'graph_authorization_request_denied',
    code: 'Authorization_RequestDenied',
    step: 'entra-app',
    text: JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.', innerError: { date: '2026-11-28T01:02:03', 'request-id': '3f0c1c1e-0000-4000-8000-000000000001', 'client-request-id': '3f0c1c1e-0000-4000-8000-000000000001' } } }),
  },
  {
    id: 'webex_7000',
    code: '7000',
    step: 'verify',
    text: 'HTTP/1.1 400 Bad Request\ncontent-type: application/json\n\n{"code":"7000","message":"Invalid JSON"}',
  },
];

for (const lang of ['en', 'ja']) {
  test(`${lang}: pasted error texts are explained with meaning, cause, fix and the step to revisit`, () =>
    session(async (page, base) => {
      await openWith(page, base, 'troubleshoot', setupWith(), lang);
      const t = texts[lang];
      assert.equal(norm(await page.textContent('label[for="diagnostics-error-text"]')), t['diagnostics.explainer.label']);
      for (const p of PASTES) {
        await page.fill('#diagnostics-error-text', p.text);
        const item = await page.waitForSelector(`li.explained[data-id="${p.id}"]`);
        assert.equal(await page.locator('li.explained').count(), 1, `${p.id}: one code found`);
        for (const part of ['meaning', 'cause', 'fix']) {
          const shown = norm(await item.$eval(`[data-part="${part}"]`, (e) => e.textContent));
          assert.equal(shown, norm(fill(t[`errors.${p.id}.${part}`], { code: p.code })), `${p.id} ${part}`);
        }
        assert.ok((await item.$eval('h3', (e) => e.textContent)).includes(t[`errors.kind.${p.id.split('_')[0]}`]), `${p.id} kind`);
        assert.equal(await item.$eval('[data-revisit]', (e) => e.dataset.revisit), p.step, `${p.id} revisit step`);
      }
      // Unknown codes are said to be unknown, texts without codes say so.
      await page.fill('#diagnostics-error-text', 'Sign-in failed: AADSTS1234567 something new');
      await page.waitForSelector('li.explained.unknown[data-unknown="AADSTS1234567"]');
      assert.equal(norm(await page.textContent('li.explained.unknown p')), norm(fill(t['errors.unknown.aadsts'], { code: 'AADSTS1234567' })));
      await page.fill('#diagnostics-error-text', 'it just does not work');
      assert.equal(norm(await page.textContent('[data-explained="none"]')), t['diagnostics.explainer.none']);

      // The revisit link goes to the step and puts the cursor in the field when it is there.
      await page.fill('#diagnostics-error-text', PASTES[0].text);
      await page.click('li.explained[data-id="aadsts_7000215"] [data-revisit]');
      await page.waitForSelector('[data-step-page="entra-app"]');
      assert.match(page.url(), /\/entra-app\/\?lang=/);
      const dump = JSON.stringify(await storageDump(page));
      assert.ok(!dump.includes('Trace ID'), 'pasted texts are not stored');
    }));
}

// A log as an admin copies it from a relay, the debug console and a bounce: the same code
// twice, one written with dots, one inside an escaped JSON body, one the catalogue lacks.
const LOG = [
  '2026-12-01 09:58:01 [Generate Token] AADSTS50011: The redirect URI does not match the redirect URIs configured for the application.',
  '2026-12-01 09:59:10 refresh: {"error":"invalid_grant","error_description":"AADSTS70043: The refresh token has expired or is invalid due to sign-in frequency checks by conditional access.\\r\\nTrace ID: 0f1e2d3c"}',
  '2026-12-01 10:00:00 smtp: 535.5.7.139 Authentication unsuccessful, basic authentication is disabled.',
  '2026-12-01 10:00:05 MailKit.Net.Smtp.SmtpCommandException: 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded',
  '2026-12-01 10:01:00 [Generate Token] AADSTS50011 again',
  '2026-12-01 10:02:00 token: {"error":"invalid_grant","error_description":"AADSTS9999999: Something new.\\r\\nTrace ID: 1"}',
  "Remote Server returned '550 5.7.520 Access denied, Your organization does not allow external forwarding. AS(7555)'",
  'Remote Server returned \'550 5.7.999 A policy nobody catalogued\'',
].join('\n');
const LOG_KNOWN = [
  { id: 'aadsts_50011', code: 'AADSTS50011', phase: 'signin', step: 'entra-app', field: 'azure.redirect_uri', inferred: false },
  { id: 'aadsts_70043', code: 'AADSTS70043', phase: 'token', step: 'webex-oauth', inferred: false },
  { id: 'smtp_5_7_139_basic_disabled', code: '535 5.7.139', phase: 'smtp', step: 'webex-oauth', inferred: false },
  { id: 'smtp_4_3_2_concurrent', code: '432 4.3.2', seen: '4.3.2', phase: 'smtp', step: null, inferred: true },
  { id: 'smtp_5_7_520', code: '550 5.7.520', phase: 'delivery', step: 'mailbox', field: 'mailbox.outbound_policy', inferred: false },
];

for (const lang of ['en', 'ja']) {
  test(`${lang}: a pasted multi-error log lists each code once with its explanation, phase, source and revisit link`, () =>
    session(async (page, base) => {
      await openWith(page, base, 'troubleshoot', setupWith(), lang);
      const t = texts[lang];
      await page.fill('#diagnostics-error-text', LOG);
      await page.waitForSelector('li.explained[data-unknown="550 5.7.999"]');
      const order = await page.$$eval('li.explained', (items) => items.map((i) => i.dataset.id ?? `?${i.dataset.unknown}`));
      assert.deepEqual(order, [
        'aadsts_50011', 'aadsts_70043', 'smtp_5_7_139_basic_disabled', 'smtp_4_3_2_concurrent', '?AADSTS9999999', 'smtp_5_7_520', '?550 5.7.999',
      ]);
      for (const k of LOG_KNOWN) {
        const item = page.locator(`li.explained[data-id="${k.id}"]`);
        assert.equal(await item.getAttribute('data-code'), k.seen ?? k.code, `${k.id} code as seen`);
        assert.equal(await item.getAttribute('data-phase'), k.phase, `${k.id} phase`);
        assert.equal(norm(await item.locator('[data-part="phase"]').textContent()), norm(t[`errors.phase.${k.phase}`]));
        for (const part of ['meaning', 'cause', 'fix']) {
          assert.equal(norm(await item.locator(`[data-part="${part}"]`).textContent()), norm(fill(t[`errors.${k.id}.${part}`], { code: k.code })), `${k.id} ${part}`);
        }
        assert.equal(await item.locator('[data-part="inferred"]').count(), k.inferred ? 1 : 0, `${k.id} inferred note`);
        if (k.inferred) assert.equal(norm(await item.locator('[data-part="inferred"]').textContent()), t['errors.label.inferred']);
        assert.match(await item.locator('[data-part="source"] a').getAttribute('href'), /^https:\/\/(learn|techcommunity)\.microsoft\.com\//, `${k.id} source`);
        const revisit = item.locator('[data-revisit]');
        assert.equal(await revisit.count(), k.step ? 1 : 0, `${k.id} revisit`);
        if (k.step) {
          assert.equal(await revisit.getAttribute('data-revisit'), k.step, `${k.id} revisit step`);
          assert.equal(await revisit.getAttribute('data-field'), k.field ?? null, `${k.id} revisit field`);
        }
      }
      // The basic-auth timeline is told with its date.
      const timeline = await page.locator('li.explained[data-id="smtp_5_7_139_basic_disabled"] [data-part="cause"]').textContent();
      assert.ok(timeline.includes(lang === 'en' ? 'December 2026' : '2026年12月末'), timeline);
      // Unknown codes still say where to look.
      const aad = page.locator('li.explained[data-unknown="AADSTS9999999"]');
      assert.equal(await aad.getAttribute('data-phase'), 'token');
      assert.equal(await aad.locator('[data-part="lookup"] a').getAttribute('href'), 'https://login.microsoftonline.com/error?code=9999999');
      assert.deepEqual((await aad.locator('[data-part="reading"]').allTextContents()).map(norm), [norm(t['errors.unknown.phase.token'])]);
      const smtp = page.locator('li.explained[data-unknown="550 5.7.999"]');
      assert.deepEqual(
        (await smtp.locator('[data-part="reading"]').allTextContents()).map(norm),
        ['errors.unknown.phase.delivery', 'errors.smtp_class.5', 'errors.smtp_subject.7'].map((k) => norm(t[k])),
      );
      // Following a revisit link lands on the step with the field focused.
      await page.click('li.explained[data-id="smtp_5_7_520"] [data-revisit]');
      await page.waitForSelector('[data-step-page="mailbox"]');
    }));
}

function b64url(obj) {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}

function jwt(claims) {
  const header = { typ: 'JWT', alg: 'RS256', kid: 'test-key' };
  return `${b64url(header)}.${b64url(claims)}.${Buffer.from('not a real signature').toString('base64url')}`;
}

function claims(overrides = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: 'https://outlook.office.com',
    iss: `https://sts.windows.net/${TENANT}/`,
    iat: now - 60, nbf: now - 60, exp: now + 5400,
    appid: CLIENT, tid: TENANT, upn: UPN, scp: 'SMTP.Send',
    ...overrides,
  };
}

for (const lang of ['en', 'ja']) {
  test(`${lang}: the token inspector checks a pasted token against the typed values and stores nothing`, () =>
    session(async (page, base) => {
      await openWith(page, base, 'troubleshoot', setupWith(), lang);
      const t = texts[lang];
      assert.equal(norm(await page.textContent('[data-note="signature"]')), t['diagnostics.token.note']);

      // Pasted at the narrowest width the app supports: the decoded boxes must wrap, not widen the page.
      await page.setViewportSize({ width: 320, height: 640 });
      const good = jwt(claims());
      await page.fill('#diagnostics-token', `Bearer ${good}`);
      await page.waitForSelector('[data-check="audience"]');
      const statuses = await page.$$eval('[data-check]', (els) => Object.fromEntries(els.map((e) => [e.dataset.check, e.dataset.status])));
      assert.deepEqual(statuses, { signature: 'unknown', audience: 'pass', scope: 'pass', user: 'pass', tenant: 'pass', client: 'pass', expiry: 'pass' });
      assert.match(await page.textContent('[data-check="signature"]'), new RegExp(t['token.status.unknown']));
      const expiry = norm(await page.textContent('[data-check="expiry"]'));
      // 90 minutes left when built; a second or two may pass before the paste.
      const left = ['30', '29'].map((minutes) => norm(fill(t['token.exp.valid'], { hours: '1', minutes })));
      assert.ok(left.some((l) => expiry.includes(l)), expiry);
      assert.match(await page.textContent('[data-token="claims"]'), /"upn": "support@acme.example"/);
      assert.match(await page.textContent('[data-token="header"]'), /"alg": "RS256"/);
      assert.equal(await sidewaysOverflow(page), 0, 'no sideways scrolling at 320 px with a decoded token');
      assert.deepEqual(await axeViolations(page), [], 'no axe violations with a decoded token');
      await page.setViewportSize({ width: 1280, height: 720 });

      const graph = jwt(claims({ aud: 'https://graph.microsoft.com', scp: 'Mail.Send User.Read', upn: 'other@acme.example' }));
      await page.fill('#diagnostics-token', graph);
      await page.waitForSelector('[data-check="audience"][data-status="fail"]');
      const aud = norm(await page.textContent('[data-check="audience"]'));
      assert.ok(aud.includes('535 5.7.3'), aud);
      assert.ok(aud.includes(norm(fill(t['token.aud.graph'], { aud: 'https://graph.microsoft.com' }))), aud);
      assert.equal(await page.getAttribute('[data-check="user"]', 'data-status'), 'fail');

      await page.fill('#diagnostics-token', 'not-a-token');
      assert.equal(norm(await page.textContent('[data-token-problem]')), t['token.problem.not_a_jwt']);

      // Leave the page and come back: the token is gone, and never reached storage.
      await page.fill('#diagnostics-token', good);
      await page.click('nav.stepper a[data-step="summary"]');
      await page.waitForSelector('[data-step-page="summary"]');
      await page.click('nav.stepper a[data-step="troubleshoot"]');
      await page.waitForSelector('#diagnostics-token');
      assert.equal(await page.inputValue('#diagnostics-token'), '');
      const dump = JSON.stringify(await storageDump(page));
      for (const part of good.split('.')) assert.ok(!dump.includes(part), 'no part of the token is stored');
    }));
}

for (const lang of ['en', 'ja']) {
  test(`${lang}: the setup check lists problems with links to the field's step`, () =>
    session(async (page, base) => {
      const setup = setupWith();
      setup.webex_connect.forwarding_address = 'Support@acme.example';
      setup.azure.permission_profile = 'as_documented';
      setup.azure.client_secret_expires = isoDate(10);
      await openWith(page, base, 'summary', setup, lang);
      const t = texts[lang];
      const loop = await page.waitForSelector('[data-rule="forwarding_loop"]');
      assert.equal(await loop.getAttribute('data-severity'), 'error');
      assert.ok(norm(await loop.textContent()).includes(norm(fill(t['doctor.forwarding_loop'], { address: 'Support@acme.example' }))));
      const expiring = await page.waitForSelector('[data-key="doctor.secret.expiring"]');
      assert.ok(norm(await expiring.textContent()).includes(norm(fill(t['doctor.secret.expiring'], { date: isoDate(10), days: '10' }))));
      await page.waitForSelector('[data-rule="broad_mail_send"]');
      await page.click('[data-rule="forwarding_loop"] [data-revisit]');
      await page.waitForSelector('[data-step-page="webex-app"]');
      await page.waitForFunction(() => document.activeElement?.id === 'webex_connect.forwarding_address');
    }));
}

test('the reminder is disabled with a reason, then downloads an .ics N days before the expiry', () =>
  session(async (page, base) => {
    const setup = setupWith();
    setup.azure.client_secret_expires = '';
    await openWith(page, base, 'summary', setup, 'ja');
    assert.equal(await page.isDisabled('[data-action="download-reminder"]'), true);
    assert.equal(norm(await page.textContent('[data-reminder-reason]')), texts.ja['doctor.reminder.no_expiry']);

    const expires = isoDate(60);
    await openWith(page, base, 'summary', setupWith({ azure: { ...setupWith().azure, client_secret_expires: expires } }), 'en');
    await page.fill('#diagnostics-reminder-days', '70');
    assert.equal(norm(await page.textContent('[data-reminder-reason]')), fill(texts.en['doctor.reminder.in_past'], { days: '60' }));
    assert.equal(await page.isDisabled('[data-action="download-reminder"]'), true);
    await page.fill('#diagnostics-reminder-days', '10');
    assert.equal(await page.isDisabled('[data-action="download-reminder"]'), false);
    const { name, text } = await downloadText(page, '[data-action="download-reminder"]');
    assert.equal(name, `client-secret-reminder-${expires}.ics`);
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'), 'starts with BEGIN:VCALENDAR');
    assert.ok(text.endsWith('END:VCALENDAR\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    const start = isoDate(50).replaceAll('-', '');
    assert.match(text, new RegExp(`\r\nDTSTART;VALUE=DATE:${start}\r\n`));
    // Unfold (RFC 5545 3.1) before reading the summary.
    const unfolded = text.replace(/\r\n /g, '');
    assert.match(unfolded, /SUMMARY:Renew the client secret of Webex Connect email/);
    // The event links to this app's rotation flow, absolute, under the app's base (served under a sub-path here).
    assert.ok(unfolded.includes(`\r\nURL:${base}troubleshoot/#rotate-secret\r\n`), `URL: ${base}troubleshoot/#rotate-secret`);
  }, BUILDS[1]));

test('the support bundle has the TAC items, explained errors and no secret', (t) =>
  session(async (page, base) => {
    const setup = setupWith({
      support: { asset_id: 'asset-5f3c0a9e', transaction_ids: 'tx-100\ntx-200', notes: 'no reply since 10:05' },
      verification: { agent_received: { status: 'failed', time: '2026-11-28T01:15:00Z' } },
    });
    await openWith(page, base, 'entra-app', setup, 'en');
    const secretInput = await page.$('input[name="azure.client_secret"]');
    if (secretInput) {
      await secretInput.fill(SECRET);
    } else {
      // The Entra step's secret input is another branch's work; the native property test
      // covers the secret meanwhile, and this assert turns on by itself once the input exists.
      t.diagnostic('azure.client_secret input not on this branch yet: bundle secret assert skipped');
    }
    await page.click('nav.stepper a[data-step="troubleshoot"]');
    await page.waitForSelector('#diagnostics-error-text');
    await page.fill('#diagnostics-error-text', PASTES[0].text);
    await page.click('[data-action="add-to-bundle"]');
    await page.fill('#diagnostics-error-text', PASTES[1].text);
    await page.click('[data-action="add-to-bundle"]');
    await page.waitForSelector('[data-bundle-texts="2"]');

    const json = await downloadText(page, '[data-action="bundle-json"]');
    assert.match(json.name, /^support-bundle-.*\.json$/);
    const bundle = JSON.parse(json.text);
    assert.equal(bundle.format, 'webex-o365-setup-support-bundle');
    assert.equal(bundle.browser, await page.evaluate(() => navigator.userAgent));
    assert.match(bundle.app_version, /^\d+\.\d+\.\d+/);
    assert.equal(bundle.tac.asset_id, 'asset-5f3c0a9e');
    assert.deepEqual(bundle.tac.transaction_ids, ['tx-100', 'tx-200']);
    assert.deepEqual(bundle.tac.verification[1], { check: 'agent_received', status: 'failed', time: '2026-11-28T01:15:00Z' });
    assert.deepEqual(bundle.explained_errors.map((e) => e.id), ['aadsts_7000215', 'smtp_5_7_139_auth_disabled']);
    assert.equal(bundle.explained_errors[0].fix, fill(texts.en['errors.aadsts_7000215.fix'], { code: 'AADSTS7000215' }));
    assert.equal(bundle.configuration.azure.client_id, CLIENT);
    assert.equal(bundle.configuration.azure.client_secret, undefined);
    assert.ok(Array.isArray(bundle.findings));
    assert.ok(!json.text.includes('Trace ID'), 'pasted texts themselves stay out');

    const txt = await downloadText(page, '[data-action="bundle-text"]');
    assert.match(txt.name, /^support-bundle-.*\.txt$/);
    assert.ok(txt.text.includes(texts.en['bundle.text.asset_id'] + ': asset-5f3c0a9e'));
    assert.ok(txt.text.includes('  - tx-200'));
    if (secretInput) {
      assert.ok(!json.text.includes(SECRET) && !txt.text.includes(SECRET), 'no secret in the bundle');
    }
    const dump = JSON.stringify(await storageDump(page));
    assert.ok(!dump.includes(SECRET), 'no secret in storage');
    assert.ok(!dump.includes('Trace ID'), 'no pasted text in storage');
  }));
