// The exported az rest scripts (the golden files the native tests compare export.rs against), run
// with bash twice against the Graph emulator, through az-shim/az (az rest as Azure CLI runs it),
// signed in with exactly the permissions each script's header names. No browser.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGraphEmulator } from './graph-emulator/server.mjs';
import { startOidc } from './graph-emulator/oidc.mjs';
import { signIn } from './graph-emulator/fetch-login.mjs';
import { EXCHANGE_APP_ID, GRAPH_APP_ID, IDS, OLD_PLAN } from './graph-emulator/seed.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHIM = join(ROOT, 'tests/e2e/az-shim');
const UNIQUE_NAME = 'webex-connect-webex-connect-email';
const REDIRECT_URI = 'http://127.0.0.1:9/signed-in';

let oidc;
let dir;
let python;
before(async () => {
  oidc = await startOidc({ redirectUris: [REDIRECT_URI] });
  dir = mkdtempSync(join(tmpdir(), 'scripts-rerun-'));
  python = execFileSync('python3', ['-c', 'import jmespath, sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
});
after(async () => {
  await oidc.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A golden script, its secret's fixed expiry moved to 180 days from now (the emulator refuses a past one). */
function script(file) {
  const text = readFileSync(join(ROOT, 'src/domain/graph/golden', file), 'utf8');
  const fixed = /"endDateTime":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/g;
  assert.equal(text.match(fixed)?.length, 1, 'one secret expiry in the script');
  const end = new Date(Date.now() + 180 * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  return text.replace(fixed, `"endDateTime":"${end}"`);
}

/** The delegated permissions the script's header asks the admin for. */
function headerScopes(text) {
  const line = /^# The signed-in account needs the rights of: (.*)\.$/m.exec(text);
  assert.ok(line, 'the header names the permissions');
  return line[1].split(', ');
}

/** As a completed first run leaves it: registration, principal, the admin consents of the least-privilege profile. */
function firstRunDone(graph, grants = [{ resourceAppId: EXCHANGE_APP_ID, scope: 'SMTP.Send' }, { resourceAppId: GRAPH_APP_ID, scope: 'openid offline_access' }]) {
  graph.provision({
    displayName: 'Webex Connect Email', uniqueName: UNIQUE_NAME, redirectUris: ['https://acme.us.webexconnect.io/callback'], grants,
  });
}

/** A tenant of its own, and a token with exactly the header's permissions. */
async function tenant(text) {
  const graph = await startGraphEmulator({ oidc, requireScopes: true });
  const scope = headerScopes(text).map((s) => `https://graph.microsoft.com/${s}`).join(' ');
  const { access_token: token } = await signIn({ issuer: oidc.issuer, clientId: oidc.clientId, redirectUri: REDIRECT_URI, scope });
  return { graph, token };
}

/** Runs the script with bash; resolves { code, stdout, stderr, requests } (requests: what az rest sent). */
function run(text, { graph, token }, name) {
  const file = join(dir, `${name}.sh`);
  const log = join(dir, `${name}.log`);
  writeFileSync(file, text);
  writeFileSync(log, '');
  const env = { ...process.env, PATH: `${SHIM}:${process.env.PATH}`, AZ_SHIM_GRAPH: graph.url, AZ_SHIM_TOKEN: token, AZ_SHIM_LOG: log,
    AZ_SHIM_PYTHON: python };
  return new Promise((resolve) => {
    execFile('bash', [file], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const requests = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr, requests });
    });
  });
}

/** What the script printed at the end, by label. */
function printed(stdout) {
  return Object.fromEntries(stdout.split('\n').filter((l) => l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
}

/** Our registration and what hangs off it, as the emulator holds them. */
function ours(state) {
  const apps = state.applications.filter((a) => a.uniqueName === UNIQUE_NAME);
  assert.equal(apps.length, 1, 'one registration');
  const [app] = apps;
  const sps = state.servicePrincipals.filter((s) => s.appId === app.appId);
  assert.equal(sps.length, 1, 'one service principal');
  const [sp] = sps;
  const resourceOf = (id) => state.servicePrincipals.find((s) => s.id === id).appId;
  const grants = state.oauth2PermissionGrants.filter((g) => g.clientId === sp.id)
    .map((g) => ({ id: g.id, resource: resourceOf(g.resourceId), consentType: g.consentType, scope: g.scope }));
  const roles = state.appRoleAssignments.filter((a) => a.principalId === sp.id)
    .map((a) => ({ id: a.id, resource: resourceOf(a.resourceId), appRoleId: a.appRoleId }));
  return { app, sp, grants, roles, secrets: app.passwordCredentials.map((p) => p.keyId) };
}

const creates = (requests) => requests.filter((r) => r.method === 'POST' && !r.url.endsWith('/addPassword')).map((r) => r.url);

async function twice(file, host, check) {
  const text = script(file);
  const t = await tenant(text);
  try {
    const first = await run(text, t, `${file}-1`);
    assert.equal(first.code, 0, first.stderr);
    const one = ours(t.graph.state);
    check(one);
    assert.equal(one.secrets.length, 1);
    assert.equal(printed(first.stdout)['Application (client) ID'], one.app.appId);
    assert.ok(first.stdout.includes(`: ${t.graph.state.issuedSecrets[0].secretText}\n`), first.stdout);
    assert.ok(first.requests.every((r) => new URL(r.url).host === host && r.status < 400), JSON.stringify(first.requests));

    const second = await run(text, t, `${file}-2`);
    assert.equal(second.code, 0, second.stderr);
    const two = ours(t.graph.state);
    assert.deepEqual({ ...two, secrets: undefined }, { ...one, secrets: undefined }, 'nothing created or changed twice');
    assert.equal(two.secrets.length, 2, 'a new secret; the first one stays');
    assert.equal(two.secrets[0], one.secrets[0]);
    assert.equal(t.graph.state.issuedSecrets.length, 2);
    assert.ok(second.stdout.includes(t.graph.state.issuedSecrets[1].secretText), 'prints the new secret');
    assert.deepEqual(creates(second.requests), [], 'no POST but the new secret');
    assert.ok(second.requests.every((r) => r.status < 400), JSON.stringify(second.requests));
  } finally {
    await t.graph.close();
  }
}

describe('an exported az rest script, run twice', () => {
  test('least privilege: run 1 creates the registration, principal and both consents; run 2 finds them, adds only a secret', async () => {
    await twice('least-privilege.sh', 'graph.microsoft.com', ({ grants, roles }) => {
      assert.deepEqual(grants.map(({ resource, consentType, scope }) => ({ resource, consentType, scope })), [
        { resource: EXCHANGE_APP_ID, consentType: 'AllPrincipals', scope: 'SMTP.Send' },
        { resource: GRAPH_APP_ID, consentType: 'AllPrincipals', scope: 'openid offline_access' },
      ]);
      assert.deepEqual(roles, []);
    });
  });

  test('as documented (21Vianet host): the app role assignment is made once', async () => {
    await twice('as-documented-china.sh', 'microsoftgraph.chinacloudapi.cn', ({ grants, roles }) => {
      assert.deepEqual(grants, []);
      assert.deepEqual(roles.map(({ resource }) => resource), [EXCHANGE_APP_ID]);
    });
  });

  test('a tenant an earlier version set up: the consents found gain only what they lack, other scopes and user consents stay', async () => {
    const text = script('least-privilege.sh');
    const t = await tenant(text);
    try {
      firstRunDone(t.graph, [
        { resourceAppId: GRAPH_APP_ID, scope: ' User.Read  OPENID' },
        { resourceAppId: EXCHANGE_APP_ID, scope: 'SMTP.Send', principal: 'webex@contoso.onmicrosoft.com' },
      ]);
      const before = ours(t.graph.state);
      const result = await run(text, t, 'earlier');
      assert.equal(result.code, 0, result.stderr);
      const now = ours(t.graph.state);
      assert.equal(now.sp.id, before.sp.id);
      const byKey = Object.fromEntries(now.grants.map((g) => [`${g.resource} ${g.consentType}`, g]));
      assert.equal(byKey[`${GRAPH_APP_ID} AllPrincipals`].scope, 'User.Read OPENID offline_access');
      assert.equal(byKey[`${GRAPH_APP_ID} AllPrincipals`].id, before.grants[0].id, 'patched, not replaced');
      assert.equal(byKey[`${EXCHANGE_APP_ID} Principal`].scope, 'SMTP.Send', "the user's own consent is not the admin's");
      assert.equal(byKey[`${EXCHANGE_APP_ID} AllPrincipals`].scope, 'SMTP.Send', 'the admin consent is made');
      assert.equal(now.grants.length, 3);
      assert.deepEqual(creates(result.requests), ["https://graph.microsoft.com/v1.0/oauth2PermissionGrants"]);
    } finally {
      await t.graph.close();
    }
  });

  test("a tenant the old plan set up: the Graph consent loses only SMTP.Send, Exchange Online's gains it; a second run writes no consent", async () => {
    const text = script('least-privilege.sh');
    const t = await tenant(text);
    try {
      t.graph.provision({
        displayName: 'Webex Connect Email', uniqueName: UNIQUE_NAME, redirectUris: ['https://acme.us.webexconnect.io/callback'], ...OLD_PLAN,
        grants: [
          { resourceAppId: GRAPH_APP_ID, scope: 'User.Read SMTP.Send openid' },
          { resourceAppId: GRAPH_APP_ID, scope: 'SMTP.Send', principal: 'webex@contoso.onmicrosoft.com' },
        ],
      });
      const before = ours(t.graph.state);
      const grantWrites = (requests) => requests.filter((r) => r.method !== 'GET' && r.url.includes('/oauth2PermissionGrants'));
      const first = await run(text, t, 'old-plan-1');
      assert.equal(first.code, 0, first.stderr);
      const one = ours(t.graph.state);
      const byKey = Object.fromEntries(one.grants.map((g) => [`${g.resource} ${g.consentType}`, g]));
      assert.equal(byKey[`${GRAPH_APP_ID} AllPrincipals`].scope, 'User.Read openid offline_access');
      assert.equal(byKey[`${GRAPH_APP_ID} AllPrincipals`].id, before.grants[0].id, 'patched, not replaced');
      assert.equal(byKey[`${EXCHANGE_APP_ID} AllPrincipals`].scope, 'SMTP.Send');
      assert.equal(byKey[`${GRAPH_APP_ID} Principal`].scope, 'SMTP.Send', "the user's own consent is not the admin's");
      assert.equal(one.grants.length, 3);
      assert.deepEqual(grantWrites(first.requests).map((r) => r.method), ['POST', 'PATCH']);
      assert.deepEqual(one.app.requiredResourceAccess.map((r) => r.resourceAppId), [EXCHANGE_APP_ID, GRAPH_APP_ID]);
      assert.ok(!JSON.stringify(one.app.requiredResourceAccess).includes(IDS.graphSmtpSendScope), 'the registration too');

      const second = await run(text, t, 'old-plan-2');
      assert.equal(second.code, 0, second.stderr);
      assert.deepEqual(grantWrites(second.requests), [], 'no consent written');
      assert.deepEqual(ours(t.graph.state).grants, one.grants);
    } finally {
      await t.graph.close();
    }
  });

  test('control: the same script without its checks stops on a second run (the emulator refuses a duplicate consent)', async () => {
    const unguarded = script('least-privilege.sh').replaceAll('if [ -z "$FOUND" ]; then', 'if true; then');
    const t = await tenant(unguarded);
    try {
      firstRunDone(t.graph);
      const second = await run(unguarded, t, 'control');
      assert.notEqual(second.code, 0);
      assert.match(second.stderr, /HTTP 409.*Permission entry already exists/);
    } finally {
      await t.graph.close();
    }
  });
});
