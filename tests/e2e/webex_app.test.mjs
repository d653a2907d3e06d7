// Step 1: typed values validate inline (en and ja), derive tenant and region, and survive
// a reload through autosave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, mounted } from './support.mjs';

const app = useApp();

const messages = (page, key) => page.locator(`[data-field="${key}"] .msg`).allTextContents();

test('a valid Call Back URL derives tenant and region; values survive a reload', async () => {
  const { context, page, errors } = await openPage(app.browser);
  try {
    await page.goto(`${app.base}webex-app/`);
    await mounted(page);
    await page.fill('[name="webex_connect.app_name"]', 'Support email');
    await page.fill('[name="webex_connect.callback_url"]', 'https://acme.eu.webexconnect.io/callback');
    await page.fill('[name="webex_connect.forwarding_address"]', '0123456789abcdef0123456789abcdef@mail-us.imiconnect.io');
    assert.equal(await page.textContent('[data-value="webex_connect.tenant"]'), 'acme');
    assert.equal(await page.textContent('[data-value="webex_connect.region"]'), 'eu');
    assert.equal(await page.getAttribute('[name="webex_connect.callback_url"]', 'aria-invalid'), 'false');
    await page.waitForSelector('nav.stepper li[data-state="complete"] a[data-step="webex-app"]');
    await page.reload();
    await mounted(page);
    assert.equal(await page.inputValue('[name="webex_connect.callback_url"]'), 'https://acme.eu.webexconnect.io/callback');
    assert.equal(await page.inputValue('[name="webex_connect.app_name"]'), 'Support email');
    assert.equal(await page.textContent('[data-value="webex_connect.region"]'), 'eu');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an http: Call Back URL is refused next to the field, in English and Japanese, and kept as typed', async () => {
  const { context, page, errors } = await openPage(app.browser);
  try {
    await page.goto(`${app.base}webex-app/`);
    await mounted(page);
    const typed = 'http://acme.us.webexconnect.io/callback';
    await page.fill('[name="webex_connect.callback_url"]', typed);
    await page.locator('[name="webex_connect.callback_url"]').blur();
    assert.equal(await page.getAttribute('[name="webex_connect.callback_url"]', 'aria-invalid'), 'true');
    const describedBy = await page.getAttribute('[name="webex_connect.callback_url"]', 'aria-describedby');
    assert.ok(describedBy.includes('webex_connect.callback_url--messages'));
    const en = (await messages(page, 'webex_connect.callback_url')).join(' ');
    assert.match(en, /https/);
    await page.waitForSelector('nav.stepper li[data-state="has_errors"] a[data-step="webex-app"]');
    await page.selectOption('#lang-switch', 'ja');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    const ja = (await messages(page, 'webex_connect.callback_url')).join(' ');
    assert.notEqual(ja, en);
    assert.match(ja, /[\u3040-\u30ff\u4e00-\u9faf]/, 'Japanese text expected');
    assert.equal(await page.inputValue('[name="webex_connect.callback_url"]'), typed);
    // The language choice is remembered across a reload.
    await page.reload();
    await mounted(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a required field shows its message only once touched', async () => {
  const { context, page } = await openPage(app.browser);
  try {
    await page.goto(`${app.base}webex-app/`);
    await mounted(page);
    assert.deepEqual(await messages(page, 'webex_connect.app_name'), []);
    await page.focus('[name="webex_connect.app_name"]');
    await page.keyboard.press('Tab');
    assert.equal((await messages(page, 'webex_connect.app_name')).length, 1);
  } finally {
    await context.close();
  }
});
