//! The Entra app registration step: the client secret value and the step's validation.

use super::date::Date;
use super::finding::{Finding, Message};
use super::guid::{describe_char, trim_paste, ClientId, Guid, TenantId};
use super::model::{AzureInput, PermissionProfile, Secrets};
use super::Field;
use std::fmt;

/// Days before the secret's expiry from which the step warns.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// The client secret's **Value** (not its Secret ID). `Debug` is redacted so the value never
/// reaches a log; read it with `expose()`.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientSecretValue(String);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientSecretProblem {
    Empty,
    /// GUID-shaped: the Secret ID column was copied instead of the Value column.
    IsSecretId,
    /// Spaces or line breaks inside (a paste that caught a neighbouring cell).
    InnerWhitespace {
        position: usize,
    },
    /// Entra generates ASCII only; anything else is a paste or IME accident.
    NonAscii {
        found: char,
        position: usize,
    },
}

impl ClientSecretProblem {
    pub fn message(&self) -> Message {
        match self {
            ClientSecretProblem::Empty => Message::new("entra.client_secret.empty"),
            ClientSecretProblem::IsSecretId => Message::new("entra.client_secret.is_secret_id"),
            ClientSecretProblem::InnerWhitespace { position } => {
                Message::new("entra.client_secret.inner_whitespace").with("position", position.to_string())
            }
            // The character is shown (it is not the secret, it is the mistake in it).
            ClientSecretProblem::NonAscii { found, position } => Message::new("entra.client_secret.non_ascii")
                .with("found", describe_char(*found))
                .with("position", position.to_string()),
        }
    }
}

/// Length of the secrets Entra generates today (e.g. `abc8Q~...`, 40 characters).
const TYPICAL_LENGTH: usize = 40;

impl ClientSecretValue {
    pub fn parse(input: &str) -> Result<ClientSecretValue, ClientSecretProblem> {
        let s = trim_paste(input);
        if s.is_empty() {
            return Err(ClientSecretProblem::Empty);
        }
        if Guid::parse(s).is_ok() {
            return Err(ClientSecretProblem::IsSecretId);
        }
        for (i, c) in s.chars().enumerate() {
            if c.is_whitespace() {
                return Err(ClientSecretProblem::InnerWhitespace { position: i + 1 });
            }
            if !c.is_ascii() || c.is_ascii_control() {
                return Err(ClientSecretProblem::NonAscii { found: c, position: i + 1 });
            }
        }
        Ok(ClientSecretValue(s.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A warning when the value does not look like a current Entra secret (40 characters
    /// with a `~`). Older or API-created secrets differ, so this never refuses.
    pub fn shape_warning(&self) -> Option<Message> {
        let length = self.0.chars().count();
        if length == TYPICAL_LENGTH && self.0.contains('~') {
            return None;
        }
        Some(
            Message::new("entra.client_secret.unusual_shape")
                .with("length", length.to_string())
                .with("typical", TYPICAL_LENGTH.to_string()),
        )
    }
}

impl fmt::Debug for ClientSecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientSecretValue([redacted])")
    }
}

/// Validates the Entra step. `today` is the admin's local date (the portal shows the
/// secret's expiry as a local date).
pub fn validate_entra(azure: &AzureInput, secrets: &Secrets, today: Date) -> Vec<Finding> {
    let mut out = Vec::new();

    if let Some(w) = azure.cloud.unverified_warning() {
        out.push(Finding::warning(Field::AzureCloud, w));
    }

    let tenant = check_tenant(&azure.tenant_id, &mut out);

    if azure.app_display_name.trim().is_empty() {
        out.push(Finding::error(Field::AzureAppDisplayName, Message::new("entra.app_display_name.required")));
    }

    check_client_id(&azure.client_id, tenant.as_ref(), &mut out);
    check_secret(&secrets.client_secret, &mut out);
    check_expiry(&azure.client_secret_expires, today, &mut out);

    let f = Field::AzurePermissionProfile;
    out.push(match azure.permission_profile {
        PermissionProfile::AsDocumented => Finding::warning(f, Message::new("profile.as_documented.broad")),
        PermissionProfile::LeastPrivilege => Finding::info(f, Message::new("profile.least_privilege.unverified")),
    });
    out
}

fn check_tenant(raw: &str, out: &mut Vec<Finding>) -> Option<TenantId> {
    let f = Field::AzureTenantId;
    if raw.trim().is_empty() {
        out.push(Finding::error(f, Message::new("entra.tenant_id.required")));
        return None;
    }
    match TenantId::parse(raw) {
        Ok(t) => {
            if let TenantId::Domain(d) = &t {
                out.push(Finding::warning(f, Message::new("entra.tenant_id.domain").with("domain", d.clone())));
            }
            Some(t)
        }
        Err(p) => {
            out.push(Finding::error(f, p.message()));
            None
        }
    }
}

fn check_client_id(raw: &str, tenant: Option<&TenantId>, out: &mut Vec<Finding>) {
    let f = Field::AzureClientId;
    if raw.trim().is_empty() {
        out.push(Finding::error(f, Message::new("entra.client_id.required")));
        return;
    }
    match ClientId::parse(raw) {
        Ok(id) if tenant.and_then(TenantId::guid) == Some(id.0) => {
            out.push(Finding::error(f, Message::new("entra.client_id.equals_tenant_id")));
        }
        Ok(_) => {}
        Err(p) => out.push(Finding::error(f, p.message())),
    }
}

fn check_secret(raw: &str, out: &mut Vec<Finding>) {
    let f = Field::AzureClientSecret;
    match ClientSecretValue::parse(raw) {
        // Expected after every reload: secrets are never stored.
        Err(ClientSecretProblem::Empty) => {
            out.push(Finding::warning(f, Message::new("entra.client_secret.memory_only")));
        }
        Err(p) => out.push(Finding::error(f, p.message())),
        Ok(v) => {
            if let Some(w) = v.shape_warning() {
                out.push(Finding::warning(f, w));
            }
        }
    }
}

fn check_expiry(raw: &str, today: Date, out: &mut Vec<Finding>) {
    let f = Field::AzureClientSecretExpires;
    if trim_paste(raw).is_empty() {
        out.push(Finding::warning(f, Message::new("entra.client_secret_expires.empty")));
        return;
    }
    let expires = match Date::parse(raw) {
        Ok(d) => d,
        Err(p) => {
            out.push(Finding::error(f, p.message()));
            return;
        }
    };
    let days = today.days_until(expires);
    let date = expires.to_string();
    if days < 0 {
        out.push(Finding::error(f, Message::new("entra.client_secret_expires.expired").with("date", date)));
    } else if days == 0 {
        out.push(Finding::warning(f, Message::new("entra.client_secret_expires.today").with("date", date)));
    } else if days < EXPIRY_WARNING_DAYS {
        out.push(Finding::warning(
            f,
            Message::new("entra.client_secret_expires.soon").with("date", date).with("days", days.to_string()),
        ));
    }
}

#[cfg(test)]
#[path = "entra_tests.rs"]
mod tests;
