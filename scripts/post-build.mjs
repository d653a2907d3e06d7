// Trunk post_build hook (Trunk.toml), over $TRUNK_STAGING_DIR, in this order (Trunk runs the
// hooks of one stage concurrently, so they are one hook):
//   0. the wasm, split in pieces, with the tags that start it (scripts/build-wasm.mjs);
//   1. locales/<lang>.<hash>.json: each language's text in one file (locales/<lang>/*.json
//      merged), named on the loader's tag; the page loads only the language in use;
//   2. the integrity of web/loader.js on its <script> tag (the build's preloads carry theirs);
//   3. scripts/copy-routes.sh: an index.html copy per step folder (deep links);
//   4. sw.js: web/sw.js with this build's version and file list (the offline app shell, both
//      languages included);
//   5. a .br and a .gz copy beside every .wasm, .js and .css and each language file, for
//      servers that send precompressed files (nginx gzip_static/brotli_static, IIS,
//      scripts/serve.mjs). Not config.json: a deployment edits it after the build.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildWasm, writeStartTags } from './build-wasm.mjs';
import { filesDigest, sri } from './digest.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What the worker never keeps in its shell: itself, config.json (network first) and the compressed copies. */
const NOT_SHELL = /(^|\/)(sw\.js|config\.json)$|\.(br|gz)$/;
const COMPRESSED = /\.(wasm|js|css)$|^locales\/[^/]+\.json$/;
/** The languages, in the order of the app's `Lang::ALL`. */
export const LANGS = ['en', 'ja'];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

/** Every file under `dir`, as sorted `/`-separated paths relative to it. */
export function files(dir) {
  return walk(dir).map((p) => relative(dir, p).split(sep).join('/')).sort();
}

/**
 * Writes locales/<lang>.<hash>.json for each language (every locales/<lang>/*.json object merged, in
 * file order) and names them on the loader's tag (data-locale-<lang>): the content hash in the name
 * lets any server cache them for good. Returns { lang: path }.
 */
export function writeLocales(dir, source = join(ROOT, 'locales')) {
  const paths = {};
  mkdirSync(join(dir, 'locales'), { recursive: true });
  for (const lang of LANGS) {
    const merged = {};
    for (const f of files(join(source, lang)).filter((f) => f.endsWith('.json'))) {
      Object.assign(merged, JSON.parse(readFileSync(join(source, lang, f), 'utf8')));
    }
    const text = JSON.stringify(merged);
    const path = `locales/${lang}.${createHash('sha256').update(text).digest('hex').slice(0, 16)}.json`;
    writeFileSync(join(dir, path), text);
    paths[lang] = path;
  }
  const html = join(dir, 'index.html');
  const tag = /<script\b(?![^>]*\bdata-locale-)([^>]*\bsrc="([^"]*)loader\.js"[^>]*)>/;
  const page = readFileSync(html, 'utf8');
  const base = page.match(tag)?.[2];
  if (base === undefined) throw new Error(`${html}: no <script src=".../loader.js"> (scripts/build-wasm.mjs writeStartTags)`);
  // Under the public URL, like every asset the page names.
  const attrs = LANGS.map((lang) => ` data-locale-${lang}="${base}${paths[lang]}"`).join('');
  writeFileSync(html, page.replace(tag, `<script$1${attrs}>`));
  return paths;
}

/** Adds `integrity` to the tag that loads loader.js (idempotent). */
export function signLoader(dir) {
  const html = join(dir, 'index.html');
  const text = readFileSync(html, 'utf8');
  const integrity = sri(readFileSync(join(dir, 'loader.js')));
  const tag = /<script\b(?![^>]*\bintegrity=)([^>]*\bsrc="[^"]*loader\.js"[^>]*)>/;
  if (!tag.test(text)) {
    if (text.includes(integrity)) return;
    throw new Error(`${html}: no <script src=".../loader.js"> (scripts/build-wasm.mjs writeStartTags)`);
  }
  writeFileSync(html, text.replace(tag, `<script$1 integrity="${integrity}">`));
}

/** Writes sw.js: the worker with this build's version (a hash of every shell file) and files. */
export function writeServiceWorker(dir) {
  const shell = files(dir).filter((f) => !NOT_SHELL.test(f));
  const build = { version: filesDigest(dir, shell), files: shell };
  const worker = readFileSync(join(ROOT, 'web', 'sw.js'), 'utf8');
  writeFileSync(join(dir, 'sw.js'), `const BUILD = ${JSON.stringify(build)};\n${worker}`);
  return build;
}

/** Writes `<file>.br` and `<file>.gz` beside every wasm, js and css file (`only` those) that they make smaller. */
export function compress(dir, only = () => true) {
  for (const f of files(dir).filter((f) => COMPRESSED.test(f) && only(f))) {
    const path = join(dir, f);
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: f.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    if (br.length < raw.length) writeFileSync(`${path}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error('run by trunk (TRUNK_STAGING_DIR is not set)');
  const base = process.env.TRUNK_PUBLIC_URL ?? '/';
  writeStartTags(dir, base.endsWith('/') ? base : `${base}/`, await buildWasm({ staging: dir, release: process.env.TRUNK_PROFILE === 'release' }));
  writeLocales(dir);
  signLoader(dir);
  execFileSync('sh', [join(ROOT, 'scripts', 'copy-routes.sh')], { stdio: 'inherit', env: process.env });
  writeServiceWorker(dir);
  compress(dir);
}
