// Zero axe-core violations on every step in English and Japanese: each way of steps 2 and 3, with
// connected mode off and on, the optional tools folded and unfolded, realistic values typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, visitPageStates, axeViolations } from './support.mjs';

const app = useApp();

for (const locale of ['en-US', 'ja-JP']) {
  test(`${locale}: no axe-core violation in any state of any step`, async () => {
    const failures = [];
    let checked = 0;
    await visitPageStates(app.browser, app.base, { locale, viewport: { width: 1280, height: 900 } }, async (page, label, errors) => {
      if (errors) return failures.push(label);
      checked += 1;
      for (const v of await axeViolations(page)) failures.push(`${label}: ${v}`);
    });
    assert.equal(checked, 28, 'every state, folded and unfolded');
    assert.deepEqual(failures, []);
  });
}
