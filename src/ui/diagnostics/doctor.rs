use leptos::prelude::*;

use super::{today, RevisitLink};
use crate::domain::diagnose::doctor::{doctor, Diagnosis};
use crate::ui::i18n::use_i18n;
use crate::ui::state::{use_state, AppState};

/// The doctor's diagnoses for the current setup (also used by the support bundle).
pub(crate) fn diagnoses(state: AppState) -> Vec<Diagnosis> {
    state.setup.with(|s| {
        state.secrets.with(|sec| state.derived.with(|d| state.checklist.with(|c| doctor(s, sec, d, c, today()))))
    })
}

/// The whole setup checked at once, each finding linked to the step to revisit.
#[component]
pub fn DoctorPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let list = Memo::new(move |_| diagnoses(state));
    view! {
        <section class="diagnostics doctor" data-diagnostics="doctor" aria-labelledby="doctor-title">
            <h2 id="doctor-title">{i18n.text("diagnostics.doctor.title")}</h2>
            <p class="hint">{i18n.text("diagnostics.doctor.intro")}</p>
            <div aria-live="polite" data-doctor-count=move || list.with(Vec::len).to_string()>
                {move || {
                    let items = list.get();
                    if items.is_empty() {
                        return view! { <p class="msg msg-ok" data-doctor="none">{i18n.t("diagnostics.doctor.none")}</p> }
                            .into_any();
                    }
                    view! {
                        <ul class="messages doctor-list">
                            {items.into_iter().map(|d| {
                                let severity = d.severity.as_str();
                                view! {
                                    <li class=format!("msg msg-{severity}") data-severity=severity
                                        data-rule=d.rule.as_str() data-key=d.message.key>
                                        <span class="sr-only">{i18n.t(&format!("severity.{severity}"))} ": "</span>
                                        {i18n.msg(&d.message)}
                                        " "
                                        <span class="revisit">
                                            {i18n.t("diagnostics.doctor.go")} ": "
                                            <RevisitLink step=d.step field=d.field/>
                                        </span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </div>
        </section>
    }
}
