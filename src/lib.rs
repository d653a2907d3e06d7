//! Webex Connect + Office 365 OAuth setup: a Leptos single-page app.
//!
//! `domain` is pure and compiles everywhere; `platform` (the browser edge) and `ui` exist
//! only in the wasm build.

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
