// npm oidc-provider as a stand-in for the Microsoft identity platform in end-to-end tests:
// authorization code + PKCE (S256 required), one public single-page-app client, Entra-style scope
// names, cross-origin /token, the provider's built-in development login and consent pages.
// Its access tokens are opaque; validateToken() lets the Graph emulator accept only those.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

export const GRAPH_SCOPES = [
  'User.Read', 'User.Read.All', 'Organization.Read.All', 'Policy.Read.All', 'Application.Read.All',
  'Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All',
  'Directory.Read.All', 'Mail.Send',
].map((s) => `https://graph.microsoft.com/${s}`);

export const OUTLOOK_SCOPES = ['SMTP.Send', 'IMAP.AccessAsUser.All', 'POP.AccessAsUser.All']
  .map((s) => `https://outlook.office.com/${s}`);

/**
 * @param {object} opts
 * @param {number} [opts.port=0]
 * @param {string} [opts.host='127.0.0.1']
 * @param {string[]} opts.redirectUris     the SPA's redirect URIs (exact match, as Entra's "spa" platform)
 * @param {string} [opts.clientId]
 * @param {string[]} [opts.scopes]          extra scope names accepted besides GRAPH_SCOPES and OUTLOOK_SCOPES
 * @param {number} [opts.accessTokenTtl=3600] seconds
 * @param {boolean} [opts.oneResourcePerRequest=true] refuse scopes of two resources in one request (AADSTS28000)
 * @param {boolean} [opts.entraOfflineAccess=false] add prompt=consent to authorization requests that ask for
 *        offline_access without a prompt, so a refresh token is issued as Entra would (OIDC drops offline_access
 *        without prompt=consent); the consent page is then shown on every such sign-in
 * @param {string} [opts.tenantId]          returned as `tid` in the ID token and userinfo
 */
export async function startOidc(opts = {}) {
  const {
    port = 0, host = '127.0.0.1', redirectUris = [], clientId = 'spa-test-client', accessTokenTtl = 3600,
    oneResourcePerRequest = true, entraOfflineAccess = false, tenantId = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  } = opts;
  if (!redirectUris.length) throw new Error('startOidc: redirectUris is required');

  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const issuer = `http://${host}:${server.address().port}`;

  /** access token value -> { accountId, scope, clientId, exp } for tokens this server issued. */
  const issued = new Map();
  const expired = new Set();

  const scopes = ['openid', 'offline_access', 'profile', 'email', ...GRAPH_SCOPES, ...OUTLOOK_SCOPES, ...(opts.scopes ?? [])];
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      application_type: 'web',
      token_endpoint_auth_method: 'none', // public client, as an Entra "spa" registration
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: redirectUris,
    }],
    scopes,
    claims: {
      openid: ['sub', 'tid'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    pkce: { required: () => true },
    clientBasedCORS: () => true,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 600,
      IdToken: 3600,
      Interaction: 3600,
      Session: 86400,
      Grant: 86400,
      RefreshToken: 86400, // SPA refresh tokens live 24 h at Entra
    },
    cookies: { keys: ['graph-emulator-test-cookie-key'] },
    async findAccount(ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, tid: tenantId, name: sub, preferred_username: sub, email: sub.includes('@') ? sub : undefined };
        },
      };
    },
    // Keep the browser test's console quiet about the default renderers.
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>oidc error</title><h1>${escapeHtml(out.error)}</h1><p>${escapeHtml(out.error_description ?? '')}</p>`;
    },
  });
  provider.proxy = false;

  // Opaque tokens are stored ('saved'); structured ones would be 'issued'. The value is the jti.
  const remember = (token) => {
    issued.set(token.jti, { accountId: token.accountId, scope: token.scope, clientId: token.clientId, exp: token.exp });
  };
  provider.on('access_token.saved', remember);
  provider.on('access_token.issued', remember);

  provider.use(async (ctx, next) => {
    if (entraOfflineAccess && ctx.path === '/auth' && ctx.method === 'GET' && !ctx.query.prompt
      && (ctx.query.scope ?? '').split(/\s+/).includes('offline_access')) {
      const url = new URL(ctx.href);
      url.searchParams.set('prompt', 'consent');
      ctx.redirect(url.href);
      return;
    }
    await next();
  });

  // AADSTS28000-style refusal of an authorization request for two resources (e.g. Graph and Outlook scopes).
  provider.use(async (ctx, next) => {
    if (oneResourcePerRequest && ctx.path === '/auth' && ctx.method === 'GET') {
      const params = ctx.query;
      const resources = new Set((params.scope ?? '').split(/\s+/).filter((s) => /^https?:\/\//.test(s))
        .map((s) => new URL(s).origin));
      if (resources.size > 1) {
        const description = 'AADSTS28000: Provided value for the input parameter scope is not valid because it contains more than one resource.';
        if (redirectUris.includes(params.redirect_uri)) {
          const to = new URL(params.redirect_uri);
          to.searchParams.set('error', 'invalid_scope');
          to.searchParams.set('error_description', description);
          if (params.state) to.searchParams.set('state', params.state);
          ctx.redirect(to.href);
          return;
        }
        ctx.status = 400;
        ctx.type = 'html';
        ctx.body = `<!doctype html><title>oidc error</title><h1>invalid_scope</h1><p>${description}</p>`;
        return;
      }
    }
    await next();
  });

  server.on('request', provider.callback());

  return {
    issuer,
    url: issuer,
    clientId,
    discovery: `${issuer}/.well-known/openid-configuration`,
    provider,
    /** For the Graph emulator: false for unknown tokens, { expired: true } for issued ones past their life. */
    async validateToken(value) {
      const meta = issued.get(value);
      if (!meta) return false;
      if (expired.has(value)) return { ...meta, expired: true };
      const token = await provider.AccessToken.find(value);
      if (!token) return { ...meta, expired: true };
      return { accountId: token.accountId, scope: token.scope, clientId: token.clientId };
    },
    /** Tokens issued so far (value -> metadata). */
    issued,
    /** Every token issued so far counts as expired from now on (new sign-ins get working tokens). */
    expireTokens() {
      for (const value of issued.keys()) expired.add(value);
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
