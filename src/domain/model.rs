//! The setup as the admin typed it. Inputs stay raw strings so that nothing typed is ever
//! lost, even when it does not validate; parsing into newtypes happens in the validators
//! and derivations. Secrets are kept apart in `Secrets`, which is never serialised by
//! autosave.

use serde::{Deserialize, Serialize};

use super::path::Paths;

/// Microsoft cloud the tenant lives in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cloud {
    #[default]
    Global,
    UsGovGccHigh,
    UsGovDod,
    China,
}

impl Cloud {
    pub const ALL: [Cloud; 4] = [Cloud::Global, Cloud::UsGovGccHigh, Cloud::UsGovDod, Cloud::China];

    pub fn as_str(self) -> &'static str {
        match self {
            Cloud::Global => "global",
            Cloud::UsGovGccHigh => "us_gov_gcc_high",
            Cloud::UsGovDod => "us_gov_dod",
            Cloud::China => "china",
        }
    }

    pub fn parse(s: &str) -> Option<Cloud> {
        Cloud::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn is_sovereign(self) -> bool {
        self != Cloud::Global
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PermissionProfile {
    /// Exactly the Cisco TAC document: application Mail.Send, implicit access tokens on.
    AsDocumented,
    /// Delegated SMTP.Send on Office 365 Exchange Online and openid/offline_access on Microsoft
    /// Graph, with admin consent; implicit off.
    #[default]
    LeastPrivilege,
}

impl PermissionProfile {
    pub const ALL: [PermissionProfile; 2] = [PermissionProfile::LeastPrivilege, PermissionProfile::AsDocumented];

    pub fn as_str(self) -> &'static str {
        match self {
            PermissionProfile::AsDocumented => "as_documented",
            PermissionProfile::LeastPrivilege => "least_privilege",
        }
    }

    pub fn parse(s: &str) -> Option<PermissionProfile> {
        PermissionProfile::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboundPolicy {
    /// A custom outbound anti-spam policy and rule scoped to this sender (recommended).
    #[default]
    ScopedCustomPolicy,
    /// Allow external forwarding in the tenant-wide Default policy.
    DefaultPolicy,
}

impl OutboundPolicy {
    pub const ALL: [OutboundPolicy; 2] = [OutboundPolicy::ScopedCustomPolicy, OutboundPolicy::DefaultPolicy];

    pub fn as_str(self) -> &'static str {
        match self {
            OutboundPolicy::ScopedCustomPolicy => "scoped_custom_policy",
            OutboundPolicy::DefaultPolicy => "default_policy",
        }
    }

    pub fn parse(s: &str) -> Option<OutboundPolicy> {
        OutboundPolicy::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebexConnectInput {
    pub app_name: String,
    pub callback_url: String,
    pub forwarding_address: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AzureInput {
    pub cloud: Cloud,
    pub tenant_id: String,
    pub app_display_name: String,
    pub client_id: String,
    /// `YYYY-MM-DD`, as the Entra portal shows the secret's "Expires".
    pub client_secret_expires: String,
    pub permission_profile: PermissionProfile,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MailboxInput {
    pub address: String,
    pub user_principal_name: String,
    pub outbound_policy: OutboundPolicy,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SmtpInput {
    /// Empty means the cloud's default host (see `derive`).
    pub server: String,
    /// Empty means the mailbox's user principal name.
    pub username: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OauthInput {
    /// Webex Connect's optional "Login ID for generating token" (shared mailboxes).
    pub login_id: String,
}

/// The seed's verification checks, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    /// A mail sent from an outside address (never the mailbox itself) to the mailbox.
    SentFromOutside,
    /// A contact-center agent receives it.
    AgentReceived,
    /// The agent's reply reaches the original sender.
    ReplyArrived,
}

impl CheckId {
    pub const ALL: [CheckId; 3] = [CheckId::SentFromOutside, CheckId::AgentReceived, CheckId::ReplyArrived];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::SentFromOutside => "sent_from_outside",
            CheckId::AgentReceived => "agent_received",
            CheckId::ReplyArrived => "reply_arrived",
        }
    }

    pub fn parse(s: &str) -> Option<CheckId> {
        CheckId::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    #[default]
    NotRun,
    Passed,
    Failed,
}

impl CheckStatus {
    pub const ALL: [CheckStatus; 3] = [CheckStatus::NotRun, CheckStatus::Passed, CheckStatus::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::NotRun => "not_run",
            CheckStatus::Passed => "passed",
            CheckStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<CheckStatus> {
        CheckStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckResult {
    pub status: CheckStatus,
    /// RFC 3339 time the admin marked it; empty while not run.
    pub time: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Verification {
    pub sent_from_outside: CheckResult,
    pub agent_received: CheckResult,
    pub reply_arrived: CheckResult,
}

impl Verification {
    pub fn get(&self, id: CheckId) -> &CheckResult {
        match id {
            CheckId::SentFromOutside => &self.sent_from_outside,
            CheckId::AgentReceived => &self.agent_received,
            CheckId::ReplyArrived => &self.reply_arrived,
        }
    }

    pub fn get_mut(&mut self, id: CheckId) -> &mut CheckResult {
        match id {
            CheckId::SentFromOutside => &mut self.sent_from_outside,
            CheckId::AgentReceived => &mut self.agent_received,
            CheckId::ReplyArrived => &mut self.reply_arrived,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportInput {
    /// The email channel's asset ID, for Cisco TAC.
    pub asset_id: String,
    /// Failed transaction IDs from the debug console, one per line.
    pub transaction_ids: String,
    pub notes: String,
}

/// Everything the admin enters, except secrets. This is what autosave stores.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Setup {
    pub webex_connect: WebexConnectInput,
    pub azure: AzureInput,
    pub mailbox: MailboxInput,
    pub smtp: SmtpInput,
    pub oauth: OauthInput,
    pub verification: Verification,
    pub support: SupportInput,
    /// How the admin chose to do the steps that can be done more than one way. Autosaved,
    /// not exported.
    pub paths: Paths,
}

impl Setup {
    /// Takes every value of an imported file, keeping how this admin chose to work (the
    /// export file has no paths: a version 1 file reads as "not chosen").
    pub fn take_import(&mut self, imported: Setup) {
        let paths = self.paths;
        *self = imported;
        self.paths = paths;
    }
}

/// Secrets: memory only, never autosaved; exported only when the admin opts in.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secrets {
    pub client_secret: String,
}

// Hand-written so a secret can never reach a log through `{:?}`.
impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secrets")
            .field("client_secret", &if self.client_secret.is_empty() { "" } else { "[redacted]" })
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip_their_names() {
        for c in Cloud::ALL {
            assert_eq!(Cloud::parse(c.as_str()), Some(c));
        }
        for p in PermissionProfile::ALL {
            assert_eq!(PermissionProfile::parse(p.as_str()), Some(p));
        }
        for p in OutboundPolicy::ALL {
            assert_eq!(OutboundPolicy::parse(p.as_str()), Some(p));
        }
        for c in CheckId::ALL {
            assert_eq!(CheckId::parse(c.as_str()), Some(c));
        }
        for s in CheckStatus::ALL {
            assert_eq!(CheckStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn secrets_debug_is_redacted() {
        let s = Secrets { client_secret: "abc~DEF".into() };
        assert!(!format!("{s:?}").contains("abc"));
    }

    #[test]
    fn autosave_shape_has_no_secret() {
        let json = serde_json::to_string(&Setup::default()).unwrap_or_default();
        assert!(!json.contains("secret\""), "{json}");
    }
}
