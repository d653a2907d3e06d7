// Both servers wired together for a browser test: the Graph emulator accepts only access tokens
// that this oidc-provider issued.
import { before, after } from 'node:test';
import { BUILDS, serve, launch } from '../support.mjs';
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
