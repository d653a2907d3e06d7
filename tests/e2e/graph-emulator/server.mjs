// A stateful Microsoft Graph v1.0 emulator for end-to-end tests (node:http, no dependencies beyond
// js-yaml). It covers the operations in ../shared/graph-openapi/OPERATIONS.md and DOMAIN.md section 4,
// checks every request body against Microsoft's OpenAPI description, keeps a tenant's state, answers
// browsers (CORS), and can inject 429/503/504, replication lag and token expiry. See README.md.
import { createServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadGraphOpenApi } from './openapi.mjs';
import { defaultSeed } from './seed.mjs';

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const GRAPH_ROOT = 'https://graph.microsoft.com/v1.0';
const CORS_ALLOW_HEADERS = ['authorization', 'content-type', 'prefer', 'client-request-id', 'return-client-request-id',
  'consistencylevel', 'if-match', 'sdkversion', 'accept', 'accept-language'];
const CORS_EXPOSE_HEADERS = ['Retry-After', 'request-id', 'client-request-id', 'Location', 'WWW-Authenticate',
  'Preference-Applied', 'Date', 'x-ms-ags-diagnostic'];
const DEFAULT_USER_PROPS = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone',
  'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];
const SIGN_IN_AUDIENCES = ['AzureADMyOrg', 'AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Delegated permissions that satisfy each operation (checked only with requireScopes: true). */
const PERMISSIONS = {
  organization: ['User.Read', 'Organization.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  authorizationPolicy: ['Policy.Read.All', 'Policy.ReadWrite.Authorization'],
  readApps: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  writeApps: ['Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  appRoleAssignment: ['AppRoleAssignment.ReadWrite.All'],
  readGrants: ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  writeGrants: ['DelegatedPermissionGrant.ReadWrite.All'],
  readUsers: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  me: ['User.Read', 'User.ReadWrite', 'User.Read.All', 'Directory.Read.All'],
  sendMail: ['Mail.Send'],
};

class GraphError extends Error {
  constructor(status, code, message, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

const badRequest = (message, code = 'Request_BadRequest') => new GraphError(400, code, message);
const notFound = (id) => new GraphError(404, 'Request_ResourceNotFound',
  `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

/**
 * Starts the emulator.
 * @param {object} [opts]
 * @param {number} [opts.port=0]            0 = any free port
 * @param {string} [opts.host='127.0.0.1']
 * @param {(token: string) => Promise<boolean|object|null>} [opts.validateToken]
 *        accepts a bearer token: false/null = unknown, true or { accountId, scope, expired } = known.
 *        Omitted: any non-empty token is accepted (standalone mode).
 * @param {{validateToken: Function}} [opts.oidc] the object startOidc() returned (uses its validateToken)
 * @param {boolean} [opts.requireScopes=false] 403 when the token's scopes lack the operation's permission
 * @param {object} [opts.seed]              overrides for seed.mjs defaultSeed()
 * @param {string[]} [opts.corsAllowHeaders] extra request headers to allow cross-origin
 */
export async function startGraphEmulator(opts = {}) {
  const { port = 0, host = '127.0.0.1', requireScopes = false } = opts;
  const validateToken = opts.validateToken ?? opts.oidc?.validateToken ?? null;
  const openapi = loadGraphOpenApi();
  const allowHeaders = [...CORS_ALLOW_HEADERS, ...(opts.corsAllowHeaders ?? []).map((h) => h.toLowerCase())];
  const seed = { ...defaultSeed(), ...(opts.seed ?? {}) };

  const state = createState(seed);
  const faults = [];
  let faultSeq = 0;

  // ---------------------------------------------------------------- faults
  function inject(rule) {
    const r = {
      id: ++faultSeq,
      times: 1,
      phase: 'before',
      ...rule,
    };
    if (r.status !== undefined && ![401, 403, 404, 409, 429, 500, 502, 503, 504].includes(r.status)) {
      throw new Error(`inject: unsupported status ${r.status}`);
    }
    if (r.status === undefined && r.replication === undefined && r.delayMs === undefined) {
      throw new Error('inject: give status, replication or delayMs');
    }
    r.remaining = r.times;
    r.fired = 0;
    faults.push(r);
    return r;
  }

  function clearFaults() {
    faults.length = 0;
  }

  function takeFault(req, kind) {
    for (const r of faults) {
      if (r.remaining <= 0) continue;
      const isRepl = r.replication !== undefined;
      if ((kind === 'replication') !== isRepl) continue;
      if (kind === 'status' && r.status === undefined) continue;
      if (kind === 'delay' && (r.status !== undefined || isRepl)) continue;
      if (!matches(r.match, req)) continue;
      r.remaining -= 1;
      r.fired += 1;
      return r;
    }
    return null;
  }

  function faultResponse(r) {
    const headers = {};
    const retryAfter = r.retryAfter === undefined ? ([429, 503, 504].includes(r.status) ? 1 : null) : r.retryAfter;
    if (retryAfter !== null) headers['Retry-After'] = String(retryAfter);
    const defaults = {
      401: ['InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'],
      403: ['Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'],
      404: ['Request_ResourceNotFound', 'Resource does not exist or one of its queried reference-property objects are not present.'],
      409: ['Request_MultipleObjectsWithSameKeyValue', 'Another object with the same value for property already exists.'],
      429: ['TooManyRequests', `Too many requests. Retry after ${retryAfter ?? 'a while'} seconds.`],
      500: ['InternalServerError', 'An internal server error occurred.'],
      502: ['BadGateway', 'Bad gateway.'],
      503: ['ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.'],
      504: ['GatewayTimeout', 'The gateway did not receive a response in time.'],
    }[r.status];
    if (r.status === 401) headers['WWW-Authenticate'] = wwwAuthenticate('invalid_token');
    return new GraphError(r.status, r.code ?? defaults[0], r.message ?? defaults[1], headers);
  }

  // ---------------------------------------------------------------- auth
  const expiredTokens = new Set();
  let expireAllBefore = null; // tokens first seen before this mark are expired
  const tokenFirstSeen = new Map();
  let tokenSeq = 0;

  async function authenticate(headers) {
    const auth = headers.authorization ?? '';
    const m = /^Bearer\s+(\S.*)$/i.exec(auth);
    if (!m) {
      throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.',
        { 'WWW-Authenticate': wwwAuthenticate() });
    }
    const token = m[1].trim();
    if (!tokenFirstSeen.has(token)) tokenFirstSeen.set(token, ++tokenSeq);
    const expired = () => new GraphError(401, 'InvalidAuthenticationToken',
      'Lifetime validation failed, the token is expired.', { 'WWW-Authenticate': wwwAuthenticate('invalid_token') });
    if (expiredTokens.has(token) || (expireAllBefore !== null && tokenFirstSeen.get(token) <= expireAllBefore)) throw expired();
    let info = { accountId: null, scope: null };
    if (validateToken) {
      const v = await validateToken(token);
      if (!v) {
        throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.',
          { 'WWW-Authenticate': wwwAuthenticate('invalid_token') });
      }
      if (v.expired) throw expired();
      if (typeof v === 'object') info = { ...info, ...v };
    }
    const scopes = info.scope ? normalizeScopes(info.scope) : null;
    if (info.scope) {
      // A token for another resource (e.g. only https://outlook.office.com/SMTP.Send) is not a Graph token.
      const list = info.scope.split(/\s+/);
      const graph = /^https:\/\/graph\.microsoft\.com\//i;
      if (list.some((s) => /^https?:\/\//i.test(s) && !graph.test(s)) && !list.some((s) => graph.test(s))) {
        throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.',
          { 'WWW-Authenticate': wwwAuthenticate('invalid_token') });
      }
    }
    const me = state.users.find((u) => eqi(u.userPrincipalName, info.accountId) || eqi(u.id, info.accountId) || eqi(u.mail, info.accountId))
      ?? state.users.find((u) => eqi(u.userPrincipalName, seed.defaultMe));
    return { token, scopes, me };
  }

  function need(ctx, perm) {
    if (!requireScopes || !ctx.auth.scopes) return;
    if (!PERMISSIONS[perm].some((p) => ctx.auth.scopes.has(p.toLowerCase()))) {
      if (perm === 'sendMail') throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
      throw new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }
  }

  // ---------------------------------------------------------------- replication lag
  function created(ctx, obj) {
    const r = takeFault(ctx.req, 'replication');
    if (r) obj._lag = r.replication;
    return obj;
  }

  /** An object referenced by this request: invisible while it still has lag units (one per request). */
  function visible(ctx, obj) {
    if (!obj) return null;
    if (obj._lag > 0) {
      if (!ctx.lagTouched.has(obj)) {
        ctx.lagTouched.add(obj);
        obj._lag -= 1;
      }
      return null;
    }
    return ctx.lagTouched.has(obj) ? null : obj;
  }

  // ---------------------------------------------------------------- body checks
  function checkBody(op, body, { directory = true } = {}) {
    if (body === undefined) throw badRequest('Empty Payload. JSON content expected.', directory ? 'Request_BadRequest' : 'BadRequest');
    const err = openapi.bodies[op].check(body);
    if (!err) return;
    const resource = capitalize(err.type);
    if (directory) {
      if (err.kind === 'unknown') {
        throw badRequest(`Property '${err.property}' does not exist as a declared property or extension property.`);
      }
      throw badRequest(`Invalid value specified for property '${err.property}' of resource '${resource}'.`);
    }
    if (err.kind === 'unknown') {
      throw badRequest(`The property '${err.property}' does not exist on type 'microsoft.graph.${err.type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`, 'BadRequest');
    }
    if (err.kind === 'enum') {
      throw badRequest(`The value for property '${err.property}' is not valid. Allowed values: ${err.allowed.join(', ')}.`, 'BadRequest');
    }
    throw badRequest(`Invalid value for property '${err.property}' (${err.path}) of type 'microsoft.graph.${err.type}'.`, 'BadRequest');
  }

  function requireProps(body, props, resource) {
    for (const p of props) {
      const v = body?.[p];
      if (v === undefined || v === null || v === '') {
        throw badRequest(`Invalid value specified for property '${p}' of resource '${resource}'.`);
      }
    }
  }

  function checkApplicationSemantics(body, existing) {
    if (body.signInAudience !== undefined && !SIGN_IN_AUDIENCES.includes(body.signInAudience)) {
      throw badRequest("Invalid value specified for property 'signInAudience' of resource 'Application'.");
    }
    for (const key of ['web', 'spa', 'publicClient']) {
      for (const uri of body[key]?.redirectUris ?? []) {
        if (!validRedirectUri(uri, key)) {
          throw badRequest(`Invalid value specified for property 'redirectUris' of resource 'Application'.`);
        }
      }
    }
    for (const rra of body.requiredResourceAccess ?? []) {
      if (!GUID.test(rra?.resourceAppId ?? '')) throw badRequest("Invalid value specified for property 'resourceAppId' of resource 'RequiredResourceAccess'.");
      for (const ra of rra.resourceAccess ?? []) {
        if (!['Scope', 'Role'].includes(ra?.type)) throw badRequest("Invalid value specified for property 'type' of resource 'ResourceAccess'.");
        if (!GUID.test(ra?.id ?? '')) throw badRequest("Invalid value specified for property 'id' of resource 'ResourceAccess'.");
      }
    }
    for (const ro of ['appId', 'createdDateTime', 'publisherDomain']) {
      if (body[ro] !== undefined && !(existing && body[ro] === existing[ro])) {
        throw badRequest(`Property '${ro}' is read-only and cannot be set.`);
      }
    }
    if (body.passwordCredentials?.some((p) => p?.secretText)) {
      throw badRequest('Updating password credentials with secretText is not supported; use addPassword.');
    }
  }

  // ---------------------------------------------------------------- objects
  function newApplication(body, extra = {}) {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const app = {
      id: randomUUID(), deletedDateTime: null, appId: randomUUID(), applicationTemplateId: null,
      createdDateTime: now, description: null, displayName: null, identifierUris: [], isFallbackPublicClient: null,
      notes: null, publisherDomain: seed.organization.verifiedDomains?.[0]?.name ?? null, signInAudience: 'AzureADMyOrg',
      tags: [], uniqueName: null, api: { acceptMappedClaims: null, knownClientApplications: [], requestedAccessTokenVersion: null, oauth2PermissionScopes: [], preAuthorizedApplications: [] },
      appRoles: [], info: { logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null },
      keyCredentials: [], passwordCredentials: [], publicClient: { redirectUris: [] },
      requiredResourceAccess: [], spa: { redirectUris: [] },
      web: { homePageUrl: null, logoutUrl: null, redirectUris: [], implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false }, redirectUriSettings: [] },
      ...extra,
    };
    mergeInto(app, body);
    if (app.web?.redirectUris) app.web.redirectUriSettings = app.web.redirectUris.map((uri) => ({ uri, index: null }));
    return app;
  }

  /**
   * An app registration with its service principal, consents and app roles put straight into the tenant (no
   * request is logged), as an earlier run or an admin by hand would have left them. Permission ids are read
   * from the resource principal by value. See README.md.
   */
  function provision({
    displayName, uniqueName = null, redirectUris = [], permissions = [], grants = [], appRoles = [],
    spaRedirectUris = [], implicitAccessTokens = false, passwords = [], accountEnabled = true,
    appRoleAssignmentRequired = false, assignedUsers = [],
  }) {
    const resource = (appId) => state.servicePrincipals.find((s) => eqi(s.appId, appId));
    const idOf = ({ resourceAppId, value, type = 'Scope' }) => {
      const list = type === 'Role' ? resource(resourceAppId).appRoles : resource(resourceAppId).oauth2PermissionScopes;
      return list.find((x) => x.value === value).id;
    };
    const requiredResourceAccess = [];
    for (const p of permissions) {
      let entry = requiredResourceAccess.find((r) => r.resourceAppId === p.resourceAppId);
      if (!entry) requiredResourceAccess.push(entry = { resourceAppId: p.resourceAppId, resourceAccess: [] });
      entry.resourceAccess.push({ id: idOf(p), type: p.type ?? 'Scope' });
    }
    const web = { redirectUris, implicitGrantSettings: { enableAccessTokenIssuance: implicitAccessTokens } };
    const app = newApplication({ displayName, web, spa: { redirectUris: spaRedirectUris }, requiredResourceAccess }, { uniqueName });
    // Secrets made earlier (their values are gone, as at Microsoft): { displayName, startDateTime, endDateTime }.
    app.passwordCredentials = passwords.map((p) => ({
      customKeyIdentifier: null, displayName: p.displayName ?? null, endDateTime: p.endDateTime, hint: p.hint ?? 'Old',
      keyId: p.keyId ?? randomUUID(), secretText: null, startDateTime: p.startDateTime ?? iso(new Date(Date.now() - 86400_000)),
    }));
    state.applications.push(app);
    const sp = {
      id: randomUUID(), deletedDateTime: null, accountEnabled, appRoleAssignmentRequired, appId: app.appId, appDisplayName: displayName,
      appOwnerOrganizationId: state.tenantId, displayName, servicePrincipalNames: [app.appId], servicePrincipalType: 'Application',
      signInAudience: app.signInAudience, tags: [], replyUrls: [...redirectUris], appRoles: [], oauth2PermissionScopes: [],
      keyCredentials: [], passwordCredentials: [],
    };
    state.servicePrincipals.push(sp);
    for (const g of grants) {
      const user = g.principal ? findUser(g.principal) : null;
      state.oauth2PermissionGrants.push({
        id: base64url(randomBytes(32)), clientId: sp.id, consentType: user ? 'Principal' : 'AllPrincipals',
        principalId: user?.id ?? null, resourceId: resource(g.resourceAppId).id, scope: g.scope,
      });
    }
    for (const r of appRoles) {
      const res = resource(r.resourceAppId);
      state.appRoleAssignments.push({
        id: base64url(randomBytes(32)), deletedDateTime: null, appRoleId: idOf({ ...r, type: 'Role' }),
        createdDateTime: new Date().toISOString(), principalDisplayName: displayName, principalId: sp.id,
        principalType: 'ServicePrincipal', resourceDisplayName: res.displayName, resourceId: res.id,
      });
    }
    // Users assigned to the app ([Users and groups]), with the default access role.
    for (const upn of assignedUsers) {
      const user = findUser(upn);
      state.appRoleAssignments.push({
        id: base64url(randomBytes(32)), deletedDateTime: null, appRoleId: '00000000-0000-0000-0000-000000000000',
        createdDateTime: new Date().toISOString(), principalDisplayName: user.displayName, principalId: user.id,
        principalType: 'User', resourceDisplayName: displayName, resourceId: sp.id,
      });
    }
    return { app, sp };
  }

  function findApplication(ctx, { id, appId, uniqueName }) {
    const app = state.applications.find((a) => (id && eqi(a.id, id)) || (appId && eqi(a.appId, appId))
      || (uniqueName && eqi(a.uniqueName, uniqueName)));
    // Lookups by uniqueName are the server's own key (upsert): not subject to replication lag.
    if (uniqueName) return app ?? null;
    return visible(ctx, app);
  }

  /** The app's service principal, made from its registration (POST /servicePrincipals and the upsert). */
  function newServicePrincipal(ctx, appId) {
    const app = findApplication(ctx, { appId });
    if (!app) {
      throw badRequest(`The appId '${appId}' of the service principal does not reference a valid application object.`);
    }
    const sp = created(ctx, {
      id: randomUUID(), deletedDateTime: null, accountEnabled: true, appId: app.appId, appDisplayName: app.displayName,
      appOwnerOrganizationId: state.tenantId, appRoleAssignmentRequired: false, displayName: app.displayName,
      servicePrincipalNames: [app.appId, ...(app.identifierUris ?? [])], servicePrincipalType: 'Application',
      signInAudience: app.signInAudience, tags: [], replyUrls: [...(app.web?.redirectUris ?? []), ...(app.spa?.redirectUris ?? [])],
      appRoles: structuredClone(app.appRoles ?? []), oauth2PermissionScopes: structuredClone(app.api?.oauth2PermissionScopes ?? []),
      keyCredentials: [], passwordCredentials: [],
    });
    mergeInto(sp, omit(ctx.body, ['appId']));
    state.servicePrincipals.push(sp);
    return sp;
  }

  function findSp(ctx, { id, appId }) {
    const sp = state.servicePrincipals.find((s) => (id && eqi(s.id, id)) || (appId && eqi(s.appId, appId)));
    return visible(ctx, sp);
  }

  // ---------------------------------------------------------------- routes
  const routes = [
    ['GET', /^\/organization$/, (ctx) => {
      need(ctx, 'organization');
      return ok(collection('organization', [state.organization], ctx.query, 'organization'));
    }],
    ['GET', /^\/policies\/authorizationPolicy$/, (ctx) => {
      need(ctx, 'authorizationPolicy');
      return ok({ '@odata.context': `${GRAPH_ROOT}/$metadata#policies/authorizationPolicy/$entity`, ...select(state.authorizationPolicy, ctx.query, 'authorizationPolicy') });
    }],

    // service principals
    ['GET', /^\/servicePrincipals$/, (ctx) => {
      need(ctx, 'readApps');
      const list = filterList(state.servicePrincipals, ctx.query, 'servicePrincipal',
        ['id', 'appId', 'displayName', 'servicePrincipalNames', 'servicePrincipalType', 'accountEnabled']);
      return ok(collection('servicePrincipals', list, ctx.query, 'servicePrincipal'));
    }],
    ['GET', /^\/servicePrincipals\(appId='([^']*)'\)$/, (ctx, [appId]) => {
      need(ctx, 'readApps');
      const sp = findSp(ctx, { appId });
      if (!sp) throw notFound(appId);
      return ok(entity('servicePrincipals', sp, ctx.query, 'servicePrincipal'));
    }],
    ['GET', /^\/servicePrincipals\/([^/()]+)$/, (ctx, [id]) => {
      need(ctx, 'readApps');
      const sp = findSp(ctx, { id });
      if (!sp) throw notFound(id);
      return ok(entity('servicePrincipals', sp, ctx.query, 'servicePrincipal'));
    }],
    ['POST', /^\/servicePrincipals$/, (ctx) => {
      need(ctx, 'writeApps');
      checkBody('createServicePrincipal', ctx.body);
      requireProps(ctx.body, ['appId'], 'ServicePrincipal');
      const appId = ctx.body.appId;
      if (state.servicePrincipals.some((s) => eqi(s.appId, appId))) {
        throw new GraphError(409, 'Request_MultipleObjectsWithSameKeyValue',
          'Another object with the same value for property servicePrincipalNames already exists.');
      }
      return created201(entity('servicePrincipals', newServicePrincipal(ctx, appId), null, 'servicePrincipal'));
    }],
    // Upsert by the appId key (Prefer: create-if-missing): 201 with the new principal, 204 when the app had one.
    ['PATCH', /^\/servicePrincipals\(appId='([^']*)'\)$/, (ctx, [appId]) => {
      need(ctx, 'writeApps');
      checkBody('upsertServicePrincipal', ctx.body);
      if (ctx.body.appId !== undefined && !eqi(ctx.body.appId, appId)) {
        throw badRequest("Property 'appId' in the request body does not match the key in the URL.");
      }
      // The key of an upsert is the server's own: not subject to replication lag (as uniqueName).
      const sp = state.servicePrincipals.find((s) => eqi(s.appId, appId));
      if (sp) {
        mergeInto(sp, omit(ctx.body, ['appId']));
        return { status: 204 };
      }
      if (!/(^|[,;\s])create-if-missing($|[,;\s])/i.test(ctx.headers.prefer ?? '')) throw notFound(appId);
      const createdSp = newServicePrincipal(ctx, appId);
      return created201(entity('servicePrincipals', createdSp, null, 'servicePrincipal'),
        { Location: `${GRAPH_ROOT}/servicePrincipals/${createdSp.id}` });
    }],
    // Microsoft documents both keys for these lists: /servicePrincipals/{id}/... and (appId='{appId}')/...
    ['GET', /^\/servicePrincipals(?:\/([^/()]+)|\(appId='([^']*)'\))\/(appRoleAssignedTo|appRoleAssignments)$/, (ctx, [id, appId, nav]) => {
      need(ctx, 'readApps');
      const sp = findSp(ctx, { id, appId });
      if (!sp) throw notFound(id ?? appId);
      const list = state.appRoleAssignments.filter((a) => eqi(nav === 'appRoleAssignedTo' ? a.resourceId : a.principalId, sp.id));
      return ok(collection(`servicePrincipals('${sp.id}')/${nav}`, list, ctx.query, 'appRoleAssignment'));
    }],
    ['POST', /^\/servicePrincipals\/([^/()]+)\/appRoleAssignedTo$/, (ctx, [id]) => {
      need(ctx, 'appRoleAssignment');
      checkBody('createAppRoleAssignedTo', ctx.body);
      requireProps(ctx.body, ['principalId', 'resourceId', 'appRoleId'], 'AppRoleAssignment');
      const resource = findSp(ctx, { id });
      if (!resource) throw notFound(id);
      if (!eqi(ctx.body.resourceId, resource.id)) {
        throw badRequest(`The resourceId '${ctx.body.resourceId}' does not match the service principal '${resource.id}' in the request URL.`);
      }
      const principal = findSp(ctx, { id: ctx.body.principalId })
        ?? visible(ctx, state.users.find((u) => eqi(u.id, ctx.body.principalId)));
      if (!principal) throw notFound(ctx.body.principalId);
      const isSp = state.servicePrincipals.includes(principal);
      const role = resource.appRoles.find((r) => eqi(r.id, ctx.body.appRoleId) && r.isEnabled
        && r.allowedMemberTypes.includes(isSp ? 'Application' : 'User'));
      if (!role && ctx.body.appRoleId !== '00000000-0000-0000-0000-000000000000') {
        throw badRequest(`Permission being assigned was not found on application '${resource.appId}'.`);
      }
      if (state.appRoleAssignments.some((a) => eqi(a.principalId, principal.id) && eqi(a.resourceId, resource.id) && eqi(a.appRoleId, ctx.body.appRoleId))) {
        throw badRequest('Permission being assigned already exists on the object.');
      }
      const assignment = created(ctx, {
        id: base64url(randomBytes(32)), deletedDateTime: null, appRoleId: ctx.body.appRoleId,
        createdDateTime: new Date().toISOString(), principalDisplayName: principal.displayName, principalId: principal.id,
        principalType: isSp ? 'ServicePrincipal' : 'User', resourceDisplayName: resource.displayName, resourceId: resource.id,
      });
      state.appRoleAssignments.push(assignment);
      return created201(entity(`servicePrincipals('${resource.id}')/appRoleAssignedTo`, assignment, null, 'appRoleAssignment'));
    }],

    // applications
    ['GET', /^\/applications$/, (ctx) => {
      need(ctx, 'readApps');
      const list = filterList(state.applications, ctx.query, 'application',
        ['id', 'appId', 'displayName', 'uniqueName', 'identifierUris', 'signInAudience', 'publisherDomain']);
      return ok(collection('applications', list, ctx.query, 'application'));
    }],
    ['POST', /^\/applications$/, (ctx) => {
      need(ctx, 'writeApps');
      checkBody('createApplication', ctx.body);
      requireProps(ctx.body, ['displayName'], 'Application');
      checkApplicationSemantics(ctx.body, null);
      if (ctx.body.uniqueName && state.applications.some((a) => eqi(a.uniqueName, ctx.body.uniqueName))) {
        throw badRequest('Another object with the same value for property uniqueName already exists.', 'Request_MultipleObjectsWithSameKeyValue');
      }
      const app = created(ctx, newApplication(ctx.body));
      state.applications.push(app);
      return created201(entity('applications', app, null, 'application'));
    }],
    ['GET', /^\/applications(?:\/([^/()]+)|\(appId='([^']*)'\)|\(uniqueName='([^']*)'\))$/, (ctx, [id, appId, uniqueName]) => {
      need(ctx, 'readApps');
      const app = findApplication(ctx, { id, appId, uniqueName });
      if (!app) throw notFound(id ?? appId ?? uniqueName);
      return ok(entity('applications', app, ctx.query, 'application'));
    }],
    ['PATCH', /^\/applications(?:\/([^/()]+)|\(appId='([^']*)'\)|\(uniqueName='([^']*)'\))$/, (ctx, [id, appId, uniqueName]) => {
      need(ctx, 'writeApps');
      checkBody(uniqueName !== undefined ? 'upsertApplication' : 'updateApplication', ctx.body);
      const app = findApplication(ctx, { id, appId, uniqueName });
      const upsert = /(^|[,;\s])create-if-missing($|[,;\s])/i.test(ctx.headers.prefer ?? '');
      if (!app) {
        if (uniqueName === undefined || !upsert) throw notFound(id ?? appId ?? uniqueName);
        // Upsert: create the application with this uniqueName.
        requireProps(ctx.body, ['displayName'], 'Application');
        checkApplicationSemantics(ctx.body, null);
        if (ctx.body.uniqueName !== undefined && ctx.body.uniqueName !== uniqueName) {
          throw badRequest("Property 'uniqueName' in the request body does not match the key in the URL.");
        }
        const createdApp = created(ctx, newApplication(omit(ctx.body, ['uniqueName']), { uniqueName }));
        state.applications.push(createdApp);
        return created201(entity('applications', createdApp, null, 'application'),
          { Location: `${GRAPH_ROOT}/applications/${createdApp.id}` });
      }
      checkApplicationSemantics(ctx.body, app);
      if (ctx.body.uniqueName !== undefined && app.uniqueName && ctx.body.uniqueName !== app.uniqueName) {
        throw badRequest("Property 'uniqueName' is immutable once set.");
      }
      mergeInto(app, ctx.body);
      if (ctx.body.web?.redirectUris) app.web.redirectUriSettings = app.web.redirectUris.map((uri) => ({ uri, index: null }));
      return { status: 204 };
    }],
    ['POST', /^\/applications(?:\/([^/()]+)|\(appId='([^']*)'\))\/(?:microsoft\.graph\.)?addPassword$/, (ctx, [id, appId]) => {
      need(ctx, 'writeApps');
      checkBody('addPassword', ctx.body);
      const app = findApplication(ctx, { id, appId });
      if (!app) throw notFound(id ?? appId);
      const pc = ctx.body.passwordCredential ?? {};
      const start = pc.startDateTime ? new Date(pc.startDateTime) : new Date();
      const end = pc.endDateTime ? new Date(pc.endDateTime) : new Date(start.getTime() + 2 * 365 * 86400_000);
      if (!(end > start)) throw badRequest('Invalid value specified for property \'endDateTime\' of resource \'PasswordCredential\'.');
      const maxDays = state.maxSecretLifetimeDays;
      if (maxDays != null && end.getTime() - start.getTime() > maxDays * 86400_000 + 60_000) {
        throw badRequest('Credential lifetime exceeds the max value allowed as per assigned policy.', 'CredentialInvalidLifetimeAsPerAppPolicy');
      }
      const secretText = generateSecret();
      const credential = {
        customKeyIdentifier: null, displayName: pc.displayName ?? null, endDateTime: iso(end), hint: secretText.slice(0, 3),
        keyId: randomUUID(), secretText: null, startDateTime: iso(start),
      };
      app.passwordCredentials.push(credential);
      state.issuedSecrets.push({ applicationId: app.id, appId: app.appId, keyId: credential.keyId, secretText });
      return ok({ '@odata.context': `${GRAPH_ROOT}/$metadata#microsoft.graph.passwordCredential`, ...credential, secretText });
    }],

    ['POST', /^\/applications(?:\/([^/()]+)|\(appId='([^']*)'\))\/(?:microsoft\.graph\.)?removePassword$/, (ctx, [id, appId]) => {
      need(ctx, 'writeApps');
      checkBody('removePassword', ctx.body);
      requireProps(ctx.body, ['keyId'], 'PasswordCredential');
      const app = findApplication(ctx, { id, appId });
      if (!app) throw notFound(id ?? appId);
      const i = app.passwordCredentials.findIndex((p) => eqi(p.keyId, ctx.body.keyId));
      // Graph's exact answer for an unknown keyId is not documented; a 404 is this emulator's choice.
      if (i < 0) throw notFound(ctx.body.keyId);
      app.passwordCredentials.splice(i, 1);
      state.removedSecrets.push({ applicationId: app.id, keyId: ctx.body.keyId });
      return { status: 204 };
    }],

    // delegated permission grants
    ['GET', /^\/oauth2PermissionGrants$/, (ctx) => {
      need(ctx, 'readGrants');
      const list = filterList(state.oauth2PermissionGrants, ctx.query, 'oAuth2PermissionGrant',
        ['id', 'clientId', 'resourceId', 'consentType', 'principalId']);
      return ok(collection('oauth2PermissionGrants', list, ctx.query, 'oAuth2PermissionGrant'));
    }],
    ['GET', /^\/oauth2PermissionGrants\/([^/]+)$/, (ctx, [id]) => {
      need(ctx, 'readGrants');
      const g = visible(ctx, state.oauth2PermissionGrants.find((x) => x.id === id));
      if (!g) throw notFound(id);
      return ok(entity('oauth2PermissionGrants', g, ctx.query, 'oAuth2PermissionGrant'));
    }],
    ['GET', /^\/servicePrincipals(?:\/([^/()]+)|\(appId='([^']*)'\))\/oauth2PermissionGrants$/, (ctx, [id, appId]) => {
      need(ctx, 'readGrants');
      const sp = findSp(ctx, { id, appId });
      if (!sp) throw notFound(id ?? appId);
      return ok(collection('oauth2PermissionGrants', state.oauth2PermissionGrants.filter((g) => eqi(g.clientId, sp.id)), ctx.query, 'oAuth2PermissionGrant'));
    }],
    ['POST', /^\/oauth2PermissionGrants$/, (ctx) => {
      need(ctx, 'writeGrants');
      checkBody('createOAuth2PermissionGrant', ctx.body);
      const b = ctx.body;
      requireProps(b, ['clientId', 'consentType', 'resourceId'], 'OAuth2PermissionGrant');
      const consentType = ['AllPrincipals', 'Principal'].find((c) => eqi(c, b.consentType));
      if (!consentType) throw badRequest("Invalid value specified for property 'consentType' of resource 'OAuth2PermissionGrant'.");
      if (consentType === 'Principal' && !b.principalId) throw badRequest("Invalid value specified for property 'principalId' of resource 'OAuth2PermissionGrant'.");
      if (consentType === 'AllPrincipals' && b.principalId) throw badRequest("Property 'principalId' must be null when consentType is AllPrincipals.");
      const client = findSp(ctx, { id: b.clientId });
      if (!client) throw notFound(b.clientId);
      const resource = findSp(ctx, { id: b.resourceId });
      if (!resource) throw notFound(b.resourceId);
      if (state.oauth2PermissionGrants.some((g) => eqi(g.clientId, client.id) && eqi(g.resourceId, resource.id)
        && g.consentType === consentType && (g.principalId ?? null) === (b.principalId ?? null))) {
        throw new GraphError(409, 'Request_MultipleObjectsWithSameKeyValue', 'Permission entry already exists.');
      }
      const scope = normalizeScopeString(b.scope);
      warnUnknownScopes(scope, resource);
      const grant = created(ctx, { id: base64url(randomBytes(32)), clientId: client.id, consentType, principalId: b.principalId ?? null, resourceId: resource.id, scope });
      state.oauth2PermissionGrants.push(grant);
      return created201(entity('oauth2PermissionGrants', grant, null, 'oAuth2PermissionGrant'));
    }],
    ['PATCH', /^\/oauth2PermissionGrants\/([^/]+)$/, (ctx, [id]) => {
      need(ctx, 'writeGrants');
      checkBody('updateOAuth2PermissionGrant', ctx.body);
      const g = visible(ctx, state.oauth2PermissionGrants.find((x) => x.id === id));
      if (!g) throw notFound(id);
      for (const k of Object.keys(ctx.body)) {
        if (k !== 'scope' && !k.startsWith('@odata.') && ctx.body[k] !== g[k]) {
          throw badRequest(`Property '${k}' cannot be updated; only 'scope' can.`);
        }
      }
      if (ctx.body.scope !== undefined) {
        g.scope = normalizeScopeString(ctx.body.scope);
        warnUnknownScopes(g.scope, state.servicePrincipals.find((s) => s.id === g.resourceId));
      }
      return { status: 204 };
    }],

    // users and mail
    ['GET', /^\/me$/, (ctx) => {
      need(ctx, 'me');
      return ok(userEntity(ctx.auth.me, ctx.query));
    }],
    ['GET', /^\/users\/([^/]+)$/, (ctx, [key]) => {
      need(ctx, eqi(key, ctx.auth.me?.id) || eqi(key, ctx.auth.me?.userPrincipalName) ? 'me' : 'readUsers');
      const user = visible(ctx, findUser(key));
      if (!user) throw notFound(key);
      return ok(userEntity(user, ctx.query));
    }],
    ['POST', /^\/(?:me|users\/([^/]+))\/(?:microsoft\.graph\.)?sendMail$/, (ctx, [key]) => {
      need(ctx, 'sendMail');
      const body = normalizeSendMail(ctx.body);
      checkBody('sendMail', body, { directory: false });
      let sender = ctx.auth.me;
      if (key !== undefined) {
        const user = findUser(key);
        if (!user) throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${key}' is invalid.`);
        if (user !== ctx.auth.me) throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
        sender = user;
      }
      if (!sender?.mail) {
        throw new GraphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
      }
      const message = body.Message;
      if (!message) throw badRequest("The parameter 'Message' in the request payload is not a valid parameter for the operation 'sendMail'.", 'ErrorInvalidParameter');
      const recipients = ['toRecipients', 'ccRecipients', 'bccRecipients'].flatMap((k) => message[k] ?? []);
      const addresses = recipients.map((r) => r?.emailAddress?.address);
      if (!addresses.length || addresses.some((a) => typeof a !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a))) {
        throw badRequest('At least one recipient is not valid., Recipient is not resolved. All recipients must be resolved before a message can be submitted.', 'ErrorInvalidRecipients');
      }
      state.sentMail.push({
        from: sender.mail, to: addresses, subject: message.subject ?? null, contentType: message.body?.contentType ?? null,
        content: message.body?.content ?? null, saveToSentItems: body.SaveToSentItems ?? true, at: new Date().toISOString(),
      });
      return { status: 202 };
    }],
  ];

  function findUser(key) {
    return state.users.find((u) => eqi(u.id, key) || eqi(u.userPrincipalName, key));
  }

  function userEntity(user, query) {
    const sel = query?.get('$select');
    const shown = sel ? user : Object.fromEntries(DEFAULT_USER_PROPS.map((p) => [p, user[p] ?? (p === 'businessPhones' ? [] : null)]));
    return entity('users', shown, query, 'user');
  }

  function warnUnknownScopes(scope, resource) {
    for (const s of scope.split(' ').filter(Boolean)) {
      if (!resource?.oauth2PermissionScopes?.some((p) => p.value === s)) {
        state.warnings.push(`oauth2PermissionGrant scope '${s}' is not a delegated permission of '${resource?.displayName}' (Graph stores it anyway)`);
      }
    }
  }

  function normalizeSendMail(body) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
    const out = {};
    for (const [k, v] of Object.entries(body)) {
      const canonical = { message: 'Message', savetosentitems: 'SaveToSentItems' }[k.toLowerCase()] ?? k;
      if (canonical in out) throw badRequest(`The parameter '${canonical}' is given more than once.`, 'BadRequest');
      out[canonical] = v;
    }
    return out;
  }

  // ---------------------------------------------------------------- query helpers
  function select(obj, query, entityName) {
    const clean = present(obj);
    const sel = query?.get('$select');
    if (!sel) return clean;
    const props = sel.split(',').map((s) => s.trim()).filter(Boolean);
    const known = openapi.entities[entityName];
    for (const p of props) {
      if (known && !known.has(p) && p !== 'id') {
        throw badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${p}' on type 'microsoft.graph.${entityName}'.`, 'BadRequest');
      }
    }
    return Object.fromEntries(props.map((p) => [p, clean[p] ?? null]));
  }

  function entity(setName, obj, query, entityName) {
    return { '@odata.context': `${GRAPH_ROOT}/$metadata#${setName}/$entity`, ...select(obj, query, entityName) };
  }

  function collection(setName, list, query, entityName) {
    let items = list;
    const top = query?.get('$top');
    if (top !== null && top !== undefined) {
      const n = Number(top);
      if (!Number.isInteger(n) || n < 1 || n > 999) throw badRequest(`Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`, 'Request_UnsupportedQuery');
      items = items.slice(0, n);
    }
    return { '@odata.context': `${GRAPH_ROOT}/$metadata#${setName}`, value: items.map((o) => select(o, query, entityName)) };
  }

  function filterList(list, query, resource, allowed) {
    const f = query?.get('$filter');
    if (!f) return list;
    const pred = parseFilter(f, allowed, resource);
    return list.filter(pred);
  }

  // ---------------------------------------------------------------- dispatch
  async function execute(req, ctx) {
    // req: { method, path, query, headers, body, bodyError }
    const started = { req, lagTouched: new Set(), ...ctx };
    const delay = takeFault(req, 'delay');
    if (delay) await sleep(delay.delayMs);
    const fault = takeFault(req, 'status');
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault && fault.phase !== 'after') {
      if (fault.status === 401 && fault.expire !== false && ctx.auth?.token) expiredTokens.add(ctx.auth.token);
      throw faultResponse(fault);
    }
    if (req.bodyError) throw req.bodyError;
    let matchedPath = false;
    for (const [method, re, handler] of routes) {
      const m = re.exec(req.path);
      if (!m) continue;
      matchedPath = true;
      if (method !== req.method) continue;
      const result = await handler({ ...started, query: req.query, headers: req.headers, body: req.body },
        m.slice(1).map((x) => (x === undefined ? undefined : x)));
      if (fault) throw faultResponse(fault); // phase 'after': the operation happened, the caller sees an error
      return result;
    }
    if (matchedPath) throw new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
    const segments = req.path.split('/').filter(Boolean);
    const roots = ['organization', 'policies', 'servicePrincipals', 'applications', 'oauth2PermissionGrants', 'users', 'me'];
    const segment = segments.length && roots.includes(segments[0].replace(/\(.*$/, '')) ? segments[segments.length - 1] : (segments[0] ?? '');
    throw badRequest(`Resource not found for the segment '${segment}'.`, 'BadRequest');
  }

  async function batch(body, ctx, outerHeaders) {
    if (!body || !Array.isArray(body.requests)) throw badRequest('Invalid batch payload format.', 'BadRequest');
    if (body.requests.length === 0) throw badRequest('Invalid batch payload format: no requests.', 'BadRequest');
    if (body.requests.length > 20) throw badRequest('The number of requests in the batch (' + body.requests.length + ') exceeds the limit of 20.', 'BadRequest');
    const ids = new Set();
    for (const r of body.requests) {
      if (!r || typeof r.id !== 'string' || !r.id) throw badRequest('Invalid batch payload format: each request needs a string id.', 'BadRequest');
      if (ids.has(r.id)) throw badRequest(`Request id '${r.id}' is not unique within the batch.`, 'BadRequest');
      ids.add(r.id);
      if (typeof r.method !== 'string' || !['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method.toUpperCase())) {
        throw badRequest(`Invalid method for request id '${r.id}'.`, 'BadRequest');
      }
      if (typeof r.url !== 'string' || !r.url || /^[a-z]+:/i.test(r.url)) throw badRequest(`Invalid url for request id '${r.id}': a URL relative to the version is required.`, 'BadRequest');
      const headerKeys = Object.keys(r.headers ?? {}).map((k) => k.toLowerCase());
      if (r.body !== undefined && !headerKeys.includes('content-type')) {
        throw badRequest(`Write request id : ${r.id} does not contain Content-Type header or body.`, 'BadRequest');
      }
      for (const dep of r.dependsOn ?? []) {
        if (!ids.has(dep) || dep === r.id) throw badRequest(`Request id '${r.id}' depends on '${dep}', which is not an earlier request in the batch.`, 'BadRequest');
      }
    }
    const responses = [];
    const statusById = new Map();
    for (const r of body.requests) {
      const url = new URL(r.url.startsWith('/') ? r.url : `/${r.url}`, 'http://x');
      const path = normalizePath(url.pathname);
      const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      const method = r.method.toUpperCase();
      let response;
      if ((r.dependsOn ?? []).some((d) => statusById.get(d) >= 400)) {
        response = errorResponse(new GraphError(424, 'FailedDependency', 'The request could not be completed because a request it depends on failed.'), headers);
      } else if (path === '/$batch') {
        response = errorResponse(badRequest('Batch requests cannot be nested.', 'BadRequest'), headers);
      } else {
        let bodyValue = r.body;
        let bodyError = null;
        if (typeof bodyValue === 'string' && /json/i.test(headers['content-type'] ?? '')) {
          try { bodyValue = JSON.parse(bodyValue); } catch { bodyError = badRequest('Unable to read JSON request payload.', 'BadRequest'); }
        }
        const inner = { method, path, rawPath: url.pathname, query: url.searchParams, headers, body: bodyValue, bodyError };
        response = await run(inner, { ...ctx, inBatch: true });
      }
      statusById.set(r.id, response.status);
      log({ method, path, query: url.search, status: response.status, batch: true, batchRequestId: r.id, error: response.body?.error?.code });
      responses.push({ id: r.id, status: response.status, headers: response.headers, ...(response.body !== undefined ? { body: response.body } : {}) });
    }
    return ok({ responses });
  }

  async function run(req, ctx) {
    try {
      const res = await execute(req, ctx);
      const headers = { ...(res.headers ?? {}) };
      if (res.body !== undefined) headers['Content-Type'] = JSON_TYPE;
      return { status: res.status, headers, body: res.body };
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      return errorResponse(e, req.headers);
    }
  }

  function errorResponse(e, reqHeaders = {}) {
    const requestId = randomUUID();
    const innerError = { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': requestId, 'client-request-id': reqHeaders['client-request-id'] ?? requestId };
    return {
      status: e.status,
      headers: { 'Content-Type': JSON_TYPE, ...e.headers },
      body: { error: { code: e.code, message: e.message, innerError } },
    };
  }

  function log(entry) {
    state.log.push({ at: Date.now(), ...entry });
  }

  // ---------------------------------------------------------------- HTTP
  const server = createServer(async (httpReq, httpRes) => {
    const origin = httpReq.headers.origin;
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS.join(', ') };
    if (origin) cors.Vary = 'Origin';
    const url = new URL(httpReq.url, 'http://x');
    if (httpReq.method === 'OPTIONS') {
      const requested = (httpReq.headers['access-control-request-headers'] ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
      const allowed = requested.filter((h) => allowHeaders.includes(h));
      httpRes.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': (allowed.length ? allowed : allowHeaders).join(', '),
        'Access-Control-Max-Age': '600',
      });
      httpRes.end();
      state.log.push({ at: Date.now(), method: 'OPTIONS', path: url.pathname, status: 204, preflight: true });
      return;
    }
    const chunks = [];
    for await (const c of httpReq) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(Object.entries(httpReq.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    const requestId = randomUUID();
    let result;
    let logPath = url.pathname;
    try {
      if (!url.pathname.startsWith('/v1.0/') && url.pathname !== '/v1.0') {
        throw badRequest(`Invalid version: ${url.pathname.split('/')[1] || '(none)'}`, 'BadRequest');
      }
      const rawPath = url.pathname.slice('/v1.0'.length) || '/';
      const path = normalizePath(rawPath);
      logPath = path;
      let body;
      let bodyError = null;
      if (raw.length) {
        if (!/^application\/json/i.test(headers['content-type'] ?? '')) {
          bodyError = new GraphError(415, 'UnsupportedMediaType', `The content type '${headers['content-type'] ?? ''}' is not supported; use application/json.`);
        } else {
          try { body = JSON.parse(raw); } catch {
            bodyError = badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.', 'BadRequest');
          }
        }
      }
      const auth = await authenticate(headers);
      const req = { method: httpReq.method, path, rawPath, query: url.searchParams, headers, body, bodyError };
      if (path === '/$batch' && httpReq.method === 'POST') {
        // The batch itself can be throttled; its inner requests are executed (and faulted) one by one.
        const fault = takeFault(req, 'status');
        if (fault) throw faultResponse(fault);
        if (bodyError) throw bodyError;
        result = await batch(body, { auth }, headers);
        result.headers = { 'Content-Type': JSON_TYPE };
      } else {
        result = await run(req, { auth });
      }
    } catch (e) {
      if (!(e instanceof GraphError)) {
        console.error('graph-emulator: internal error', e);
        e = new GraphError(500, 'InternalServerError', String(e?.message ?? e));
      }
      result = errorResponse(e, headers);
    }
    const out = {
      ...cors,
      'request-id': requestId,
      'client-request-id': headers['client-request-id'] ?? requestId,
      'OData-Version': '4.0',
      ...result.headers,
    };
    log({ method: httpReq.method, path: logPath, query: url.search, status: result.status, error: result.body?.error?.code });
    httpRes.writeHead(result.status, out);
    httpRes.end(result.body !== undefined ? JSON.stringify(result.body) : undefined);
  });

  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolveListen);
  });
  const { port: actualPort } = server.address();
  const url = `http://${host}:${actualPort}`;

  return {
    /** Origin of the emulator; Graph calls go to `${url}/v1.0/...` (like https://graph.microsoft.com). */
    url,
    graphBase: `${url}/v1.0`,
    state,
    provision,
    inject,
    clearFaults,
    faults,
    /** Every later request with any token seen so far gets 401 "token is expired". */
    expireTokens() { expireAllBefore = tokenSeq; },
    /** Requests the browser made (no preflights, no inner batch requests): one per HTTP round trip. */
    roundTrips(filter = () => true) {
      return state.log.filter((e) => !e.preflight && !e.batch && filter(e));
    },
    close() {
      return new Promise((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      });
    },
  };
}

// ---------------------------------------------------------------------------- helpers

function createState(seed) {
  return {
    tenantId: seed.tenantId,
    organization: structuredClone(seed.organization),
    authorizationPolicy: {
      id: 'authorizationPolicy', displayName: 'Authorization Policy', description: 'Used to manage authorization related settings across the company.',
      allowEmailVerifiedUsersToJoinOrganization: false, allowInvitesFrom: 'everyone', allowUserConsentForRiskyApps: null,
      allowedToSignUpEmailBasedSubscriptions: true, allowedToUseSSPR: true, blockMsolPowerShell: false, guestUserRoleId: '10dae51f-b6af-4016-8d66-8c2a99b929b3',
      defaultUserRolePermissions: {
        allowedToCreateApps: true, allowedToCreateSecurityGroups: true, allowedToCreateTenants: true,
        allowedToReadBitlockerKeysForOwnedDevice: true, allowedToReadOtherUsers: true,
        permissionGrantPoliciesAssigned: structuredClone(seed.permissionGrantPoliciesAssigned),
      },
    },
    maxSecretLifetimeDays: seed.maxSecretLifetimeDays,
    users: structuredClone(seed.users).map((u) => ({ businessPhones: [], givenName: null, jobTitle: null, mobilePhone: null, officeLocation: null, preferredLanguage: null, surname: null, ...u })),
    servicePrincipals: structuredClone(seed.servicePrincipals).map((s) => ({ deletedDateTime: null, tags: [], keyCredentials: [], passwordCredentials: [], replyUrls: [], ...s })),
    applications: [],
    appRoleAssignments: [],
    oauth2PermissionGrants: [],
    /** Secrets addPassword returned (Graph never shows them again; tests search storage for them). */
    issuedSecrets: [],
    /** removePassword calls that removed a secret: { applicationId, keyId }. */
    removedSecrets: [],
    /** Mail accepted by sendMail: { from, to[], subject, contentType, content, saveToSentItems, at }. */
    sentMail: [],
    /** Things real Graph accepts but that are probably mistakes (e.g. a grant scope the resource does not expose). */
    warnings: [],
    /** { at, method, path, query, status, error?, batch?, batchRequestId?, preflight? } */
    log: [],
  };
}

function normalizePath(p) {
  let path = decodeURIComponent(p);
  if (path.length > 1) path = path.replace(/\/+$/, '');
  return path;
}

/** `match`: undefined (all), 'METHOD /path' with * wildcards, a RegExp on 'METHOD /path', or a function(req). */
function matches(match, req) {
  if (match === undefined || match === null) return true;
  const path = req.path.replace(/\/microsoft\.graph\./g, '/');
  const line = `${req.method} ${path}`;
  if (typeof match === 'function') return !!match({ ...req, path });
  if (match instanceof RegExp) return match.test(line);
  const m = /^(\S+)\s+(\S+)$/.exec(match.trim());
  const [method, pattern] = m ? [m[1].toUpperCase(), m[2]] : ['*', match.trim()];
  if (method !== '*' && method !== req.method) return false;
  const re = new RegExp(`^${pattern.replace(/\/microsoft\.graph\./g, '/').split('*').map(escapeRe).join('.*')}$`, 'i');
  return re.test(path);
}

/** A small OData $filter: `a eq 'x' and b eq 'y'`, startswith(p,'x'), coll/any(c:c eq 'x'), eq true/false/null. */
export function parseFilter(text, allowed, resource) {
  const clauses = text.split(/\s+and\s+/i);
  const preds = clauses.map((c) => {
    const clause = c.trim().replace(/^\((.*)\)$/, '$1');
    let m = /^([A-Za-z]+)\s+(eq|ne)\s+(.+)$/i.exec(clause);
    if (m) {
      const [, prop, op, lit] = m;
      assertAllowed(prop);
      const value = literal(lit);
      return (o) => (op.toLowerCase() === 'eq') === eqValue(o[prop], value);
    }
    m = /^startswith\(\s*([A-Za-z]+)\s*,\s*('(?:[^']|'')*')\s*\)$/i.exec(clause);
    if (m) {
      assertAllowed(m[1]);
      const prefix = literal(m[2]).toLowerCase();
      return (o) => typeof o[m[1]] === 'string' && o[m[1]].toLowerCase().startsWith(prefix);
    }
    m = /^([A-Za-z]+)\/any\(\s*(\w+)\s*:\s*\2\s+eq\s+('(?:[^']|'')*')\s*\)$/i.exec(clause);
    if (m) {
      assertAllowed(m[1]);
      const value = literal(m[3]);
      return (o) => Array.isArray(o[m[1]]) && o[m[1]].some((x) => eqValue(x, value));
    }
    throw badRequest(`Invalid filter clause: ${clause}`, 'BadRequest');
  });
  return (o) => preds.every((p) => p(o));

  function assertAllowed(prop) {
    if (!allowed.includes(prop)) {
      throw badRequest(`Unsupported or invalid query filter clause specified for property '${prop}' of resource '${capitalize(resource)}'.`, 'Request_UnsupportedQuery');
    }
  }
}

function literal(lit) {
  const t = lit.trim();
  if (/^'(?:[^']|'')*'$/.test(t)) return t.slice(1, -1).replace(/''/g, "'");
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  if (GUID.test(t)) return t;
  throw badRequest(`Invalid filter literal: ${t}`, 'BadRequest');
}

function eqValue(a, b) {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return (a ?? null) === b;
}

function present(obj) {
  if (Array.isArray(obj)) return obj.map(present);
  if (!obj || typeof obj !== 'object') return obj;
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !k.startsWith('_')).map(([k, v]) => [k, present(v)]));
}

/** PATCH semantics: nested objects merge, arrays and scalars replace; @odata annotations are dropped. */
function mergeInto(target, patch) {
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (k.includes('@odata.')) continue;
    if (v && typeof v === 'object' && !Array.isArray(v) && target[k] && typeof target[k] === 'object' && !Array.isArray(target[k])) {
      mergeInto(target[k], v);
    } else {
      target[k] = structuredClone(v);
    }
  }
  return target;
}

function omit(obj, keys) {
  return Object.fromEntries(Object.entries(obj ?? {}).filter(([k]) => !keys.includes(k)));
}

function ok(body, headers) {
  return { status: 200, body, headers };
}

function created201(body, headers) {
  return { status: 201, body, headers };
}

function normalizeScopes(scope) {
  return new Set(scope.split(/\s+/).filter(Boolean).map((s) => s.replace(/^https:\/\/graph\.microsoft\.com\//i, '').toLowerCase()));
}

function normalizeScopeString(scope) {
  return (scope ?? '').split(/\s+/).filter(Boolean).join(' ');
}

function validRedirectUri(uri, kind) {
  if (typeof uri !== 'string' || uri.length > 256) return false;
  let u;
  try { u = new URL(uri); } catch { return false; }
  if (u.hash) return false;
  if (u.protocol === 'https:') return true;
  if (u.protocol === 'http:') return ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  return kind === 'publicClient'; // custom schemes only for mobile/desktop
}

function wwwAuthenticate(error) {
  return `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"${error ? `, error="${error}"` : ''}`;
}

function generateSecret() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.~';
  const bytes = randomBytes(37);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 3).join('')}8Q~${chars.slice(3).join('')}`; // 40 characters, Entra's current shape
}

function base64url(buf) {
  return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function iso(d) {
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

function eqi(a, b) {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

function capitalize(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
