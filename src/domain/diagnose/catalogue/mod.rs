//! The error catalogue as data: one entry per code admins meet in a phase this channel goes
//! through (DOMAIN.md section 7, Microsoft's reference pages, and the codes this app's own
//! calls return). The entries live in one file per phase; their text lives in
//! `locales/*/errors_<phase>.json` under `errors.<id>.{meaning,cause,fix}`.

mod app;
mod delivery;
mod signin;
mod smtp;
mod token;

use crate::domain::field::Field;
use crate::domain::finding::Message;
use crate::domain::step::Step;

/// The shape of the code: how it is written and recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Microsoft Entra sign-in errors (`AADSTS<n>`).
    Aadsts,
    /// SMTP replies (basic + enhanced status code).
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

    /// Locale key of the kind's label ("Microsoft Entra", ...).
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Aadsts => "errors.kind.aadsts",
            Kind::Smtp => "errors.kind.smtp",
            Kind::Graph => "errors.kind.graph",
            Kind::Webex => "errors.kind.webex",
        }
    }
}

/// Where in the channel's life the error happens: that tells the admin which console and
/// which value to look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    /// The interactive sign-in of Webex Connect's [Generate Token] (the authorize endpoint).
    SignIn,
    /// The token endpoint: the code redeemed after sign-in, then every refresh.
    Token,
    /// Webex Connect submitting mail to smtp.office365.com.
    Submission,
    /// Delivery of mail: forwarding to Webex Connect, replies reaching customers.
    Delivery,
    /// This setup app's own sign-in and its Microsoft Graph and Webex Connect calls.
    SetupApp,
}

impl Phase {
    pub const ALL: [Phase; 5] = [Phase::SignIn, Phase::Token, Phase::Submission, Phase::Delivery, Phase::SetupApp];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::SignIn => "signin",
            Phase::Token => "token",
            Phase::Submission => "smtp",
            Phase::Delivery => "delivery",
            Phase::SetupApp => "app",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Phase::SignIn => "errors.phase.signin",
            Phase::Token => "errors.phase.token",
            Phase::Submission => "errors.phase.smtp",
            Phase::Delivery => "errors.phase.delivery",
            Phase::SetupApp => "errors.phase.app",
        }
    }

    fn entries(self) -> &'static [Entry] {
        match self {
            Phase::SignIn => signin::ENTRIES,
            Phase::Token => token::ENTRIES,
            Phase::Submission => smtp::ENTRIES,
            Phase::Delivery => delivery::ENTRIES,
            Phase::SetupApp => app::ENTRIES,
        }
    }
}

/// How an entry is recognised in pasted text (see `extract`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// `AADSTS<n>`.
    Aadsts(u32),
    /// An SMTP reply. `basic` 0 accepts any basic code of the class; `enhanced` is a code
    /// (`5.7.139`) or a detail range (`4.7.500-699`). Several entries may share a code:
    /// `phrases` (lowercase, any one of them) tell them apart by the reply's text; an entry
    /// with no phrases is the fallback. With `alone`, a phrase also identifies the entry
    /// where no code is written (a stack trace naming only `SendAsDeniedException`).
    Smtp { basic: u16, enhanced: &'static str, phrases: &'static [&'static str], alone: bool },
    /// A JSON `"code": "<value>"`; with `bare`, also the value as a whole word anywhere.
    Code { value: &'static str, bare: bool },
    /// A phrase anywhere in the text (matched case-insensitively; given in lowercase).
    Phrase(&'static str),
    /// An HTTP status answered with an empty body.
    EmptyHttp(u16),
}

/// Where the admin goes to fix it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Revisit {
    /// One value is at fault: its field (and so its step).
    Value(Field),
    /// No single value: the step where the setting is made.
    Step(Step),
    /// A tenant policy or Microsoft's side: nothing in the wizard to revisit.
    Nowhere,
}

/// Whether the cause in this setup is what Microsoft documents, or our reading of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    Documented,
    Inferred,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    /// Stable id, also the middle of the locale keys: `errors.<id>.meaning`.
    pub id: &'static str,
    pub kind: Kind,
    pub phase: Phase,
    /// The code as admins see it, e.g. `AADSTS50011`, `535 5.7.139`.
    pub code: &'static str,
    pub pattern: Pattern,
    /// What the code means.
    pub meaning: &'static str,
    /// Its likely cause in this setup.
    pub cause: &'static str,
    /// What to do.
    pub fix: &'static str,
    pub revisit: Revisit,
    /// The documentation the meaning was checked against.
    pub source: &'static str,
    pub basis: Basis,
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

    /// The value to revisit, if one value is at fault.
    pub fn field(&self) -> Option<Field> {
        match self.revisit {
            Revisit::Value(f) => Some(f),
            _ => None,
        }
    }

    /// The wizard step to go back to: the field's step, else the step of the setting.
    pub fn step(&self) -> Option<Step> {
        match self.revisit {
            Revisit::Value(f) => Some(f.step()),
            Revisit::Step(s) => Some(s),
            Revisit::Nowhere => None,
        }
    }

    /// The cause is a guess from the error's wording, and the UI says so.
    pub fn cause_inferred(&self) -> bool {
        self.basis == Basis::Inferred
    }

    pub fn keys(&self) -> [&'static str; 3] {
        [self.meaning, self.cause, self.fix]
    }
}

/// One catalogue entry; the locale keys follow the id.
macro_rules! entry {
    ($id:ident, $kind:ident, $phase:ident, $code:expr, $pattern:expr, $to:expr, $source:expr, $basis:ident) => {
        $crate::domain::diagnose::catalogue::Entry {
            id: stringify!($id),
            kind: $crate::domain::diagnose::catalogue::Kind::$kind,
            phase: $crate::domain::diagnose::catalogue::Phase::$phase,
            code: $code,
            pattern: $pattern,
            meaning: concat!("errors.", stringify!($id), ".meaning"),
            cause: concat!("errors.", stringify!($id), ".cause"),
            fix: concat!("errors.", stringify!($id), ".fix"),
            revisit: $to,
            source: $source,
            basis: $crate::domain::diagnose::catalogue::Basis::$basis,
        }
    };
}

/// An `AADSTS<n>` entry: id `aadsts_<n>`, code `AADSTS<n>`.
macro_rules! aadsts {
    ($n:literal, $phase:ident, $to:expr, $source:expr, $basis:ident) => {
        $crate::domain::diagnose::catalogue::Entry {
            id: concat!("aadsts_", stringify!($n)),
            kind: $crate::domain::diagnose::catalogue::Kind::Aadsts,
            phase: $crate::domain::diagnose::catalogue::Phase::$phase,
            code: concat!("AADSTS", stringify!($n)),
            pattern: $crate::domain::diagnose::catalogue::Pattern::Aadsts($n),
            meaning: concat!("errors.aadsts_", stringify!($n), ".meaning"),
            cause: concat!("errors.aadsts_", stringify!($n), ".cause"),
            fix: concat!("errors.aadsts_", stringify!($n), ".fix"),
            revisit: $to,
            source: $source,
            basis: $crate::domain::diagnose::catalogue::Basis::$basis,
        }
    };
}

use aadsts;
use entry;

const fn to(field: Field) -> Revisit {
    Revisit::Value(field)
}

const fn at(step: Step) -> Revisit {
    Revisit::Step(step)
}

const NOWHERE: Revisit = Revisit::Nowhere;

const fn smtp(basic: u16, enhanced: &'static str, phrases: &'static [&'static str]) -> Pattern {
    Pattern::Smtp { basic, enhanced, phrases, alone: false }
}

/// An SMTP reply whose phrase alone also identifies it.
const fn smtp_or_phrase(basic: u16, enhanced: &'static str, phrases: &'static [&'static str]) -> Pattern {
    Pattern::Smtp { basic, enhanced, phrases, alone: true }
}

/// Sources: the pages each entry was checked against.
mod source {
    pub const ENTRA_CODES: &str = "https://learn.microsoft.com/entra/identity-platform/reference-error-codes";
    pub const AUTH_CODE_FLOW: &str = "https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow";
    pub const REFRESH_TOKENS: &str = "https://learn.microsoft.com/entra/identity-platform/refresh-tokens";
    pub const CA_TROUBLESHOOT: &str =
        "https://learn.microsoft.com/entra/identity/conditional-access/troubleshoot-conditional-access";
    pub const EXO_OAUTH: &str = "https://learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth";
    pub const SMTP_AUTH: &str =
        "https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission";
    pub const BASIC_AUTH_TIMELINE: &str = "https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835";
    pub const SMTP_LIMITS: &str =
        "https://learn.microsoft.com/exchange/troubleshoot/send-emails/smtp-submission-improvements";
    pub const SEND_AS_DENIED: &str =
        "https://learn.microsoft.com/previous-versions/office/developer/exchange-server-2007/aa494038(v=exchg.80)";
    pub const TLS: &str =
        "https://learn.microsoft.com/microsoft-365/compliance/tls-1.0-and-1.1-deprecation-for-office-365";
    pub const NDR: &str = "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online";
    pub const NDR_5_7_57: &str = "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-57-in-exchange-online";
    pub const NDR_5_1_8: &str = "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-1-8-in-exchange-online";
    pub const NDR_5_1_10: &str = "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-550-5-1-10-in-exchange-online";
    pub const NDR_5_4_14: &str = "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-4-6-through-5-4-20-in-exchange-online";
    pub const NDR_5_7_124: &str = "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-124-in-exchange-online";
    pub const NDR_5_7_700: &str = "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-700-through-5-7-750";
    pub const NDR_4_7_500: &str = "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-451-4-7-500-699-asxxx-in-exchange-online";
    pub const NDR_QUOTA: &str = "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-for-submission-quota-exceeded-in-exchange-online";
    pub const DBEB: &str =
        "https://learn.microsoft.com/exchange/mail-flow-best-practices/use-directory-based-edge-blocking";
    pub const FORWARDING: &str =
        "https://learn.microsoft.com/defender-office-365/outbound-spam-policies-external-email-forwarding";
    pub const BACK_PRESSURE: &str = "https://learn.microsoft.com/exchange/mail-flow/back-pressure";
    pub const RFC3463: &str = "https://www.rfc-editor.org/rfc/rfc3463";
    pub const RFC4954: &str = "https://www.rfc-editor.org/rfc/rfc4954";
    pub const GRAPH_ERRORS: &str = "https://learn.microsoft.com/graph/errors";
    pub const APP_MANAGEMENT_POLICY: &str = "https://learn.microsoft.com/graph/api/resources/appmanagementpolicy";
    pub const WEBEX_ERRORS: &str = "https://developer.webex.com/docs/webex-connect-status-and-error-codes";
}

/// Every catalogued code, phase by phase. Order matters only among SMTP entries sharing a
/// code: the variants with phrases come before the fallback.
pub fn all() -> impl Iterator<Item = &'static Entry> + Clone {
    Phase::ALL.into_iter().flat_map(Phase::entries)
}

/// The entries of one phase.
pub fn of_phase(phase: Phase) -> &'static [Entry] {
    phase.entries()
}

/// The entry for `AADSTS<n>`, if catalogued.
pub fn by_aadsts(n: u32) -> Option<&'static Entry> {
    // Only three phases hold AADSTS codes; a paste full of codes asks this often.
    [Phase::SignIn, Phase::Token, Phase::SetupApp]
        .into_iter()
        .flat_map(Phase::entries)
        .find(|e| e.pattern == Pattern::Aadsts(n))
}

/// Entries that refine another: when both are found in one paste, only the first of the
/// pair is listed (a Graph `Request_BadRequest` whose message names the secret's lifetime
/// policy is that policy's error, not a generic bad request).
pub const REFINEMENTS: &[(&str, &str)] = &[("graph_credential_lifetime", "graph_request_bad_request")];

/// Labels and notices shown around catalogue entries (not tied to one entry).
pub const LABEL_KEYS: &[&str] = &[
    "errors.kind.aadsts",
    "errors.kind.smtp",
    "errors.kind.graph",
    "errors.kind.webex",
    "errors.phase.signin",
    "errors.phase.token",
    "errors.phase.smtp",
    "errors.phase.delivery",
    "errors.phase.app",
    "errors.label.meaning",
    "errors.label.cause",
    "errors.label.fix",
    "errors.label.revisit",
    "errors.label.source",
    "errors.label.inferred",
    "errors.limit.truncated",
    "errors.limit.too_many",
    "errors.none_found",
];

pub fn by_id(id: &str) -> Option<&'static Entry> {
    all().find(|e| e.id == id)
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
