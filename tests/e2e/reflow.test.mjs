// WCAG 1.4.10 reflow: at 320x640 CSS px (400% zoom) no page scrolls sideways, in English and
// Japanese, with realistic (long) values typed, for every way of steps 2 and 3, with the optional
// tools folded and unfolded. Tables stack, long words wrap, code scrolls inside its own box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, visitPageStates } from './support.mjs';

const app = useApp();

for (const locale of ['en-US', 'ja-JP']) {
  test(`${locale}: nothing scrolls sideways at 320x640, every step and way, folded and unfolded`, async () => {
    const failures = [];
    let checked = 0;
    let tables = 0;
    await visitPageStates(app.browser, app.base, { locale, viewport: { width: 320, height: 640 } }, async (page, label, errors) => {
      if (errors) return failures.push(label);
      checked += 1;
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (scroll > client) {
        // Name the widest elements, so a failure says what to fix.
        const wide = await page.evaluate((w) => [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > w + 0.5)
          .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}[${Math.round(e.getBoundingClientRect().right)}]`), client);
        failures.push(`${label}: scrollWidth ${scroll} > clientWidth ${client} (${wide.join(', ')})`);
      }
      // Tables stack: each cell of a shown table takes the table's whole width (label above value),
      // rather than columns squeezed side by side.
      const shown = await page.evaluate(() => [...document.querySelectorAll('main table.stack')].filter((t) => t.offsetParent)
        .map((t) => [t.dataset.permissions ?? t.dataset.table, [...t.querySelectorAll('td')]
          .every((td) => td.getBoundingClientRect().width >= t.getBoundingClientRect().width * 0.9)]));
      tables += shown.length;
      for (const [name, stacked] of shown) if (!stacked) failures.push(`${label}: table ${name} not stacked`);
    });
    assert.equal(checked, 28, 'every state, folded and unfolded');
    assert.ok(tables >= 2, `the permission tables were shown unfolded (${tables})`);
    assert.deepEqual(failures, []);
  });
}
