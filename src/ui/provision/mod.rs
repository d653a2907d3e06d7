//! "Do step 2 with Microsoft Graph": the plan as a dry run (before anything runs), the plan
//! as scripts, and, when this app is connected, the run: reads, review of the exact
//! changes, apply with progress, results into the wizard.

mod apply_panel;
mod checks;
mod consent_proof;
mod driver;
mod exports;
mod findings;
mod lifetime;
mod operations;
mod progress;
mod store;

use leptos::prelude::*;

use crate::domain::graph::{plan, Observed, PlanInput, SecretLifetime};
use crate::platform::clock;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;
use findings::FindingLine;
pub(crate) use operations::OperationList;

pub(crate) use checks::send;
pub use checks::MailboxChecks;
pub use consent_proof::ConsentProof;
pub(crate) use lifetime::LifetimeSelect;
pub use store::init;

#[component]
pub fn ProvisionSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let store = store::store();
    let connected = move || state.config.with(|c| c.config().connected_mode());
    // The fresh-tenant plan of the current values: the dry run, and what the scripts do.
    let fresh = Memo::new(move |_| {
        let lifetime = SecretLifetime::parse(store.lifetime_days.get()).unwrap_or(SecretLifetime::DEFAULT);
        state.setup.with(|setup| {
            plan(
                &PlanInput { setup, now_unix_ms: clock::now_unix_millis(), secret_lifetime: lifetime },
                &Observed::default(),
            )
        })
    });
    let findings =
        move || fresh.with(|p| p.findings.iter().cloned().map(|f| view! { <FindingLine finding=f/> }).collect_view());
    view! {
        <section class="provision" data-section="provision" aria-labelledby="provision-title">
            <h2 id="provision-title">{move || i18n.t("provision.title")}</h2>
            <p class="hint">{move || i18n.t("provision.intro")}</p>
            <details class="dry-run" data-dry-run="">
                <summary>{move || i18n.t("provision.dry_run")}</summary>
                <p class="hint">{move || i18n.t("provision.dry_run_hint")}</p>
                <ul class="findings" data-plan-findings="">{findings}</ul>
                {move || view! { <OperationList operations=fresh.get().operations list="dry-run"/> }}
            </details>
            <exports::PlanExports plan=fresh/>
            {move || if connected() {
                view! { <apply_panel::ApplyPanel/> }.into_any()
            } else {
                view! { <p class="hint" data-note="provision-needs-connection">{i18n.t("provision.needs_connection")}</p> }
                    .into_any()
            }}
        </section>
    }
}
