use leptos::prelude::*;

use crate::domain::Step;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

/// Previous / next links at the bottom of a step (moving on is always allowed).
#[component]
pub fn StepNav(step: Step) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let link = move |target: Step, key: &'static str, rel: &'static str| {
        view! {
            <a class="button" rel=rel href=state.href(target) data-nav=rel
                on:click=move |ev| state.follow_link(&ev, target)>
                {move || format!("{} {}", i18n.t(key), i18n.t(target.title_key()))}
            </a>
        }
    };
    view! {
        <nav class="step-nav" aria-label=move || i18n.t("nav.label")>
            <span>{step.previous().map(|p| link(p, "nav.previous", "prev"))}</span>
            <span>{step.next().map(|n| link(n, "nav.next", "next"))}</span>
        </nav>
    }
}
