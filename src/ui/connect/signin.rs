//! Sign in / signed-in status (with its permissions and expiry) / sign in again / sign out,
//! with errors explained.

use std::time::Duration;

use leptos::prelude::*;

use super::{acquire, now_ms, sign_in_full_page, status, token_for, Needed, Status};
use crate::domain::date::rfc3339_from_unix_millis;
use crate::domain::graph::Action;
use crate::domain::signin::{short_names, SignInError};
use crate::domain::Message;
use crate::platform::hosting::framed;
use crate::ui::components::{ExplainedList, FramedNote};
use crate::ui::i18n::use_i18n;

/// How often the panel looks whether the token has expired.
const EXPIRY_CHECK: Duration = Duration::from_secs(30);

#[component]
pub fn SignInPanel() -> impl IntoView {
    let i18n = use_i18n();
    let status = status();
    // The clock, as a signal: the panel re-checks expiry when it ticks.
    let now = RwSignal::new(now_ms());
    if let Ok(handle) = set_interval_with_handle(move || now.set(now_ms()), EXPIRY_CHECK) {
        on_cleanup(move || handle.clear());
    }
    // A "sign in again" in flight, and how the last one ended (the session itself stays).
    let busy = RwSignal::new(false);
    let again_error = RwSignal::new(None::<SignInError>);

    // Inside a portal's frame the first sign-in is a popup too: the frame never leaves the app
    // (Microsoft's sign-in page refuses to be framed) and nothing needs the frame's storage.
    let in_frame = framed();
    let sign_in_again = move |_: leptos::ev::MouseEvent| {
        // Synchronously in the click: the popup opens now or is blocked.
        let pending = acquire(Action::Inspect);
        busy.set(true);
        again_error.set(None);
        leptos::task::spawn_local(async move {
            let result = pending.await;
            busy.set(false);
            again_error.set(result.err());
            now.set(now_ms());
        });
    };
    let sign_in = move |ev| if in_frame { sign_in_again(ev) } else { sign_in_full_page(Action::Inspect) };
    let sign_out = move |_| {
        again_error.set(None);
        status.set(Status::Idle);
    };

    view! {
        <div class="signin" data-signin=move || match status.get() {
            Status::Idle => "idle",
            Status::Starting => "starting",
            Status::Redeeming => "redeeming",
            Status::SignedIn(_) => "signed-in",
            Status::Failed(_) => "failed",
        }>
            {move || match status.get() {
                Status::SignedIn(s) => {
                    let tenant = s.tenant.clone().unwrap_or_else(|| i18n.t("signin.tenant_unknown"));
                    now.track();
                    // As Graph callers see it (60 s margin), also when the session lacks a scope.
                    let expired =
                        matches!(token_for(Action::Inspect), Err(Needed::Expired)) || s.expires_soon(now.get());
                    let when = s.expires_at_ms.map(|ms| {
                        i18n.time(&rfc3339_from_unix_millis(i64::try_from(ms).unwrap_or(i64::MAX)))
                    });
                    let expiry = when.clone().filter(|_| !expired)
                        .map(|w| i18n.msg(&Message::new("signin.expires").with("time", w)));
                    let scopes = short_names(&s.scopes);
                    view! {
                        {if expired {
                            let text = i18n.msg(&Message::new("signin.expired_keep")
                                .with("time", when.unwrap_or_default()));
                            view! {
                                <div class="status warning" role="status" data-status="expired">
                                    <p>{text}</p>
                                    <button type="button" class="primary" data-action="sign-in-again"
                                        disabled=move || busy.get() on:click=sign_in_again>
                                        {i18n.t("signin.sign_in_again")}
                                    </button>
                                </div>
                            }.into_any()
                        } else {
                            view! {
                                <p class="status ok" role="status" data-status="signed-in">
                                    {i18n.t("signin.signed_in")}
                                </p>
                            }.into_any()
                        }}
                        <p data-value="signin.tenant">{i18n.t("signin.tenant")} ": " <code>{tenant}</code></p>
                        <p data-value="signin.scopes">
                            {i18n.t("signin.scopes")} ": "
                            {scopes.into_iter().map(|n| view! { <code>{n}</code> " " }).collect_view()}
                        </p>
                        {expiry.map(|e| view! { <p data-value="signin.expiry">{e}</p> })}
                        <button type="button" data-action="sign-out" on:click=sign_out>
                            {i18n.t("signin.sign_out")}
                        </button>
                    }
                    .into_any()
                }
                Status::Redeeming => view! {
                    <p class="status" role="status" data-status="redeeming">{i18n.t("signin.redeeming")}</p>
                }
                .into_any(),
                other => {
                    let starting = matches!(other, Status::Starting);
                    let failed = match other {
                        Status::Failed(e) => Some(view! { <SignInErrorView error=e/> }),
                        _ => None,
                    };
                    view! {
                        {failed}
                        <p class="hint">{i18n.t("signin.scopes_hint")}</p>
                        <FramedNote message="hosting.framed.signin_popup"/>
                        <button type="button" class="primary" data-action="sign-in"
                            disabled=move || starting || busy.get() on:click=sign_in>
                            {i18n.t("signin.sign_in")}
                        </button>
                    }
                    .into_any()
                }
            }}
            {move || busy.get().then(|| view! {
                <p class="status" role="status" data-status="popup-waiting">{i18n.t("signin.popup_waiting")}</p>
            })}
            {move || again_error.get().map(|e| {
                let blocked = e == SignInError::PopupBlocked;
                view! {
                    <SignInErrorView error=e/>
                    {blocked.then(|| view! { <RedirectFallback action=Action::Inspect/> })}
                }
            })}
        </div>
    }
}

/// When the browser blocked the sign-in window: the same sign-in as a full-page redirect,
/// with what that loses said first; inside a frame, what the portal must allow instead.
#[component]
pub fn RedirectFallback(action: Action) -> impl IntoView {
    let i18n = use_i18n();
    if framed() {
        // Leaving the page would navigate the portal's frame: say what the portal must allow.
        return view! { <FramedNote message="hosting.framed.popup_needed"/> }.into_any();
    }
    view! {
        <div class="redirect-fallback" data-connect="redirect-fallback">
            <p class="warning" data-note="redirect-loses-memory">{i18n.text("signin.redirect_fallback.warning")}</p>
            <button type="button" data-action="sign-in-redirect" on:click=move |_| sign_in_full_page(action)>
                {i18n.text("signin.redirect_fallback.button")}
            </button>
        </div>
    }
    .into_any()
}

#[component]
fn SignInErrorView(error: SignInError) -> impl IntoView {
    let i18n = use_i18n();
    let headline = error.message();
    let explained = error.explained();
    let key = headline.key;
    view! {
        <div class="status error" role="alert" data-status="error" data-error=key>
            <p>{move || i18n.msg(&headline)}</p>
            <ExplainedList explained=explained/>
        </div>
    }
}
