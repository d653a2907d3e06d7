// Tests of the test infrastructure itself (no browser): node --test tests/e2e/graph-emulator/
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startGraphEmulator } from './server.mjs';
import { startOidc } from './oidc.mjs';
import { authorize, pkcePair, redeem, signIn } from './fetch-login.mjs';
import { EXCHANGE_APP_ID, GRAPH_APP_ID, IDS, OLD_PLAN } from './seed.mjs';

const UPN = 'webex@contoso.onmicrosoft.com';

/** A Graph client over fetch for one emulator. */
function client(g, token = 'standalone-token') {
  return async function call(method, path, body, headers = {}) {
    const res = await fetch(`${g.graphBase}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
  };
}

function appBody(extra = {}) {
  return {
    displayName: 'Webex Connect mailbox',
    signInAudience: 'AzureADMyOrg',
    web: { redirectUris: ['https://webexconnect.example/callback'], implicitGrantSettings: { enableAccessTokenIssuance: false } },
    requiredResourceAccess: [{ resourceAppId: EXCHANGE_APP_ID, resourceAccess: [{ id: IDS.exchangeMailSendRole, type: 'Role' }] }],
    ...extra,
  };
}

function assertGraphError(r, status, code) {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.equal(r.json.error.code, code);
  assert.equal(typeof r.json.error.message, 'string');
  assert.match(r.json.error.innerError['request-id'], /^[0-9a-f-]{36}$/);
  assert.match(r.json.error.innerError.date, /^\d{4}-\d\d-\d\dT/);
}

let g;
let call;
before(async () => {
  g = await startGraphEmulator();
  call = client(g);
});
after(() => g.close());

async function fresh() {
  const e = await startGraphEmulator();
  return { e, call: client(e) };
}

describe('schema checks (OpenAPI)', () => {
  test('valid application body -> 201 with id and appId', async () => {
    const r = await call('POST', '/applications', appBody());
    assert.equal(r.status, 201);
    assert.match(r.json.id, /^[0-9a-f-]{36}$/);
    assert.match(r.json.appId, /^[0-9a-f-]{36}$/);
    assert.equal(r.json.web.implicitGrantSettings.enableAccessTokenIssuance, false);
    assert.deepEqual(r.json.passwordCredentials, []);
  });

  test('unknown property, top level or nested -> Graph-shaped 400', async () => {
    assertGraphError(await call('POST', '/applications', appBody({ displayname: 'typo' })), 400, 'Request_BadRequest');
    const nested = await call('POST', '/applications', appBody({ web: { redirectUri: ['https://x.example/'] } }));
    assertGraphError(nested, 400, 'Request_BadRequest');
    assert.match(nested.json.error.message, /'redirectUri'/);
  });

  test('wrong type -> 400', async () => {
    assertGraphError(await call('POST', '/applications', appBody({ displayName: 7 })), 400, 'Request_BadRequest');
    assertGraphError(await call('POST', '/applications', appBody({ web: { redirectUris: 'https://x.example/' } })), 400, 'Request_BadRequest');
    assertGraphError(await call('POST', '/applications', appBody({ web: { implicitGrantSettings: { enableAccessTokenIssuance: 'no' } } })), 400, 'Request_BadRequest');
    assertGraphError(await call('POST', '/servicePrincipals/x/appRoleAssignedTo', { principalId: 'not-a-guid', resourceId: 'x', appRoleId: IDS.exchangeMailSendRole }), 400, 'Request_BadRequest');
  });

  test('required fields checked by hand; @odata annotations allowed', async () => {
    const r = await call('POST', '/applications', { signInAudience: 'AzureADMyOrg' });
    assertGraphError(r, 400, 'Request_BadRequest');
    assert.match(r.json.error.message, /displayName/);
    assertGraphError(await call('POST', '/servicePrincipals', {}), 400, 'Request_BadRequest');
    assert.equal((await call('POST', '/applications', { '@odata.type': '#microsoft.graph.application', displayName: 'a' })).status, 201);
  });

  test('semantic checks: signInAudience, redirect URI, resourceAccess type, read-only appId', async () => {
    assertGraphError(await call('POST', '/applications', appBody({ signInAudience: 'Everyone' })), 400, 'Request_BadRequest');
    assertGraphError(await call('POST', '/applications', appBody({ web: { redirectUris: ['http://example.com/cb'] } })), 400, 'Request_BadRequest');
    assertGraphError(await call('POST', '/applications', appBody({ requiredResourceAccess: [{ resourceAppId: EXCHANGE_APP_ID, resourceAccess: [{ id: IDS.exchangeMailSendRole, type: 'role' }] }] })), 400, 'Request_BadRequest');
    assertGraphError(await call('POST', '/applications', appBody({ appId: '11111111-1111-1111-1111-111111111111' })), 400, 'Request_BadRequest');
  });

  test('non-JSON content type -> 415; malformed JSON -> 400', async () => {
    const r = await fetch(`${g.graphBase}/applications`, { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'text/plain' }, body: '{"displayName":"x"}' });
    assert.equal(r.status, 415);
    const m = await fetch(`${g.graphBase}/applications`, { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: '{"displayName":' });
    assert.equal(m.status, 400);
    assert.equal((await m.json()).error.code, 'BadRequest');
  });

  test('unknown segment and wrong method', async () => {
    assertGraphError(await call('GET', '/applicationz'), 400, 'BadRequest');
    assert.equal((await call('DELETE', '/organization')).status, 405);
  });
});

describe('directory operations', () => {
  test('organization, authorization policy, resource principals by appId and by $filter', async () => {
    const org = await call('GET', '/organization');
    assert.equal(org.status, 200);
    assert.equal(org.json.value[0].id, g.state.tenantId);
    const pol = await call('GET', '/policies/authorizationPolicy');
    assert.ok(Array.isArray(pol.json.defaultUserRolePermissions.permissionGrantPoliciesAssigned));
    const exo = await call('GET', `/servicePrincipals(appId='${EXCHANGE_APP_ID}')`);
    assert.equal(exo.status, 200);
    assert.equal(exo.json.appRoles.find((r) => r.value === 'Mail.Send').id, IDS.exchangeMailSendRole);
    assert.equal(exo.json.oauth2PermissionScopes.find((s) => s.value === 'SMTP.Send').id, IDS.exchangeSmtpSendScope);
    const graph = await call('GET', `/servicePrincipals?$filter=appId eq '${GRAPH_APP_ID}'&$select=id,oauth2PermissionScopes`);
    const scopes = Object.fromEntries(graph.json.value[0].oauth2PermissionScopes.map((s) => [s.value, s.id]));
    assert.equal(scopes.openid, IDS.graphOpenid);
    assert.equal(scopes.offline_access, IDS.graphOfflineAccess);
    assert.equal(scopes['SMTP.Send'], IDS.graphSmtpSendScope);
    assertGraphError(await call('GET', "/servicePrincipals(appId='99999999-9999-9999-9999-999999999999')"), 404, 'Request_ResourceNotFound');
    assertGraphError(await call('GET', "/servicePrincipals?$filter=notes eq 'x'"), 400, 'Request_UnsupportedQuery');
    assertGraphError(await call('GET', '/servicePrincipals?$select=nope'), 400, 'BadRequest');
  });

  test('PATCH servicePrincipals(appId) with Prefer: create-if-missing: 201 once, then 204, never a second one', async () => {
    const { e, call: c } = await fresh();
    try {
      const prefer = { Prefer: 'create-if-missing' };
      const app = (await c('POST', '/applications', appBody())).json;
      const key = `/servicePrincipals(appId='${app.appId}')`;
      assertGraphError(await c('PATCH', key, { displayName: 'x' }), 404, 'Request_ResourceNotFound');
      const first = await c('PATCH', key, { displayName: 'Webex Connect mailbox' }, prefer);
      assert.equal(first.status, 201);
      assert.equal(first.json.appId, app.appId);
      const second = await c('PATCH', key, { displayName: 'Webex Connect mailbox' }, prefer);
      assert.equal(second.status, 204);
      assert.equal(second.json, undefined);
      assert.equal(e.state.servicePrincipals.filter((s) => s.appId === app.appId).length, 1);
      assert.equal((await c('GET', key)).json.id, first.json.id);
      assertGraphError(await c('PATCH', "/servicePrincipals(appId='12345678-1234-1234-1234-123456789012')", {}, prefer), 400, 'Request_BadRequest');
      assertGraphError(await c('PATCH', key, { bogus: true }, prefer), 400, 'Request_BadRequest');
    } finally {
      await e.close();
    }
  });

  test('PATCH (uniqueName) with Prefer: create-if-missing is idempotent', async () => {
    const { e, call: c } = await fresh();
    try {
      const prefer = { Prefer: 'create-if-missing' };
      const first = await c('PATCH', "/applications(uniqueName='webex-connect-mailbox')", appBody(), prefer);
      assert.equal(first.status, 201);
      assert.equal(first.json.uniqueName, 'webex-connect-mailbox');
      const second = await c('PATCH', "/applications(uniqueName='webex-connect-mailbox')", appBody({ displayName: 'Renamed' }), prefer);
      assert.equal(second.status, 204);
      assert.equal(e.state.applications.length, 1);
      assert.equal(e.state.applications[0].displayName, 'Renamed');
      const list = await c('GET', "/applications?$filter=uniqueName eq 'webex-connect-mailbox'");
      assert.equal(list.json.value.length, 1);
      assert.equal(list.json.value[0].id, first.json.id);
      assertGraphError(await c('PATCH', "/applications(uniqueName='other')", appBody()), 404, 'Request_ResourceNotFound');
      assertGraphError(await c('PATCH', "/applications(uniqueName='other')", { signInAudience: 'AzureADMyOrg' }, prefer), 400, 'Request_BadRequest');
      assertGraphError(await c('PATCH', "/applications(uniqueName='webex-connect-mailbox')", { bogus: true }, prefer), 400, 'Request_BadRequest');
      const byFilter = await c('GET', `/applications?$filter=appId eq '${first.json.appId}'`);
      assert.equal(byFilter.json.value.length, 1);
      assert.equal((await c('PATCH', `/applications/${first.json.id}`, { web: { implicitGrantSettings: { enableAccessTokenIssuance: true } } })).status, 204);
      const got = await c('GET', `/applications(appId='${first.json.appId}')`);
      assert.equal(got.json.web.implicitGrantSettings.enableAccessTokenIssuance, true);
      assert.deepEqual(got.json.web.redirectUris, ['https://webexconnect.example/callback'], 'PATCH merges complex properties');
    } finally {
      await e.close();
    }
  });

  test('addPassword (both URL forms): secretText shown once, tenant lifetime cap', async () => {
    const { e, call: c } = await fresh();
    try {
      const app = (await c('POST', '/applications', appBody())).json;
      const end = new Date(Date.now() + 180 * 86400_000).toISOString();
      const p1 = await c('POST', `/applications/${app.id}/addPassword`, { passwordCredential: { displayName: 'Webex Connect', endDateTime: end } });
      assert.equal(p1.status, 200);
      assert.equal(p1.json.secretText.length, 40);
      assert.equal(p1.json.hint, p1.json.secretText.slice(0, 3));
      const p2 = await c('POST', `/applications/${app.id}/microsoft.graph.addPassword`, { passwordCredential: { displayName: 'second' } });
      assert.equal(p2.status, 200);
      assert.notEqual(p2.json.keyId, p1.json.keyId);
      const stored = (await c('GET', `/applications/${app.id}`)).json.passwordCredentials;
      assert.equal(stored.length, 2);
      assert.ok(stored.every((p) => p.secretText === null));
      assert.deepEqual(e.state.issuedSecrets.map((s) => s.secretText), [p1.json.secretText, p2.json.secretText]);
      assertGraphError(await c('POST', `/applications/${app.id}/addPassword`, { passwordCredential: { secret: 'x' } }), 400, 'Request_BadRequest');
      e.state.maxSecretLifetimeDays = 90;
      assertGraphError(await c('POST', `/applications/${app.id}/addPassword`, { passwordCredential: { endDateTime: end } }), 400, 'CredentialInvalidLifetimeAsPerAppPolicy');
    } finally {
      await e.close();
    }
  });

  test('service principal, app-role assignment, delegated grant (create, find, update, no duplicates)', async () => {
    const { e, call: c } = await fresh();
    try {
      const app = (await c('POST', '/applications', appBody())).json;
      const sp = await c('POST', '/servicePrincipals', { appId: app.appId });
      assert.equal(sp.status, 201);
      assert.equal(sp.json.appId, app.appId);
      assertGraphError(await c('POST', '/servicePrincipals', { appId: app.appId }), 409, 'Request_MultipleObjectsWithSameKeyValue');
      assertGraphError(await c('POST', '/servicePrincipals', { appId: '12345678-1234-1234-1234-123456789012' }), 400, 'Request_BadRequest');

      const exo = (await c('GET', `/servicePrincipals(appId='${EXCHANGE_APP_ID}')`)).json;
      const roleId = exo.appRoles.find((r) => r.value === 'Mail.Send').id;
      const assignment = { principalId: sp.json.id, resourceId: exo.id, appRoleId: roleId };
      const a1 = await c('POST', `/servicePrincipals/${exo.id}/appRoleAssignedTo`, assignment);
      assert.equal(a1.status, 201);
      assert.equal(a1.json.principalType, 'ServicePrincipal');
      const dup = await c('POST', `/servicePrincipals/${exo.id}/appRoleAssignedTo`, assignment);
      assertGraphError(dup, 400, 'Request_BadRequest');
      assert.match(dup.json.error.message, /already exists/);
      assertGraphError(await c('POST', `/servicePrincipals/${exo.id}/appRoleAssignedTo`, { ...assignment, appRoleId: IDS.exchangeSmtpSendScope }), 400, 'Request_BadRequest');
      assert.equal((await c('GET', `/servicePrincipals/${sp.json.id}/appRoleAssignments`)).json.value.length, 1);

      const graph = (await c('GET', `/servicePrincipals(appId='${GRAPH_APP_ID}')`)).json;
      const grant = { clientId: sp.json.id, consentType: 'AllPrincipals', resourceId: graph.id, scope: 'openid offline_access' };
      const g1 = await c('POST', '/oauth2PermissionGrants', grant);
      assert.equal(g1.status, 201);
      assert.equal(g1.json.principalId, null);
      assertGraphError(await c('POST', '/oauth2PermissionGrants', grant), 409, 'Request_MultipleObjectsWithSameKeyValue');
      const found = await c('GET', `/oauth2PermissionGrants?$filter=clientId eq '${sp.json.id}' and resourceId eq '${graph.id}'`);
      assert.equal(found.json.value.length, 1);
      assert.equal((await c('PATCH', `/oauth2PermissionGrants/${g1.json.id}`, { scope: 'openid offline_access SMTP.Send' })).status, 204);
      assert.equal(e.state.oauth2PermissionGrants[0].scope, 'openid offline_access SMTP.Send');
      assertGraphError(await c('PATCH', `/oauth2PermissionGrants/${g1.json.id}`, { scope: 5 }), 400, 'Request_BadRequest');
      assertGraphError(await c('POST', '/oauth2PermissionGrants', { ...grant, consentType: 'Everybody' }), 400, 'Request_BadRequest');
      // Graph stores scopes the resource does not expose; the emulator accepts and warns.
      assert.equal((await c('POST', '/oauth2PermissionGrants', { ...grant, resourceId: exo.id, scope: 'openid SMTP.Send' })).status, 201);
      assert.ok(e.state.warnings.some((w) => w.includes("'openid'")));
    } finally {
      await e.close();
    }
  });
});

describe('a tenant provisioned beforehand', () => {
  test('provision(): registration, principal, grants by UPN and app roles; lists by the client id (appId key)', async () => {
    const { e, call: c } = await fresh();
    try {
      const { app, sp } = e.provision({
        displayName: 'Old plan', uniqueName: 'webex-connect-old-plan', redirectUris: ['https://acme.us.webexconnect.io/callback'],
        ...OLD_PLAN,
        grants: [...OLD_PLAN.grants, { resourceAppId: EXCHANGE_APP_ID, scope: 'SMTP.Send', principal: UPN }],
        appRoles: [{ resourceAppId: EXCHANGE_APP_ID, value: 'Mail.Send' }],
      });
      assert.deepEqual(app.requiredResourceAccess, [{ resourceAppId: GRAPH_APP_ID, resourceAccess: [
        { id: IDS.graphOpenid, type: 'Scope' }, { id: IDS.graphOfflineAccess, type: 'Scope' }, { id: IDS.graphSmtpSendScope, type: 'Scope' }] }]);
      assert.equal((await c('GET', "/applications(uniqueName='webex-connect-old-plan')")).json.appId, app.appId);
      const grants = await c('GET', `/servicePrincipals(appId='${app.appId}')/oauth2PermissionGrants`);
      assert.equal(grants.status, 200);
      assert.deepEqual(grants.json.value.map((g) => [g.consentType, g.scope]),
        [['AllPrincipals', 'openid offline_access SMTP.Send'], ['Principal', 'SMTP.Send']]);
      assert.equal(grants.json.value[1].principalId, e.state.users.find((u) => u.userPrincipalName === UPN).id);
      const roles = await c('GET', `/servicePrincipals(appId='${app.appId}')/appRoleAssignments`);
      assert.deepEqual(roles.json.value.map((r) => [r.principalId, r.appRoleId]), [[sp.id, IDS.exchangeMailSendRole]]);
      assert.equal((await c('GET', `/servicePrincipals/${sp.id}/oauth2PermissionGrants`)).json.value.length, 2);
      assertGraphError(await c('GET', "/servicePrincipals(appId='99999999-9999-4999-8999-999999999999')/oauth2PermissionGrants"), 404, 'Request_ResourceNotFound');
      assert.equal(e.state.log.length, 5, 'provision() itself sends nothing: five requests, five entries');
    } finally {
      await e.close();
    }
  });
});

describe('day two: secrets, assignment, a drifted registration', () => {
  test('removePassword (both URL forms) by keyId; listed secrets never show a value; unknown keyId 404', async () => {
    const { e, call: c } = await fresh();
    try {
      const app = (await c('POST', '/applications', appBody())).json;
      const p1 = (await c('POST', `/applications/${app.id}/addPassword`, { passwordCredential: { displayName: 'old' } })).json;
      const p2 = (await c('POST', `/applications(appId='${app.appId}')/addPassword`, { passwordCredential: { displayName: 'new' } })).json;
      const listed = (await c('GET', `/applications(appId='${app.appId}')?$select=id,passwordCredentials`)).json.passwordCredentials;
      assert.deepEqual(listed.map((p) => [p.keyId, p.secretText]), [[p1.keyId, null], [p2.keyId, null]]);
      assert.equal((await c('POST', `/applications/${app.id}/removePassword`, { keyId: p1.keyId })).status, 204);
      assertGraphError(await c('POST', `/applications/${app.id}/microsoft.graph.removePassword`, { keyId: p1.keyId }), 404, 'Request_ResourceNotFound');
      assertGraphError(await c('POST', `/applications/${app.id}/removePassword`, { keyId: 'not-a-guid' }), 400, 'Request_BadRequest');
      assertGraphError(await c('POST', `/applications/${app.id}/removePassword`, { keyId: p2.keyId, extra: 1 }), 400, 'Request_BadRequest');
      assert.equal((await c('POST', `/applications(appId='${app.appId}')/removePassword`, { keyId: p2.keyId })).status, 204);
      assert.deepEqual(e.state.applications[0].passwordCredentials, []);
      assert.deepEqual(e.state.removedSecrets.map((r) => r.keyId), [p1.keyId, p2.keyId]);
    } finally {
      await e.close();
    }
  });

  test('provision(): SPA URIs, implicit, old secrets, a disabled principal with assignment required and its assigned users', async () => {
    const { e, call: c } = await fresh();
    try {
      const end = '2026-12-20T00:00:00Z';
      const { app } = e.provision({
        displayName: 'Drifted', spaRedirectUris: ['https://acme.us.webexconnect.io/callback'], implicitAccessTokens: true,
        passwords: [{ displayName: 'Webex Connect', endDateTime: end }], accountEnabled: false,
        appRoleAssignmentRequired: true, assignedUsers: ['admin@contoso.onmicrosoft.com'],
      });
      const got = (await c('GET', `/applications(appId='${app.appId}')?$select=id,web,spa,passwordCredentials`)).json;
      assert.deepEqual(got.spa.redirectUris, ['https://acme.us.webexconnect.io/callback']);
      assert.equal(got.web.implicitGrantSettings.enableAccessTokenIssuance, true);
      assert.deepEqual(got.passwordCredentials.map((p) => [p.endDateTime, p.secretText]), [[end, null]]);
      const sp = (await c('GET', `/servicePrincipals(appId='${app.appId}')?$select=id,accountEnabled,appRoleAssignmentRequired`)).json;
      assert.deepEqual([sp.accountEnabled, sp.appRoleAssignmentRequired], [false, true]);
      const assigned = (await c('GET', `/servicePrincipals(appId='${app.appId}')/appRoleAssignedTo`)).json.value;
      assert.deepEqual(assigned.map((a) => [a.principalType, a.principalId]), [['User', e.state.users[0].id]]);
    } finally {
      await e.close();
    }
  });
});

describe('users and mail', () => {
  test('user with and without mailbox; default properties without $select; 404', async () => {
    const plain = await call('GET', `/users/${UPN}`);
    assert.equal(plain.status, 200);
    assert.equal(plain.json.accountEnabled, undefined, 'accountEnabled only with $select');
    const sel = '?$select=id,userPrincipalName,mail,accountEnabled,proxyAddresses';
    const withMailbox = await call('GET', `/users/${encodeURIComponent(UPN)}${sel}`);
    assert.deepEqual(Object.keys(withMailbox.json).filter((k) => !k.startsWith('@')), ['id', 'userPrincipalName', 'mail', 'accountEnabled', 'proxyAddresses']);
    assert.equal(withMailbox.json.mail, UPN);
    const noMailbox = await call('GET', `/users/nomailbox@contoso.onmicrosoft.com${sel}`);
    assert.equal(noMailbox.json.mail, null);
    assert.deepEqual(noMailbox.json.proxyAddresses, []);
    assert.equal((await call('GET', `/users/disabled@contoso.onmicrosoft.com${sel}`)).json.accountEnabled, false);
    assertGraphError(await call('GET', '/users/nobody@contoso.onmicrosoft.com'), 404, 'Request_ResourceNotFound');
    assertGraphError(await call('GET', `/users/${UPN}?$select=mail,bogus`), 400, 'BadRequest');
  });

  test('sendMail: camelCase and PascalCase keys, enums any case, 202; bad bodies 400; other mailbox 403', async () => {
    const { e, call: c } = await fresh();
    try {
      const message = { subject: 'Test', body: { contentType: 'Text', content: 'hello' }, toRecipients: [{ emailAddress: { address: UPN } }] };
      assert.equal((await c('POST', '/me/sendMail', { message, saveToSentItems: false })).status, 202);
      assert.equal((await c('POST', '/me/microsoft.graph.sendMail', { Message: { ...message, body: { contentType: 'HTML', content: '<b>x</b>' } }, SaveToSentItems: false })).status, 202);
      assert.equal((await c('POST', '/users/admin@contoso.onmicrosoft.com/sendMail', { message })).status, 202);
      assert.equal(e.state.sentMail.length, 3);
      assert.deepEqual(e.state.sentMail[0].to, [UPN]);
      assertGraphError(await c('POST', '/me/sendMail', { message: { ...message, body: { contentType: 'rtf', content: 'x' } } }), 400, 'BadRequest');
      assertGraphError(await c('POST', '/me/sendMail', { message: { ...message, importance: 'urgent' } }), 400, 'BadRequest');
      assertGraphError(await c('POST', '/me/sendMail', { message: { ...message, to: [] } }), 400, 'BadRequest');
      assertGraphError(await c('POST', '/me/sendMail', { message, saveToSentItems: 'no' }), 400, 'BadRequest');
      assertGraphError(await c('POST', '/me/sendMail', { message, Message: message }), 400, 'BadRequest');
      assertGraphError(await c('POST', '/me/sendMail', { message: { ...message, toRecipients: [] } }), 400, 'ErrorInvalidRecipients');
      assertGraphError(await c('POST', `/users/${UPN}/sendMail`, { message }), 403, 'ErrorAccessDenied');
    } finally {
      await e.close();
    }
  });
});

describe('$batch', () => {
  test('independent reads in one round trip; inner requests validated and executed', async () => {
    const { e, call: c } = await fresh();
    try {
      const r = await c('POST', '/$batch', {
        requests: [
          { id: '1', method: 'GET', url: '/organization' },
          { id: '2', method: 'GET', url: '/policies/authorizationPolicy' },
          { id: '3', method: 'GET', url: `/users/${UPN}?$select=id,mail,accountEnabled` },
          { id: '4', method: 'POST', url: '/applications', headers: { 'Content-Type': 'application/json' }, body: { displayName: 'x', bogus: 1 } },
          { id: '5', method: 'POST', url: '/applications', headers: { 'Content-Type': 'application/json' }, body: { displayName: 'ok' } },
          { id: '6', method: 'GET', url: '/organization', dependsOn: ['4'] },
        ],
      });
      assert.equal(r.status, 200);
      const by = Object.fromEntries(r.json.responses.map((x) => [x.id, x]));
      assert.equal(by['1'].status, 200);
      assert.equal(by['1'].body.value[0].id, e.state.tenantId);
      assert.equal(by['2'].status, 200);
      assert.equal(by['3'].body.mail, UPN);
      assert.equal(by['4'].status, 400);
      assert.equal(by['4'].body.error.code, 'Request_BadRequest');
      assert.equal(by['5'].status, 201);
      assert.equal(by['6'].status, 424);
      assert.equal(e.state.applications.length, 1);
      assert.equal(e.roundTrips().length, 1, 'one HTTP round trip');
      assert.equal(e.state.log.filter((l) => l.batch).length, 6);
    } finally {
      await e.close();
    }
  });

  test('more than 20, missing Content-Type on a write, duplicate ids -> 400', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/organization' }));
    assertGraphError(await call('POST', '/$batch', { requests: many }), 400, 'BadRequest');
    assertGraphError(await call('POST', '/$batch', { requests: [{ id: '1', method: 'POST', url: '/applications', body: { displayName: 'x' } }] }), 400, 'BadRequest');
    assertGraphError(await call('POST', '/$batch', { requests: [{ id: '1', method: 'GET', url: '/me' }, { id: '1', method: 'GET', url: '/me' }] }), 400, 'BadRequest');
    assert.equal((await call('POST', '/$batch', { requests: many.slice(0, 20) })).status, 200);
  });
});

describe('faults', () => {
  test('429 with Retry-After, then success; only matching requests', async () => {
    const { e, call: c } = await fresh();
    try {
      const rule = e.inject({ status: 429, retryAfter: 2, times: 1, match: 'POST /applications' });
      assert.equal((await c('GET', '/organization')).status, 200);
      const r1 = await c('POST', '/applications', appBody());
      assertGraphError(r1, 429, 'TooManyRequests');
      assert.equal(r1.headers.get('retry-after'), '2');
      assert.equal(e.state.applications.length, 0, 'a throttled request does nothing');
      assert.equal((await c('POST', '/applications', appBody())).status, 201);
      assert.equal(rule.fired, 1);
    } finally {
      await e.close();
    }
  });

  test('503 and 504 carry Retry-After; wildcards; inside $batch per request', async () => {
    const { e, call: c } = await fresh();
    try {
      e.inject({ status: 503, times: 1, match: 'GET /servicePrincipals*' });
      e.inject({ status: 504, retryAfter: 3, times: 1, match: /^GET \/users\// });
      const r = await c('POST', '/$batch', { requests: [
        { id: 'a', method: 'GET', url: `/servicePrincipals(appId='${EXCHANGE_APP_ID}')` },
        { id: 'b', method: 'GET', url: `/users/${UPN}` },
        { id: 'c', method: 'GET', url: '/organization' },
      ] });
      const by = Object.fromEntries(r.json.responses.map((x) => [x.id, x]));
      assert.equal(by.a.status, 503);
      assert.equal(by.a.headers['Retry-After'], '1');
      assert.equal(by.b.status, 504);
      assert.equal(by.b.headers['Retry-After'], '3');
      assert.equal(by.c.status, 200);
      assert.equal((await c('GET', `/users/${UPN}`)).status, 200);
    } finally {
      await e.close();
    }
  });

  test('phase "after": the write happens but the caller sees 504 (re-run must find it)', async () => {
    const { e, call: c } = await fresh();
    try {
      e.inject({ status: 504, match: 'PATCH /applications(*', phase: 'after' });
      const r = await c('PATCH', "/applications(uniqueName='u1')", appBody(), { Prefer: 'create-if-missing' });
      assert.equal(r.status, 504);
      assert.equal(e.state.applications.length, 1);
      assert.equal((await c('PATCH', "/applications(uniqueName='u1')", appBody(), { Prefer: 'create-if-missing' })).status, 204);
    } finally {
      await e.close();
    }
  });

  test('replication lag: the new application "does not exist" for N calls after its create', async () => {
    const { e, call: c } = await fresh();
    try {
      e.inject({ replication: 2, match: 'POST /applications' });
      const app = (await c('POST', '/applications', appBody())).json;
      const r1 = await c('POST', `/applications/${app.id}/addPassword`, { passwordCredential: { displayName: 's' } });
      assertGraphError(r1, 404, 'Request_ResourceNotFound');
      assert.match(r1.json.error.message, /does not exist/);
      const r2 = await c('POST', '/servicePrincipals', { appId: app.appId });
      assertGraphError(r2, 400, 'Request_BadRequest');
      assert.match(r2.json.error.message, /does not reference a valid application object/);
      assert.equal((await c('POST', `/applications/${app.id}/addPassword`, { passwordCredential: { displayName: 's' } })).status, 200);
      assert.equal((await c('POST', '/servicePrincipals', { appId: app.appId })).status, 201);
      e.inject({ replication: 1, match: 'POST /servicePrincipals' });
      const app2 = (await c('POST', '/applications', appBody({ displayName: 'two' }))).json;
      const sp2 = (await c('POST', '/servicePrincipals', { appId: app2.appId })).json;
      const exo = e.state.servicePrincipals.find((s) => s.appId === EXCHANGE_APP_ID);
      const body = { principalId: sp2.id, resourceId: exo.id, appRoleId: IDS.exchangeMailSendRole };
      assertGraphError(await c('POST', `/servicePrincipals/${exo.id}/appRoleAssignedTo`, body), 404, 'Request_ResourceNotFound');
      assert.equal((await c('POST', `/servicePrincipals/${exo.id}/appRoleAssignedTo`, body)).status, 201);
    } finally {
      await e.close();
    }
  });

  test('401: no token, injected expiry (token stays expired), expireTokens()', async () => {
    const { e } = await fresh();
    try {
      const none = await fetch(`${e.graphBase}/organization`);
      assert.equal(none.status, 401);
      assert.equal((await none.json()).error.code, 'InvalidAuthenticationToken');
      assert.match(none.headers.get('www-authenticate'), /^Bearer /);
      const a = client(e, 'token-a');
      e.inject({ status: 401, match: 'GET /organization' });
      const r = await a('GET', '/organization');
      assertGraphError(r, 401, 'InvalidAuthenticationToken');
      assert.match(r.json.error.message, /expired/);
      assertGraphError(await a('GET', '/policies/authorizationPolicy'), 401, 'InvalidAuthenticationToken');
      const b = client(e, 'token-b');
      assert.equal((await b('GET', '/organization')).status, 200, 'a new token works');
      e.expireTokens();
      assertGraphError(await b('GET', '/organization'), 401, 'InvalidAuthenticationToken');
      assert.equal((await client(e, 'token-c')('GET', '/organization')).status, 200);
    } finally {
      await e.close();
    }
  });

  test('request log counts round trips; CORS preflight allows Authorization, Content-Type, Prefer', async () => {
    const { e, call: c } = await fresh();
    try {
      const pre = await fetch(`${e.graphBase}/applications(uniqueName='x')`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://127.0.0.1:8080', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'authorization,content-type,prefer' },
      });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), '*');
      assert.deepEqual(pre.headers.get('access-control-allow-headers').split(', ').sort(), ['authorization', 'content-type', 'prefer']);
      assert.match(pre.headers.get('access-control-allow-methods'), /PATCH/);
      const r = await c('GET', '/organization', undefined, { Origin: 'http://127.0.0.1:8080' });
      assert.match(r.headers.get('access-control-expose-headers'), /Retry-After/);
      await c('POST', '/applications', appBody());
      assert.deepEqual(e.roundTrips().map((l) => `${l.method} ${l.path} ${l.status}`), ['GET /organization 200', 'POST /applications 201']);
      assert.equal(e.state.log.filter((l) => l.preflight).length, 1);
    } finally {
      await e.close();
    }
  });
});

describe('OIDC (oidc-provider) round trip with fetch', () => {
  const redirectUri = 'http://127.0.0.1:8080/callback';
  let oidc;
  let graph;
  before(async () => {
    oidc = await startOidc({ redirectUris: [redirectUri], clientId: 'spa-under-test' });
    graph = await startGraphEmulator({ oidc, requireScopes: true });
  });
  after(async () => {
    await graph.close();
    await oidc.close();
  });

  test('discovery document', async () => {
    const d = await (await fetch(oidc.discovery)).json();
    assert.equal(d.issuer, oidc.issuer);
    assert.deepEqual(d.code_challenge_methods_supported, ['S256']);
    assert.ok(d.scopes_supported.includes('https://graph.microsoft.com/User.Read'));
  });

  test('authorization code + PKCE: login, consent, code exchange; wrong verifier refused; token works at Graph only', async () => {
    const { verifier, challenge } = pkcePair();
    const scope = 'openid https://graph.microsoft.com/User.Read https://graph.microsoft.com/Application.ReadWrite.All';
    const back = await authorize({ issuer: oidc.issuer, clientId: oidc.clientId, redirectUri, scope, challenge, state: 'xyz' });
    assert.equal(back.searchParams.get('state'), 'xyz');
    assert.equal(back.searchParams.get('iss'), oidc.issuer);
    const code = back.searchParams.get('code');
    assert.ok(code);

    const wrong = await redeem({ issuer: oidc.issuer, clientId: oidc.clientId, redirectUri, code, verifier: pkcePair().verifier });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error, 'invalid_grant');

    const ok = await redeem({ issuer: oidc.issuer, clientId: oidc.clientId, redirectUri, code, verifier });
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8080');
    assert.equal(ok.json.token_type, 'Bearer');
    assert.match(ok.json.scope, /Application\.ReadWrite\.All/);

    const c = client(graph, ok.json.access_token);
    assert.equal((await c('GET', '/organization')).status, 200);
    assert.equal((await c('POST', '/applications', appBody())).status, 201);
    assertGraphError(await c('GET', `/users/${UPN}`), 403, 'Authorization_RequestDenied'); // User.Read.All not granted
    assertGraphError(await client(graph, 'not-issued-by-the-oidc-server')('GET', '/organization'), 401, 'InvalidAuthenticationToken');
    oidc.expireTokens();
    assertGraphError(await c('GET', '/organization'), 401, 'InvalidAuthenticationToken');
  });

  test('PKCE is required; consent cancelled -> access_denied; two resources in one request refused', async () => {
    const noPkce = await authorize({ issuer: oidc.issuer, clientId: oidc.clientId, redirectUri, scope: 'openid', challenge: undefined });
    assert.equal(noPkce.searchParams.get('error'), 'invalid_request');
    const { challenge } = pkcePair();
    const cancelled = await authorize({ issuer: oidc.issuer, clientId: oidc.clientId, redirectUri, scope: 'openid https://graph.microsoft.com/Mail.Send', challenge, cancel: true, state: 's1' });
    assert.equal(cancelled.searchParams.get('error'), 'access_denied');
    assert.equal(cancelled.searchParams.get('state'), 's1');
    const mixed = await authorize({ issuer: oidc.issuer, clientId: oidc.clientId, redirectUri, scope: 'openid https://graph.microsoft.com/User.Read https://outlook.office.com/SMTP.Send', challenge });
    assert.equal(mixed.searchParams.get('error'), 'invalid_scope');
    assert.match(mixed.searchParams.get('error_description'), /AADSTS28000/);
  });

  test('an Outlook-only token is refused by Graph (invalid audience); signIn helper', async () => {
    const outlook = await signIn({ issuer: oidc.issuer, clientId: oidc.clientId, redirectUri, scope: 'openid https://outlook.office.com/SMTP.Send' });
    assertGraphError(await client(graph, outlook.access_token)('GET', '/organization'), 401, 'InvalidAuthenticationToken');
    const mail = await signIn({ issuer: oidc.issuer, clientId: oidc.clientId, redirectUri, scope: 'https://graph.microsoft.com/Mail.Send', login: UPN });
    const c = client(graph, mail.access_token);
    const message = { subject: 't', body: { contentType: 'Text', content: 'x' }, toRecipients: [{ emailAddress: { address: 'admin@contoso.onmicrosoft.com' } }] };
    assert.equal((await c('POST', '/me/sendMail', { message, saveToSentItems: false })).status, 202);
    assert.equal(graph.state.sentMail.at(-1).from, UPN, '/me is the account that signed in');
  });
});
