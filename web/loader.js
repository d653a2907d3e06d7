// Starts the app. A file, not an inline <script>: a strict Content-Security-Policy
// (script-src 'self') refuses inline code. The build writes the tag that loads this file
// (scripts/build-wasm.mjs) with the paths of the wasm-bindgen glue and the main wasm; their
// integrity is on the preload links it writes beside it. The steps after the first are
// split modules the glue loads when the app first shows them (src/ui/steps/lazy.rs).
const tag = document.querySelector('script[data-wasm][data-glue]');
// undefined outside a secure context; an opaque origin (a frame sandboxed without
// allow-same-origin) may throw on access.
const events = (() => {
  try {
    return navigator.serviceWorker ?? null;
  } catch {
    return null;
  }
})();

// Watched before anything is awaited: a newer build's service worker may take over while the
// wasm still loads. Only a page that already had one (a return visit) has an update to tell.
const hadWorker = Boolean(events?.controller);
events?.addEventListener('controllerchange', () => {
  if (!hadWorker) return;
  document.documentElement.dataset.update = 'ready';
  dispatchEvent(new CustomEvent('webex-o365-setup:update-ready'));
});

// The text of the language the app will show, fetched while the wasm downloads and compiles
// (scripts/post-build.mjs names each language's file on this tag). The choice repeats
// `Lang::choose` (src/domain/locale.rs): `?lang=`, the remembered choice, the browser's
// languages, English. The app checks it and fetches the right file itself if they differ.
const LANGS = ['en', 'ja'];
const primary = (t) => {
  const lang = String(t ?? '').trim().split(/[-_]/)[0].toLowerCase();
  return LANGS.includes(lang) ? lang : null;
};
const remembered = (() => {
  try {
    return localStorage.getItem('webex-o365-setup.lang');
  } catch {
    return null;
  }
})();
const lang = primary(new URLSearchParams(location.search).get('lang')) ?? primary(remembered)
  ?? (navigator.languages ?? []).map(primary).find(Boolean) ?? 'en';
const urls = Object.fromEntries(LANGS.map((l) => [l, new URL(tag.dataset[`locale${l[0].toUpperCase()}${l.slice(1)}`], document.baseURI).href]));
const text = fetch(urls[lang]).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${r.url}`))));
text.catch(() => {}); // the app reads the failure; no unhandled rejection before it does
globalThis.webexO365SetupLocales = { lang, urls, text };

// The app mounts once its text is in, after init() returns (src/ui/mod.rs); it says so with
// this event, listened for before init so it cannot be missed.
const mounted = new Promise((resolve) => addEventListener('webex-o365-setup:mounted', resolve, { once: true }));
// The wasm compiles while it downloads and while the glue loads, not after both: handed to
// init() compiled. Same request as the build's preload link (its integrity, CORS, same-origin
// credentials), so the browser answers it from that preload rather than fetching twice.
const wasmUrl = new URL(tag.dataset.wasm, document.baseURI).href;
const preloaded = [...document.querySelectorAll('link[rel="preload"][as="fetch"]')].find((l) => l.href === wasmUrl);
const wasmResponse = () => fetch(wasmUrl, { integrity: preloaded?.integrity ?? '' });
const compiled = WebAssembly.compileStreaming(wasmResponse()).catch(async (streamingFailed) => {
  // A server that does not label .wasm as application/wasm: compile from the bytes (slower).
  const response = await wasmResponse();
  if (!response.ok) throw streamingFailed;
  return WebAssembly.compile(await response.arrayBuffer());
});
compiled.catch(() => {}); // init() below reads the failure
const { default: init } = await import(tag.dataset.glue);
await init({ module_or_path: await compiled });
await mounted;

// Only once the app is on screen: a broken build is never cached, and the worker's install
// (it fetches every file of the build) does not compete with startup. It needs a secure context
// (https, or http://localhost); a refusal (insecure intranet http, a sandboxed frame, a
// browser policy) leaves the app working online only.
try {
  await events?.register(new URL('sw.js', document.baseURI));
} catch {
  // Nothing to tell the admin: only reopening offline is lost.
}
