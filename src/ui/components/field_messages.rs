use leptos::prelude::*;

use crate::domain::finding::for_field;
use crate::domain::validate::raw;
use crate::domain::{Field, Finding};
use crate::ui::i18n::use_i18n;
use crate::ui::state::{use_state, AppState};

/// The id a field's input carries: its export key path, as `name` does.
pub fn input_id(field: Field) -> String {
    field.key().to_string()
}

pub fn messages_id(field: Field) -> String {
    format!("{}--messages", field.key())
}

/// Findings worth showing now: a "required" message waits until the admin has touched the
/// field, anything about a value shows as soon as there is a value.
pub fn visible_findings(state: AppState, field: Field) -> Vec<Finding> {
    let shown = state.touched.with(|t| t.contains(&field))
        || state.setup.with(|s| raw(s, field).is_none_or(|v| !v.trim().is_empty()));
    if !shown {
        return Vec::new();
    }
    state.findings.with(|all| for_field(all, field).into_iter().cloned().collect())
}

pub fn has_visible_error(state: AppState, field: Field) -> bool {
    visible_findings(state, field).iter().any(|f| f.severity == crate::domain::Severity::Error)
}

/// The messages next to a field, errors first; announced politely to screen readers.
#[component]
pub fn FieldMessages(field: Field) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    // A memo: a keystroke in one field re-finds every field's findings, and only the lists
    // whose findings changed are re-rendered (a mutation log showed every other field's list
    // re-rendered on each keystroke, its items' attributes set again).
    let findings = Memo::new(move |_| visible_findings(state, field));
    view! {
        <ul class="messages" id=messages_id(field) aria-live="polite">
            {move || {
                findings
                    .get()
                    .into_iter()
                    .map(|f| {
                        let severity = f.severity.as_str();
                        view! {
                            <li class=format!("msg msg-{severity}") data-severity=severity data-key=f.message.key>
                                <span class="sr-only">{i18n.t(&format!("severity.{severity}"))} ": "</span>
                                {i18n.msg(&f.message)}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
