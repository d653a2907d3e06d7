//! What the audit puts into the wizard: non-secret values only (display name, client id,
//! tenant id, the newest valid secret's expiry, the permission profile the registration
//! matches, the Call Back URL when exactly one Web redirect URI is a Webex Connect one).
//! An empty field is filled; a typed value that differs is kept and shown beside the found
//! one until the admin chooses (`adopt`). Nothing typed is overwritten silently.

use super::audit::Audited;
use super::audit_rules::{matched_profile, webex_callbacks};
use super::secrets;
use crate::domain::field::Field;
use crate::domain::model::{PermissionProfile, Setup};
use crate::domain::validate::{raw, set_raw};

/// A value the audit found for a wizard field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub field: Field,
    pub value: String,
}

/// What happened to one found value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fill {
    /// The field was empty: it has the found value now.
    Filled,
    /// The field already held it.
    Same,
    /// The field holds something else, kept until the admin chooses.
    Differs { typed: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FillLine {
    pub found: Found,
    pub fill: Fill,
}

/// The fields the audit can fill, in the wizard's order.
pub const FILLED_FIELDS: [Field; 6] = [
    Field::WebexCallbackUrl,
    Field::AzureTenantId,
    Field::AzureAppDisplayName,
    Field::AzureClientId,
    Field::AzureClientSecretExpires,
    Field::AzurePermissionProfile,
];

pub fn found_values(a: &Audited, now_ms: i64) -> Vec<Found> {
    let listed = secrets::listed(&a.app.password_credentials, now_ms);
    let callbacks = webex_callbacks(&a.app);
    let value = |field: Field| -> Option<String> {
        match field {
            Field::WebexCallbackUrl => match callbacks.as_slice() {
                [one] => Some((*one).to_string()),
                _ => None,
            },
            Field::AzureTenantId => a.tenant_id.clone(),
            Field::AzureAppDisplayName => a.app.display_name.clone(),
            Field::AzureClientId => Some(a.app.app_id.clone()),
            Field::AzureClientSecretExpires => secrets::newest_valid(&listed).map(|s| s.end_date().to_string()),
            Field::AzurePermissionProfile => matched_profile(a).map(|p| p.as_str().to_string()),
            _ => None,
        }
    };
    FILLED_FIELDS
        .iter()
        .filter_map(|f| value(*f).filter(|v| !v.trim().is_empty()).map(|value| Found { field: *f, value }))
        .collect()
}

/// The wizard's value of a fillable field (the profile by its name).
pub fn typed(setup: &Setup, field: Field) -> String {
    match field {
        Field::AzurePermissionProfile => setup.azure.permission_profile.as_str().to_string(),
        f => raw(setup, f).unwrap_or_default().to_string(),
    }
}

/// The admin chose the found value.
pub fn adopt(setup: &mut Setup, found: &Found) {
    match found.field {
        Field::AzurePermissionProfile => {
            if let Some(p) = PermissionProfile::parse(&found.value) {
                setup.azure.permission_profile = p;
            }
        }
        f => {
            set_raw(setup, f, found.value.clone());
        }
    }
}

/// Ids and dates compare without case and surrounding blanks; names and URLs exactly.
fn same(field: Field, typed: &str, found: &str) -> bool {
    let (t, f) = (typed.trim(), found.trim());
    match field {
        Field::AzureTenantId | Field::AzureClientId => t.eq_ignore_ascii_case(f),
        _ => t == f,
    }
}

/// Fills the empty fields; reports the others. The profile always has a value (a choice, not
/// a blank), so a different one is shown, never replaced.
pub fn fill(setup: &mut Setup, found: &[Found]) -> Vec<FillLine> {
    found
        .iter()
        .map(|f| {
            let now = typed(setup, f.field);
            let fill = if same(f.field, &now, &f.value) {
                Fill::Same
            } else if now.trim().is_empty() && f.field != Field::AzurePermissionProfile {
                adopt(setup, f);
                Fill::Filled
            } else {
                Fill::Differs { typed: now }
            };
            FillLine { found: f.clone(), fill }
        })
        .collect()
}
