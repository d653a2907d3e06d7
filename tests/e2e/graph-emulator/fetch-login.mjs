// Signs in against startOidc() with plain fetch (no browser): authorization request with PKCE,
// the dev login form, the consent form, then the redirect carrying the code. For node tests and
// scripts (e.g. a round-trip benchmark) that need a real access token for the Graph emulator.
import { createHash, randomBytes } from 'node:crypto';

export function pkcePair(verifier = base64url(randomBytes(32))) {
  return { verifier, challenge: base64url(createHash('sha256').update(verifier).digest()) };
}

/**
 * Runs the authorization request through login and consent. Returns the final redirect as a URL
 * (with code, state, iss; or error, error_description when `cancel` aborts at consent).
 */
export async function authorize({ issuer, clientId, redirectUri, scope, state = base64url(randomBytes(12)), challenge,
  login = 'admin@contoso.onmicrosoft.com', password = 'any', cancel = false, extra = {} }) {
  const jar = new Map();
  const auth = new URL('/auth', issuer);
  const params = {
    client_id: clientId, response_type: 'code', redirect_uri: redirectUri, scope, state,
    code_challenge: challenge, code_challenge_method: 'S256', response_mode: 'query', ...extra,
  };
  for (const [k, v] of Object.entries(params)) if (v !== undefined) auth.searchParams.set(k, v);

  let res = await step(auth.href);
  for (let hops = 0; hops < 20; hops++) {
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, issuer);
      if (next.href.startsWith(redirectUri.split('?')[0]) && next.origin !== new URL(issuer).origin) return next;
      if (next.href.split('?')[0] === redirectUri.split('?')[0]) return next;
      res = await step(next.href);
      continue;
    }
    if (res.status !== 200) throw new Error(`authorize: unexpected ${res.status} ${await res.text()}`);
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`authorize: no interaction form in page: ${html.slice(0, 500)}`);
    if (prompt === 'consent' && cancel) {
      const abort = /href="([^"]*\/abort)"/.exec(html)?.[1];
      res = await step(new URL(abort.replace(/&amp;/g, '&'), issuer).href);
      continue;
    }
    const form = prompt === 'login' ? { prompt, login, password } : { prompt };
    res = await step(new URL(action.replace(/&amp;/g, '&'), issuer).href, new URLSearchParams(form));
  }
  throw new Error('authorize: too many redirects');

  async function step(href, body) {
    const r = await fetch(href, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') jar.delete(name); else jar.set(name, value);
    }
    return r;
  }
}

/** POST /token with the code and verifier, as a SPA does (Origin header set). Returns { status, json, headers }. */
export async function redeem({ issuer, clientId, redirectUri, code, verifier, origin = new URL(redirectUri).origin }) {
  const discovery = await (await fetch(new URL('/.well-known/openid-configuration', issuer))).json();
  const r = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier }),
  });
  return { status: r.status, json: await r.json(), headers: r.headers };
}

/** authorize + redeem: an access token for `scope`. */
export async function signIn({ issuer, clientId, redirectUri, scope, login }) {
  const { verifier, challenge } = pkcePair();
  const back = await authorize({ issuer, clientId, redirectUri, scope, challenge, login });
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`signIn: no code in ${back.href}`);
  const { status, json } = await redeem({ issuer, clientId, redirectUri, code, verifier });
  if (status !== 200) throw new Error(`signIn: token endpoint ${status} ${JSON.stringify(json)}`);
  return json;
}

function base64url(buf) {
  return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
