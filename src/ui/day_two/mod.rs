//! Day two, on the Troubleshoot step ("the channel stopped"): start from the setup that
//! exists (the audit fills the wizard and says what drifted), check the Exchange side with a
//! read-only script, and rotate the client secret without a mail outage. The domain decides
//! (`graph::audit*`, `exchange_check`, `graph::rotation`); these views show and send.

mod audit;
mod driver;
mod exchange;
mod fill;
mod finding;
mod rotation;
mod rotation_manual;
mod rotation_steps;
mod store;

use leptos::prelude::*;

use crate::domain::exchange_check::verdict::verdicts;
use crate::domain::graph::audit_rules::findings;
use crate::domain::{Finding, Step};
use crate::platform::clock;
use crate::ui::i18n::use_i18n;
use crate::ui::state::{use_state, AppState};

pub use store::init;

/// The rotation's anchor on the Troubleshoot step (the calendar reminder links to it).
pub const ROTATE_ANCHOR: &str = "rotate-secret";
/// The day-two section's anchor (step 1's link).
pub const DAY_TWO_ANCHOR: &str = "day-two";

/// What the audit and the Exchange check found, for the support bundle.
pub(crate) fn day_two_findings(state: AppState) -> Vec<Finding> {
    let s = store::store();
    let mut out: Vec<Finding> = s
        .audited
        .with_untracked(|a| {
            a.as_ref().map(|a| state.setup.with_untracked(|setup| findings(a, setup, clock::now_unix_millis())))
        })
        .unwrap_or_default();
    s.exchange.with_untracked(|o| {
        if let Some(o) = o {
            let v = state.setup.with_untracked(|setup| verdicts(o, setup));
            out.extend(v.iter().map(|v| v.finding()));
        }
    });
    out
}

#[component]
pub fn DayTwoSection() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="day-two" data-section="day-two" aria-labelledby="day-two-title">
            <h2 id="day-two-title" tabindex="-1">{i18n.text("day_two.title")}</h2>
            <p class="hint">{i18n.text("day_two.intro")}</p>
            <audit::AuditPanel/>
            <exchange::ExchangeCheck/>
            <rotation::RotationPanel/>
        </section>
    }
}

/// Step 1's way in for an admin whose channel exists already.
#[component]
pub fn DayTwoLink() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let href = format!("{}#{DAY_TWO_ANCHOR}", state.href(Step::Troubleshoot));
    view! {
        <p class="day-two-link" data-note="day-two-link">
            <a href=href data-action="day-two-link" on:click=move |ev| {
                state.follow_link(&ev, Step::Troubleshoot);
                if ev.default_prevented() {
                    crate::ui::focus::focus_when_shown("day-two-title");
                }
            }>
                {i18n.text("day_two.link")}
            </a>
        </p>
    }
}
