//! How the page is hosted: inside another page's frame (a portal), and whether the service
//! worker (web/sw.js, registered by web/loader.js) has taken a newer deployment.

use wasm_bindgen::JsValue;

/// The event web/loader.js sends when a newer build has taken over (the same name there).
pub const UPDATE_READY_EVENT: &str = "webex-o365-setup:update-ready";

/// Sent once the app is on screen; web/loader.js registers the service worker only then, so
/// the worker's install (it fetches every file of the build) never competes with startup.
pub const MOUNTED_EVENT: &str = "webex-o365-setup:mounted";

pub fn announce_mounted() {
    if let (Some(window), Ok(event)) = (super::window(), web_sys::Event::new(MOUNTED_EVENT)) {
        let _ = window.dispatch_event(&event);
    }
}

/// True inside a frame. Comparing the top window with this one is allowed across origins (an
/// identity check on a WindowProxy, nothing is read); if even that fails, assume a frame.
pub fn framed() -> bool {
    let Some(window) = super::window() else { return false };
    match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(top.as_ref(), window.as_ref()),
        Ok(None) => false,
        Err(_) => true,
    }
}

/// A newer build took over before the app started listening (web/loader.js marks `<html>`).
pub fn update_ready() -> bool {
    super::document()
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("data-update"))
        .is_some_and(|v| v == "ready")
}

/// Loads the page again (now from the newer build).
pub fn reload() -> Result<(), JsValue> {
    super::window().ok_or_else(|| JsValue::from_str("no window"))?.location().reload()
}
