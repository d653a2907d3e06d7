use leptos::prelude::*;

use crate::domain::Step;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

/// The list of steps with each one's state; every step is a real link (open in a new tab
/// works) and moving between steps is always allowed.
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
                        let current = move || state.route.get() == step;
                        let step_state = Memo::new(move |_| state.step_state(step).key());
                        let state_class = move || step_state.get().trim_start_matches("state.").to_string();
                        view! {
                            <li class:current=current data-state=state_class>
                                <a
                                    href=state.href(step)
                                    data-step=step.slug()
                                    aria-current=move || current().then_some("step")
                                    on:click=move |ev| state.follow_link(&ev, step)
                                >
                                    <span class="step-number" aria-hidden="true">
                                        {step.number().map(|n| n.to_string()).unwrap_or_else(|| "✓".into())}
                                    </span>
                                    <span class="step-title">{move || i18n.t(step.title_key())}</span>
                                    <span class=move || format!("step-state {}", state_class())>
                                        {move || i18n.t(step_state.get())}
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
