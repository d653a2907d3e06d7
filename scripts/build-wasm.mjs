// Builds the app's wasm in pieces (run by scripts/post-build.mjs, Trunk's post_build hook).
// Trunk 0.21 cannot split a wasm (trunk-rs/trunk#1022), so the Rust side is built here:
//   1. cargo builds the binary with `--cfg wasm_split` (the steps after the first become one
//      split point: src/ui/steps/lazy.rs) and `--emit-relocs` (the splitter needs the relocations);
//   2. wasm-split-cli (crate wasm_split_cli_support, installed by scripts/setup) cuts it into
//      the main module and one module per split point (with one point, no shared chunks), plus
//      __wasm_split.js, the loader the main module imports;
//   3. wasm-bindgen makes the main module's glue (`--keep-lld-exports`: the split modules link
//      to those exports);
//   4. wasm-opt -Oz on every module, two at a time (release only; WASM_OPT_NAMES=1 in the
//      environment keeps the function names, for twiggy and the browser's profiler);
//   5. the split loader fetches each split module with its integrity (sha384), as the page
//      fetches the main one: a changed or truncated file is refused, and said as a step that
//      could not be loaded; and compiles it from its bytes where the server does not label
//      .wasm application/wasm (streaming needs that type), as web/loader.js does for the main one.
// The files land in pkg/<hash>/, the hash over all of them: their names can stay the ones the
// splitter wrote into __wasm_split.js and the glue, and a new build still never meets an old
// file in any cache.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { filesDigest, sri } from './digest.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NAME = 'webex-o365-setup';
const WASM_OPT = join(ROOT, 'node_modules', '.bin', 'wasm-opt');
// The two flags the split needs, added (--config: cargo joins config arrays) to those of
// .cargo/config.toml's wasm target. A RUSTFLAGS variable in the environment would replace both.
const RUSTFLAGS = ['--cfg', 'wasm_split', '-Clink-args=--emit-relocs'];

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });

/** The files of `dir` (not recursive), sorted. */
const list = (dir) => readdirSync(dir).sort();

/**
 * Builds into `<staging>/pkg/<hash>/` and returns the paths (relative to `staging`) of the
 * glue, the main wasm and the split loader, for the page's tags.
 */
export async function buildWasm({ staging, release }) {
  const profile = release ? 'release' : 'debug';
  const work = join(ROOT, 'target', 'wasm-split', profile);
  rmSync(work, { recursive: true, force: true });
  const split = join(work, 'split');
  const pkg = join(work, 'pkg');
  mkdirSync(split, { recursive: true });
  mkdirSync(pkg, { recursive: true });

  run('cargo', [
    'build', '--target', 'wasm32-unknown-unknown', '--bin', NAME, ...(release ? ['--release'] : []),
    '--config', `target.wasm32-unknown-unknown.rustflags=${JSON.stringify(RUSTFLAGS)}`,
  ]);
  const target = resolve(ROOT, process.env.CARGO_TARGET_DIR || 'target');
  const input = join(target, 'wasm32-unknown-unknown', profile, `${NAME}.wasm`);
  run('wasm-split-cli', [input, split, '--out-name', NAME, '--target', 'web']);
  run('wasm-bindgen', [
    '--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript',
    '--out-dir', pkg, '--out-name', NAME, join(split, `${NAME}.wasm`),
  ]);
  // Every split module beside the glue, under the names __wasm_split.js fetches.
  for (const f of list(split).filter((f) => f !== `${NAME}.wasm`)) renameSync(join(split, f), join(pkg, f));
  if (release) await optimise(list(pkg).filter((f) => f.endsWith('.wasm')).map((f) => join(pkg, f)));
  finishSplitLoader(pkg);

  const dir = `pkg/${filesDigest(pkg, list(pkg))}`;
  rmSync(join(staging, 'pkg'), { recursive: true, force: true });
  cpSync(pkg, join(staging, dir), { recursive: true });
  return { glue: `${dir}/${NAME}.js`, wasm: `${dir}/${NAME}_bg.wasm`, loader: `${dir}/__wasm_split.js` };
}

/**
 * Finishes __wasm_split.js: each `fetch` of a split module gets the module's integrity, and the
 * modules compile from their bytes where the server does not send them as application/wasm.
 * The splitter writes one `fetch(new URL("./<file>.wasm", import.meta.url))` per module and
 * instantiates with `WebAssembly.instantiateStreaming(src, imports)`; anything else means its
 * output changed shape, and the build stops rather than ship modules unchecked.
 */
export function finishSplitLoader(pkg) {
  const loader = join(pkg, '__wasm_split.js');
  let text = readFileSync(loader, 'utf8');
  for (const f of list(pkg).filter((f) => f.endsWith('.wasm') && f !== `${NAME}_bg.wasm`)) {
    const call = `fetch(new URL("./${f}", import.meta.url))`;
    if (text.split(call).length !== 2) throw new Error(`${loader}: expected one ${call}`);
    text = text.replace(call, `fetch(new URL("./${f}", import.meta.url), { integrity: "${sri(readFileSync(join(pkg, f)))}" })`);
  }
  if (/fetch\(new URL\("[^"]*"\s*,\s*import\.meta\.url\)\)/.test(text)) throw new Error(`${loader}: a fetch left without integrity`);
  const streaming = 'WebAssembly.instantiateStreaming(src, imports)';
  if (!text.includes(streaming)) throw new Error(`${loader}: no ${streaming}`);
  text = text.replaceAll(streaming, 'instantiateSplit(src, imports)');
  writeFileSync(loader, `${text}
// Added by scripts/build-wasm.mjs: streaming compiles only what the server labels application/wasm.
async function instantiateSplit(fetched, imports) {
  const response = await fetched;
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/wasm'
    ? WebAssembly.instantiateStreaming(response, imports)
    : WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
`);
}

/** wasm-opt -Oz over `files` in place, as many at once as there are cores. */
async function optimise(files) {
  const exec = promisify(execFile);
  const queue = [...files];
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) await exec(WASM_OPT, ['-Oz', ...(process.env.WASM_OPT_NAMES ? ['-g'] : []), f, '-o', f]);
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), files.length) }, worker));
}

/**
 * Writes the tags that start the app into `<staging>/index.html`, before </head>: the preloads
 * (each with its integrity) of the glue, the split loader and the main wasm, and the module
 * script that starts it all (web/loader.js), which reads the glue and the wasm from its data
 * attributes. `base` is the public URL (Trunk's --public-url), ending in '/'.
 */
export function writeStartTags(staging, base, { glue, wasm, loader }) {
  const html = join(staging, 'index.html');
  const integrity = (f) => sri(readFileSync(join(staging, f)));
  const tags = [
    `<link rel="modulepreload" href="${base}${glue}" crossorigin="anonymous" integrity="${integrity(glue)}">`,
    `<link rel="modulepreload" href="${base}${loader}" crossorigin="anonymous" integrity="${integrity(loader)}">`,
    `<link rel="preload" href="${base}${wasm}" crossorigin="anonymous" integrity="${integrity(wasm)}" as="fetch" type="application/wasm">`,
    // Read at start with the text (src/ui/mod.rs): fetched with the files above rather than once
    // the wasm runs. No integrity: a deployment edits config.json after the build.
    `<link rel="preload" href="${base}config.json" crossorigin="anonymous" as="fetch">`,
    `<script type="module" src="${base}loader.js" data-glue="${base}${glue}" data-wasm="${base}${wasm}"></script>`,
  ];
  const page = readFileSync(html, 'utf8');
  if (!page.includes('</head>')) throw new Error(`${html}: no </head>`);
  writeFileSync(html, page.replace('</head>', `${tags.join('\n')}\n</head>`));
}
