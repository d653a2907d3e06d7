use leptos::prelude::*;

use super::doctor::diagnoses;
use super::pasted_texts;
use crate::domain::date::rfc3339_from_unix_millis;
use crate::domain::diagnose::bundle::{support_bundle, BundleInput, SupportBundle};
use crate::domain::Message;
use crate::platform::{clock, download};
use crate::ui::components::FramedNote;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[derive(Clone, Copy)]
enum Format {
    Json,
    Text,
}

/// Downloads the support bundle for Cisco TAC, as JSON and as plain text.
#[component]
pub fn SupportBundleButton() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let pasted = pasted_texts();
    let failed = RwSignal::new(false);
    let started = RwSignal::new(false);
    let make = move || -> SupportBundle {
        let created_at = rfc3339_from_unix_millis(clock::now_unix_millis());
        let user_agent = crate::platform::window().and_then(|w| w.navigator().user_agent().ok()).unwrap_or_default();
        let list = untrack(|| diagnoses(state));
        let day_two = untrack(|| crate::ui::day_two::day_two_findings(state));
        let texts = pasted.get_untracked();
        state.setup.with_untracked(|setup| {
            state.secrets.with_untracked(|secrets| {
                state.derived.with_untracked(|derived| {
                    let input = BundleInput {
                        setup,
                        secrets,
                        derived,
                        diagnoses: &list,
                        pasted: &texts,
                        day_two: &day_two,
                        created_at: &created_at,
                        user_agent: &user_agent,
                    };
                    untrack(|| support_bundle(&input, &|m: &Message| i18n.msg(m)))
                })
            })
        })
    };
    let save = move |format: Format| {
        let bundle = make();
        let stamp = rfc3339_from_unix_millis(clock::now_unix_millis()).replace(':', "");
        let result = match format {
            Format::Json => download::save(&format!("support-bundle-{stamp}.json"), "application/json", &bundle.json),
            Format::Text => {
                download::save(&format!("support-bundle-{stamp}.txt"), "text/plain;charset=utf-8", &bundle.text)
            }
        };
        failed.set(result.is_err());
        started.set(result.is_ok());
    };
    let save_json = save.clone();
    view! {
        <section class="diagnostics support-bundle" data-diagnostics="bundle" aria-labelledby="bundle-title">
            <h2 id="bundle-title">{i18n.text("diagnostics.bundle.title")}</h2>
            <p class="hint">{i18n.text("diagnostics.bundle.intro")}</p>
            <p class="hint">{i18n.text("diagnostics.bundle.no_secret")}</p>
            <div class="actions">
                <button type="button" data-action="bundle-json" on:click=move |_| save_json(Format::Json)>
                    {i18n.text("diagnostics.bundle.json")}
                </button>
                <button type="button" data-action="bundle-text" on:click=move |_| save(Format::Text)>
                    {i18n.text("diagnostics.bundle.text")}
                </button>
            </div>
            {move || failed.get().then(|| view! {
                <p class="msg msg-error" role="alert">{i18n.t("diagnostics.download_failed")}</p>
            })}
            <FramedNote message="hosting.framed.download_note" shown=started/>
        </section>
    }
}
