//! The plan as scripts, for admins who cannot consent this app: Microsoft Graph PowerShell
//! (Invoke-MgGraphRequest) and `az rest`. Both work from the plan of a fresh tenant: the
//! scripts find or create on their own.

use leptos::prelude::*;

use crate::domain::graph::export::{az_rest_script, powershell_script};
use crate::domain::graph::Plan;
use crate::domain::powershell::SCRIPT_BOM;
use crate::platform::download;
use crate::ui::components::FramedNote;
use crate::ui::i18n::use_i18n;

#[component]
pub fn PlanExports(plan: Memo<Plan>) -> impl IntoView {
    let i18n = use_i18n();
    let state = crate::ui::state::use_state();
    let make = Callback::new(move |powershell: bool| {
        let cloud = state.setup.with_untracked(|s| s.azure.cloud);
        plan.with_untracked(|p| if powershell { powershell_script(p, cloud) } else { az_rest_script(p, cloud) })
    });
    view! {
        <ScriptDownloads make=make stem="webex-connect-entra-app" ps_action="export-powershell" sh_action="export-az">
            <p class="hint">{i18n.text("provision.export_hint")}</p>
        </ScriptDownloads>
    }
}

/// Download buttons for a pair of scripts, each made when clicked (`make(true)`: Microsoft
/// Graph PowerShell, `make(false)`: `az rest`), then what the caller adds (a hint), whether
/// the browser refused the download, and the note for a framed page.
#[component]
pub fn ScriptDownloads(
    make: Callback<bool, String>,
    /// The file name without its extension.
    stem: &'static str,
    #[prop(into)] ps_action: String,
    #[prop(into)] sh_action: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let failed = RwSignal::new(false);
    let started = RwSignal::new(false);
    let save = move |powershell: bool| {
        let script = make.run(powershell);
        let saved = if powershell {
            // PowerShell 5.1 reads a BOM-less .ps1 as the ANSI code page: Japanese names would break.
            download::save(&format!("{stem}.ps1"), "text/plain", &format!("{SCRIPT_BOM}{script}"))
        } else {
            download::save(&format!("{stem}.sh"), "text/x-shellscript", &script)
        };
        failed.set(saved.is_err());
        started.set(saved.is_ok());
    };
    view! {
        <div class="actions" data-scripts=stem>
            <button type="button" data-action=ps_action on:click=move |_| save(true)>
                {i18n.text("provision.export_powershell")}
            </button>
            <button type="button" data-action=sh_action on:click=move |_| save(false)>
                {i18n.text("provision.export_az")}
            </button>
        </div>
        {children.map(|c| c())}
        {move || failed.get().then(|| view! {
            <p class="msg msg-error" role="alert">{i18n.t("provision.export_failed")}</p>
        })}
        <FramedNote message="hosting.framed.download_note" shown=started/>
    }
}
