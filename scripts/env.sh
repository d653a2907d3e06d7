# Sourced by the scripts: the tool PATH with the project's own wasm-opt first, and a
# guard that refuses to build with any other (Debian's breaks the app at load).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
check_wasm_opt() {
  local found
  found="$(command -v wasm-opt || true)"
  if [ "$found" != "$ROOT/node_modules/.bin/wasm-opt" ]; then
    echo "refusing to build: wasm-opt resolves to '$found', not the project's binaryen (run scripts/setup)" >&2
    return 1
  fi
}
# trunk build --release into DIR, optionally under a sub-path public URL.
build_release() {
  local dist="$1" public_url="${2:-/}"
  check_wasm_opt
  (cd "$ROOT" && trunk build --release --offline --public-url "$public_url" --dist "$dist")
}
