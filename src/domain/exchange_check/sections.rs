//! The typed sections of the check script's output (`output::parse` reads them): the field
//! names are Exchange's own, as the script writes them; unknown names are refused.

use serde::de::{self, Deserializer};
use serde::Deserialize;
use serde_json::Value;

use crate::domain::email::smtp_proxy_address;

/// `null`, one string or a list of strings: ConvertTo-Json writes any of them for a list.
fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(Vec::new()),
        Value::String(s) => Ok(vec![s]),
        Value::Array(items) => items
            .into_iter()
            .filter(|v| !v.is_null())
            .map(|v| match v {
                Value::String(s) => Ok(s),
                other => Err(de::Error::custom(format!("expected a string, found {other}"))),
            })
            .collect(),
        other => Err(de::Error::custom(format!("expected a list of strings, found {other}"))),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct SmtpAuth {
    /// `None` on a mailbox: it follows the tenant's setting.
    pub smtp_client_authentication_disabled: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct MailboxSettings {
    pub user_principal_name: Option<String>,
    pub primary_smtp_address: Option<String>,
    pub alias: Option<String>,
    pub name: Option<String>,
    #[serde(default, deserialize_with = "string_list")]
    pub email_addresses: Vec<String>,
    pub forwarding_smtp_address: Option<String>,
    /// A recipient inside the organization; it wins over `forwarding_smtp_address`.
    pub forwarding_address: Option<String>,
    pub deliver_to_mailbox_and_forward: bool,
}

impl MailboxSettings {
    /// Every address and name the mailbox goes by, lower-case, `smtp:` prefixes removed.
    pub fn identities(&self) -> Vec<String> {
        let mut out: Vec<String> = [&self.user_principal_name, &self.primary_smtp_address, &self.alias, &self.name]
            .into_iter()
            .flatten()
            .cloned()
            .chain(self.email_addresses.iter().filter_map(|a| smtp_proxy_address(a)).map(str::to_string))
            .map(|s| strip_smtp(&s).trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect();
        crate::domain::sort::sort(&mut out);
        out.dedup();
        out
    }
}

/// `SMTP:a@b` / `smtp:a@b` / `a@b` -> `a@b` (anything else unchanged).
pub fn strip_smtp(s: &str) -> &str {
    smtp_proxy_address(s).unwrap_or(s)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutoForwarding {
    /// "Automatic - System-controlled": Microsoft documents it is now the same as Off.
    Automatic,
    On,
    Off,
}

impl<'de> Deserialize<'de> for AutoForwarding {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.to_ascii_lowercase().as_str() {
            "automatic" => Ok(AutoForwarding::Automatic),
            "on" => Ok(AutoForwarding::On),
            "off" => Ok(AutoForwarding::Off),
            _ => Err(de::Error::custom("AutoForwardingMode is not Automatic, On or Off")),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct OutboundPolicy {
    pub name: String,
    pub is_default: bool,
    pub auto_forwarding_mode: AutoForwarding,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleState {
    Enabled,
    Disabled,
}

impl<'de> Deserialize<'de> for RuleState {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match String::deserialize(d)?.to_ascii_lowercase().as_str() {
            "enabled" => Ok(RuleState::Enabled),
            "disabled" => Ok(RuleState::Disabled),
            _ => Err(de::Error::custom("State is not Enabled or Disabled")),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct OutboundRule {
    pub name: String,
    pub hosted_outbound_spam_filter_policy: String,
    pub state: RuleState,
    /// 0 is the highest priority.
    pub priority: u32,
    #[serde(default, deserialize_with = "string_list")]
    pub from: Vec<String>,
    #[serde(default, deserialize_with = "string_list")]
    pub from_member_of: Vec<String>,
    #[serde(default, deserialize_with = "string_list")]
    pub sender_domain_is: Vec<String>,
    #[serde(default, deserialize_with = "string_list")]
    pub except_if_from: Vec<String>,
    #[serde(default, deserialize_with = "string_list")]
    pub except_if_from_member_of: Vec<String>,
    #[serde(default, deserialize_with = "string_list")]
    pub except_if_sender_domain_is: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct OrganizationConfig {
    pub is_dehydrated: bool,
}
