// Step 2 "Entra app registration": fields and their messages (en and ja), the derived values,
// the console instructions per permission profile, and the client secret staying in memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, mounted, storageDump, choosePath, watchListChanges } from './support.mjs';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '0f8e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const SECRET = 'abc8Q~dEfGhIjKlMnOpQrStUvWxYz0123456789_'; // 40 characters, like a portal secret
const SECRET_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const CALLBACK = 'https://acme.us.webexconnect.io/callback';
const APP_NAME = 'Webex Connect Email';

/** The admin's local date `days` from today, as `YYYY-MM-DD` or the portal's `YYYY/M/D`. */
function dateIn(days, slashes = false) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const [y, m, day] = [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  if (slashes) return `${y}/${m}/${day}`;
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const input = (key) => `[name="${key}"]`;
const messages = (key) => `[data-field="${key}"] .messages li`;

const app = useApp();

/** Runs `body` on a fresh page at step 2 (optionally with `?lang=`), then checks for console errors. */
async function onStep2(body, { lang } = {}) {
  const { context, page, errors } = await openPage(app.browser);
  try {
    await page.goto(`${app.base}entra-app/${lang ? `?lang=${lang}` : ''}`);
    await mounted(page);
    await page.waitForSelector('[data-step-page="entra-app"] [data-field="azure.tenant_id"]');
    await body(page);
    assert.deepEqual(errors, []);
    const dump = JSON.stringify(await storageDump(page));
    assert.ok(!dump.includes(SECRET) && !dump.includes(SECRET_ID), 'no secret in web storage');
  } finally {
    await context.close();
  }
}

async function stepState(page, slug) {
  return page.locator('nav.stepper li', { has: page.locator(`a[data-step="${slug}"]`) }).getAttribute('data-state');
}

async function keysOf(page, key) {
  return page.$$eval(messages(key), (lis) => lis.map((li) => `${li.dataset.severity}:${li.dataset.key}`));
}

async function fillValid(page) {
  await page.fill(input('azure.app_display_name'), APP_NAME);
  await page.fill(input('azure.tenant_id'), TENANT);
  await page.fill(input('azure.client_id'), CLIENT);
  await page.fill(input('azure.client_secret'), SECRET);
  await page.fill(input('azure.client_secret_expires'), dateIn(180));
}

test('valid values complete the step; the redirect URI follows step 1 and copies', async () => {
  await onStep2(async (page) => {
    assert.equal(await stepState(page, 'entra-app'), 'incomplete');
    await choosePath(page, 'entra-app', 'by_hand');
    // Without step 1 there is no redirect URI, and the page says where to get it.
    await page.waitForSelector('[data-note="redirect-uri-missing"] a');
    assert.match(await page.textContent('[data-note="redirect-uri-missing"]'), /step 1 first/);

    await fillValid(page);
    await page.waitForSelector('nav.stepper li[data-state="complete"] a[data-step="entra-app"]');
    assert.equal(await page.locator('[data-step-page="entra-app"] [data-severity="error"]').count(), 0);
    assert.equal(await page.getAttribute(input('azure.client_secret'), 'aria-invalid'), 'false');

    await page.click('[data-note="redirect-uri-missing"] a');
    await page.waitForSelector('[data-step-page="webex-app"]');
    await page.fill(input('webex_connect.callback_url'), CALLBACK);
    await page.click('nav.stepper a[data-step="entra-app"]');
    await page.waitForSelector('[data-step-page="entra-app"]');
    assert.equal(await page.textContent('code[data-value="azure.redirect_uri"]'), CALLBACK);
    assert.equal(await page.locator('[data-note="redirect-uri-missing"]').count(), 0);
    // The first console step offers the name and the redirect URI to paste.
    const first = '[data-instruction="profile.step.new_registration"]';
    assert.equal(await page.textContent(`${first} [data-value="profile.copy.app_name"]`), APP_NAME);
    assert.equal(await page.textContent(`${first} [data-value="profile.copy.redirect_uri"]`), CALLBACK);
    // The secret came back through navigation (memory), still masked.
    assert.equal(await page.inputValue(input('azure.client_secret')), SECRET);
    assert.equal(await page.getAttribute(input('azure.client_secret'), 'type'), 'password');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.click('[data-copy="azure.redirect_uri"] button.copy');
    await page.waitForSelector('[data-copy="azure.redirect_uri"] button.copy:has-text("Copied")');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), CALLBACK);
  });
});

test('the client secret field: masked with a toggle, memory-only note, Secret ID refused (en)', async () => {
  await onStep2(async (page) => {
    const secret = input('azure.client_secret');
    assert.equal(await page.getAttribute(secret, 'type'), 'password');
    assert.equal(await page.getAttribute(secret, 'autocomplete'), 'off');
    assert.equal(await page.getAttribute(secret, 'id'), 'azure.client_secret');
    assert.equal(await page.locator('label[for="azure.client_secret"]').count(), 1);
    assert.match(await page.textContent('[data-note="memory-only"]'), /memory only.*gone when you reload/s);
    assert.deepEqual(await keysOf(page, 'azure.client_secret'), ['warning:entra.client_secret.memory_only']);

    await page.fill(secret, SECRET_ID);
    const error = `${messages('azure.client_secret')}[data-key="entra.client_secret.is_secret_id"]`;
    await page.waitForSelector(`${error}[data-severity="error"]`);
    assert.match(await page.textContent(error), /This is the Secret ID\. Copy the Value column instead/);
    assert.equal(await page.getAttribute(secret, 'aria-invalid'), 'true');
    assert.equal(await stepState(page, 'entra-app'), 'has_errors');
    // The value is never put in an attribute of the page.
    assert.ok(!(await page.content()).includes(SECRET_ID));

    await page.click('[data-field="azure.client_secret"] button.secret-toggle');
    assert.equal(await page.getAttribute(secret, 'type'), 'text');
    await page.click('[data-field="azure.client_secret"] button.secret-toggle');
    assert.equal(await page.getAttribute(secret, 'type'), 'password');
    // The memory-only note is permanent, also with a value typed.
    assert.ok(await page.isVisible('[data-note="memory-only"]'));
  });
});

test('a pasted Secret ID is refused in Japanese', async () => {
  await onStep2(async (page) => {
    assert.match(await page.textContent('h1'), /Entra/);
    assert.match(await page.textContent('[data-note="memory-only"]'), /メモリ上にだけ保持します/);
    await page.fill(input('azure.client_secret'), SECRET_ID);
    const error = `${messages('azure.client_secret')}[data-key="entra.client_secret.is_secret_id"]`;
    await page.waitForSelector(error);
    assert.match(await page.textContent(error), /これは\[シークレット ID\]です。\[値\]の列をコピーしてください/);
  }, { lang: 'ja' });
});

test('secret expiry: expired is an error, within 30 days a warning, the portal form is kept as typed', async () => {
  await onStep2(async (page) => {
    const expires = input('azure.client_secret_expires');
    assert.equal(await page.getAttribute(expires, 'type'), 'text');
    await page.fill(expires, '2020-01-01');
    await page.waitForSelector(`${messages('azure.client_secret_expires')}[data-key="entra.client_secret_expires.expired"]`);
    assert.deepEqual(await keysOf(page, 'azure.client_secret_expires'), ['error:entra.client_secret_expires.expired']);
    assert.match(await page.textContent(messages('azure.client_secret_expires')), /expired on 2020-01-01/);

    const soon = dateIn(10, true);
    await page.fill(expires, soon);
    await page.waitForSelector(`${messages('azure.client_secret_expires')}[data-key="entra.client_secret_expires.soon"]`);
    assert.deepEqual(await keysOf(page, 'azure.client_secret_expires'), ['warning:entra.client_secret_expires.soon']);
    assert.match(await page.textContent(messages('azure.client_secret_expires')), new RegExp(`${dateIn(10)}, in 10 days`));
    assert.equal(await page.inputValue(expires), soon, 'the typed text is kept');

    await page.fill(expires, dateIn(90));
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0,
      messages('azure.client_secret_expires'));
  });
});

test('the expiry messages in Japanese', async () => {
  await onStep2(async (page) => {
    await page.fill(input('azure.client_secret_expires'), '2020/1/1');
    await page.waitForSelector(`${messages('azure.client_secret_expires')}[data-severity="error"]`);
    assert.match(await page.textContent(messages('azure.client_secret_expires')), /2020-01-01 に期限切れ/);
    await page.fill(input('azure.client_secret_expires'), dateIn(5));
    await page.waitForSelector(`${messages('azure.client_secret_expires')}[data-severity="warning"]`);
    assert.match(await page.textContent(messages('azure.client_secret_expires')), /あと 5 日/);
  }, { lang: 'ja' });
});

test('switching the permission profile changes the instructions, permissions and implicit tokens', async () => {
  await onStep2(async (page) => {
    const implicit = 'code[data-value="azure.implicit_access_tokens"]';
    const perms = 'table[data-permissions] tbody tr';
    const rows = () => page.$$eval(perms, (trs) => trs.map((tr) => `${tr.dataset.permission}/${tr.dataset.kind}`));
    const profileRadio = (v) => `input[name="azure.permission_profile"][value="${v}"]`;
    await choosePath(page, 'entra-app', 'by_hand');

    // Least privilege is the default: delegated SMTP.Send on Office 365 Exchange Online (the SMTP token's
    // resource), openid and offline_access on Microsoft Graph, implicit off.
    assert.ok(await page.isChecked(profileRadio('least_privilege')));
    assert.equal(await page.textContent(implicit), 'Off');
    assert.deepEqual(await rows(), ['SMTP.Send/Scope', 'openid/Scope', 'offline_access/Scope']);
    assert.match(await page.textContent(perms), /^\s*Office 365 Exchange Online\s*SMTP\.Send\s*Delegated permissions/);
    const exoAdd = '[data-instruction="profile.step.api_permissions.least_privilege.exchange"]';
    assert.match(await page.textContent(exoAdd), /\[APIs my organization uses\].*Office 365 Exchange Online.*\[Delegated permissions\].*SMTP\.Send/s);
    const copied = (sel) => page.$$eval(`${sel} code[data-value]`, (c) => c.map((e) => e.textContent));
    assert.deepEqual(await copied(exoAdd), ['Office 365 Exchange Online', 'SMTP.Send']);
    const graphAdd = '[data-instruction="profile.step.api_permissions.least_privilege.graph"]';
    assert.deepEqual(await copied(graphAdd), ['Microsoft Graph', 'openid', 'offline_access']);
    assert.equal(await page.locator('[data-instruction="profile.step.authentication.implicit_off"]').count(), 1);
    const note = await page.textContent('[data-field="azure.permission_profile"]');
    assert.match(note, /Microsoft's documentation: .*Inference, medium certainty: .*Not confirmed: /s);
    assert.equal(await page.locator('ol.instructions > li').count(), 8);

    await page.check(profileRadio('as_documented'));
    await page.waitForSelector('ol.instructions[data-instructions="as_documented"]');
    assert.equal(await page.textContent(implicit), 'On');
    assert.deepEqual(await rows(), ['Mail.Send/Role']);
    assert.match(await page.textContent(perms), /Office 365 Exchange Online.*Mail\.Send.*Application permissions/s);
    const docAdd = '[data-instruction="profile.step.api_permissions.as_documented"]';
    assert.match(await page.textContent(docAdd), /Application permissions.*Mail\.Send/s);
    assert.equal(await page.textContent(`${docAdd} [data-value="profile.copy.api_name"]`), 'Office 365 Exchange Online');
    assert.equal(await page.locator('[data-instruction="profile.step.authentication.implicit_on"]').count(), 1);
    assert.equal(await page.locator('[data-instruction^="profile.step.api_permissions.least"]').count(), 0);
    const broad = `${messages('azure.permission_profile')}[data-key="profile.as_documented.broad"]`;
    assert.equal(await page.getAttribute(broad, 'data-severity'), 'warning');
    assert.match(await page.textContent(broad), /send mail as any user in the tenant/);

    await page.check(profileRadio('least_privilege'));
    await page.waitForSelector('ol.instructions[data-instructions="least_privilege"]');
    assert.equal(await page.textContent(implicit), 'Off');
  });
});

test('typing the display name changes, in place, only the console steps whose text changes; the others are left alone', async () => {
  await onStep2(async (page) => {
    await choosePath(page, 'entra-app', 'by_hand');
    await page.fill(input('azure.app_display_name'), 'Mail app');
    await page.waitForFunction(() => [...document.querySelectorAll('ol.instructions > li')].some((li) => li.textContent.includes('Mail app')));
    const count = await page.locator('ol.instructions > li').count();
    // The name, copied from a step: once the name changes, the button no longer says Copied.
    const copyName = '[data-instruction="profile.step.new_registration"] [data-copy="profile.copy.app_name"] button.copy';
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.click(copyName);
    await page.waitForSelector(`${copyName}:has-text("Copied")`);
    const touched = await watchListChanges(page, 'ol.instructions', 'data-instruction');
    await page.press(input('azure.app_display_name'), 'End');
    await page.keyboard.type(' X');
    await page.waitForFunction(() => [...document.querySelectorAll('ol.instructions > li')].some((li) => li.textContent.includes('Mail app X')));
    const { touched: changes, changed, rebuilt } = await touched();
    assert.ok(changed.length > 0 && changed.length < count, `some items show the name: ${changed}`);
    assert.deepEqual(changes, changed, 'changes land only in the items whose text changed');
    assert.equal(await page.locator('ol.instructions > li').count(), count);
    assert.deepEqual(rebuilt, [], 'changed in place: no item (its copy buttons) is rebuilt for a keystroke');
    assert.equal(await page.textContent(copyName), 'Copy');
  });
});

test("typing in one field leaves the other fields' messages alone", async () => {
  await onStep2(async (page) => {
    await choosePath(page, 'entra-app', 'by_hand');
    await page.fill(input('azure.tenant_id'), 'not-a-tenant');
    await page.fill(input('azure.app_display_name'), 'Mail app');
    await page.waitForSelector(`${messages('azure.tenant_id')}[data-severity="error"]`);
    const own = 'azure.app_display_name--messages';
    const others = await page.$$eval('ul.messages', (lists, own) => lists.filter((l) => l.id !== own && l.children.length).length, own);
    assert.ok(others >= 2, `other fields show messages: ${others}`);
    await page.evaluate((own) => {
      window.touchedLists = new Set();
      for (const list of document.querySelectorAll('ul.messages')) {
        if (list.id === own) continue;
        new MutationObserver(() => window.touchedLists.add(list.id))
          .observe(list, { subtree: true, childList: true, attributes: true, characterData: true });
      }
    }, own);
    await page.press(input('azure.app_display_name'), 'End');
    await page.keyboard.type(' X');
    await page.waitForFunction(() => [...document.querySelectorAll('ol.instructions > li')].some((li) => li.textContent.includes('Mail app X')));
    assert.deepEqual(await page.evaluate(() => [...window.touchedLists]), []);
  });
});

test('profiles and instructions in Japanese', async () => {
  await onStep2(async (page) => {
    await choosePath(page, 'entra-app', 'by_hand');
    assert.equal(await page.textContent('code[data-value="azure.implicit_access_tokens"]'), 'オフ');
    assert.match(await page.textContent('[data-instruction="profile.step.api_permissions.least_privilege.exchange"]'),
      /\[組織で使用するAPI\].*Office 365 Exchange Online.*\[委任されたアクセス許可\].*SMTP\.Send/s);
    await page.check('input[name="azure.permission_profile"][value="as_documented"]');
    await page.waitForSelector('ol.instructions[data-instructions="as_documented"]');
    assert.equal(await page.textContent('code[data-value="azure.implicit_access_tokens"]'), 'オン');
    assert.match(await page.textContent('[data-instruction="profile.step.api_permissions.as_documented"]'),
      /\[アプリケーションの許可\].*Mail\.Send/s);
    assert.match(await page.textContent('table[data-permissions] tbody'), /アプリケーションの許可/);
  }, { lang: 'ja' });
});

test('a sovereign cloud shows its unverified warning next to the cloud field', async () => {
  await onStep2(async (page) => {
    const warning = `${messages('azure.cloud')}[data-key="cloud.sovereign_unverified"]`;
    assert.equal(await page.locator(warning).count(), 0);
    await page.selectOption('select[name="azure.cloud"]', 'us_gov_gcc_high');
    await page.waitForSelector(`${warning}[data-severity="warning"]`);
    assert.match(await page.textContent(warning), /smtp\.office365\.us.*not been confirmed/s);
    const saved = JSON.parse((await storageDump(page)).local['webex-o365-setup.setup.v1']);
    assert.equal(saved.azure.cloud, 'us_gov_gcc_high');
    await page.selectOption('select[name="azure.cloud"]', 'global');
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, warning);
  });
});

test('the secret never reaches web storage and is gone after a reload; every other value stays', async () => {
  await onStep2(async (page) => {
    await page.selectOption('select[name="azure.cloud"]', 'china');
    await page.check('input[name="azure.permission_profile"][value="as_documented"]');
    await fillValid(page);
    const expires = await page.inputValue(input('azure.client_secret_expires'));
    let dump = JSON.stringify(await storageDump(page));
    assert.ok(dump.includes(TENANT), 'the setup is autosaved');
    assert.ok(!dump.includes(SECRET), 'the secret is not');

    await page.reload();
    await mounted(page);
    await page.waitForSelector('[data-field="azure.client_secret"]');
    assert.equal(await page.inputValue(input('azure.client_secret')), '');
    assert.equal(await page.inputValue(input('azure.tenant_id')), TENANT);
    assert.equal(await page.inputValue(input('azure.client_id')), CLIENT);
    assert.equal(await page.inputValue(input('azure.app_display_name')), APP_NAME);
    assert.equal(await page.inputValue(input('azure.client_secret_expires')), expires);
    assert.equal(await page.inputValue('select[name="azure.cloud"]'), 'china');
    assert.ok(await page.isChecked('input[name="azure.permission_profile"][value="as_documented"]'));
    assert.deepEqual(await keysOf(page, 'azure.client_secret'), ['warning:entra.client_secret.memory_only']);
    // The secret is not required for the step (it goes straight into Webex Connect).
    assert.equal(await stepState(page, 'entra-app'), 'complete');
    dump = JSON.stringify(await storageDump(page));
    assert.ok(!dump.includes(SECRET));
  });
});
