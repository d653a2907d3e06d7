//! Step 2 through Microsoft Graph. Two ways of the step use the same plan: "from this page"
//! (connected mode: reads, review of the exact changes, apply with progress, results into the
//! wizard) and "a script for another admin" (the plan as Microsoft Graph PowerShell or `az
//! rest`, which needs no connection). Both show the plan as a folded dry run first.

mod apply_panel;
mod checks;
mod consent_proof;
mod driver;
mod dry_run;
mod exports;
mod findings;
mod lifetime;
mod operations;
mod progress;
mod store;

use leptos::prelude::*;

use crate::domain::graph::{plan, AddSecret, Observed, Plan, PlanInput, SecretLifetime};
use crate::platform::clock;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;
use dry_run::DryRun;
pub(crate) use operations::OperationList;

pub(crate) use checks::send;
pub use checks::MailboxChecks;
pub use consent_proof::ConsentProof;
pub use exports::ScriptDownloads;
pub(crate) use lifetime::LifetimeSelect;
pub use store::init;

/// The fresh-tenant plan of the current values: the dry run, and what the scripts do.
fn fresh_plan() -> Memo<Plan> {
    let state = use_state();
    let store = store::store();
    Memo::new(move |_| {
        let lifetime = SecretLifetime::parse(store.lifetime_days.get()).unwrap_or(SecretLifetime::DEFAULT);
        state.setup.with(|setup| {
            plan(
                &PlanInput {
                    setup,
                    now_unix_ms: clock::now_unix_millis(),
                    secret_lifetime: lifetime,
                    add_secret: AddSecret::IfNeeded,
                },
                &Observed::default(),
            )
        })
    })
}

/// "From this page with Microsoft Graph": the dry run, then the run (connected mode only).
#[component]
pub fn ProvisionSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let connected = move || state.config.with(|c| c.config().connected_mode());
    let fresh = fresh_plan();
    view! {
        <section class="provision" data-section="provision" aria-labelledby="provision-title">
            <h2 id="provision-title">{i18n.text("provision.title")}</h2>
            <p class="hint">{i18n.text("provision.intro")}</p>
            <DryRun plan=fresh/>
            {move || connected().then(|| view! { <apply_panel::ApplyPanel/> })}
        </section>
    }
}

/// "Give a script to another admin": the plan's scripts to download, and its dry run.
#[component]
pub fn PlanScripts() -> impl IntoView {
    let i18n = use_i18n();
    let fresh = fresh_plan();
    view! {
        <section class="provision" data-section="scripts" aria-labelledby="scripts-title">
            <h2 id="scripts-title">{i18n.text("path.entra_app.script")}</h2>
            <p>{i18n.text("path.entra_app.script.intro")}</p>
            <exports::PlanExports plan=fresh/>
            <DryRun plan=fresh/>
        </section>
    }
}
