use leptos::prelude::*;

use crate::domain::path::{legend_key, options};
use crate::domain::Step;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

/// The ways a step can be done, in the consoles' own words, as one radio group at the top of
/// the step. A way this deployment cannot offer is shown disabled with the reason. The choice
/// goes to the autosaved setup; the step shows only the chosen way.
#[component]
pub fn PathChoice(step: Step) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let connected = Memo::new(move |_| state.config.with(|c| c.config().connected_mode()));
    let shown = Memo::new(move |_| state.setup.with(|s| s.paths.shown(step, connected.get())));
    let name = format!("paths.{}", step.slug());
    let radios = move || {
        options(step, connected.get())
            .into_iter()
            .map(|o| {
                let id = format!("{name}--{}", o.value);
                let detail_id = format!("{id}--detail");
                let why_id = o.unavailable.map(|_| format!("{id}--why"));
                let described = why_id.iter().fold(detail_id.clone(), |all, why| format!("{all} {why}"));
                view! {
                    <div class="radio" data-path=o.value data-available=o.unavailable.is_none().to_string()>
                        <input
                            type="radio"
                            id=id.clone()
                            name=name.clone()
                            value=o.value
                            disabled=o.unavailable.is_some()
                            aria-describedby=described
                            prop:checked=move || shown.get() == Some(o.value)
                            on:change=move |_| state.setup.update(|s| {
                                s.paths.choose(step, o.value);
                            })
                        />
                        <label for=id>{move || i18n.t(o.label_key)}</label>
                        <p class="hint" id=detail_id>{move || i18n.t(o.detail_key)}</p>
                        {o.unavailable.zip(why_id).map(|(key, why)| view! {
                            <p class="hint unavailable" id=why data-unavailable=o.value>{move || i18n.t(key)}</p>
                        })}
                    </div>
                }
            })
            .collect_view()
    };
    legend_key(step).map(|legend| {
        view! {
            <fieldset class="field choice path-choice" data-path-choice=step.slug()>
                <legend>{move || i18n.t(legend)}</legend>
                {radios}
            </fieldset>
            {move || shown.get().is_none().then(|| view! {
                <p class="hint" data-note="no-path">{i18n.t("path.none_chosen")}</p>
            })}
        }
    })
}
