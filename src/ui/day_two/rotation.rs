//! "Rotate the client secret": connected (this app adds and removes through Graph) or by hand
//! (click by click, or the scripts), always in the same four steps of one state machine.
//! Where it stands is said at the top: after (a) both secrets are valid until (d).

use leptos::prelude::*;

use super::driver::{drive, with_session};
use super::rotation_steps::{AddStep, ProveStep, RemoveStep, WebexStep};
use super::store::store;
use super::ROTATE_ANCHOR;
use crate::domain::graph::rotation::{Mode, Rotation, Stage, Target};
use crate::domain::graph::secrets::listed;
use crate::domain::graph::{Action, SecretLifetime};
use crate::domain::guid::ClientId;
use crate::domain::signin::SignInError;
use crate::domain::Message;
use crate::platform::{clock, location};
use crate::ui::components::ExplainedList;
use crate::ui::connect::RedirectFallback;
use crate::ui::i18n::use_i18n;
use crate::ui::state::{use_state, AppState};

const STAGES: [(Stage, &str); 4] = [
    (Stage::Add, "day_two.rotate.step_add"),
    (Stage::UpdateWebex, "day_two.rotate.step_webex"),
    (Stage::Prove, "day_two.rotate.step_prove"),
    (Stage::Remove, "day_two.rotate.step_remove"),
];

/// A rotation from the audit (connected: the object id and the listed secrets) or from the
/// wizard's client id (by hand; the old Secret ID is typed at the end).
fn begin(state: AppState, mode: Mode) -> Result<Rotation, Message> {
    let s = store();
    let lifetime = SecretLifetime::parse(s.lifetime_days.get_untracked()).unwrap_or(SecretLifetime::DEFAULT);
    let audited = s.audited.get_untracked();
    if let Some(a) = audited {
        let target = Target { client_id: a.app.app_id.clone(), object_id: Some(a.app.id.clone()) };
        let target = if mode == Mode::Manual { Target { object_id: None, ..target } } else { target };
        return Ok(Rotation::new(
            mode,
            target,
            listed(&a.app.password_credentials, clock::now_unix_millis()),
            lifetime,
        ));
    }
    if mode == Mode::Connected {
        return Err(Message::new("day_two.rotate.needs_audit"));
    }
    let raw = state.setup.with_untracked(|s| s.azure.client_id.clone());
    let client = ClientId::parse(&raw).map_err(|_| Message::new("day_two.rotate.needs_client_id"))?;
    Ok(Rotation::new(mode, Target { client_id: client.to_string(), object_id: None }, Vec::new(), lifetime))
}

#[component]
pub fn RotationPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let store = store();
    // The runtime configuration may still be loading: follow it.
    let connected = move || state.config.with(|c| c.config().connected_mode());
    let chosen = RwSignal::new(None::<Mode>);
    let mode = move || chosen.get().unwrap_or(if connected() { Mode::Connected } else { Mode::Manual });
    let problem = RwSignal::new(None::<Message>);
    let start = move |_| match begin(state, untrack(mode)) {
        Ok(r) => {
            problem.set(None);
            store.rotation.set(Some(r));
        }
        Err(m) => problem.set(Some(m)),
    };
    let sign_in_again = move |_| {
        with_session(store, move || {
            store.rotation.update(|r| r.iter_mut().for_each(Rotation::signed_in_again));
            drive(store, state);
        });
    };
    // Opened from the calendar reminder's link: show the rotation.
    if location::hash() == ROTATE_ANCHOR {
        crate::ui::focus::focus_when_shown("rotate-title");
    }
    // Steps re-render when the stage changes, not on every update of the rotation (their
    // own inputs and messages stay).
    let stage = Memo::new(move |_| store.rotation.with(|r| r.as_ref().map(Rotation::stage)));
    let stage = move || stage.get();
    let mode_radio = move |m: Mode, id: &'static str, label: &'static str| {
        view! {
            <span class="radio-inline">
                <input type="radio" id=id name="day_two.rotate.mode" value=id disabled=move || m == Mode::Connected && !connected()
                    prop:checked=move || mode() == m on:change=move |_| chosen.set(Some(m))/>
                <label for=id>{move || i18n.t(label)}</label>
            </span>
        }
    };
    view! {
        <section class="day-two-rotate" id=ROTATE_ANCHOR data-section="rotation" aria-labelledby="rotate-title"
            data-rotation=move || stage().map(Stage::as_str).unwrap_or("idle")>
            <h3 id="rotate-title" tabindex="-1">{i18n.text("day_two.rotate.title")}</h3>
            <p class="hint">{i18n.text("day_two.rotate.intro")}</p>
            <ol class="rotation-steps">
                {STAGES.into_iter().map(|(s, key)| {
                    let at = move || match stage() {
                        Some(now) if now > s => "done",
                        Some(now) if now == s => "current",
                        _ => "later",
                    };
                    view! { <li data-rotation-step=s.as_str() data-at=at>{move || i18n.t(key)}</li> }
                }).collect_view()}
            </ol>
            {move || stage().is_none().then(|| view! {
                <fieldset>
                    <legend>{i18n.t("day_two.rotate.mode")}</legend>
                    {mode_radio(Mode::Connected, "day-two-rotate-connected", "day_two.rotate.connected")}
                    {mode_radio(Mode::Manual, "day-two-rotate-manual", "day_two.rotate.manual")}
                </fieldset>
                {(!connected()).then(|| view! { <p class="hint">{i18n.t("day_two.rotate.connected_needs_connection")}</p> })}
                <div class="actions">
                    <button type="button" class="primary" data-action="rotation-start" on:click=start>
                        {i18n.t("day_two.rotate.start")}
                    </button>
                </div>
            })}
            {move || problem.get().map(|m| view! { <p class="msg msg-error" role="alert" data-rotation-problem=m.key>{i18n.msg(&m)}</p> })}
            {move || store.rotation.with(|r| r.as_ref().map(Rotation::status)).map(|m| {
                let key = m.key;
                view! { <p class="msg msg-info" role="status" data-rotation-status=key>{move || i18n.msg(&m)}</p> }
            })}
            {move || store.sign_in_problem.get().map(|e| {
                let blocked = matches!(e, SignInError::PopupBlocked);
                view! {
                    <div class="msg msg-error" role="alert" data-rotation-sign-in-problem="">
                        <p>{i18n.msg(&e.message())}</p>
                        <ExplainedList explained=e.explained()/>
                    </div>
                    {blocked.then(|| view! { <RedirectFallback action=Action::RotateSecret/> })}
                }
            })}
            {move || store.rotation.with(|r| r.as_ref().is_some_and(Rotation::waiting_for_sign_in)).then(|| view! {
                <div class="msg msg-warning" role="alert" data-rotation-sign-in-again="">
                    <p>{i18n.t("day_two.rotate.sign_in_again")}</p>
                    <button type="button" class="primary" data-action="rotation-sign-in-again" on:click=sign_in_again>
                        {i18n.t("provision.sign_in_again_button")}
                    </button>
                </div>
            })}
            {move || store.rotation.with(|r| r.as_ref().and_then(|r| r.failure().cloned())).map(|m| {
                let key = m.key;
                view! { <p class="msg msg-error" role="alert" data-rotation-failure=key>{move || i18n.msg(&m)}</p> }
            })}
            {move || match stage() {
                Some(Stage::Add) => view! { <AddStep/> }.into_any(),
                Some(Stage::UpdateWebex) => view! { <WebexStep/> }.into_any(),
                Some(Stage::Prove) => view! { <ProveStep/> }.into_any(),
                Some(Stage::Remove) => view! { <RemoveStep/> }.into_any(),
                Some(Stage::Done) => view! {
                    <p class="msg msg-ok" data-rotation-done="">{i18n.t("day_two.rotate.done")}</p>
                    <div class="actions">
                        <button type="button" data-action="rotation-new" on:click=move |_| store.rotation.set(None)>
                            {i18n.t("day_two.rotate.again")}
                        </button>
                    </div>
                }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}
