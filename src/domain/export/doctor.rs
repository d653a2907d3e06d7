//! The export's `"doctor"` array: the configuration doctor's diagnoses as data, so a file
//! attached to a change record or a ticket says what was still wrong when it was written.
//! Import never reads it back (it is recomputed from the values), and the client secret
//! never appears in it, not even when the admin opted to export the secret itself.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::diagnose::doctor::Diagnosis;

/// What replaces a parameter that holds the secret (the support bundle's word for it).
pub(super) const REDACTED: &str = "[redacted]";
/// Shorter "secrets" are not Entra secret values (those are about 40 characters); hiding
/// every parameter that happens to contain them would blank ordinary values. Same limit as
/// the support bundle.
const MIN_SECRET_CHARS: usize = 8;

/// One diagnosis in the file.
#[derive(Serialize)]
pub(super) struct DoctorItem {
    severity: &'static str,
    rule: &'static str,
    /// Export key path of the value to revisit; `null` when a whole step is meant.
    field: Option<&'static str>,
    message_key: &'static str,
    /// Sorted by name: a stable file whatever order the rule added them in.
    params: BTreeMap<&'static str, String>,
}

/// The diagnoses as written to the file. A parameter is a value the admin typed; if the
/// secret was pasted into such a field, the whole parameter is replaced (a partial
/// replacement could leave pieces that rejoin into the secret).
pub(super) fn doctor_items(diagnoses: &[Diagnosis], secret: &str) -> Vec<DoctorItem> {
    let secret = secret.trim();
    let hide = secret.chars().count() >= MIN_SECRET_CHARS;
    diagnoses
        .iter()
        .map(|d| DoctorItem {
            severity: d.severity.as_str(),
            rule: d.rule.as_str(),
            field: d.field.map(|f| f.key()),
            message_key: d.message.key,
            params: d
                .message
                .params
                .iter()
                .map(|(name, value)| {
                    let value = if hide && value.contains(secret) { REDACTED.to_string() } else { value.clone() };
                    (*name, value)
                })
                .collect(),
        })
        .collect()
}
