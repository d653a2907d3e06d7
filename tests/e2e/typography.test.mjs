// The type on step 1 costs little to lay out (issue 12: the first layout was mostly font
// lookups). Japanese text is drawn by one font, a Japanese one named in style/main.css, not by
// a Latin UI font plus a fallback font looked up per character; in the English page the
// switch's 日本語 gets the same font through its lang, and the switch itself the page's font.
// Step 1 uses a handful of font sizes and weights, each one more font the browser resolves
// before the first paint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mounted, openPage, useApp } from './support.mjs';

const app = useApp();
/** A computed font-family that starts with a Japanese font. */
const JAPANESE_FIRST = /^"?(Noto Sans CJK JP|Noto Sans JP|IPAP?Gothic|Hiragino[^",]*|Yu Gothic UI|Meiryo)\b/;

/** The platform fonts Chromium drew the text of the first node matching `selector` with. */
async function fontsOf(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  assert.ok(nodeId, `${selector} is in the page`);
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

/** Step 1 in `locale` at `path`, mounted; `fn(page)`, then no console error or exception. */
async function onStep1(locale, path, fn) {
  const { context, page, errors } = await openPage(app.browser, { locale });
  try {
    await page.goto(`${app.base}${path}`);
    await mounted(page);
    await fn(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

test('ja: the step heading, Japanese and Latin mixed, is drawn by one Japanese font', async () => {
  await onStep1('ja-JP', '?lang=ja', async (page) => {
    const heading = await page.textContent('main h1');
    assert.match(heading, /[\u3040-\u30ff\u4e00-\u9fff]/, `a Japanese heading: ${heading}`);
    assert.match(heading, /[A-Za-z]/, `with Latin letters too: ${heading}`);
    const fonts = await fontsOf(page, 'main h1');
    assert.equal(fonts.length, 1, `one font for the heading, not a fallback per script: ${fonts}`);
    assert.match(await page.$eval('html', (e) => getComputedStyle(e).fontFamily), JAPANESE_FIRST);
  });
});

test('en: the switch offers 日本語 in its own language and font, English in the English one', async () => {
  await onStep1('en-US', '', async (page) => {
    assert.equal(await page.getAttribute('#lang-switch option[value="ja"]', 'lang'), 'ja');
    assert.equal(await page.getAttribute('#lang-switch option[value="en"]', 'lang'), 'en');
    const families = await page.$$eval('#lang-switch option', (os) => os.map((o) => getComputedStyle(o).fontFamily));
    assert.match(families[1], JAPANESE_FIRST);
    assert.doesNotMatch(families[0], JAPANESE_FIRST);
    // The switch shows English in the page's own font, not the form controls' default one.
    const pageFont = await fontsOf(page, '.brand-sub');
    assert.equal(pageFont.length, 1, `${pageFont}`);
    assert.deepEqual(await fontsOf(page, '#lang-switch'), pageFont);
  });
});

for (const locale of ['en-US', 'ja-JP']) {
  test(`${locale}: step 1's shown text uses at most 9 font sizes, weights and styles`, async () => {
    await onStep1(locale, '', async (page) => {
      const used = await page.evaluate(() => {
        const seen = new Set();
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walk.nextNode()) {
          const node = walk.currentNode;
          if (!node.data.trim() || !node.parentElement.getClientRects().length) continue;
          const s = getComputedStyle(node.parentElement);
          seen.add(`${s.fontFamily.split(',')[0]} ${s.fontSize} ${s.fontWeight} ${s.fontStyle}`);
        }
        return [...seen].sort();
      });
      // 13 before the type scale (style/main.css --small, --large); 9 leaves room for one more.
      assert.ok(used.length <= 9, `${used.length}: ${used.join(' | ')}`);
    });
  });
}
