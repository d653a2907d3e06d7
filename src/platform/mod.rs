//! The browser edge: everything that touches web APIs lives here, behind small functions
//! the UI calls. Nothing here decides anything: decisions are in `crate::domain`.

pub mod clock;
pub mod config;
pub mod download;
pub mod fetch;
pub mod files;
pub mod graph;
pub mod hosting;
pub mod locale;
pub mod location;
pub mod oauth;
pub mod oauth_popup;
pub mod random;
pub mod storage;

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn document() -> Option<web_sys::Document> {
    window().and_then(|w| w.document())
}
