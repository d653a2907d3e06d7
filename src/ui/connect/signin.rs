//! Sign in / signed-in status / sign out, with errors explained.

use leptos::prelude::*;

use super::{now_ms, status, Status};
use crate::domain::date::rfc3339_from_unix_millis;
use crate::domain::graph::Action;
use crate::domain::signin::{redirect_uri, scopes_for, tenant_segment, SignInError};
use crate::platform::{location, oauth};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[component]
pub fn SignInPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let status = status();

    let sign_in = move |_| {
        let config = state.config.with_untracked(|c| c.config());
        let Some(client_id) = config.client_id.clone() else { return };
        let tenant = state.setup.with_untracked(|s| tenant_segment(&s.azure.tenant_id));
        let redirect = redirect_uri(config.redirect_uri.as_deref(), &location::resolve("./"));
        let scopes = scopes_for(Action::Inspect, &config.graph_base_url);
        status.set(Status::Starting);
        leptos::task::spawn_local(async move {
            let started = oauth::start(oauth::Start {
                authority: &config.authority,
                tenant: &tenant,
                client_id: &client_id,
                redirect_uri: &redirect,
                scopes: &scopes,
                login_hint: None,
            })
            .await;
            if let Err(e) = started {
                status.set(Status::Failed(e));
            }
        });
    };
    let sign_out = move |_| status.set(Status::Idle);

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
                    let expiry = s.expires_at_ms.map(|ms| {
                        let when = i18n.time(&rfc3339_from_unix_millis(i64::try_from(ms).unwrap_or(i64::MAX)));
                        let key = if s.expired(now_ms()) { "signin.expired" } else { "signin.expires" };
                        i18n.msg(&crate::domain::Message::new(key).with("time", when))
                    });
                    view! {
                        <p class="status ok" role="status" data-status="signed-in">
                            {i18n.t("signin.signed_in")}
                        </p>
                        <p data-value="signin.tenant">{i18n.t("signin.tenant")} ": " <code>{tenant}</code></p>
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
                    let busy = matches!(other, Status::Starting);
                    let failed = match other {
                        Status::Failed(e) => Some(view! { <SignInErrorView error=e/> }),
                        _ => None,
                    };
                    view! {
                        {failed}
                        <p class="hint">{i18n.t("signin.scopes_hint")}</p>
                        <button type="button" class="primary" data-action="sign-in" disabled=busy on:click=sign_in>
                            {i18n.t("signin.sign_in")}
                        </button>
                    }
                    .into_any()
                }
            }}
        </div>
    }
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
            <ul class="explained">
                {explained
                    .into_iter()
                    .map(|x| {
                        let head = x.headline();
                        let details = x.entry().map(|e| (e.cause(), e.fix()));
                        view! {
                            <li data-explained=x.entry().map(|e| e.code)>
                                <strong>{move || i18n.msg(&head)}</strong>
                                {details.map(|(cause, fix)| view! {
                                    <p>{move || i18n.msg(&cause)}</p>
                                    <p>{move || i18n.msg(&fix)}</p>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
