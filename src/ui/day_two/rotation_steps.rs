//! The four steps of a rotation, one component each: (a) add, reviewed first; (b) Webex
//! Connect's fields; (c) the proof; (d) remove the old secret, reviewed first. The state
//! machine refuses what is out of order or would remove the new secret; views say why.

use leptos::prelude::*;

use super::driver::{drive, with_session};
use super::rotation_manual::{ManualAdd, ManualRemove};
use super::store::store;
use crate::domain::graph::audit::sign_in_account;
use crate::domain::graph::rotation::{Mode, Proof, Refusal, Rotation};
use crate::domain::graph::SecretLifetime;
use crate::domain::Message;
use crate::platform::clock;
use crate::ui::components::{CopyValue, Fold};
use crate::ui::i18n::use_i18n;
use crate::ui::provision::{LifetimeSelect, OperationList};
use crate::ui::state::use_state;
use crate::ui::webex_api::{last_accepted, TestSendPanel};

/// The rotation's mode, read once: it never changes during a rotation, and reading it
/// untracked keeps a step's own inputs and messages across the rotation's updates.
fn mode() -> Option<Mode> {
    store().rotation.with_untracked(|r| r.as_ref().map(Rotation::mode))
}

/// A refusal or a problem of the step, said next to its button.
pub(super) fn refused(m: RwSignal<Option<Message>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        m.get().map(|m| view! { <p class="msg msg-error" role="alert" data-rotation-refused=m.key>{i18n.msg(&m)}</p> })
    }
}

/// Takes one step of the rotation; its refusal (or none) is said next to the step's button.
/// True when the state machine refused it.
pub(super) fn advance(
    problem: RwSignal<Option<Message>>,
    step: impl FnOnce(&mut Rotation) -> Result<(), Refusal>,
) -> bool {
    let refusal = store().rotation.try_update(|r| r.as_mut().map(step)).flatten().and_then(Result::err);
    let refused = refusal.is_some();
    problem.set(refusal.map(|e| e.message()));
    refused
}

#[component]
pub fn AddStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let store = store();
    // The rotation's own lifetime choice (the same select as provisioning's), applied when the admin confirms.
    let lifetime = move || SecretLifetime::parse(store.lifetime_days.get()).unwrap_or(SecretLifetime::DEFAULT);
    let review = Memo::new(move |_| {
        let l = lifetime();
        store.rotation.with(|r| {
            r.iter()
                .map(|r| {
                    let mut r = r.clone();
                    r.set_lifetime(l);
                    r.add_request(clock::now_unix_millis())
                })
                .collect::<Vec<_>>()
        })
    });
    let confirm = move |_| {
        let l = untrack(lifetime);
        with_session(store, move || {
            store.rotation.update(|r| {
                r.iter_mut().for_each(|r| {
                    r.set_lifetime(l);
                    let _ = r.confirm_add(clock::now_unix_millis());
                })
            });
            drive(store, state);
        });
    };
    view! {
        <div class="rotation-step" data-step="add">
            <h4>{i18n.text("day_two.rotate.step_add")}</h4>
            <label for="day-two-rotate-lifetime">{i18n.text("provision.lifetime")}</label>
            <LifetimeSelect id="day-two-rotate-lifetime" name="day_two.rotate.lifetime" days=store.lifetime_days
                disabled=Signal::derive(move || store.rotation_busy.get())/>
            {if mode() == Some(Mode::Connected) {
                view! {
                    <p>{i18n.text("day_two.rotate.add_review")}</p>
                    <OperationList operations=review list="rotation-add"/>
                    <div class="actions">
                        <button type="button" class="primary" data-action="rotation-add"
                            disabled=move || store.rotation_busy.get() on:click=confirm>
                            {i18n.text("day_two.rotate.add_confirm")}
                        </button>
                    </div>
                }
                .into_any()
            } else {
                view! { <ManualAdd/> }.into_any()
            }}
        </div>
    }
}

#[component]
pub fn WebexStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let store = store();
    let problem = RwSignal::new(None::<Message>);
    let value = Signal::derive(move || state.secrets.with(|s| s.client_secret.clone()));
    let account = move || state.setup.with(|s| sign_in_account(s).map(|a| a.as_str().to_string())).unwrap_or_default();
    let new_key = move || {
        store.rotation.with(|r| r.as_ref().and_then(|r| r.new_key().cloned())).map(|k| (k.key_id, k.end_date_time))
    };
    let done = move |_| {
        advance(problem, Rotation::webex_updated);
    };
    view! {
        <div class="rotation-step" data-step="update-webex">
            <h4>{i18n.text("day_two.rotate.step_webex")}</h4>
            {move || new_key().map(|(key, end)| view! {
                <p data-value="rotation.new_key">
                    {i18n.msg(&Message::new("day_two.rotate.new_secret").with("key_id", key).with("end", end))}
                </p>
            })}
            <CopyValue label=Signal::derive(move || i18n.t("day_two.rotate.new_value")) value=value
                name="rotation.new_secret" secret=true/>
            <p class="hint">{i18n.text("day_two.rotate.value_memory")}</p>
            <ol class="instructions" data-guide="rotation-webex">
                <li>{i18n.text("day_two.rotate.webex_1")}</li>
                <li>{i18n.text("day_two.rotate.webex_2")}</li>
                <li>{move || i18n.msg(&Message::new("day_two.rotate.webex_3").with("account", account()))}</li>
                <li>{i18n.text("day_two.rotate.webex_4")}</li>
            </ol>
            <div class="actions">
                <button type="button" class="primary" data-action="rotation-webex-done" on:click=done>
                    {i18n.text("day_two.rotate.webex_done")}
                </button>
            </div>
            {refused(problem)}
        </div>
    }
}

#[component]
pub fn ProveStep() -> impl IntoView {
    let i18n = use_i18n();
    let problem = RwSignal::new(None::<Message>);
    let prove = move |proof: Proof| {
        advance(problem, |r| r.prove(proof));
    };
    let sent = last_accepted();
    view! {
        <div class="rotation-step" data-step="prove">
            <h4>{i18n.text("day_two.rotate.step_prove")}</h4>
            <p>{i18n.text("day_two.rotate.prove_intro")}</p>
            <div class="actions">
                {move || sent.get().map(|id| {
                    let shown = Message::new("day_two.rotate.prove_send").with("message_id", id.clone());
                    view! {
                        <button type="button" data-action="rotation-proved-send"
                            on:click=move |_| prove(Proof::TestSend { message_id: id.clone() })>
                            {i18n.msg(&shown)}
                        </button>
                    }
                })}
                <button type="button" data-action="rotation-confirmed" on:click=move |_| prove(Proof::Confirmed)>
                    {i18n.text("day_two.rotate.prove_confirm")}
                </button>
            </div>
            {refused(problem)}
            <Fold name="rotation-send-test" line="fold.send_test"><TestSendPanel/></Fold>
        </div>
    }
}

#[component]
pub fn RemoveStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let store = store();
    let old = store.rotation.with_untracked(|r| r.as_ref().map(|r| r.old().to_vec())).unwrap_or_default();
    let typed = RwSignal::new(String::new());
    let listed = !old.is_empty();
    // Every old secret is proposed; the admin may keep any.
    let selected = RwSignal::new(old.iter().map(|s| s.key_id.clone()).collect::<Vec<_>>());
    let chosen = move || if listed { selected.get() } else { vec![typed.get()] };
    let review = Memo::new(move |_| {
        let keys = chosen();
        store.rotation.with(|r| r.as_ref().map(|r| r.remove_request(&keys)))
    });
    let problem = RwSignal::new(None::<Message>);
    let confirm = move |_| {
        let keys = chosen();
        with_session(store, move || {
            advance(problem, |r| r.confirm_remove(&keys));
            drive(store, state);
        });
    };
    let checkbox = move |key: String, label: String| {
        let id = format!("day-two-rotate-old-{key}");
        let k = key.clone();
        let shown = key.clone();
        view! {
            <div class="checkbox-row" data-old-secret=shown>
                <input type="checkbox" id=id.clone() prop:checked=move || selected.with(|s| s.contains(&key))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| {
                            s.retain(|x| x != &k);
                            if on {
                                s.push(k.clone());
                            }
                        });
                    }/>
                <label for=id><code class="wrap">{label}</code></label>
            </div>
        }
    };
    view! {
        <div class="rotation-step" data-step="remove">
            <h4>{i18n.text("day_two.rotate.step_remove")}</h4>
            <p>{i18n.text("day_two.rotate.remove_intro")}</p>
            {if listed {
                old.into_iter()
                    .map(|s| {
                        let label = format!("{} ({} {})", s.key_id, i18n.t(&format!("day_two.secret.{}", s.validity.as_str())), s.end_date());
                        checkbox(s.key_id, label)
                    })
                    .collect_view()
                    .into_any()
            } else {
                view! {
                    <div class="field">
                        <label for="day-two-rotate-old-key">{i18n.text("day_two.rotate.old_key")}</label>
                        <input type="text" id="day-two-rotate-old-key" autocomplete="off" spellcheck="false"
                            prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                    </div>
                }
                .into_any()
            }}
            {move || match review.get() {
                Some(Ok(ops)) if mode() == Some(Mode::Connected) => view! {
                    <p>{i18n.t("day_two.rotate.remove_review")}</p>
                    <OperationList operations=ops list="rotation-remove"/>
                    <div class="actions">
                        <button type="button" class="primary" data-action="rotation-remove"
                            disabled=move || store.rotation_busy.get() on:click=confirm>
                            {i18n.t("day_two.rotate.remove_confirm")}
                        </button>
                    </div>
                }
                .into_any(),
                Some(Ok(ops)) => view! { <ManualRemove ops=ops keys=Signal::derive(chosen)/> }.into_any(),
                Some(Err(refusal)) => {
                    let m = refusal.message();
                    view! { <p class="msg msg-warning" data-rotation-refused=m.key>{i18n.msg(&m)}</p> }.into_any()
                }
                None => ().into_any(),
            }}
            {refused(problem)}
        </div>
    }
}
