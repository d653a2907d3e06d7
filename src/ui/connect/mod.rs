//! "Connect this app to your tenant": how to register this app's own SPA registration and
//! consent it (no client id configured), or sign in to Microsoft (client id configured).
//! The sign-in session lives in one module-wide signal, in memory only.
//!
//! For other parts of the UI: `token_for(action)` gives the access token when the session
//! covers the action, else what is needed; `acquire(action)` gets it in a popup window, so this
//! page (and what it holds only in memory) stays as it is.

mod register;
mod session;
mod signin;

use std::cell::Cell;

use leptos::prelude::*;

use crate::domain::signin::{check_return, SignInError, SignedIn};
use crate::domain::Step;
use crate::platform::{clock, location, oauth, oauth_popup};

pub use crate::domain::signin::Needed;
pub use session::{acquire, remember, sign_in_full_page, token_for, token_refused, with_session};
// The session API for the UI parts that call Graph (provisioning, checks); not all are used yet.
#[allow(unused_imports)]
pub use signin::RedirectFallback;
pub use signin::SignInPanel;

#[derive(Clone, Debug)]
pub enum Status {
    Idle,
    /// Leaving for the authorization server.
    Starting,
    /// Back with a code; redeeming it.
    Redeeming,
    SignedIn(SignedIn),
    Failed(SignInError),
}

thread_local! {
    static STATUS: Cell<Option<RwSignal<Status>>> = const { Cell::new(None) };
}

/// The sign-in status of this tab (created on first use, lives as long as the page).
pub fn status() -> RwSignal<Status> {
    STATUS.with(|cell| match cell.get() {
        Some(s) => s,
        None => {
            let s = RwSignal::new(Status::Idle);
            cell.set(Some(s));
            s
        }
    })
}

fn now_ms() -> u64 {
    u64::try_from(clock::now_unix_millis()).unwrap_or(0)
}

/// What `on_load` found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loaded {
    /// An ordinary load, or a full-page return (handled): mount the app.
    App,
    /// This window is a sign-in popup whose return went to its opener; it is closing, so the
    /// app need not be mounted.
    PopupReturn,
}

/// Call before mounting: a popup's return is handed to the opener; a full-page return is read,
/// its URL cleaned (so the app starts on the saved step), and the code redeemed in the
/// background.
pub fn on_load() -> Loaded {
    if oauth_popup::hand_back() {
        return Loaded::PopupReturn;
    }
    let fallback = Step::EntraApp.href(&location::base_path());
    let Some((returned, pending)) = oauth::take_return(&fallback) else {
        return Loaded::App;
    };
    let status = status();
    match (check_return(returned, pending.as_ref()), pending) {
        (Ok(code), Some(pending)) => {
            status.set(Status::Redeeming);
            wasm_bindgen_futures::spawn_local(async move {
                let result = oauth::redeem(code, &pending).await;
                status.set(match result {
                    Ok(response) => Status::SignedIn(SignedIn::from_response(&response, &pending.scopes, now_ms())),
                    Err(e) => Status::Failed(e),
                });
            });
        }
        (Ok(_), None) => status.set(Status::Failed(SignInError::StateMismatch)),
        (Err(e), _) => status.set(Status::Failed(e)),
    }
    Loaded::App
}

#[component]
pub fn ConnectSection() -> impl IntoView {
    let state = crate::ui::state::use_state();
    let i18n = crate::ui::i18n::use_i18n();
    let connected = move || state.config.with(|c| c.config().connected_mode());
    view! {
        <section class="connect" data-section="connect" aria-labelledby="connect-title">
            <h2 id="connect-title">{i18n.text("signin.title")}</h2>
            <p class="hint">{i18n.text("signin.intro")}</p>
            {move || if connected() { view! { <SignInPanel/> }.into_any() } else {
                view! { <register::RegisterHelp/> }.into_any()
            }}
        </section>
    }
}
