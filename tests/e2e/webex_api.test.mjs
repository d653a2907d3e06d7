// Webex Connect API calls against a local emulator: outbound test send (service key and
// signed JWT), the documented 400/401 answers explained, asset onboarding sent as edited,
// the contact-center check, and a host that refuses CORS handing over a curl command.
// Credentials must never reach storage or the URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BUILDS, serve, launch, openPage, mounted, storageDump, unfold } from './support.mjs';
import {
  startEmulator, GOOD_KEY, SERVICE_ID, SERVICE_SECRET_B64, GOOD_TOKEN, ORG_ID, ASSET_ID, INVALID_RECIPIENT,
} from './webex-emulator.mjs';

const SETUP_KEY = 'webex-o365-setup.setup.v1';
const MAILBOX = 'support@contoso.com';
const CLIENT_SECRET = 'Xy8Q~client.secret-value_42';
const RECIPIENT = 'tester@example.org';
const SETUP = {
  webex_connect: {
    app_name: 'Support email',
    callback_url: 'https://acme.us.webexconnect.io/callback',
    forwarding_address: '0123456789abcdef0123456789abcdef@mail-us.imiconnect.io',
  },
  azure: {
    tenant_id: '11111111-2222-3333-4444-555555555555', app_display_name: 'Webex Connect email',
    client_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  },
  mailbox: { address: MAILBOX, user_principal_name: MAILBOX },
};
const SECRETS = [GOOD_KEY, SERVICE_SECRET_B64, GOOD_TOKEN, CLIENT_SECRET, 'wrong-key-123'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page whose config.json points the Webex APIs at `hosts`, with the setup autosaved. */
async function session(hosts, locale, fn) {
  const { server, base } = await serve(BUILDS[0]);
  const { context, page, errors } = await openPage(browser, { locale });
  // Chromium logs every failed resource load as a console error, with the resource's URL as
  // its location: kept here so a test can accept exactly the failures it provokes.
  const located = [];
  page.on('console', (m) => m.type() === 'error' && located.push({ text: `console: ${m.text()}`, url: m.location().url }));
  await page.route('**/config.json', (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: JSON.stringify({ webex: hosts }),
  }));
  try {
    await page.goto(base);
    await mounted(page);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [SETUP_KEY, JSON.stringify(SETUP)]);
    await fn(page, base, (expected) => unexpectedErrors(errors, located, expected));
  } finally {
    await context.close();
    server.close();
  }
}

/** A session (`locale`) whose Webex API hosts are all the local emulator; `fn(page, base, unexpected, emu)`. */
async function withEmulator(locale, fn) {
  const emu = await startEmulator();
  const hosts = { messaging: emu.base, asset_onboarding: `${emu.base}/connectapi`, contact_center: emu.base };
  try {
    await session(hosts, locale, (page, base, unexpected) => fn(page, base, unexpected, emu));
  } finally {
    emu.server.close();
  }
}

/** The API forms of each step: optional tools, folded until opened. */
const TOOLS = { verify: ['webex-api-send', 'webex-api-cc'], 'webex-oauth': ['webex-api-onboard'] };

/** Opens a step's API forms, checking first that they start folded. */
async function openTools(page, slug) {
  for (const name of TOOLS[slug] ?? []) {
    assert.equal(await page.$eval(`details[data-fold="${name}"]`, (d) => d.open), false, `${name} starts folded`);
    await unfold(page, name);
  }
}

async function openStep(page, base, slug) {
  await page.goto(`${base}${slug}/`);
  await mounted(page);
  await page.waitForSelector(`[data-step-page="${slug}"]`);
  await openTools(page, slug);
}

async function goStep(page, slug) {
  await page.click(`nav.stepper a[data-step="${slug}"]`);
  await page.waitForSelector(`[data-step-page="${slug}"]`);
  await openTools(page, slug);
}

/** Console errors left after removing, once each, the expected `{ text, url? }` entries. */
function unexpectedErrors(errors, located, expected) {
  const left = [...errors];
  for (const { text, url } of expected) {
    const hit = located.findIndex((l) => l.text === text && (url === undefined || l.url === url));
    const i = left.indexOf(text);
    if (hit >= 0 && i >= 0) {
      located.splice(hit, 1);
      left.splice(i, 1);
    }
  }
  return left;
}

const fill = (page, name, value) => page.fill(`[name="${name}"]`, value);
const send = '[data-webex-api="send"]';

async function sendTest(page) {
  await page.click(`${send} [data-action="send-test"]`);
  await page.waitForSelector(`${send} .api-outcome [data-outcome]:not([data-outcome="pending"])`);
}

/** A test send with the service key `key` to `to`, waited out. */
async function sendWithKey(page, key, to) {
  await fill(page, 'webex_api.send.service_key', key);
  await fill(page, 'webex_api.send.to', to);
  await sendTest(page);
}

/** The console errors Chromium logs for the 401 and the 400 a test provokes on purpose. */
const provoked401And400 = (emu) => ['401 (Unauthorized)', '400 (Bad Request)'].map((status) => ({
  text: `console: Failed to load resource: the server responded with a status of ${status}`, url: `${emu.base}/v2/messages`,
}));

async function assertNothingLeaked(page) {
  const dump = JSON.stringify(await storageDump(page));
  const url = page.url();
  for (const secret of SECRETS) {
    assert.ok(!dump.includes(secret), `storage holds ${secret}`);
    assert.ok(!url.includes(secret), `URL holds ${secret}`);
  }
}

test('send, explain 400 and 401, sign a JWT, check the contact center, onboard as edited; nothing stored', async () => {
  await withEmulator('en-US', async (page, base, unexpected, emu) => {
    await openStep(page, base, 'verify');
    assert.equal(await page.getAttribute(`${send} [data-base]`, 'data-base-url'), emu.base);
    assert.equal(await page.getAttribute(`${send} [data-certainty]`, 'data-certainty'), 'webex_api.region.override');
    assert.match(await page.textContent(`${send} [data-value="from"]`), new RegExp(MAILBOX));
    for (const el of ['webex_api.send.service_key']) {
      assert.equal(await page.getAttribute(`[name="${el}"]`, 'type'), 'password');
    }

    // 401, empty body: explained by the status.
    await sendWithKey(page, 'wrong-key-123', RECIPIENT);
    assert.equal(await page.getAttribute(`${send} [data-outcome="http-error"]`, 'data-status'), '401');
    assert.match(await page.textContent(`${send} [data-id="webex_http_401"]`), /401 with an empty body.*credentials were not accepted/s);

    // 400 code 7000.
    await sendWithKey(page, GOOD_KEY, INVALID_RECIPIENT);
    assert.equal(await page.getAttribute(`${send} [data-outcome="http-error"]`, 'data-status'), '400');
    assert.match(await page.textContent(`${send} [data-id="webex_7000"]`), /code 7000, Invalid JSON/);
    assert.match(await page.textContent(`${send} [data-part="body"]`), /"code":"7000"/);

    // 201 with the service key.
    await fill(page, 'webex_api.send.to', RECIPIENT);
    await sendTest(page);
    const accepted = `${send} [data-outcome="accepted"]`;
    const id1 = await page.getAttribute(accepted, 'data-message-id');
    assert.match(id1, /^msg-\d+-emu$/);
    assert.match(await page.textContent(accepted), new RegExp(`Accepted: message ID ${id1}, status queued`));
    const sent = emu.requests.at(-1);
    assert.equal(sent.headers.key, GOOD_KEY);
    assert.deepEqual(JSON.parse(sent.body), {
      channel: 'email', from: MAILBOX, to: [{ email: [RECIPIENT] }],
      content: { type: 'text', subject: 'Webex Connect email asset test',
        text: 'This is a test message sent through the Webex Connect email asset.' },
    });

    // 201 with a JWT signed in the browser and checked by the emulator (Node crypto).
    await page.check('#webex_api\\.send\\.auth\\.jwt');
    await fill(page, 'webex_api.send.service_id', SERVICE_ID);
    await fill(page, 'webex_api.send.service_secret', SERVICE_SECRET_B64);
    await sendTest(page);
    const id2 = await page.getAttribute(accepted, 'data-message-id');
    assert.notEqual(id2, id1);
    assert.match(emu.requests.at(-1).headers.authorization, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(emu.requests.at(-1).headers.key, undefined);

    // Contact-center check.
    const cc = '[data-webex-api="cc"]';
    await fill(page, 'webex_api.cc.token', GOOD_TOKEN);
    await fill(page, 'webex_api.cc.org_id', ORG_ID);
    await fill(page, 'webex_api.cc.asset_id', ASSET_ID);
    await page.click(`${cc} [data-action="check-cc"]`);
    await page.waitForSelector(`${cc} [data-outcome="listed"]`);
    assert.equal(await page.getAttribute(`${cc} [data-outcome="listed"]`, 'data-cc'), 'found');
    assert.match(await page.textContent(`${cc} [data-outcome="listed"] p`), /An email entry point uses asset asset-42 \(2 email entry points, 3 in all\)/);
    assert.equal(await page.getAttribute(`${cc} [data-entry-point="ep-2"]`, 'data-match'), 'true');
    assert.equal(await page.getAttribute(`${cc} [data-entry-point="ep-3"]`, 'data-match'), 'false');
    assert.equal(emu.requests.at(-1).path, `/organization/${ORG_ID}/entry-point`);

    // Onboarding: the client secret is typed in step 2 (memory only), then the body is edited.
    await goStep(page, 'entra-app');
    await fill(page, 'azure.client_secret', CLIENT_SECRET);
    await goStep(page, 'webex-oauth');
    const onboard = '[data-webex-api="onboard"]';
    assert.match(await page.textContent(`${onboard} [data-note="schema-unverified"]`), /does not publish this API's field names/);
    const composed = JSON.parse(await page.inputValue('[name="webex_api.onboard.body"]'));
    assert.equal(composed.emailId, MAILBOX);
    assert.equal(composed.oauth.clientSecret, '<CLIENT_SECRET>');
    assert.ok(!(await page.inputValue('[name="webex_api.onboard.body"]')).includes(CLIENT_SECRET));
    await fill(page, 'webex_api.onboard.token', GOOD_TOKEN);
    await fill(page, 'webex_api.onboard.org_id', ORG_ID);
    // Invalid JSON blocks sending and says where.
    await fill(page, 'webex_api.onboard.body', '{"name": }');
    await page.waitForSelector(`${onboard} [data-problem="webex_api.onboard.invalid_json"]`);
    assert.match(await page.textContent(`${onboard} [data-problem]`), /not valid JSON \(line 1, column 10\)/);
    assert.equal(await page.isDisabled(`${onboard} [data-action="send-onboard"]`), true);
    const edited = { ...composed, name: 'Edited by the admin', extraField: 7 };
    await fill(page, 'webex_api.onboard.body', JSON.stringify(edited, null, 2));
    await page.click(`${onboard} [data-action="send-onboard"]`);
    await page.waitForSelector(`${onboard} [data-outcome="created"]`);
    assert.match(await page.textContent(`${onboard} [data-outcome="created"]`), /Created: asset ID asset-42/);
    const req = emu.requests.at(-1);
    assert.equal(req.search, '?channel=email');
    assert.equal(req.headers['x-organization-id'], ORG_ID);
    assert.equal(req.headers.authorization, `Bearer ${GOOD_TOKEN}`);
    assert.deepEqual(JSON.parse(req.body), { ...edited, oauth: { ...edited.oauth, clientSecret: CLIENT_SECRET } });
    // The returned asset ID can be kept for the Cisco TAC items, on request only.
    await page.click(`${onboard} [data-action="keep-asset-id"]`);
    assert.equal(await page.isDisabled(`${onboard} [data-action="keep-asset-id"]`), true);
    await page.click('nav.stepper a[data-step="troubleshoot"]');
    assert.equal(await page.inputValue('[name="support.asset_id"]'), 'asset-42');

    await assertNothingLeaked(page);
    // The 401 and the 400 were provoked on purpose; nothing else may be logged.
    assert.deepEqual(unexpected(provoked401And400(emu)), []);
  });
});

test('a slow answer to an earlier send does not replace the answer to a later one', async () => {
  await withEmulator('en-US', async (page, base, unexpected, emu) => {
    await openStep(page, base, 'verify');
    let first = true;
    let slowAnswered;
    const slow = new Promise((resolve) => { slowAnswered = resolve; });
    await page.route(`${emu.base}/v2/messages`, async (route) => {
      if (!first) return route.continue();
      first = false;
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
      slowAnswered();
    });
    // A wrong key, sent and answered late (401); then the right key, answered at once.
    await fill(page, 'webex_api.send.service_key', 'wrong-key-123');
    await fill(page, 'webex_api.send.to', RECIPIENT);
    await page.click(`${send} [data-action="send-test"]`);
    await fill(page, 'webex_api.send.service_key', GOOD_KEY);
    await sendTest(page);
    await page.waitForSelector(`${send} [data-outcome="accepted"]`);
    await slow;
    await page.waitForTimeout(200);
    assert.equal(await page.locator(`${send} [data-outcome="accepted"]`).count(), 1);
    assert.equal(await page.locator(`${send} [data-outcome="http-error"]`).count(), 0);
    assert.deepEqual(unexpected(provoked401And400(emu).slice(0, 1)), []);
  });
});

test('ja: the 401 and the 400 (code 7000) are explained in Japanese', async () => {
  await withEmulator('ja-JP', async (page, base, unexpected, emu) => {
    await openStep(page, base, 'verify');
    await sendWithKey(page, 'wrong-key-123', RECIPIENT);
    assert.match(await page.textContent(`${send} [data-id="webex_http_401"]`), /本文なしの401を返しました。認証情報が受け付けられませんでした/);
    await sendWithKey(page, GOOD_KEY, INVALID_RECIPIENT);
    assert.match(await page.textContent(`${send} [data-id="webex_7000"]`), /要求本文を無効として拒否しました\(コード7000、Invalid JSON\)/);
    await assertNothingLeaked(page);
    assert.deepEqual(unexpected(provoked401And400(emu)), []);
  });
});

const REFUSED_TEXT = {
  'en-US': { refused: /could not complete the call to 127\.0\.0\.1:\d+/, cors: /does not allow calls from web pages \(CORS\)/ },
  'ja-JP': { refused: /127\.0\.0\.1:\d+ への呼び出しを完了できませんでした/, cors: /Web ページからの呼び出しを許可していません \(CORS\)/ },
};

for (const locale of ['en-US', 'ja-JP']) {
  test(`${locale}: a host that refuses CORS is explained and handed over as curl with placeholders`, async () => {
    const closed = await startEmulator({ cors: false });
    try {
      await session({ messaging: closed.base }, locale, async (page, base, unexpected) => {
        await openStep(page, base, 'verify');
        await sendWithKey(page, GOOD_KEY, RECIPIENT);
        const refused = `${send} [data-outcome="network-refused"]`;
        await page.waitForSelector(refused);
        const text = await page.textContent(refused);
        assert.match(text, REFUSED_TEXT[locale].refused);
        assert.match(text, REFUSED_TEXT[locale].cors);
        // The emulator did get the request (the browser only hid the answer).
        assert.equal(closed.requests.at(-1).headers.key, GOOD_KEY);
        const curl = () => page.textContent(`${refused} [data-part="curl"]`);
        let command = await curl();
        assert.ok(command.startsWith(`curl -sS -i -X POST '${closed.base}/v2/messages'`), command);
        assert.match(command, /-H 'key: <SERVICE_KEY>'/);
        assert.ok(!command.includes(GOOD_KEY));
        assert.match(command, /--data-raw '\{"channel":"email"/);
        await page.check(`${refused} [data-action="include-credentials"]`);
        command = await curl();
        assert.match(command, new RegExp(`-H 'key: ${GOOD_KEY}'`));
        await page.waitForSelector(`${refused} [data-note="credentials-included"]`);
        await page.uncheck(`${refused} [data-action="include-credentials"]`);
        assert.ok(!(await curl()).includes(GOOD_KEY));

        await assertNothingLeaked(page);
        // Chromium logs the refused fetch itself (the CORS verdict and the failed load):
        // exactly those two lines, about this request, are expected.
        const target = `${closed.base}/v2/messages`;
        assert.deepEqual(unexpected([
          { text: `console: Access to fetch at '${target}' from origin '${new URL(base).origin}' has been blocked by CORS `
            + "policy: No 'Access-Control-Allow-Origin' header is present on the requested resource." },
          { text: 'console: Failed to load resource: net::ERR_FAILED', url: target },
        ]), []);
      });
    } finally {
      closed.server.close();
    }
  });
}
