// The build's two digests, one definition each (scripts/post-build.mjs, scripts/build-wasm.mjs).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A Subresource Integrity value (`integrity="..."`) for `bytes`. */
export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** 16 hex digits over the names and contents of `files` (paths under `dir`): a build's version or folder name. */
export function filesDigest(dir, files) {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(join(dir, f))).update('\0');
  return hash.digest('hex').slice(0, 16);
}
