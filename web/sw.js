// The app's service worker: keeps one build's files (the app shell) so that a page opened once
// reloads with no network. scripts/post-build.mjs writes dist/sw.js as
// `const BUILD = { version, files }` followed by this file: each deployment has its own
// sw.js, which the browser installs on the next load (then the page says a newer version is
// ready). It answers only GET requests for this build's own files and for config.json under
// its scope; everything else (Microsoft sign-in, Graph, Webex, any other origin) goes to the
// network untouched. Nothing it stores comes from a sign-in: tokens travel in cross-origin
// requests and memory only.
/* global BUILD */
const SHELL_PREFIX = 'webex-o365-setup-shell-';
const SHELL = SHELL_PREFIX + BUILD.version;
// config.json: the network first, this copy only when the network fails.
const CONFIG = 'webex-o365-setup-config';
const scope = new URL(self.registration.scope);
const files = new Set(BUILD.files);
const urlOf = (file) => new URL(file, scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const shell = await caches.open(SHELL);
    // Revalidated, never an older copy from the HTTP cache: the files must be this build's.
    await shell.addAll(BUILD.files.map((file) => new Request(urlOf(file), { cache: 'no-cache' })));
    await rememberConfig(new Request(urlOf('config.json'), { cache: 'no-cache' })).catch(() => {});
    // The new build serves the next load at once; open pages keep running what they loaded.
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(SHELL_PREFIX) && name !== SHELL) await caches.delete(name);
    }
    // Pages opened before this worker existed use it from now on (and learn of a new build).
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const path = decodeURIComponent(url.pathname.slice(scope.pathname.length));
  if (path === 'config.json') {
    event.respondWith(networkFirst(request));
    return;
  }
  // A step's URL (with any query: ?lang=ja, a sign-in return) is its folder's index.html.
  const file = request.mode === 'navigate' && (path === '' || path.endsWith('/')) ? `${path}index.html` : path;
  if (files.has(file)) event.respondWith(fromShell(request, file));
});

async function fromShell(request, file) {
  const cached = await caches.match(urlOf(file), { cacheName: SHELL, ignoreVary: true });
  return cached ?? fetch(request);
}

async function rememberConfig(request) {
  const response = await fetch(request);
  if (response.ok) await (await caches.open(CONFIG)).put(urlOf('config.json'), response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    return await rememberConfig(request);
  } catch (offline) {
    const cached = await caches.match(urlOf('config.json'), { cacheName: CONFIG, ignoreVary: true });
    if (cached) return cached;
    throw offline;
  }
}
