//! The popup variant of the sign-in round trip, for incremental consent and "sign in again":
//! this page stays loaded, so values held only in its memory (a client secret, a half-done
//! run) survive. The opener keeps the round trip in memory; the popup, back on this app,
//! only posts its query string to a same-origin opener and closes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Window;

use super::oauth::browser;
use crate::domain::signin::{is_popup_return, SignInError};

/// The window's name: a second `acquire` finds (and focuses) the same window.
pub const POPUP_NAME: &str = "webex-o365-setup-signin";
const POPUP_FEATURES: &str = "popup,width=520,height=680";
/// How often the opener looks whether the user closed the window.
const CLOSED_POLL_MS: i32 = 400;

/// Opens an empty window. Must run in the click's own call stack, or popup blockers refuse it.
pub fn open() -> Result<Window, SignInError> {
    let window = super::window().ok_or_else(|| browser("window"))?;
    match window.open_with_url_and_target_and_features("about:blank", POPUP_NAME, POPUP_FEATURES) {
        Ok(Some(popup)) => Ok(popup),
        _ => Err(SignInError::PopupBlocked),
    }
}

pub fn is_open(popup: &Window) -> bool {
    !popup.closed().unwrap_or(true)
}

/// Sends the (still same-origin, blank) window to the authorization server.
pub fn navigate(popup: &Window, url: &str) -> Result<(), SignInError> {
    if !is_open(popup) {
        return Err(SignInError::PopupClosed);
    }
    popup.location().set_href(url).map_err(|_| browser("popup location"))
}

pub fn focus(popup: &Window) {
    let _ = popup.focus();
}

pub fn close(popup: &Window) {
    if is_open(popup) {
        let _ = popup.close();
    }
}

/// The query string the popup posts back, or `PopupClosed`. Only messages from this origin
/// and from this very window count; anything else is ignored.
pub async fn wait(popup: &Window) -> Result<String, SignInError> {
    let window = super::window().ok_or_else(|| browser("window"))?;
    let origin = window.location().origin().map_err(|_| browser("location.origin"))?;
    let outcome: Rc<RefCell<Option<Result<String, SignInError>>>> = Rc::new(RefCell::new(None));
    let resolve: Rc<RefCell<Option<js_sys::Function>>> = Rc::new(RefCell::new(None));
    let promise = js_sys::Promise::new(&mut |res, _rej| *resolve.borrow_mut() = Some(res));
    let finish = {
        let (outcome, resolve) = (outcome.clone(), resolve.clone());
        Rc::new(move |r: Result<String, SignInError>| {
            if outcome.borrow().is_none() {
                *outcome.borrow_mut() = Some(r);
                if let Some(f) = resolve.borrow().as_ref() {
                    let _ = f.call0(&JsValue::NULL);
                }
            }
        })
    };

    // Both callbacks are owned by JS (collected once unhooked): one that fires late, as a faked
    // or throttled timer may, finds a live function that does nothing instead of a dropped one.
    let on_message = {
        let (finish, popup, origin) = (finish.clone(), popup.clone(), origin.clone());
        Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            // MessageEvent's fields, read by name (no extra web-sys feature needed).
            let field = |name: &str| js_sys::Reflect::get(&ev, &JsValue::from_str(name)).ok();
            let same_origin = field("origin").and_then(|v| v.as_string()).is_some_and(|o| o == origin);
            let from_popup = field("source").is_some_and(|s| js_sys::Object::is(&s, popup.as_ref()));
            if same_origin && from_popup {
                if let Some(search) = field("data").and_then(|d| d.as_string()) {
                    finish(Ok(search));
                }
            }
        })
        .into_js_value()
    };
    let _ = window.add_event_listener_with_callback("message", on_message.unchecked_ref());

    // The popup posts, then closes: its message may be queued behind a timer that already sees
    // it closed, so "closed" counts only when seen twice in a row.
    let closed_seen = Cell::new(0u8);
    let on_tick = {
        let (finish, popup) = (finish.clone(), popup.clone());
        Closure::<dyn Fn()>::new(move || {
            closed_seen.set(if is_open(&popup) { 0 } else { closed_seen.get().saturating_add(1) });
            if closed_seen.get() >= 2 {
                finish(Err(SignInError::PopupClosed));
            }
        })
        .into_js_value()
    };
    let interval =
        window.set_interval_with_callback_and_timeout_and_arguments_0(on_tick.unchecked_ref(), CLOSED_POLL_MS).ok();

    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    let _ = window.remove_event_listener_with_callback("message", on_message.unchecked_ref());
    if let Some(id) = interval {
        window.clear_interval_with_handle(id);
    }
    let result = outcome.borrow_mut().take();
    result.unwrap_or(Err(SignInError::PopupClosed))
}

/// In the popup, on load: a popup return with a same-origin opener is posted to it (its own
/// origin as target) and this window closes. Nothing is stored or removed here. `false` for
/// any other load, which then goes on as usual.
pub fn hand_back() -> bool {
    let Some(window) = super::window() else { return false };
    let Ok(search) = window.location().search() else { return false };
    if !is_popup_return(&search) {
        return false;
    }
    let Ok(opener) = window.opener() else { return false };
    if opener.is_null() || opener.is_undefined() {
        return false;
    }
    let opener: Window = opener.unchecked_into();
    let Ok(origin) = window.location().origin() else { return false };
    // Reading a cross-origin opener's location throws: only this app's own pages get the code.
    if opener.location().origin().ok().as_deref() != Some(origin.as_str()) {
        return false;
    }
    if opener.post_message(&JsValue::from_str(&search), &origin).is_err() {
        return false;
    }
    let _ = window.close();
    true
}
