// A plain static file server (no rewrites, no SPA fallback): what any intranet web server
// does. Deep links work because the build puts an index.html in each step's folder.
//   node scripts/serve.mjs --dir dist [--port 8080] [--host 127.0.0.1] [--prefix /setup/]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

export function startServer({ dir, port = 0, host = '127.0.0.1', prefix = '/' }) {
  const root = resolve(dir);
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const server = createServer(async (req, res) => {
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
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(400).end();
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

function redirect(res, location) {
  res.writeHead(301, { location }).end();
}
function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = Object.fromEntries(
    process.argv.slice(2).reduce((acc, v, i, all) => (v.startsWith('--') ? [...acc, [v.slice(2), all[i + 1]]] : acc), []),
  );
  const server = await startServer({ dir: args.dir ?? 'dist', port: Number(args.port ?? 8080), host: args.host, prefix: args.prefix });
  const { address, port } = server.address();
  console.log(`serving ${args.dir ?? 'dist'} at http://${address}:${port}${args.prefix ?? '/'} (Ctrl+C stops)`);
}
