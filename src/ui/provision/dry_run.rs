use leptos::prelude::*;

use super::findings::FindingLine;
use super::operations::OperationList;
use crate::domain::graph::Plan;
use crate::ui::i18n::use_i18n;

/// The plan for a fresh tenant, before anything runs: its findings and every request in order.
/// Folded: its one-line summary says what it is.
#[component]
pub fn DryRun(plan: Memo<Plan>) -> impl IntoView {
    let i18n = use_i18n();
    let findings =
        move || plan.with(|p| p.findings.iter().cloned().map(|f| view! { <FindingLine finding=f/> }).collect_view());
    view! {
        <details class="dry-run fold" data-dry-run="">
            <summary>
                <span class="badge">{i18n.text("fold.optional")}</span>
                " "
                <span class="fold-line">{i18n.text("provision.dry_run")}</span>
            </summary>
            <p class="hint">{i18n.text("provision.dry_run_hint")}</p>
            <ul class="findings" data-plan-findings="">{findings}</ul>
            <OperationList operations=Signal::derive(move || plan.with(|p| p.operations.clone())) list="dry-run"/>
        </details>
    }
}
