//! The mailbox user and Graph error bodies (re-exported by `parse`).

use serde::Deserialize;

use super::parse::{parse, ParseError};
use crate::domain::email::smtp_proxy_address;
use crate::domain::field::Field;
use crate::domain::finding::{Finding, Message};

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub user_principal_name: String,
    #[serde(default)]
    pub mail: Option<String>,
    #[serde(default)]
    pub account_enabled: Option<bool>,
    #[serde(default)]
    pub proxy_addresses: Vec<String>,
}

pub fn user(body: &str) -> Result<User, ParseError> {
    parse("user", body)
}

impl User {
    /// The SMTP addresses of `proxyAddresses` (`SMTP:` primary, `smtp:` aliases), lower-cased.
    pub fn smtp_addresses(&self) -> Vec<String> {
        self.proxy_addresses.iter().filter_map(|p| smtp_proxy_address(p)).map(str::to_lowercase).collect()
    }

    /// What the mailbox check says about this user, for the mailbox address the admin typed.
    pub fn mailbox_findings(&self, mailbox_address: &str) -> Vec<Finding> {
        let field = Field::MailboxUserPrincipalName;
        let mut out = Vec::new();
        match self.account_enabled {
            Some(false) => out.push(Finding::error(field, Message::new("graph.user.disabled"))),
            Some(true) => {}
            None => out.push(Finding::info(field, Message::new("graph.user.enabled_unknown"))),
        }
        let mail = self.mail.as_deref().map(str::trim).filter(|m| !m.is_empty());
        match mail {
            None => out.push(Finding::error(field, Message::new("graph.user.no_mailbox_likely"))),
            Some(mail) => {
                let wanted = mailbox_address.trim().to_lowercase();
                let known = mail.to_lowercase() == wanted || self.smtp_addresses().contains(&wanted);
                if !wanted.is_empty() && !known {
                    out.push(Finding::warning(
                        Field::MailboxAddress,
                        Message::new("graph.user.address_not_on_mailbox").with("address", wanted).with("mail", mail),
                    ));
                }
            }
        }
        out
    }
}

/// `{"error": {"code", "message", "innerError": {...}}}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphError {
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
    pub date: Option<String>,
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ErrorBody,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default, alias = "innererror")]
    inner_error: Option<InnerError>,
}

#[derive(Deserialize)]
struct InnerError {
    #[serde(default, rename = "request-id")]
    request_id: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

impl GraphError {
    /// `None` when the body is not a Graph error (empty, HTML from a proxy, ...).
    pub fn parse(body: &str) -> Option<GraphError> {
        let e: ErrorEnvelope = serde_json::from_str(body).ok()?;
        let inner = e.error.inner_error;
        Some(GraphError {
            code: e.error.code,
            message: e.error.message,
            request_id: inner.as_ref().and_then(|i| i.request_id.clone()),
            date: inner.and_then(|i| i.date),
        })
    }

    /// The `AADSTS<n>` code in the message, if any.
    pub fn aadsts(&self) -> Option<u32> {
        aadsts_code(&self.message)
    }

    pub fn message_key(&self) -> Message {
        Message::new("graph.error").with("code", self.code.clone()).with("message", self.message.clone())
    }
}

/// The first `AADSTS<digits>` in a text.
pub fn aadsts_code(text: &str) -> Option<u32> {
    let i = text.find("AADSTS")?;
    let digits: String = text[i + 6..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}
