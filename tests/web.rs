//! Browser-edge tests, run by wasm-bindgen-test in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use webex_o365_setup::platform::{location, random, storage};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn local_storage_round_trips_and_removes() {
    let key = "webex-o365-setup.test.roundtrip";
    storage::set(storage::Area::Local, key, "値 ✓").unwrap();
    assert_eq!(storage::get(storage::Area::Local, key).unwrap().as_deref(), Some("値 ✓"));
    assert!(storage::keys(storage::Area::Local).unwrap().iter().any(|k| k == key));
    storage::remove(storage::Area::Local, key).unwrap();
    assert_eq!(storage::get(storage::Area::Local, key).unwrap(), None);
}

#[wasm_bindgen_test]
fn session_storage_is_separate_from_local() {
    let key = "webex-o365-setup.test.session";
    storage::set(storage::Area::Session, key, "x").unwrap();
    assert_eq!(storage::get(storage::Area::Local, key).unwrap(), None);
    storage::remove(storage::Area::Session, key).unwrap();
    assert_eq!(storage::get(storage::Area::Session, key).unwrap(), None);
}

#[wasm_bindgen_test]
fn random_bytes_have_the_length_asked_and_differ() {
    let a = random::bytes(32).unwrap();
    let b = random::bytes(32).unwrap();
    assert_eq!(a.len(), 32);
    assert_ne!(a, b, "two 256-bit draws must differ");
    // More than getRandomValues' 65536-byte limit per call is chunked, not refused.
    let big = random::bytes(70_000).unwrap();
    assert_eq!(big.len(), 70_000);
    assert!(big[65_536..].iter().any(|&x| x != 0), "the second chunk must be filled");
}

#[wasm_bindgen_test]
fn hex_tokens_are_hex_and_unique() {
    let t = random::hex_token(16).unwrap();
    assert_eq!(t.len(), 32);
    assert!(t.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_ne!(t, random::hex_token(16).unwrap());
}

#[wasm_bindgen_test]
fn base_path_ends_with_a_slash() {
    let base = location::base_path();
    assert!(base.starts_with('/') && base.ends_with('/'), "{base}");
    assert!(location::resolve("config.json").ends_with("/config.json"));
}
