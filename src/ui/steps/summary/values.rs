//! The values table. It is read from the export document itself (without the secret), so
//! the page shows exactly what a download would contain, derived values included; the
//! client secret gets a masked row of its own.

use leptos::prelude::*;
use serde_json::Value;

use crate::domain::export::export_document;
use crate::domain::model::{CheckId, CheckStatus};
use crate::domain::{Field, Step};
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::state::use_state;
use crate::ui::steps::verify::check_label_key;

/// The export's sections, in file order, with the step where each is entered.
const SECTIONS: [(&str, Step); 7] = [
    ("webex_connect", Step::WebexApp),
    ("azure", Step::EntraApp),
    ("mailbox", Step::Mailbox),
    ("smtp", Step::WebexOauth),
    ("oauth", Step::WebexOauth),
    ("verification", Step::Verify),
    ("support", Step::Troubleshoot),
];

/// One row: the key path (also the row's `data-row`), its label and its shown text.
struct Row {
    key: String,
    label: String,
    text: String,
    derived: bool,
    empty: bool,
    /// A sentence about the secret, not a value: shown as text, not code.
    note: bool,
}

fn text_row(field: Field, value: Option<&Value>, i18n: I18n) -> Row {
    let text = match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => i18n.t(if *b { "summary.on" } else { "summary.off" }),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n"),
        _ => String::new(),
    };
    Row {
        key: field.key().to_string(),
        label: i18n.t(&field.label_key()),
        empty: text.is_empty(),
        text,
        derived: field.is_derived(),
        note: false,
    }
}

fn check_row(id: CheckId, doc: &Value, i18n: I18n) -> Row {
    let path = format!("/verification/{}", id.as_str());
    let status = doc.pointer(&format!("{path}/status")).and_then(Value::as_str).and_then(CheckStatus::parse);
    let time = doc.pointer(&format!("{path}/time")).and_then(Value::as_str).unwrap_or_default();
    let mut text = i18n.t(&format!("verify.status.{}", status.unwrap_or_default().as_str()));
    if !time.is_empty() {
        text = format!("{text} ({})", i18n.time(time));
    }
    Row {
        key: format!("verification.{}", id.as_str()),
        label: i18n.t(&check_label_key(id)),
        text,
        derived: false,
        empty: false,
        note: false,
    }
}

fn rows(section: &str, doc: &Value, secret_present: bool, i18n: I18n) -> Vec<Row> {
    if section == "verification" {
        return CheckId::ALL.into_iter().map(|id| check_row(id, doc, i18n)).collect();
    }
    Field::ALL
        .into_iter()
        .filter(|f| f.key().split('.').next() == Some(section))
        .map(|f| {
            if f.is_secret() {
                let key = if secret_present { "summary.secret_masked" } else { "summary.secret_absent" };
                return Row {
                    key: f.key().to_string(),
                    label: i18n.t(&f.label_key()),
                    text: i18n.t(key),
                    derived: false,
                    empty: false,
                    note: true,
                };
            }
            text_row(f, doc.pointer(&format!("/{}", f.key().replace('.', "/"))), i18n)
        })
        .collect()
}

#[component]
pub fn ValuesTable() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    // The secret is never put in this document: only whether there is one is shown.
    let doc = Memo::new(move |_| {
        let json = state
            .setup
            .with(|s| state.derived.with(|d| export_document(s, &crate::domain::Secrets::default(), d, false, "")));
        serde_json::from_str::<Value>(&json).unwrap_or(Value::Null)
    });
    let secret_present = Memo::new(move |_| state.secrets.with(|s| !s.client_secret.is_empty()));
    view! {
        <table class="values summary-values">
            <thead>
                <tr>
                    <th scope="col">{i18n.text("summary.col_setting")}</th>
                    <th scope="col">{i18n.text("summary.col_value")}</th>
                </tr>
            </thead>
            {SECTIONS
                .into_iter()
                .map(|(section, step)| {
                    let heading_id = format!("summary-section-{section}");
                    let labelled_by = heading_id.clone();
                    view! {
                        <tbody data-section=section aria-labelledby=labelled_by>
                            <tr class="section-row">
                                <th scope="colgroup" colspan="2" id=heading_id>
                                    {move || i18n.t(&format!("summary.section.{section}"))}
                                    " "
                                    <a class="no-print" href=state.href(step)
                                        on:click=move |ev| state.follow_link(&ev, step)>
                                        {move || format!("{} ({})", i18n.t("summary.edit"), i18n.t(step.title_key()))}
                                    </a>
                                </th>
                            </tr>
                            {move || {
                                doc.with(|d| rows(section, d, secret_present.get(), i18n))
                                    .into_iter()
                                    .map(|r| {
                                        let row_key = r.key.clone();
                                        view! {
                                            <tr data-row=row_key>
                                                <th scope="row">
                                                    {r.label}
                                                    {r.derived.then(|| view! {
                                                        " " <span class="badge">{i18n.t("summary.derived")}</span>
                                                    })}
                                                </th>
                                                <td>
                                                    {if r.empty {
                                                        view! { <span class="hint">{i18n.t("summary.empty")}</span> }.into_any()
                                                    } else if r.note {
                                                        view! { <span data-summary-value=r.key>{r.text}</span> }.into_any()
                                                    } else {
                                                        view! {
                                                            <code class="pre-line" data-summary-value=r.key>{r.text}</code>
                                                        }
                                                        .into_any()
                                                    }}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    }
                })
                .collect_view()}
        </table>
    }
}
