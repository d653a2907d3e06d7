//! The support bundle for Cisco TAC: what the TAC procedure asks for (the email channel's
//! asset ID, failed transaction IDs, when the checks ran), the configuration without its
//! secret, the doctor's diagnoses and the errors the admin pasted, explained. One JSON
//! document for tools and one plain-text version for a ticket.
//!
//! The caller passes `render` (a locale lookup) so that texts are in the admin's language
//! while this module stays pure. The client secret never appears: the configuration is
//! exported without it, and every string is scrubbed of it in case it was pasted elsewhere
//! (notes, say).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::doctor::Diagnosis;
use super::extract::{explain, Explained};
use crate::domain::derive::Derived;
use crate::domain::export::{export_document, transaction_id_lines};
use crate::domain::finding::{Finding, Message};
use crate::domain::model::{CheckId, Secrets, Setup};

pub const FORMAT: &str = "webex-o365-setup-support-bundle";
pub const VERSION: u64 = 1;
/// What replaces the secret wherever it shows up.
pub const REDACTED: &str = "[redacted]";
/// Shorter "secrets" are not Entra secret values; scrubbing them would mangle ordinary text.
const MIN_SCRUB_CHARS: usize = 8;

pub struct BundleInput<'a> {
    pub setup: &'a Setup,
    pub secrets: &'a Secrets,
    pub derived: &'a Derived,
    pub diagnoses: &'a [Diagnosis],
    /// Error texts the admin pasted (pop-ups, SMTP replies, API answers). Only the codes
    /// found in them are written, never the texts themselves.
    pub pasted: &'a [String],
    /// Day two: what the audit of the existing setup and the Exchange check found.
    pub day_two: &'a [Finding],
    /// RFC 3339, from the browser clock.
    pub created_at: &'a str,
    pub user_agent: &'a str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportBundle {
    pub json: String,
    pub text: String,
}

#[derive(Serialize)]
struct Bundle {
    format: &'static str,
    version: u64,
    created_at: String,
    app_version: &'static str,
    browser: String,
    tac: Tac,
    findings: Vec<FindingOut>,
    day_two: Vec<DayTwoOut>,
    explained_errors: Vec<ExplainedOut>,
    configuration: Value,
}

#[derive(Serialize)]
struct DayTwoOut {
    severity: &'static str,
    step: &'static str,
    field: &'static str,
    key: &'static str,
    params: BTreeMap<&'static str, String>,
    text: String,
}

#[derive(Serialize)]
struct Tac {
    asset_id: String,
    transaction_ids: Vec<String>,
    verification: Vec<CheckOut>,
    notes: String,
}

#[derive(Serialize)]
struct CheckOut {
    check: &'static str,
    status: &'static str,
    time: String,
}

#[derive(Serialize)]
struct FindingOut {
    rule: &'static str,
    severity: &'static str,
    step: &'static str,
    field: Option<&'static str>,
    key: &'static str,
    params: BTreeMap<&'static str, String>,
    text: String,
}

#[derive(Serialize)]
struct ExplainedOut {
    /// 1-based number of the pasted text the code was found in.
    pasted_text: usize,
    /// `aadsts`, `smtp`, `graph`, `webex`, or `notice` for a limit that was hit.
    kind: &'static str,
    code: String,
    /// Catalogue id; absent for unknown codes and notices.
    id: Option<&'static str>,
    /// `signin`, `token`, `smtp`, `delivery` or `app`; for an unknown code, the phase its
    /// context points to.
    phase: Option<&'static str>,
    step: Option<&'static str>,
    field: Option<&'static str>,
    meaning: String,
    cause: Option<String>,
    /// The cause is our inference, not Microsoft's documentation.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cause_inferred: bool,
    fix: Option<String>,
    /// The documentation the explanation was checked against.
    source: Option<&'static str>,
    /// What can still be said about an unknown code (its phase, an SMTP code's class and
    /// subject), and Microsoft's lookup page for an unknown AADSTS code.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    details: Vec<String>,
}

/// Builds both versions of the bundle.
pub fn support_bundle(input: &BundleInput<'_>, render: &dyn Fn(&Message) -> String) -> SupportBundle {
    let bundle = build(input, render);
    let secret = input.secrets.client_secret.trim();
    let mut value = serde_json::to_value(&bundle).unwrap_or(Value::Null);
    scrub_value(&mut value, secret);
    let mut json = serde_json::to_string_pretty(&value).unwrap_or_default();
    json.push('\n');
    let text = scrub(&text_version(&bundle, &value, render), secret);
    SupportBundle { json, text }
}

fn build(input: &BundleInput<'_>, render: &dyn Fn(&Message) -> String) -> Bundle {
    let setup = input.setup;
    // The export without the secret: the same schema as the app's own export file.
    let config_text = export_document(setup, input.secrets, input.derived, false, input.created_at);
    Bundle {
        format: FORMAT,
        version: VERSION,
        created_at: input.created_at.to_string(),
        app_version: env!("CARGO_PKG_VERSION"),
        browser: input.user_agent.to_string(),
        tac: Tac {
            asset_id: setup.support.asset_id.trim().to_string(),
            transaction_ids: transaction_id_lines(&setup.support.transaction_ids).map(String::from).collect(),
            verification: CheckId::ALL
                .iter()
                .map(|id| {
                    let c = setup.verification.get(*id);
                    CheckOut { check: id.as_str(), status: c.status.as_str(), time: c.time.clone() }
                })
                .collect(),
            notes: setup.support.notes.clone(),
        },
        findings: input
            .diagnoses
            .iter()
            .map(|d| FindingOut {
                rule: d.rule.as_str(),
                severity: d.severity.as_str(),
                step: d.step.slug(),
                field: d.field.map(|f| f.key()),
                key: d.message.key,
                params: d.message.params.iter().cloned().collect(),
                text: render(&d.message),
            })
            .collect(),
        day_two: input
            .day_two
            .iter()
            .map(|f| DayTwoOut {
                severity: f.severity.as_str(),
                step: f.field.step().slug(),
                field: f.field.key(),
                key: f.message.key,
                params: f.message.params.iter().cloned().collect(),
                text: render(&f.message),
            })
            .collect(),
        explained_errors: input
            .pasted
            .iter()
            .enumerate()
            .flat_map(|(i, text)| explain(text).into_iter().map(move |e| (i + 1, e)))
            .map(|(n, e)| explained_out(n, &e, render))
            .collect(),
        configuration: serde_json::from_str(&config_text).unwrap_or(Value::Null),
    }
}

fn explained_out(pasted_text: usize, e: &Explained, render: &dyn Fn(&Message) -> String) -> ExplainedOut {
    let meaning = render(&e.headline());
    let mut out = ExplainedOut {
        pasted_text,
        kind: "notice",
        code: String::new(),
        id: None,
        phase: None,
        step: None,
        field: None,
        meaning,
        cause: None,
        cause_inferred: false,
        fix: None,
        source: None,
        details: e.details().iter().map(render).chain(e.lookup_url()).collect(),
    };
    // Only a catalogued entry has an id, a step, a field, a cause, a fix and a source.
    match e {
        Explained::Known { entry, seen } => {
            out.kind = entry.kind.as_str();
            out.code = seen.clone();
            out.id = Some(entry.id);
            out.phase = Some(entry.phase.as_str());
            out.step = entry.step().map(|s| s.slug());
            out.field = entry.field().map(|f| f.key());
            out.cause = Some(render(&entry.cause()));
            out.cause_inferred = entry.cause_inferred();
            out.fix = Some(render(&entry.fix()));
            out.source = Some(entry.source);
        }
        Explained::Unknown { kind, code, phase } => {
            out.kind = kind.as_str();
            out.code = code.clone();
            out.phase = phase.map(|p| p.as_str());
        }
        Explained::Truncated { .. } | Explained::TooMany { .. } => {}
    }
    out
}

/// The plain-text version: headings in the admin's language, the configuration as JSON.
fn text_version(b: &Bundle, scrubbed: &Value, render: &dyn Fn(&Message) -> String) -> String {
    let label = |key: &'static str| render(&Message::new(key));
    let none = label("bundle.text.none");
    let or_none = |s: &str| if s.trim().is_empty() { none.clone() } else { s.to_string() };
    let mut out = Vec::new();
    out.push(label("bundle.text.title"));
    out.push(format!("{}: {}", label("bundle.text.created_at"), b.created_at));
    out.push(format!("{}: {}", label("bundle.text.app_version"), b.app_version));
    out.push(format!("{}: {}", label("bundle.text.browser"), or_none(&b.browser)));
    out.push(String::new());
    out.push(format!("== {} ==", label("bundle.text.tac")));
    out.push(format!("{}: {}", label("bundle.text.asset_id"), or_none(&b.tac.asset_id)));
    out.push(format!("{}:", label("bundle.text.transaction_ids")));
    if b.tac.transaction_ids.is_empty() {
        out.push(format!("  {none}"));
    }
    out.extend(b.tac.transaction_ids.iter().map(|t| format!("  - {t}")));
    out.push(format!("{}:", label("bundle.text.verification")));
    for c in &b.tac.verification {
        let time = if c.time.is_empty() { String::new() } else { format!(" ({})", c.time) };
        out.push(format!("  - {}: {}{time}", c.check, c.status));
    }
    out.push(format!("{}:", label("bundle.text.notes")));
    out.extend(or_none(&b.tac.notes).lines().map(|l| format!("  {l}")));
    out.push(String::new());
    out.push(format!("== {} ==", label("bundle.text.findings")));
    if b.findings.is_empty() {
        out.push(none.clone());
    }
    for f in &b.findings {
        let place = f.field.unwrap_or(f.step);
        out.push(format!("[{}] ({place}) {}", f.severity, f.text));
    }
    out.push(String::new());
    out.push(format!("== {} ==", label("bundle.text.day_two")));
    if b.day_two.is_empty() {
        out.push(none.clone());
    }
    for f in &b.day_two {
        out.push(format!("[{}] ({}) {}", f.severity, f.field, f.text));
    }
    out.push(String::new());
    out.push(format!("== {} ==", label("bundle.text.explained")));
    if b.explained_errors.is_empty() {
        out.push(none.clone());
    }
    for e in &b.explained_errors {
        let code = if e.code.is_empty() { String::new() } else { format!("{} ", e.code) };
        out.push(format!("[#{}] {code}{}", e.pasted_text, e.meaning));
        for (key, text) in [("bundle.text.cause", &e.cause), ("bundle.text.fix", &e.fix)] {
            if let Some(text) = text {
                out.push(format!("    {}: {text}", label(key)));
            }
        }
        out.extend(e.details.iter().map(|d| format!("    {d}")));
        if let Some(source) = e.source {
            out.push(format!("    {source}"));
        }
    }
    out.push(String::new());
    out.push(format!("== {} ==", label("bundle.text.configuration")));
    let config = scrubbed.get("configuration").cloned().unwrap_or(Value::Null);
    out.push(serde_json::to_string_pretty(&config).unwrap_or_default());
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn scrub(text: &str, secret: &str) -> String {
    if secret.chars().count() < MIN_SCRUB_CHARS {
        return text.to_string();
    }
    text.replace(secret, REDACTED)
}

fn scrub_value(v: &mut Value, secret: &str) {
    match v {
        Value::String(s) => *s = scrub(s, secret),
        Value::Array(items) => items.iter_mut().for_each(|i| scrub_value(i, secret)),
        Value::Object(map) => map.values_mut().for_each(|i| scrub_value(i, secret)),
        _ => {}
    }
}

#[cfg(test)]
#[path = "bundle_tests.rs"]
mod tests;
