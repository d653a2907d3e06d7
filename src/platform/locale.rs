//! A language's text, as shipped: `locales/<lang>.<hash>.json` (scripts/post-build.mjs). The
//! loader (web/loader.js) starts fetching the language it expects while the wasm compiles and
//! leaves `globalThis.webexO365SetupLocales = { lang, urls, text }`; its fetch is used when it
//! is for the language asked, otherwise the file is fetched here.

use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::locale::Lang;

const HANDOFF: &str = "webexO365SetupLocales";

fn handoff() -> Option<JsValue> {
    Reflect::get(&js_sys::global(), &JsValue::from_str(HANDOFF)).ok().filter(|v| v.is_object())
}

fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(object, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// The loader's fetch for `lang`, taken once (the text is not kept twice).
fn early_fetch(lang: Lang) -> Option<Promise> {
    let handoff = handoff()?;
    if field(&handoff, "lang")?.as_string()? != lang.code() {
        return None;
    }
    let text = field(&handoff, "text")?.dyn_into::<Promise>().ok()?;
    let _ = Reflect::delete_property(handoff.unchecked_ref::<js_sys::Object>(), &JsValue::from_str("text"));
    Some(text)
}

/// The language's text (JSON), or why it could not be had.
pub async fn text(lang: Lang) -> Result<String, String> {
    if let Some(promise) = early_fetch(lang) {
        if let Some(text) = JsFuture::from(promise).await.ok().and_then(|v| v.as_string()) {
            return Ok(text);
        }
    }
    let url = handoff()
        .and_then(|h| field(&h, "urls"))
        .and_then(|urls| field(&urls, lang.code()))
        .and_then(|u| u.as_string())
        .ok_or_else(|| format!("no file named for {} (web/loader.js)", lang.code()))?;
    let response = gloo_net::http::Request::get(&url).send().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {} {url}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
}
