//! The checks the admin can run once this app is connected: the mailbox user (does it exist,
//! is it enabled, does it have a mailbox) with the tenant's user-consent setting, and a test
//! mail to the mailbox. Requests go out as `Operation`s; the browser edge sends them and hands
//! the `Answer`s back to the `interpret_*` functions, which turn them into findings. A failed
//! answer becomes Graph's error code and message, never the body itself.

use super::answer::Answer;
use super::op::{odata_string, percent_encode, Json, Kind, Method, Operation, Template};
use super::ops::read_authorization_policy;
use super::parse::{authorization_policy, user, GraphError, UserConsent};
use super::scopes::DelegatedScope;
use crate::domain::email::EmailAddress;
use crate::domain::field::Field;
use crate::domain::finding::{Finding, Message, Severity};
use crate::domain::model::{PermissionProfile, Setup};

/// Both reads of the mailbox check are independent: one `$batch`.
pub const CHECKS_BATCH: &str = "checks";
/// Id of the mailbox user read (the first operation of `mailbox_check`).
pub const USER_OP: &str = "checks.mailbox_user";
/// Id of the user-consent policy read (the second operation of `mailbox_check`).
pub const POLICY_OP: &str = "checks.consent_policy";
/// Id of the test mail.
pub const TEST_MAIL_OP: &str = "checks.test_mail";

const USER_SELECT: &str = "$select=id,userPrincipalName,mail,accountEnabled,proxyAddresses";

/// The mailbox user read and the user-consent policy read, in that order, both in the
/// `CHECKS_BATCH` group. Nothing is sent when the user principal name is missing or invalid:
/// the error says so next to the field.
pub fn mailbox_check(setup: &Setup) -> Result<Vec<Operation>, Finding> {
    // Graph looks users up by id or user principal name, not by mail address, so the UPN is
    // required here as it is in the mailbox step (no fall-back to `mailbox.address`).
    let upn =
        required_address(&setup.mailbox.user_principal_name, Field::MailboxUserPrincipalName, "mailbox.upn.required")?;
    let user = Operation {
        id: USER_OP,
        purpose: Message::new("checks.op.mailbox_user").with("upn", upn.as_str()),
        kind: Kind::Probe,
        method: Method::Get,
        url: Template::url(format!("{}?{USER_SELECT}", user_path(upn.as_str()))),
        headers: Vec::new(),
        body: None,
        scope: DelegatedScope::UserReadAll,
        batch: Some(CHECKS_BATCH),
        captures: Vec::new(),
        rerun: None,
    };
    let mut policy = read_authorization_policy();
    policy.id = POLICY_OP;
    policy.batch = Some(CHECKS_BATCH);
    Ok(vec![user, policy])
}

/// `/users/{upn}`. Graph reads a key that starts with `$` as a system segment; its docs give
/// the `/users('$...')` form for those.
pub(super) fn user_path(upn: &str) -> String {
    if upn.starts_with('$') {
        format!("/users({})", odata_string(upn))
    } else {
        format!("/users/{}", percent_encode(upn))
    }
}

/// A required address from the setup, parsed; the error is bound to its field.
fn required_address(raw: &str, field: Field, required: &'static str) -> Result<EmailAddress, Finding> {
    if raw.trim().is_empty() {
        return Err(Finding::error(field, Message::new(required)));
    }
    EmailAddress::parse(raw).map_err(|p| Finding::error(field, p.message()))
}

/// What the two answers of `mailbox_check` mean: the user's state first, then the consent
/// policy's meaning for Webex Connect's [Generate Token] with the setup's permission profile.
pub fn interpret_mailbox(setup: &Setup, user_answer: &Answer, policy_answer: &Answer) -> Vec<Finding> {
    let mut out = interpret_user(setup, user_answer);
    out.extend(interpret_policy(setup.azure.permission_profile, policy_answer));
    out
}

fn interpret_user(setup: &Setup, answer: &Answer) -> Vec<Finding> {
    let field = Field::MailboxUserPrincipalName;
    let typed = setup.mailbox.user_principal_name.trim();
    if !answer.is_success() {
        return match answer.status {
            404 => vec![Finding::error(field, Message::new("checks.mailbox.no_such_user").with("upn", typed))],
            403 => vec![
                Finding::error(field, Message::new("checks.mailbox.forbidden")),
                failure(answer, field, Severity::Error),
            ],
            _ => vec![failure(answer, field, Severity::Error)],
        };
    }
    let found = match user(&answer.body) {
        Ok(u) => u,
        Err(e) => return vec![Finding::error(field, e.message())],
    };
    // Only a well-formed address is compared with the mailbox's addresses: a malformed one
    // is already reported by the mailbox step's own validation.
    let address = EmailAddress::parse(&setup.mailbox.address).map(|a| a.as_str().to_string()).unwrap_or_default();
    let problems = found.mailbox_findings(&address);
    let mail = found.mail.as_deref().map(str::trim).filter(|m| !m.is_empty());
    let positive = match (found.account_enabled, mail) {
        (Some(true), Some(mail)) => {
            Message::new("checks.mailbox.user_ok").with("upn", found.user_principal_name.as_str()).with("mail", mail)
        }
        _ => Message::new("checks.mailbox.user_found").with("upn", found.user_principal_name.as_str()),
    };
    let mut out = vec![Finding::info(field, positive)];
    out.extend(problems);
    out
}

fn interpret_policy(profile: PermissionProfile, answer: &Answer) -> Vec<Finding> {
    let field = Field::AzurePermissionProfile;
    // With admin consent for everyone the policy does not matter, so not reading it is no
    // cause for alarm.
    let severity = match profile {
        PermissionProfile::LeastPrivilege => Severity::Info,
        PermissionProfile::AsDocumented => Severity::Warning,
    };
    let unreadable = Finding { field, severity, message: Message::new("checks.consent_policy.unreadable") };
    if !answer.is_success() {
        return vec![unreadable, failure(answer, field, severity)];
    }
    match authorization_policy(&answer.body) {
        Ok(policy) => {
            let consent = policy.user_consent();
            let message = consent.generate_token_impact(profile);
            vec![Finding { field, severity: consent_severity(&consent, profile), message }]
        }
        Err(e) => vec![unreadable, Finding { field, severity, message: e.message() }],
    }
}

/// A warning when the documented profile relies on user consent the tenant does not (or may
/// not) give; a custom policy cannot be judged, so its note stays informational.
fn consent_severity(consent: &UserConsent, profile: PermissionProfile) -> Severity {
    match (consent, profile) {
        (UserConsent::Off | UserConsent::LowImpact, PermissionProfile::AsDocumented) => Severity::Warning,
        _ => Severity::Info,
    }
}

/// A failed answer as Graph's code and message; the HTTP status when the body is not a Graph
/// error (a proxy's HTML page, an empty body).
pub(super) fn failure(answer: &Answer, field: Field, severity: Severity) -> Finding {
    let message = match GraphError::parse(&answer.body).filter(|e| !e.code.is_empty()) {
        Some(e) => e.message_key(),
        None => Message::new("checks.http_status").with("status", answer.status.to_string()),
    };
    Finding { field, severity, message }
}

/// The test mail's subject and body, in the admin's language: the UI renders
/// `TestMailText::subject_message` and `body_message` with the current time, so each test mail
/// is unique and easy to find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestMailText {
    pub subject: String,
    pub body: String,
}

impl TestMailText {
    pub fn subject_message(time: &str) -> Message {
        Message::new("checks.test_mail.subject").with("time", time)
    }

    pub fn body_message(time: &str) -> Message {
        Message::new("checks.test_mail.body").with("time", time)
    }
}

/// `POST /me/sendMail` from the signed-in admin's own mailbox to the mailbox address, not
/// kept in the admin's Sent Items. Nothing is sent when the address is missing or invalid.
pub fn test_mail(setup: &Setup, text: TestMailText) -> Result<Operation, Finding> {
    let address = required_address(&setup.mailbox.address, Field::MailboxAddress, "mailbox.address.required")?;
    let recipient = Json::Object(vec![("emailAddress", Json::Object(vec![("address", Json::str(address.as_str()))]))]);
    let message = Json::Object(vec![
        ("subject", Json::str(text.subject)),
        ("body", Json::Object(vec![("contentType", Json::str("Text")), ("content", Json::str(text.body))])),
        ("toRecipients", Json::Array(vec![recipient])),
    ]);
    Ok(Operation {
        id: TEST_MAIL_OP,
        purpose: Message::new("checks.op.test_mail").with("address", address.as_str()),
        kind: Kind::Write,
        method: Method::Post,
        url: Template::url("/me/sendMail"),
        headers: Vec::new(),
        body: Some(Json::Object(vec![("message", message), ("saveToSentItems", Json::bool(false))])),
        scope: DelegatedScope::MailSend,
        batch: None,
        captures: Vec::new(),
        rerun: None,
    })
}

/// What the answer to `test_mail` means. Graph answers 202 with no body once Exchange Online
/// has accepted the message.
pub fn interpret_test_mail(answer: &Answer) -> Vec<Finding> {
    let field = Field::MailboxAddress;
    if answer.is_success() {
        // Said every time: a delivered test mail is easily mistaken for a working channel.
        return vec![
            Finding::info(field, Message::new("checks.test_mail.sent")),
            Finding::info(field, Message::new("checks.test_mail.not_smtp_proof")),
        ];
    }
    let code = GraphError::parse(&answer.body).map(|e| e.code).unwrap_or_default();
    let key = match (answer.status, code.as_str()) {
        (403, c) if c.eq_ignore_ascii_case("ErrorAccessDenied") => "checks.test_mail.access_denied",
        (404, c) if c.eq_ignore_ascii_case("MailboxNotEnabledForRESTAPI") => "checks.test_mail.no_sender_mailbox",
        (400, c) if c.eq_ignore_ascii_case("ErrorInvalidRecipients") => "checks.test_mail.invalid_recipient",
        _ => return vec![failure(answer, field, Severity::Error)],
    };
    vec![Finding::error(field, Message::new(key)), failure(answer, field, Severity::Error)]
}
