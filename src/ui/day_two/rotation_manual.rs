//! A rotation by hand: the Entra admin center click by click, or the same request as a
//! Microsoft Graph PowerShell or `az rest` script, for (a) and (d). The admin says when each
//! is done; the state machine still refuses an old Secret ID as the new one, or the new one
//! for removal.

use leptos::prelude::*;

use super::rotation_steps::{advance, refused};
use super::store::store;
use crate::domain::graph::rotation_ops::{add_scripts, remove_scripts};
use crate::domain::graph::Operation;
use crate::domain::Message;
use crate::platform::clock;
use crate::ui::i18n::use_i18n;
use crate::ui::provision::ScriptDownloads;
use crate::ui::state::use_state;

#[component]
pub fn ManualAdd() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let store = store();
    let key = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Message>);
    // Made when a button is clicked: the request's end date counts from then.
    let scripts = Callback::new(move |powershell: bool| {
        let cloud = state.setup.with_untracked(|s| s.azure.cloud);
        let (ps, az) = store
            .rotation
            .with_untracked(|r| r.as_ref().map(|r| add_scripts(&r.add_request(clock::now_unix_millis()), cloud)))
            .unwrap_or_default();
        if powershell {
            ps
        } else {
            az
        }
    });
    let added = move |_| {
        if advance(problem, |r| r.added_by_hand(&key.get_untracked(), &end.get_untracked())) {
            return;
        }
        // The value goes to the wizard's memory only, where step 2's Client Secret shows it.
        let v = value.get_untracked();
        if !v.trim().is_empty() {
            state.secrets.update(|s| s.client_secret = v.trim().to_string());
        }
        let date: String = end.get_untracked().trim().chars().take(10).collect();
        if !date.is_empty() {
            state.setup.update(|s| s.azure.client_secret_expires = date);
        }
    };
    let input = move |id: &'static str, label: &'static str, kind: &'static str, signal: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{move || i18n.t(label)}</label>
                <input type=kind id=id autocomplete="off" spellcheck="false" prop:value=move || signal.get()
                    on:input=move |ev| signal.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <ol class="instructions" data-guide="rotation-add-manual">
            <li>{i18n.text("day_two.rotate.manual_add_1")}</li>
            <li>{i18n.text("day_two.rotate.manual_add_2")}</li>
            <li>{i18n.text("day_two.rotate.manual_add_3")}</li>
        </ol>
        <p class="hint">{i18n.text("day_two.rotate.manual_add_script")}</p>
        <ScriptDownloads make=scripts stem="rotation-add-secret"
            ps_action="rotation-add-secret-ps1" sh_action="rotation-add-secret-sh"/>
        {input("day-two-rotate-new-key", "day_two.rotate.new_key", "text", key)}
        {input("day-two-rotate-new-end", "day_two.rotate.new_end", "text", end)}
        <div class="field secret">
            <label for="day-two-rotate-new-value">{i18n.text("day_two.rotate.new_value_optional")}</label>
            <input type="password" id="day-two-rotate-new-value" autocomplete="off" data-1p-ignore="true" data-lpignore="true"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
        <div class="actions">
            <button type="button" class="primary" data-action="rotation-added" on:click=added>
                {i18n.text("day_two.rotate.manual_added")}
            </button>
        </div>
        {refused(problem)}
    }
}

#[component]
pub fn ManualRemove(ops: Vec<Operation>, #[prop(into)] keys: Signal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let problem = RwSignal::new(None::<Message>);
    let cloud = state.setup.with_untracked(|s| s.azure.cloud);
    let (ps, az) = remove_scripts(&ops, cloud);
    let scripts = Callback::new(move |powershell: bool| if powershell { ps.clone() } else { az.clone() });
    let removed = move |_| {
        let k = keys.get_untracked();
        advance(problem, |r| r.removed_by_hand(&k));
    };
    view! {
        <ol class="instructions" data-guide="rotation-remove-manual">
            <li>{i18n.text("day_two.rotate.manual_remove_1")}</li>
            <li>{i18n.text("day_two.rotate.manual_remove_2")}</li>
        </ol>
        <p class="hint">{i18n.text("day_two.rotate.manual_remove_script")}</p>
        <ScriptDownloads make=scripts stem="rotation-remove-old-secret"
            ps_action="rotation-remove-old-secret-ps1" sh_action="rotation-remove-old-secret-sh"/>
        <div class="actions">
            <button type="button" class="primary" data-action="rotation-removed" on:click=removed>
                {i18n.text("day_two.rotate.manual_removed")}
            </button>
        </div>
        {refused(problem)}
    }
}
