// A local stand-in for the Webex Connect APIs the app calls, with the documented answers
// (DOMAIN.md section 2): Send Message API v2 (201 / 400 code 7000 / 401 with an empty body),
// Digital Channel Onboarding and the contact-center entry-point list. `cors: false` gives a
// host that answers but never allows a web page to read it, as an un-configured host does.
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';

export const GOOD_KEY = 'emu-service-key-9f3a';
export const SERVICE_ID = 'svc-emulator';
export const SERVICE_SECRET_B64 = Buffer.from('emulator-service-secret-bytes-0123').toString('base64');
export const GOOD_TOKEN = 'emu-webex-pat-71c2';
export const ORG_ID = 'org-emulator-1';
export const ASSET_ID = 'asset-42';
/** A recipient the emulator treats as a malformed body (code 7000). */
export const INVALID_RECIPIENT = 'trigger-7000@example.org';

const b64url = (buf) => Buffer.from(buf).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Checks an HS256 service JWT independently of the app (Node's crypto). */
function validJwt(token) {
  const [h, c, s] = token.split('.');
  if (!h || !c || !s) return false;
  const expected = b64url(createHmac('sha256', Buffer.from(SERVICE_SECRET_B64, 'base64')).update(`${h}.${c}`).digest());
  if (expected !== s) return false;
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  const claims = JSON.parse(Buffer.from(c, 'base64url').toString());
  const now = Math.floor(Date.now() / 1000);
  return header.alg === 'HS256' && claims.iss === SERVICE_ID && claims.exp - claims.iat === 3600
    && Math.abs(claims.iat - now) < 300;
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export async function startEmulator({ cors = true } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const body = await readBody(req);
    const headers = { ...req.headers };
    if (cors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'key, authorization, content-type, accept, x-organization-id, trackingid');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      return res.end();
    }
    requests.push({ method: req.method, path: url.pathname, search: url.search, headers, body });
    const json = (status, value) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const bearer = (headers.authorization ?? '').replace(/^Bearer /, '');

    if (req.method === 'POST' && url.pathname === '/v2/messages') {
      if (headers.key !== GOOD_KEY && !validJwt(bearer)) {
        res.writeHead(401);
        return res.end();
      }
      let msg;
      try { msg = JSON.parse(body); } catch { return json(400, { code: '7000', message: 'Invalid JSON' }); }
      const to = msg?.to?.[0]?.email?.[0];
      if (msg.channel !== 'email' || !msg.from || !to || to === INVALID_RECIPIENT) {
        return json(400, { code: '7000', message: 'Invalid JSON' });
      }
      return json(201, {
        requestTimestamp: new Date().toISOString(),
        messageId: `msg-${requests.length}-emu`,
        correlationId: 'corr-emu-1',
        status: 'queued',
      });
    }
    if (req.method === 'POST' && url.pathname === '/connectapi/v2/digital/app' && url.searchParams.get('channel') === 'email') {
      if (bearer !== GOOD_TOKEN) { res.writeHead(401); return res.end(); }
      if (headers['x-organization-id'] !== ORG_ID) return json(403, { message: 'organization mismatch' });
      try { JSON.parse(body); } catch { return json(400, { code: '7000', message: 'Invalid JSON' }); }
      return json(201, { id: ASSET_ID });
    }
    const ep = url.pathname.match(/^\/organization\/([^/]+)\/entry-point$/);
    if (req.method === 'GET' && ep) {
      if (bearer !== GOOD_TOKEN) { res.writeHead(401); return res.end(); }
      if (decodeURIComponent(ep[1]) !== ORG_ID) return json(403, { message: 'organization mismatch' });
      return json(200, [
        { id: 'ep-1', name: 'Phone line', channelType: 'TELEPHONY' },
        { id: 'ep-2', name: 'Support mail', channelType: 'EMAIL', assetId: ASSET_ID },
        { id: 'ep-3', name: 'Sales mail', channelType: 'EMAIL', assetId: 'asset-7' },
      ]);
    }
    json(404, { message: 'not found' });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { server, base: `http://127.0.0.1:${port}`, requests };
}
