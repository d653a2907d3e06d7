//! The error catalogue as data: one entry per code admins meet while setting up the mailbox
//! (DOMAIN.md section 7, plus the Graph and Webex Connect codes this app's own calls return).
//! Text lives in `locales/*/errors.json` under `errors.<id>.{meaning,cause,fix}`.

use crate::domain::field::Field;
use crate::domain::finding::Message;
use crate::domain::step::Step;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Microsoft Entra sign-in errors (`AADSTS<n>`).
    Aadsts,
    /// Replies of smtp.office365.com (basic + enhanced status code).
    Smtp,
    /// Microsoft Graph error codes (`"code": "..."`).
    Graph,
    /// Webex Connect API answers.
    Webex,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Aadsts, Kind::Smtp, Kind::Graph, Kind::Webex];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Aadsts => "aadsts",
            Kind::Smtp => "smtp",
            Kind::Graph => "graph",
            Kind::Webex => "webex",
        }
    }

    /// Locale key of the kind's label ("Microsoft Entra sign-in", ...).
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Aadsts => "errors.kind.aadsts",
            Kind::Smtp => "errors.kind.smtp",
            Kind::Graph => "errors.kind.graph",
            Kind::Webex => "errors.kind.webex",
        }
    }
}

/// How an entry is recognised in pasted text (see `extract`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// `AADSTS<n>`.
    Aadsts(u32),
    /// An SMTP reply. Several entries may share a code: `phrases` (lowercase, any one of them)
    /// tells them apart by the reply's text; an entry with no phrases is the fallback.
    Smtp { basic: u16, enhanced: &'static str, phrases: &'static [&'static str] },
    /// A JSON `"code": "<value>"`; with `bare`, also the value as a whole word anywhere.
    Code { value: &'static str, bare: bool },
    /// A phrase anywhere in the text (matched case-insensitively; given in lowercase).
    Phrase(&'static str),
    /// An HTTP status answered with an empty body.
    EmptyHttp(u16),
}

#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    /// Stable id, also the middle of the locale keys: `errors.<id>.meaning`.
    pub id: &'static str,
    pub kind: Kind,
    /// The code as admins see it, e.g. `AADSTS50011`, `535 5.7.139`.
    pub code: &'static str,
    pub pattern: Pattern,
    /// What the code means.
    pub meaning: &'static str,
    /// Its likely cause in this setup.
    pub cause: &'static str,
    /// What to do.
    pub fix: &'static str,
    /// The value to revisit, if one value is at fault.
    pub field: Option<Field>,
    /// Where to go when no single value is at fault (a tenant policy, a sign-in, ...).
    step_hint: Option<Step>,
}

impl Entry {
    pub fn meaning(&self) -> Message {
        Message::new(self.meaning).with("code", self.code)
    }

    pub fn cause(&self) -> Message {
        Message::new(self.cause).with("code", self.code)
    }

    pub fn fix(&self) -> Message {
        Message::new(self.fix).with("code", self.code)
    }

    /// The wizard step to go back to: the field's step, else the hint.
    pub fn step(&self) -> Option<Step> {
        self.field.map(Field::step).or(self.step_hint)
    }

    pub fn keys(&self) -> [&'static str; 3] {
        [self.meaning, self.cause, self.fix]
    }
}

macro_rules! entry {
    ($id:ident, $kind:ident, $code:expr, $pattern:expr, $field:expr, $step:expr) => {
        Entry {
            id: stringify!($id),
            kind: Kind::$kind,
            code: $code,
            pattern: $pattern,
            meaning: concat!("errors.", stringify!($id), ".meaning"),
            cause: concat!("errors.", stringify!($id), ".cause"),
            fix: concat!("errors.", stringify!($id), ".fix"),
            field: $field,
            step_hint: $step,
        }
    };
}

use Field as F;
use Pattern::{Aadsts as A, Code, EmptyHttp, Phrase};
use Step as S;

const fn smtp(basic: u16, enhanced: &'static str, phrases: &'static [&'static str]) -> Pattern {
    Pattern::Smtp { basic, enhanced, phrases }
}

const fn graph(value: &'static str) -> Pattern {
    Code { value, bare: true }
}

/// Every catalogued code. Order matters only among SMTP entries sharing a code: the
/// variants with phrases come before the fallback.
// Kept as a table, one entry per line: easier to read and review than rustfmt's layout.
#[rustfmt::skip]
pub static CATALOGUE: &[Entry] = &[
    // Entra sign-in (AADSTS)
    entry!(aadsts_50011, Aadsts, "AADSTS50011", A(50011), Some(F::AzureRedirectUri), None),
    entry!(aadsts_700016, Aadsts, "AADSTS700016", A(700016), Some(F::AzureClientId), None),
    entry!(aadsts_7000215, Aadsts, "AADSTS7000215", A(7000215), Some(F::AzureClientSecret), None),
    entry!(aadsts_7000222, Aadsts, "AADSTS7000222", A(7000222), Some(F::AzureClientSecret), None),
    entry!(aadsts_65001, Aadsts, "AADSTS65001", A(65001), Some(F::AzurePermissionProfile), None),
    entry!(aadsts_90094, Aadsts, "AADSTS90094", A(90094), Some(F::AzurePermissionProfile), None),
    entry!(aadsts_50020, Aadsts, "AADSTS50020", A(50020), Some(F::SmtpUsername), None),
    entry!(aadsts_50076, Aadsts, "AADSTS50076", A(50076), None, Some(S::WebexOauth)),
    entry!(aadsts_50079, Aadsts, "AADSTS50079", A(50079), None, Some(S::WebexOauth)),
    entry!(aadsts_53003, Aadsts, "AADSTS53003", A(53003), None, None),
    entry!(aadsts_530003, Aadsts, "AADSTS530003", A(530003), None, None),
    entry!(aadsts_700054, Aadsts, "AADSTS700054", A(700054), Some(F::AzureImplicitAccessTokens), None),
    entry!(aadsts_70011, Aadsts, "AADSTS70011", A(70011), Some(F::OauthScope), None),
    entry!(aadsts_28000, Aadsts, "AADSTS28000", A(28000), Some(F::OauthScope), None),
    entry!(aadsts_700084, Aadsts, "AADSTS700084", A(700084), None, None),
    entry!(aadsts_700082, Aadsts, "AADSTS700082", A(700082), None, Some(S::WebexOauth)),
    entry!(aadsts_54005, Aadsts, "AADSTS54005", A(54005), None, None),
    entry!(aadsts_501481, Aadsts, "AADSTS501481", A(501481), None, None),
    entry!(aadsts_9002326, Aadsts, "AADSTS9002326", A(9002326), None, None),
    entry!(aadsts_9002327, Aadsts, "AADSTS9002327", A(9002327), Some(F::AzureRedirectUri), None),
    entry!(aadsts_90002, Aadsts, "AADSTS90002", A(90002), Some(F::AzureTenantId), None),
    entry!(aadsts_500011, Aadsts, "AADSTS500011", A(500011), Some(F::AzureTenantId), None),
    entry!(aadsts_650052, Aadsts, "AADSTS650052", A(650052), Some(F::AzurePermissionProfile), None),
    // smtp.office365.com; 535 5.7.139 is told apart by the reply's text.
    entry!(smtp_5_7_139_auth_disabled, Smtp, "535 5.7.139", smtp(535, "5.7.139", AUTH_DISABLED), Some(F::MailboxAddress), None),
    entry!(smtp_5_7_139_security_defaults, Smtp, "535 5.7.139", smtp(535, "5.7.139", SECURITY_DEFAULTS), None, Some(S::WebexOauth)),
    entry!(smtp_5_7_139_criteria, Smtp, "535 5.7.139", smtp(535, "5.7.139", CRITERIA), None, None),
    entry!(smtp_5_7_139_other, Smtp, "535 5.7.139", smtp(535, "5.7.139", &[]), None, Some(S::Mailbox)),
    entry!(smtp_5_7_3, Smtp, "535 5.7.3", smtp(535, "5.7.3", &[]), Some(F::SmtpUsername), None),
    entry!(smtp_5_7_30, Smtp, "550 5.7.30", smtp(550, "5.7.30", &[]), None, Some(S::WebexOauth)),
    entry!(smtp_5_7_57, Smtp, "530 5.7.57", smtp(530, "5.7.57", &[]), Some(F::SmtpSecurity), None),
    entry!(smtp_5_7_60, Smtp, "550 5.7.60", smtp(550, "5.7.60", &[]), Some(F::MailboxAddress), None),
    entry!(smtp_send_as_denied, Smtp, "SendAsDenied", Phrase("sendasdenied"), Some(F::MailboxAddress), None),
    entry!(smtp_5_7_520, Smtp, "550 5.7.520", smtp(550, "5.7.520", &[]), Some(F::MailboxOutboundPolicy), None),
    // Microsoft Graph (this app's own calls)
    entry!(graph_authorization_request_denied, Graph, "Authorization_RequestDenied", graph("Authorization_RequestDenied"), None, Some(S::EntraApp)),
    entry!(graph_request_resource_not_found, Graph, "Request_ResourceNotFound", graph("Request_ResourceNotFound"), None, None),
    entry!(graph_request_bad_request, Graph, "Request_BadRequest", graph("Request_BadRequest"), None, None),
    entry!(graph_error_access_denied, Graph, "ErrorAccessDenied", graph("ErrorAccessDenied"), None, Some(S::Mailbox)),
    entry!(graph_invalid_authentication_token, Graph, "InvalidAuthenticationToken", graph("InvalidAuthenticationToken"), None, None),
    entry!(graph_credential_lifetime, Graph, "Credential lifetime exceeds the max value allowed", Phrase(CREDENTIAL_LIFETIME), Some(F::AzureClientSecretExpires), None),
    // Webex Connect Send Message API
    entry!(webex_7000, Webex, "7000", Code { value: "7000", bare: false }, None, Some(S::Verify)),
    entry!(webex_http_401, Webex, "HTTP 401", EmptyHttp(401), None, Some(S::Verify)),
];

// Reply texts (lowercase) that tell the 535 5.7.139 variants apart.
const AUTH_DISABLED: &[&str] = &["smtpclientauthentication is disabled", "smtp_auth_disabled"];
const SECURITY_DEFAULTS: &[&str] = &["security defaults"];
const CRITERIA: &[&str] = &["did not meet the criteria"];
const CREDENTIAL_LIFETIME: &str = "credential lifetime exceeds the max value allowed";

/// Labels and notices shown around catalogue entries (not tied to one entry).
pub const LABEL_KEYS: &[&str] = &[
    "errors.kind.aadsts",
    "errors.kind.smtp",
    "errors.kind.graph",
    "errors.kind.webex",
    "errors.label.meaning",
    "errors.label.cause",
    "errors.label.fix",
    "errors.label.revisit",
    "errors.unknown.aadsts",
    "errors.unknown.smtp",
    "errors.unknown.graph",
    "errors.unknown.webex",
    "errors.limit.truncated",
    "errors.limit.too_many",
    "errors.none_found",
];

pub fn by_id(id: &str) -> Option<&'static Entry> {
    CATALOGUE.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_keys_follow_them() {
        let mut ids: Vec<&str> = CATALOGUE.iter().map(|e| e.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
        for e in CATALOGUE {
            assert_eq!(e.meaning, format!("errors.{}.meaning", e.id));
            assert_eq!(by_id(e.id), Some(e));
            assert!(e.id.starts_with(e.kind.as_str()) || e.kind == Kind::Smtp, "{}", e.id);
        }
    }

    #[test]
    fn every_domain_aadsts_code_is_catalogued() {
        // DOMAIN.md section 7, as listed there.
        let listed = [
            50011, 700016, 7000215, 7000222, 65001, 90094, 50020, 50076, 50079, 53003, 530003, 700054, 70011, 28000,
            700084, 700082, 54005, 501481, 9002326, 9002327, 90002, 500011, 650052,
        ];
        for n in listed {
            assert!(CATALOGUE.iter().any(|e| e.pattern == Pattern::Aadsts(n)), "AADSTS{n}");
        }
    }

    #[test]
    fn smtp_fallbacks_come_after_their_variants() {
        for (i, e) in CATALOGUE.iter().enumerate() {
            if let Pattern::Smtp { enhanced, phrases: [], .. } = e.pattern {
                for later in &CATALOGUE[i + 1..] {
                    if let Pattern::Smtp { enhanced: other, .. } = later.pattern {
                        assert_ne!(enhanced, other, "{} shadows {}", e.id, later.id);
                    }
                }
            }
        }
    }

    #[test]
    fn steps_come_from_fields_or_hints() {
        let e = by_id("aadsts_50011").map(Entry::step);
        assert_eq!(e, Some(Some(Step::EntraApp)));
        let e = by_id("smtp_5_7_520").map(Entry::step);
        assert_eq!(e, Some(Some(Step::Mailbox)));
        let e = by_id("webex_7000").map(Entry::step);
        assert_eq!(e, Some(Some(Step::Verify)));
        let e = by_id("aadsts_53003").map(Entry::step);
        assert_eq!(e, Some(None));
        assert!(by_id("nope").is_none());
    }
}
