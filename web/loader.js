// Starts the app. A file, not Trunk's inline <script>: a strict Content-Security-Policy
// (script-src 'self') refuses inline code. Trunk writes the tag that loads this file
// (Trunk.toml `pattern_script`) with the hashed names of the wasm-bindgen glue and the wasm;
// their integrity stays on the preload links Trunk adds to <head>.
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

const { default: init } = await import(tag.dataset.glue);
await init({ module_or_path: tag.dataset.wasm });
dispatchEvent(new CustomEvent('TrunkApplicationStarted'));

// Only once the app runs (a broken build is never cached). It needs a secure context
// (https, or http://localhost); a refusal (insecure intranet http, a sandboxed frame, a
// browser policy) leaves the app working online only.
try {
  await events?.register(new URL('sw.js', document.baseURI));
} catch {
  // Nothing to tell the admin: only reopening offline is lost.
}
