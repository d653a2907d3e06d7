use leptos::prelude::*;

use crate::domain::Step;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

/// The list of steps; every step is a real link (open in a new tab works) and moving
/// between steps is always allowed.
#[component]
pub fn Stepper() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    view! {
        <nav class="stepper" aria-label=move || i18n.t("app.steps")>
            <ol>
                {Step::ALL
                    .into_iter()
                    .map(|step| {
                        let href = state.href(step);
                        let current = move || state.route.get() == step;
                        view! {
                            <li class:current=current>
                                <a
                                    href=href
                                    data-step=step.slug()
                                    aria-current=move || current().then_some("step")
                                    on:click=move |ev| {
                                        if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0) {
                                            ev.prevent_default();
                                            state.go(step);
                                        }
                                    }
                                >
                                    <span class="step-number">
                                        {step.number().map(|n| n.to_string()).unwrap_or_else(|| "✓".into())}
                                    </span>
                                    <span class="step-title">{move || i18n.t(step.title_key())}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
