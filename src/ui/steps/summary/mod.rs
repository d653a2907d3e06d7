//! "Summary and export": each step's state, every value of the export schema, and the
//! file actions (export, import, print, start over).

mod actions;
mod transfer;
mod values;

use leptos::prelude::*;

use crate::domain::Step;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[component]
pub fn SummaryStep() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{i18n.text("summary.states_title")}</h2>
        <StepStates/>
        <crate::ui::DoctorPanel/>
        <h2>{i18n.text("summary.values_title")}</h2>
        <p class="hint">{i18n.text("summary.values_intro")}</p>
        <values::ValuesTable/>
        // Not useful on paper: the lead's print CSS hides `.no-print`.
        <div class="no-print" data-summary="actions">
            <transfer::Export/>
            <transfer::Import/>
            <crate::ui::ReminderButton/>
            <actions::Print/>
            <actions::StartOver/>
        </div>
    }
}

/// Every step with its state, each a link to the step.
#[component]
fn StepStates() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    view! {
        <ul class="step-states">
            {Step::ALL
                .into_iter()
                .filter(|s| *s != Step::Summary)
                .map(|step| {
                    let step_state = Memo::new(move |_| state.step_state(step).key());
                    view! {
                        <li data-step-state=step.slug()
                            data-state=move || step_state.get().trim_start_matches("state.").to_string()>
                            <a href=state.href(step) on:click=move |ev| state.follow_link(&ev, step)>
                                {step.number().map(|n| format!("{n}. "))}
                                {move || i18n.t(step.title_key())}
                            </a>
                            ": "
                            <span class="step-state">{move || i18n.t(step_state.get())}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
