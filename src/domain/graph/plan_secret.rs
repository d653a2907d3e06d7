//! The client secret of the provisioning plan: a new one only when it is needed or asked for.
//! A registration that already has a valid secret keeps it: Webex Connect may be using it, and
//! a secret nobody asked for is one more credential to guard and to let expire. Which secrets
//! are valid, and which is the newest, is `secrets`' rule, the one the day-two audit uses.

use super::op::Operation;
use super::ops::{self, Id};
use super::parse::Application;
use super::secrets;
use crate::domain::date::rfc3339_from_unix_millis;
use crate::domain::field::Field;
use crate::domain::finding::{Finding, Message};

/// Days a new client secret is valid: 1 to 730 (the portal's longest choice, 24 months).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecretLifetime(u16);

impl SecretLifetime {
    /// The portal's recommendation.
    pub const DEFAULT: SecretLifetime = SecretLifetime(180);
    pub const MAX_DAYS: u32 = 730;

    pub fn parse(days: u32) -> Result<SecretLifetime, Message> {
        if (1..=Self::MAX_DAYS).contains(&days) {
            Ok(SecretLifetime(days as u16))
        } else {
            Err(Message::new("graph.secret.lifetime_out_of_range").with("days", days.to_string()))
        }
    }

    pub fn days(self) -> u32 {
        self.0.into()
    }

    /// The secret's `endDateTime` for one added at `now_unix_ms`.
    pub fn end_from(self, now_unix_ms: i64) -> String {
        rfc3339_from_unix_millis(now_unix_ms.saturating_add(i64::from(self.days()) * 86_400_000))
    }
}

/// Whether the plan adds a client secret to a registration that already has a valid one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AddSecret {
    /// Only for a new registration, one with no valid secret, or when the secret this tab made
    /// is gone or no longer (or not yet) valid.
    #[default]
    IfNeeded,
    /// The admin asked for one (an existing secret's value cannot be read back).
    Requested,
}

/// The secret's description in [Certificates & secrets].
pub const SECRET_DISPLAY_NAME: &str = "Webex Connect";
/// The finding that says the registration keeps its secret (the UI offers a new one with it).
pub const SECRET_KEPT: &str = "graph.secret.kept";
/// The same, when the newest valid secret lists no end date (it then names none).
pub const SECRET_KEPT_UNDATED: &str = "graph.secret.kept_undated";

/// Whether `finding` says the registration keeps its secret (either wording).
pub fn says_secret_kept(finding: &Finding) -> bool {
    [SECRET_KEPT, SECRET_KEPT_UNDATED].contains(&finding.message.key)
}

/// What the plan does about the secret.
pub(super) struct SecretInput<'a> {
    pub existing: Option<&'a Application>,
    /// `keyId` of the secret this tab made and holds.
    pub held: Option<&'a str>,
    pub add: AddSecret,
    pub now_unix_ms: i64,
    pub lifetime: SecretLifetime,
}

/// `app.add_password` when a secret is needed or asked for; else none, and (when the tab
/// holds none) a finding that says which secret stays.
pub(super) fn secret(input: &SecretInput, app_object: &Id, findings: &mut Vec<Finding>) -> Option<Operation> {
    let keep = match (input.existing, input.add, input.held) {
        (None, ..) | (_, AddSecret::Requested, _) => false,
        (Some(app), _, Some(held)) => secrets::listed(&app.password_credentials, input.now_unix_ms)
            .iter()
            .any(|s| s.validity.is_valid() && s.key_id.eq_ignore_ascii_case(held)),
        (Some(app), _, None) => {
            let listed = secrets::listed(&app.password_credentials, input.now_unix_ms);
            let kept = secrets::newest_valid(&listed).map(|newest| {
                // `listed` drops the hint; the finding shows it so the admin can tell which value.
                let credential = app.password_credentials.iter().find(|c| c.key_id == newest.key_id);
                let hint = credential.and_then(|c| c.hint.clone()).unwrap_or_else(|| "…".into());
                let count = listed.iter().filter(|s| s.validity.is_valid()).count().to_string();
                match newest.end_date() {
                    "" => Message::new(SECRET_KEPT_UNDATED).with("count", count).with("hint", hint),
                    end => Message::new(SECRET_KEPT).with("count", count).with("hint", hint).with("end", end),
                }
            });
            kept.map(|m| findings.push(Finding::info(Field::AzureClientSecret, m))).is_some()
        }
    };
    let end = input.lifetime.end_from(input.now_unix_ms);
    (!keep).then(|| ops::add_password(app_object, SECRET_DISPLAY_NAME, &end))
}
