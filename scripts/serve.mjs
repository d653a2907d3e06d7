// A plain static file server (no rewrites, no SPA fallback): what any intranet web server
// does. Deep links work because the build puts an index.html in each step's folder. Like
// nginx's gzip_static/brotli_static, it sends the build's precompressed `.br`/`.gz` copy of
// a file when the browser accepts that encoding, and answers a revalidation (If-None-Match)
// with 304, as web servers do by default. Optional response headers (e.g. the
// Content-Security-Policy that scripts/csp prints) go on every response.
//   node scripts/serve.mjs --dir dist [--port 8080] [--host 127.0.0.1] [--prefix /setup/]
//                          [--csp "$(scripts/csp dist/config.json)"] [--header "Name: value"]...
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};
/** Preferred first: brotli is smaller. */
const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];

/** The encodings an Accept-Encoding header allows (a `;q=0` entry refuses one). */
export function acceptedEncodings(header = '') {
  const accepted = new Set();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

/**
 * `types`: content types by extension over the usual ones (a test can play a server that does not know .wasm).
 * @param {{ dir: string, port?: number, host?: string, prefix?: string, headers?: Record<string, string>, types?: Record<string, string> }} opts
 */
export function startServer({ dir, port = 0, host = '127.0.0.1', prefix = '/', headers = {}, types = {} }) {
  const root = resolve(dir);
  const typeOf = { ...TYPES, ...types };
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const server = createServer(async (req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      if (!path.startsWith(base)) {
        if (`${path}/` === base) return redirect(res, base + url.search);
        return notFound(res);
      }
      let file = normalize(join(root, path.slice(base.length)));
      if (file !== root && !file.startsWith(root + sep)) return notFound(res);
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        if (!path.endsWith('/')) return redirect(res, `${path}/${url.search}`);
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return notFound(res);
      const head = { 'content-type': typeOf[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
      let body = null;
      const accepted = acceptedEncodings(req.headers['accept-encoding']);
      for (const [encoding, suffix] of ENCODINGS) {
        if (!accepted.has(encoding)) continue;
        body = await readFile(file + suffix).catch(() => null);
        if (body) {
          head['content-encoding'] = encoding;
          break;
        }
      }
      // Whether a precompressed copy exists or not: a cache must not hand one encoding to
      // a browser that asked for another.
      if (body || (await stat(`${file}.gz`).catch(() => null))) head.vary = 'Accept-Encoding';
      body ??= await readFile(file);
      // A validator, as web servers send one: a revalidation (the service worker's install
      // fetches each file of the build with cache: 'no-cache') is answered 304, not sent again.
      // From the bytes sent, so each encoding's copy has its own and an edited file a new one.
      head.etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
      if (matches(req.headers['if-none-match'], head.etag)) {
        // A 304 carries the validator and caching headers, not the body's.
        const { etag, vary, 'cache-control': cacheControl } = head;
        return res.writeHead(304, { etag, 'cache-control': cacheControl, ...(vary ? { vary } : {}) }).end();
      }
      res.writeHead(200, head);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(400).end();
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

/** Whether an If-None-Match header names `etag` (weak comparison, as for GET). */
export function matches(header = '', etag) {
  const bare = (tag) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === etag);
}

function redirect(res, location) {
  res.writeHead(301, { location }).end();
}
function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}

/** `--name value` pairs; `--header` may repeat. */
function parseArgs(argv) {
  const args = { header: [] };
  for (let i = 0; i < argv.length; i += 1) {
    if (!argv[i].startsWith('--')) continue;
    const name = argv[i].slice(2);
    if (name === 'header') args.header.push(argv[i + 1]);
    else args[name] = argv[i + 1];
  }
  return args;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2));
  const headers = Object.fromEntries(args.header.map((h) => {
    const at = h.indexOf(':');
    return [h.slice(0, at).trim(), h.slice(at + 1).trim()];
  }));
  if (args.csp) headers['content-security-policy'] = args.csp;
  const server = await startServer({ dir: args.dir ?? 'dist', port: Number(args.port ?? 8080), host: args.host, prefix: args.prefix, headers });
  const { address, port } = server.address();
  console.log(`serving ${args.dir ?? 'dist'} at http://${address}:${port}${args.prefix ?? '/'} (Ctrl+C stops)`);
}
