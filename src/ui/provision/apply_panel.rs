//! Connected mode: start the run (reads), review the exact changes, apply them with
//! progress, sign in again when the token runs out, and the result in the wizard.

use leptos::prelude::*;

use super::driver::drive;
use super::findings::FindingLine;
use super::lifetime::LifetimeSelect;
use super::operations::OperationList;
use super::progress::ProgressList;
use super::store::{store, Store};
use crate::domain::diagnose::explain;
use crate::domain::graph::apply::{Phase, Run};
use crate::domain::graph::{Action, SecretLifetime};
use crate::domain::signin::SignInError;
use crate::domain::Message;
use crate::platform::clock;
use crate::ui::components::ExplainedList;
use crate::ui::connect::{self, RedirectFallback};
use crate::ui::i18n::use_i18n;
use crate::ui::state::{use_state, AppState};

/// Where the run stands, for the view (`data-provision`).
fn phase(store: Store) -> &'static str {
    if store.busy.get() {
        return "running";
    }
    store.run.with(|r| match r.as_ref().map(Run::phase) {
        None => "idle",
        Some(Phase::Review) => "review",
        Some(Phase::SignInAgain) => "sign-in-again",
        Some(Phase::Blocked) => "blocked",
        Some(Phase::Failed) => "failed",
        Some(Phase::Finished) => "finished",
        Some(Phase::Running) => "stopped",
    })
}

fn base(state: AppState) -> String {
    state.config.with_untracked(|c| c.config().graph_base_url)
}

/// Runs `then` once the session covers `action` (a popup sign-in when needed).
fn with_session(store: Store, action: Action, then: impl FnOnce() + 'static) {
    connect::with_session(action, store.problem, then);
}

#[component]
pub fn ApplyPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let store = store();

    let start = move |_| {
        with_session(store, Action::Provision, move || {
            let setup = state.setup.get_untracked();
            let lifetime =
                SecretLifetime::parse(store.lifetime_days.get_untracked()).unwrap_or(SecretLifetime::DEFAULT);
            let held = store.held_key_id.get_untracked();
            store.run.set(Some(Run::new(&setup, clock::now_unix_millis(), lifetime, held)));
            drive(store, state, base(state));
        });
    };
    let confirm = move |_| {
        store.run.update(|r| r.iter_mut().for_each(Run::confirm));
        drive(store, state, base(state));
    };
    let sign_in_again = move |_| {
        with_session(store, Action::Provision, move || {
            store.run.update(|r| r.iter_mut().for_each(Run::signed_in_again));
            drive(store, state, base(state));
        });
    };
    let cancel = move |_| store.run.set(None);

    view! {
        <div class="apply" data-provision=move || phase(store)>
            <label for="provision-lifetime">{i18n.text("provision.lifetime")}</label>
            <LifetimeSelect id="provision-lifetime" name="provision.lifetime" days=store.lifetime_days
                disabled=Signal::derive(move || store.busy.get())/>
            <div class="actions">
                <button type="button" class="primary" data-action="provision-start"
                    disabled=move || store.busy.get() || phase(store) == "review" on:click=start>
                    {move || i18n.t(if store.run.with(Option::is_some) { "provision.start_again" } else { "provision.start" })}
                </button>
            </div>
            <p class="hint">{i18n.text("provision.start_hint")}</p>
            {move || store.problem.get().map(|e| {
                let blocked = matches!(e, SignInError::PopupBlocked);
                view! {
                    <div class="msg msg-error" role="alert" data-provision-problem="">
                        <p>{i18n.msg(&e.message())}</p>
                        <ExplainedList explained=e.explained()/>
                    </div>
                    {blocked.then(|| view! { <RedirectFallback action=Action::Provision/> })}
                }
            })}
            {move || match phase(store) {
                "review" => {
                    let writes = store.run.with(|r| r.as_ref().map(|r| r.planned_writes().to_vec()).unwrap_or_default());
                    let count = writes.len().to_string();
                    view! {
                        <div class="review" role="status" data-review="">
                            <p>{i18n.msg(&Message::new("provision.review").with("count", count.clone()))}</p>
                            <OperationList operations=writes list="review"/>
                            <div class="actions">
                                <button type="button" class="primary" data-action="provision-confirm" on:click=confirm>
                                    {i18n.msg(&Message::new("provision.confirm").with("count", count))}
                                </button>
                                <button type="button" data-action="provision-cancel" on:click=cancel>
                                    {i18n.t("provision.cancel")}
                                </button>
                            </div>
                        </div>
                    }
                    .into_any()
                }
                "sign-in-again" => view! {
                    <div class="msg msg-warning" role="alert" data-sign-in-again="">
                        <p>{i18n.t("provision.sign_in_again")}</p>
                        <button type="button" class="primary" data-action="provision-sign-in-again" on:click=sign_in_again>
                            {i18n.t("provision.sign_in_again_button")}
                        </button>
                    </div>
                }
                .into_any(),
                _ => ().into_any(),
            }}
            <RunView/>
        </div>
    }
}

/// Findings, failure, progress and result of the current run.
#[component]
fn RunView() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let store = store();
    move || {
        let run = store.run.get()?;
        let findings = run.findings.iter().cloned().map(|f| view! { <FindingLine finding=f/> }).collect_view();
        let failure = run.failure.clone().map(|m| {
            let error = m.params.iter().find(|(k, _)| *k == "error" || *k == "detail").map(|(_, v)| v.clone());
            let explained = error.map(|e| explain(&e)).unwrap_or_default();
            let key = m.key;
            view! {
                <div class="msg msg-error" role="alert" data-provision-failure=key>
                    <p>{move || i18n.msg(&m)}</p>
                    <ExplainedList explained=explained/>
                </div>
            }
        });
        let finished = (phase(store) == "finished").then(|| {
            let o = run.outcome.clone();
            let key = if o.writes_done == 0 { "provision.nothing_to_do" } else { "provision.done" };
            let done = Message::new(key).with("count", o.writes_done.to_string());
            let expires = o.secret.as_ref().map(|s| i18n.time(&s.end_date_time));
            // The note on the secret in memory is about one this tab made; a kept one stays as typed.
            let made = o.secret.is_some() || store.held_key_id.get_untracked().is_some();
            let held = made && state.secrets.with(|s| !s.client_secret.is_empty());
            let filled = if o.secret.is_some() { "provision.filled" } else { "provision.filled_ids" };
            view! {
                <div class="msg msg-ok" role="status" data-provision-done="">
                    <p>{move || i18n.msg(&done)}</p>
                    <p data-value="provision.client_id">{i18n.t("provision.client_id")} ": " <code>{o.client_id.clone()}</code></p>
                    <p data-value="provision.tenant_id">{i18n.t("provision.tenant_id")} ": " <code>{o.tenant_id.clone()}</code></p>
                    {expires.map(|e| view! {
                        <p data-value="provision.secret">
                            {i18n.msg(&Message::new("provision.secret_made").with("time", e))}
                        </p>
                    })}
                    {held.then(|| view! { <p class="hint">{i18n.t("provision.secret_in_memory")}</p> })}
                    <p class="hint">{i18n.t(filled)}</p>
                </div>
            }
        });
        // The plan kept the registration's valid secret: a new one on request (planned again,
        // reviewed again; nothing is read again).
        let new_secret = run.can_request_new_secret().then(|| {
            let ask = move |_| {
                store.run.update(|r| r.iter_mut().for_each(Run::request_new_secret));
                drive(store, state, base(state));
            };
            view! {
                <div class="actions">
                    <button type="button" data-action="provision-new-secret" disabled=move || store.busy.get() on:click=ask>
                        {i18n.t("provision.new_secret")}
                    </button>
                </div>
            }
        });
        let trips = Message::new("provision.round_trips").with("count", run.outcome.round_trips.to_string());
        Some(view! {
            <ul class="findings" data-run-findings="">{findings}</ul>
            {new_secret}
            {failure}
            {finished}
            <ProgressList entries=run.entries.clone()/>
            <p class="hint" data-value="provision.round_trips">{move || i18n.msg(&trips)}</p>
        })
    }
}
