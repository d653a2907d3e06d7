//! The plan as scripts, for admins who cannot consent this app: Microsoft Graph PowerShell
//! (Invoke-MgGraphRequest) and `az rest`. Both work from the plan of a fresh tenant: the
//! scripts find or create on their own.

use leptos::prelude::*;

use crate::domain::graph::export::{az_rest_script, powershell_script};
use crate::domain::graph::Plan;
use crate::platform::download;
use crate::ui::components::FramedNote;
use crate::ui::i18n::use_i18n;

/// PowerShell 5.1 reads a BOM-less .ps1 as the ANSI code page: Japanese names would break.
const BOM: &str = "\u{feff}";

#[component]
pub fn PlanExports(plan: Memo<Plan>) -> impl IntoView {
    let i18n = use_i18n();
    let state = crate::ui::state::use_state();
    let failed = RwSignal::new(false);
    let started = RwSignal::new(false);
    let save = move |ps: bool| {
        let cloud = state.setup.with_untracked(|s| s.azure.cloud);
        let saved = plan.with_untracked(|p| {
            if ps {
                download::save(
                    "webex-connect-entra-app.ps1",
                    "text/plain",
                    &format!("{BOM}{}", powershell_script(p, cloud)),
                )
            } else {
                download::save("webex-connect-entra-app.sh", "text/x-shellscript", &az_rest_script(p, cloud))
            }
        });
        failed.set(saved.is_err());
        started.set(saved.is_ok());
    };
    view! {
        <div class="actions" data-exports="">
            <button type="button" data-action="export-powershell" on:click=move |_| save(true)>
                {i18n.text("provision.export_powershell")}
            </button>
            <button type="button" data-action="export-az" on:click=move |_| save(false)>
                {i18n.text("provision.export_az")}
            </button>
        </div>
        <p class="hint">{i18n.text("provision.export_hint")}</p>
        {move || failed.get().then(|| view! {
            <p class="msg msg-error" role="alert">{i18n.t("provision.export_failed")}</p>
        })}
        <FramedNote message="hosting.framed.download_note" shown=started/>
    }
}
