//! Export (download the setup file) and import (read one back). The import is all or
//! nothing: `import_document` either accepts the whole file or lists every problem, and
//! only an accepted file touches the current setup.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::date::rfc3339_from_unix_millis;
use crate::domain::diagnose::doctor::doctor;
use crate::domain::export::{export_file_name, export_with_doctor, import_document};
use crate::domain::{Field, Finding, Message};
use crate::platform::files::{read_text, FileError};
use crate::platform::{clock, download};
use crate::ui::components::FramedNote;
use crate::ui::diagnostics::today;
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::state::use_state;

#[component]
pub fn Export() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    // Component-local on purpose: off every time the page is shown, never stored.
    let include_secret = RwSignal::new(false);
    let failed = RwSignal::new(false);
    // A download the browser started (a portal's frame may still refuse it, unseen by the page).
    let started = RwSignal::new(false);
    let has_secret = move || state.secrets.with(|s| !s.client_secret.is_empty());
    let download = move |_| {
        let now = rfc3339_from_unix_millis(clock::now_unix_millis());
        let include = include_secret.get_untracked();
        // The doctor over the same values as the file, as the Summary shows it.
        let json = state.setup.with_untracked(|s| {
            state.secrets.with_untracked(|sec| {
                state.derived.with_untracked(|d| {
                    let diagnoses = state.checklist.with_untracked(|c| doctor(s, sec, d, c, today()));
                    export_with_doctor(s, sec, d, &diagnoses, include, &now)
                })
            })
        });
        let name = state.derived.with_untracked(|d| export_file_name(&d.webex_tenant, &now));
        let saved = download::save(&name, "application/json", &json).is_ok();
        failed.set(!saved);
        started.set(saved);
    };
    view! {
        <section class="summary-export" aria-labelledby="summary-export-title">
            <h2 id="summary-export-title">{i18n.text("summary.export_title")}</h2>
            <p>{i18n.text("summary.export_intro")}</p>
            <div class="checkbox-row">
                <input
                    type="checkbox"
                    id="export-include-secret"
                    name="export.include_secret"
                    aria-describedby="export-include-secret--hint"
                    prop:checked=move || include_secret.get()
                    on:change=move |ev| include_secret.set(event_target_checked(&ev))
                />
                <label for="export-include-secret">{i18n.text("export.include_secret")}</label>
                <p class="hint" id="export-include-secret--hint">{i18n.text("export.include_secret_hint")}</p>
            </div>
            <div aria-live="polite">
                {move || {
                    include_secret.get().then(|| {
                        if has_secret() {
                            view! { <p class="msg msg-warning" data-secret-warning="">{i18n.t("summary.secret_warning")}</p> }
                        } else {
                            view! { <p class="msg msg-info" data-secret-warning="none">{i18n.t("summary.secret_none")}</p> }
                        }
                    })
                }}
            </div>
            <div class="actions">
                <button type="button" class="primary" data-action="export" on:click=download>
                    {i18n.text("export.download")}
                </button>
            </div>
            {move || failed.get().then(|| view! { <p class="msg msg-error" role="alert">{i18n.t("summary.export_failed")}</p> })}
            <FramedNote message="hosting.framed.download_note" shown=started/>
        </section>
    }
}

/// What the last import attempt did.
#[derive(Clone)]
enum Outcome {
    Imported { exported_at: String, notices: Vec<Finding> },
    Refused(Vec<Finding>),
}

fn refusal(message: Message) -> Outcome {
    Outcome::Refused(vec![Finding::error(Field::ImportFile, message)])
}

/// Why the file was not read, as the import's own refusal (same texts as `import_document`).
fn read_refusal(error: FileError) -> Outcome {
    refusal(match error {
        FileError::TooLarge { size, max } => {
            Message::new("import.too_large").with("size", format!("{size:.0}")).with("max", max.to_string())
        }
        FileError::Unreadable => Message::new("summary.import_unreadable"),
    })
}

#[component]
pub fn Import() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let outcome = RwSignal::new(None::<Outcome>);
    // Counts finished attempts, so a test (or a screen reader user) can tell a second
    // identical refusal from the first.
    let attempts = RwSignal::new(0u32);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        // Cleared so that choosing the same file again (after fixing it) fires again.
        input.set_value("");
        leptos::task::spawn_local(async move {
            let result = match read_text(&file).await {
                Err(error) => read_refusal(error),
                Ok(text) => match import_document(&text) {
                    Err(findings) => Outcome::Refused(findings),
                    Ok(imported) => {
                        state.setup.update(|s| s.take_import(imported.setup));
                        if let Some(secret) = imported.client_secret {
                            state.secrets.update(|s| s.client_secret = secret);
                        }
                        Outcome::Imported { exported_at: imported.exported_at, notices: imported.notices }
                    }
                },
            };
            outcome.set(Some(result));
            attempts.update(|n| *n += 1);
        });
    };
    view! {
        <section class="summary-import" aria-labelledby="summary-import-title">
            <h2 id="summary-import-title">{i18n.text("summary.import_title")}</h2>
            <p>{i18n.text("summary.import_intro")}</p>
            <div class="field">
                <label for="import-file">{i18n.text("import.choose_file")}</label>
                <input
                    type="file"
                    id="import-file"
                    name=Field::ImportFile.key()
                    accept=".json,application/json"
                    aria-describedby="import-file--result"
                    on:change=on_change
                />
            </div>
            <div id="import-file--result" aria-live="polite"
                data-import-attempts=move || attempts.get().to_string()
                data-import-result=move || match outcome.get() {
                None => "",
                Some(Outcome::Imported { .. }) => "imported",
                Some(Outcome::Refused(_)) => "refused",
            }>
                {move || outcome.get().map(|o| result_view(o, i18n))}
            </div>
        </section>
    }
}

fn result_view(outcome: Outcome, i18n: I18n) -> impl IntoView {
    match outcome {
        Outcome::Imported { exported_at, notices } => {
            let done = if exported_at.is_empty() {
                i18n.t("import.done_undated")
            } else {
                i18n.msg(&Message::new("import.done").with("exported_at", i18n.time(&exported_at)))
            };
            view! {
                <p class="msg msg-info" role="status">{done}</p>
                {(!notices.is_empty()).then(|| view! {
                    <p>{i18n.t("summary.import_notices")}</p>
                    {finding_list(notices, i18n)}
                })}
            }
            .into_any()
        }
        Outcome::Refused(findings) => view! {
            <p class="msg msg-error" role="alert">{i18n.t("import.refused")}</p>
            {finding_list(findings, i18n)}
        }
        .into_any(),
    }
}

/// Each finding with the label of its field, so the admin knows where to look.
fn finding_list(findings: Vec<Finding>, i18n: I18n) -> impl IntoView {
    view! {
        <ul class="messages import-findings">
            {findings
                .into_iter()
                .map(|f| {
                    let severity = f.severity.as_str();
                    view! {
                        <li class=format!("msg msg-{severity}") data-severity=severity data-field=f.field.key()
                            data-key=f.message.key>
                            <span class="sr-only">{i18n.t(&format!("severity.{severity}"))} ": "</span>
                            <strong>{i18n.t(&f.field.label_key())}</strong> ": " {i18n.msg(&f.message)}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
