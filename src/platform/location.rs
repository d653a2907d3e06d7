//! The page's URL: base path (for sub-path hosting), the current path, query parameters,
//! and history navigation without a reload.

use wasm_bindgen::JsValue;

/// The path the app is served under, from `<base href>` (Trunk's `--public-url`), always
/// ending with `/`.
pub fn base_path() -> String {
    let base = super::document().and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    let path = web_sys::Url::new(&base).map(|u| u.pathname()).unwrap_or_else(|_| "/".into());
    // The base may name a file (…/index.html): keep its folder.
    match path.rfind('/') {
        Some(i) => path[..=i].to_string(),
        None => "/".into(),
    }
}

/// A URL relative to the document base.
pub fn resolve(relative: &str) -> String {
    let base = super::document().and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    web_sys::Url::new_with_base(relative, &base).map(|u| u.href()).unwrap_or_else(|_| relative.into())
}

pub fn pathname() -> String {
    super::window().and_then(|w| w.location().pathname().ok()).unwrap_or_else(|| "/".into())
}

pub fn query_param(name: &str) -> Option<String> {
    let search = super::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// The page's own URL without query or fragment (the default OAuth redirect URI).
pub fn page_url_without_query() -> String {
    super::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// Moves to `href` without reloading; keeps the query string (e.g. `?lang=ja`).
pub fn push(href: &str) {
    if let Some(w) = super::window() {
        let search = w.location().search().unwrap_or_default();
        if let Ok(history) = w.history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&format!("{href}{search}")));
        }
    }
}

/// Moves focus to the main region (it has tabindex=-1), as a page load would.
pub fn focus_main() {
    focus_id("main");
}

/// Moves focus to the element with this id (focusable, or with tabindex=-1), which also
/// scrolls it into view. False when there is no such element (yet).
pub fn focus_id(id: &str) -> bool {
    use wasm_bindgen::JsCast;
    match super::document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

/// The fragment of the page's URL, without `#`.
pub fn hash() -> String {
    let h = super::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    h.trim_start_matches('#').to_string()
}
