//! Lists every locale file (locales/<lang>/<area>.json) for native code: the tests and tools
//! read the same files the build merges into the browser's one file per language
//! (scripts/post-build.mjs). The wasm does not include them (src/domain/locale.rs).

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let out = env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let root = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let mut code = String::new();
    for lang in ["en", "ja"] {
        let dir = Path::new(&root).join("locales").join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> =
            fs::read_dir(&dir).map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "json"));
        files.sort();
        code.push_str(&format!("pub const {}: &[(&str, &str)] = &[\n", lang.to_uppercase()));
        for f in files {
            let area = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            code.push_str(&format!("    ({area:?}, include_str!({:?})),\n", f.display().to_string()));
        }
        code.push_str("];\n");
    }
    let _ = fs::write(Path::new(&out).join("locales.rs"), code);
}
