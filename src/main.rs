#[cfg(target_arch = "wasm32")]
fn main() {
    webex_o365_setup::ui::start();
}

// Natively there is nothing to run: the app is the wasm build (see README).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("webex-o365-setup runs in the browser: see README.md (scripts/run)");
}
