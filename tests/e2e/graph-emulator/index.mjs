// Both servers wired together for a browser test: the Graph emulator accepts only access tokens
// that this oidc-provider issued.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BUILDS, serve, launch, openPage } from '../support.mjs';
import { routeConnected, assertNothingStored } from './browser.mjs';
import { startGraphEmulator } from './server.mjs';
import { startOidc } from './oidc.mjs';

export { startGraphEmulator } from './server.mjs';
export { startOidc, GRAPH_SCOPES, OUTLOOK_SCOPES } from './oidc.mjs';
export { completeDevLogin, routeConnected, inPopup, assertNothingStored } from './browser.mjs';
export { authorize, redeem, signIn, pkcePair } from './fetch-login.mjs';
export { EXCHANGE_APP_ID, GRAPH_APP_ID, IDS, OLD_PLAN, defaultSeed } from './seed.mjs';

/**
 * @param {{ redirectUris: string[], clientId?: string, oidc?: object, graph?: object }} opts
 * @returns {Promise<{ oidc, graph, close(): Promise<void> }>}
 */
export async function startMicrosoftEmulators({ redirectUris, clientId, oidc: oidcOpts = {}, graph: graphOpts = {} }) {
  const oidc = await startOidc({ redirectUris, clientId, ...oidcOpts });
  const graph = await startGraphEmulator({ oidc, ...graphOpts });
  return {
    oidc,
    graph,
    async close() {
      await graph.close();
      await oidc.close();
    },
  };
}

/**
 * One browser, one static server over the root build and both emulators (its redirect URI registered) for a whole
 * test file: call at the top level, read `env.browser`, `env.served.base` and `env.ms` inside the tests.
 * @param {object} [emulatorOpts]  passed to startMicrosoftEmulators (e.g. `{ oidc: { tenantId } }`)
 */
export function useMicrosoftApp(emulatorOpts = {}) {
  const env = {};
  before(async () => {
    env.browser = await launch();
    env.served = await serve(BUILDS[0]);
    env.ms = await startMicrosoftEmulators({ redirectUris: [env.served.base], ...emulatorOpts });
  });
  after(async () => {
    await env.browser?.close();
    env.served?.server.close();
    await env.ms?.close();
  });
  return env;
}

/**
 * A tenant of its own and a fresh page routed to it (config.json points at the emulators); runs
 * `body({ page, ms, context, errors })`, then checks what every connected scenario must leave: no sign-in or
 * client secret in storage or the URL, and no console error except failed fetches with a status in `allowHttp`
 * (provoked on purpose: Chromium logs each as an error).
 */
export async function connectedScenario(browser, base, { locale, allowHttp = [] }, body) {
  const ms = await startMicrosoftEmulators({ redirectUris: [base], graph: { requireScopes: true } });
  const { context, page, errors } = await openPage(browser, { locale });
  await routeConnected(context, page, base, ms);
  try {
    await body({ page, ms, context, errors });
    await assertNothingStored(page, ms);
    const provoked = new RegExp(`Failed to load resource: the server responded with a status of (${allowHttp.join('|') || 'none'}) `);
    assert.deepEqual(errors.filter((e) => !provoked.test(e)), []);
  } finally {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
    await ms.close();
  }
}
