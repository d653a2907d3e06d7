// Each language's text is a file of the build (scripts/post-build.mjs) and the page loads only
// the one in use: step 1 fetches one language file, the other comes with a switch; at no
// moment (first render, switch, reload) does any text of the page equal a locale key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILDS, useApp, openPage, mounted } from './support.mjs';

const app = useApp(BUILDS[1]);
const build = BUILDS[1];

async function source(lang) {
  const dir = join('locales', lang);
  const merged = {};
  for (const f of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    Object.assign(merged, JSON.parse(await readFile(join(dir, f), 'utf8')));
  }
  return merged;
}

/** Records, from before the first script runs, every text of the page equal to a key. */
function keyWatch(keys) {
  const known = new Set(keys);
  window.__keysShown = [];
  const scan = () => {
    if (known.has(document.title)) window.__keysShown.push(`title: ${document.title}`);
    if (!document.body) return;
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      const text = walk.currentNode.data.trim();
      if (known.has(text)) window.__keysShown.push(text);
    }
  };
  new MutationObserver(scan).observe(document, { subtree: true, childList: true, characterData: true });
}

/** A fresh page watching for keys and counting language-file requests. */
async function open(locale) {
  const keys = Object.keys(await source('en'));
  const opened = await openPage(app.browser, { locale });
  await opened.context.addInitScript(keyWatch, keys);
  opened.fetched = [];
  opened.page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/\/locales\/([a-z]+)\.[0-9a-f]+\.json$/);
    if (m) opened.fetched.push(m[1]);
  });
  return opened;
}

const keysShown = (page) => page.evaluate(() => window.__keysShown);

test('each language file is its locales/<lang>/*.json merged, named on every page', async () => {
  const index = await readFile(join(build.dir, 'index.html'), 'utf8');
  const step = await readFile(join(build.dir, 'mailbox', 'index.html'), 'utf8');
  for (const lang of ['en', 'ja']) {
    const name = index.match(new RegExp(`data-locale-${lang}="([^"]+)"`))?.[1];
    assert.ok(name, `index.html names the ${lang} file`);
    assert.ok(step.includes(`data-locale-${lang}="${name}"`), 'a step folder names the same file');
    assert.ok(name.startsWith(build.prefix), `${name} under ${build.prefix}`);
    const file = join(build.dir, name.slice(build.prefix.length));
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), await source(lang));
  }
});

for (const [locale, lang, other, heading] of [
  ['en-US', 'en', 'ja', /Webex Connect/],
  ['ja-JP', 'ja', 'en', /[\u3040-\u30ff\u4e00-\u9faf]/],
]) {
  test(`${locale}: step 1 loads only the ${lang} text; a switch loads ${other}; no key is ever shown`, async () => {
    const { context, page, errors, fetched } = await open(locale);
    try {
      await page.goto(`${app.base}webex-app/`);
      await mounted(page);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      assert.match(await page.textContent('#step-heading'), heading);
      assert.deepEqual(fetched, [lang], 'one language file for step 1');

      await page.selectOption('#lang-switch', other);
      await page.waitForFunction((l) => document.documentElement.lang === l, other);
      assert.deepEqual(fetched, [lang, other]);
      // Back again: already loaded, nothing fetched.
      await page.selectOption('#lang-switch', lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      assert.deepEqual(fetched, [lang, other]);

      // The remembered choice wins on reload, and the loader fetches that one only.
      await page.selectOption('#lang-switch', other);
      await page.waitForFunction((l) => document.documentElement.lang === l, other);
      assert.deepEqual(await keysShown(page), [], 'first render and switches');
      fetched.length = 0;
      await page.reload();
      await mounted(page);
      assert.equal(await page.evaluate(() => document.documentElement.lang), other);
      assert.deepEqual(fetched, [other]);
      assert.deepEqual(await keysShown(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('?lang= picks the file the loader fetches', async () => {
  const { context, page, errors, fetched } = await open('en-US');
  try {
    await page.goto(`${app.base}mailbox/?lang=ja`);
    await mounted(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
    assert.deepEqual(fetched, ['ja']);
    assert.deepEqual(await keysShown(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
