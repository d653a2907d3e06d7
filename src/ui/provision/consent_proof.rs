//! Step 5, after [Generate Token]: what the tenant recorded for this app's consent (one
//! `$batch`, connected mode), each finding linked to the field that fixes it; and the same
//! check by hand in the Entra admin center, for manual mode and for admins who prefer it.

use leptos::prelude::*;

use super::checks::send;
use crate::domain::graph::consent_proof::{consent_proof, interpret, manual_steps};
use crate::domain::graph::Action;
use crate::domain::{Field, Finding};
use crate::ui::components::{Fold, InstructionItems};
use crate::ui::connect;
use crate::ui::diagnostics::RevisitLink;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[component]
pub fn ConsentProof() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let connected = move || state.config.with(|c| c.config().connected_mode());
    let results = RwSignal::new(None::<Vec<Finding>>);
    let busy = RwSignal::new(false);

    let run = move |_| {
        let setup = state.setup.get_untracked();
        let base = state.config.with_untracked(|c| c.config().graph_base_url);
        let ops = match consent_proof(&setup) {
            Ok(ops) => ops,
            Err(finding) => return results.set(Some(vec![finding])),
        };
        // Resolves at once when the session already covers the action.
        let signing_in = connect::acquire(Action::CheckConsent);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let findings = match signing_in.await {
                Err(e) => vec![Finding::error(Field::AzureClientId, e.message())],
                Ok(()) => match send(base, Action::CheckConsent, ops.clone(), Field::AzureClientId).await {
                    Ok(answers) => interpret(&setup, &ops, &answers),
                    Err(f) => vec![f],
                },
            };
            busy.set(false);
            results.set(Some(findings));
        });
    };

    let list = move || {
        results.get().map(|findings| {
            findings
                .into_iter()
                .map(|f| {
                    let severity = f.severity.as_str();
                    let message = f.message;
                    let key = message.key;
                    view! {
                        <li class=format!("msg msg-{severity}") data-severity=severity data-finding=key>
                            <span class="sr-only">{move || i18n.t(&format!("severity.{severity}"))} ": "</span>
                            {move || i18n.msg(&message)}
                            " "
                            <span class="revisit">
                                {i18n.text("verify.proof.fix_at")} ": "
                                <RevisitLink step=f.field.step() field=Some(f.field)/>
                            </span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let manual = Signal::derive(move || state.setup.with(manual_steps));

    view! {
        <section class="checks consent-proof" data-section="consent-proof" aria-labelledby="consent-proof-title">
            <h2 id="consent-proof-title">{i18n.text("verify.proof.title")}</h2>
            <p class="hint">{i18n.text("verify.proof.intro")}</p>
            {move || if connected() {
                view! {
                    <button type="button" data-action="check-consent" disabled=move || busy.get() on:click=run>
                        {i18n.text("verify.proof.button")}
                    </button>
                    <div role="status"><ul class="findings messages" data-proof-results="">{list}</ul></div>
                }
                .into_any()
            } else {
                view! { <p class="hint" data-note="proof-needs-connection">{i18n.t("verify.proof.needs_connection")}</p> }
                    .into_any()
            }}
            <Fold name="proof-manual" line="fold.proof_manual">
                <h3>{i18n.text("verify.proof.manual_title")}</h3>
                <ol class="instructions" data-proof-manual="">
                    <InstructionItems instructions=manual/>
                </ol>
            </Fold>
        </section>
    }
}
