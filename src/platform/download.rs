//! Saving generated files (export JSON, scripts) and copying values: all local, no network.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `contents` as a file download named `file_name`.
pub fn save(file_name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    let document = super::document().ok_or_else(|| JsValue::from_str("no document"))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    // `hidden`, not a style: nothing here depends on what the page's CSP allows for styles.
    anchor.set_hidden(true);
    let body = document.body().ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&anchor)?;
    anchor.click();
    body.remove_child(&anchor)?;
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Copies text to the clipboard. The async Clipboard API needs a secure context; on plain
/// http intranet pages the promise rejects, and the caller shows the value selected instead.
pub async fn copy(text: &str) -> bool {
    let Some(window) = super::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
