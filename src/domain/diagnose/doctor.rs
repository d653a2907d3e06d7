//! The doctor: the whole setup read at once for the mistakes that only show up later (an
//! AADSTS50011 at Generate Token, a 535 at the first mail, a mail loop, a secret that
//! quietly expires). Each rule returns a structured diagnosis with a link target; the text
//! is in `locales/*/diagnostics.json` under `doctor.*`.

use crate::domain::date::Date;
use crate::domain::derive::Derived;
use crate::domain::diagnose::ics::{IcsDate, MAX_DAYS_BEFORE};
use crate::domain::email::EmailAddress;
use crate::domain::entra::EXPIRY_WARNING_DAYS;
use crate::domain::field::Field;
use crate::domain::finding::{Message, Severity};
use crate::domain::guid::TenantId;
use crate::domain::model::{CheckId, CheckStatus, PermissionProfile, Secrets, Setup};
use crate::domain::step::{Step, StepState};
use crate::domain::validate::{self, ChecklistItem};
use crate::domain::webex::CallbackUrl;

/// Which rule spoke (stable names, also written into the support bundle).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    RedirectUri,
    SmtpUsername,
    SecretExpiry,
    BroadMailSend,
    SovereignSmtpHost,
    TenantDomain,
    StepState,
    ForwardingLoop,
    SmtpConsent,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::RedirectUri => "redirect_uri",
            Rule::SmtpUsername => "smtp_username",
            Rule::SecretExpiry => "secret_expiry",
            Rule::BroadMailSend => "broad_mail_send",
            Rule::SovereignSmtpHost => "sovereign_smtp_host",
            Rule::TenantDomain => "tenant_domain",
            Rule::StepState => "step_state",
            Rule::ForwardingLoop => "forwarding_loop",
            Rule::SmtpConsent => "smtp_consent",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    pub rule: Rule,
    pub severity: Severity,
    /// The value to revisit; `None` when the whole step is meant.
    pub field: Option<Field>,
    /// The step to link to (the field's step when there is a field).
    pub step: Step,
    pub message: Message,
}

impl Diagnosis {
    fn at(rule: Rule, severity: Severity, field: Field, message: Message) -> Diagnosis {
        Diagnosis { rule, severity, field: Some(field), step: field.step(), message }
    }
}

/// Every diagnosis for the setup, errors first, then in step order. `checklist` is step
/// 4's ticks (for the step states); `today` is the admin's local date.
pub fn doctor(
    setup: &Setup,
    secrets: &Secrets,
    derived: &Derived,
    checklist: &[ChecklistItem],
    today: Date,
) -> Vec<Diagnosis> {
    let mut out = Vec::new();
    forwarding_loop(setup, &mut out);
    redirect_uri(setup, derived, &mut out);
    secret_expiry(setup, today, &mut out);
    broad_mail_send(setup, &mut out);
    smtp_consent(setup, &mut out);
    tenant_domain(setup, &mut out);
    smtp_username(setup, derived, &mut out);
    sovereign_smtp_host(setup, derived, &mut out);
    step_states(setup, secrets, checklist, today, &mut out);
    // Within a step, the precise diagnoses before the general "step has errors".
    crate::domain::sort::sort_by_key(&mut out, |d| (d.severity, d.step, d.field.is_none(), d.field));
    out
}

/// Forwarding to itself loops every mail between the mailbox and itself.
fn forwarding_loop(setup: &Setup, out: &mut Vec<Diagnosis>) {
    let fwd = EmailAddress::parse(&setup.webex_connect.forwarding_address);
    let mailbox = EmailAddress::parse(&setup.mailbox.address);
    if let (Ok(fwd), Ok(mailbox)) = (fwd, mailbox) {
        if fwd.same_mailbox(&mailbox) {
            out.push(Diagnosis::at(
                Rule::ForwardingLoop,
                Severity::Error,
                Field::WebexForwardingAddress,
                Message::new("doctor.forwarding_loop").with("address", fwd.as_str()),
            ));
        }
    }
}

/// Entra compares redirect URIs character for character (AADSTS50011). The URI shown for
/// registration is the callback normalised; when the admin's paste differs from it, the
/// form in Webex Connect may send the other spelling.
fn redirect_uri(setup: &Setup, derived: &Derived, out: &mut Vec<Diagnosis>) {
    let typed = setup.webex_connect.callback_url.trim();
    if typed.is_empty() {
        return;
    }
    let f = Field::AzureRedirectUri;
    if derived.redirect_uri.is_empty() || CallbackUrl::parse(typed).is_err() {
        out.push(Diagnosis::at(
            Rule::RedirectUri,
            Severity::Error,
            Field::WebexCallbackUrl,
            Message::new("doctor.redirect_uri.underivable").with("callback", typed),
        ));
    } else if derived.redirect_uri != typed {
        out.push(Diagnosis::at(
            Rule::RedirectUri,
            Severity::Warning,
            f,
            Message::new("doctor.redirect_uri.differs")
                .with("callback", typed)
                .with("redirect_uri", derived.redirect_uri.as_str()),
        ));
    }
}

fn secret_expiry(setup: &Setup, today: Date, out: &mut Vec<Diagnosis>) {
    let Ok(expires) = Date::parse(&setup.azure.client_secret_expires) else {
        return;
    };
    let days = today.days_until(expires);
    let f = Field::AzureClientSecretExpires;
    let date = expires.to_string();
    if days < 0 {
        out.push(Diagnosis::at(
            Rule::SecretExpiry,
            Severity::Error,
            f,
            Message::new("doctor.secret.expired").with("date", date),
        ));
    } else if days < EXPIRY_WARNING_DAYS {
        out.push(Diagnosis::at(
            Rule::SecretExpiry,
            Severity::Warning,
            f,
            Message::new("doctor.secret.expiring").with("date", date).with("days", days.to_string()),
        ));
    }
}

fn broad_mail_send(setup: &Setup, out: &mut Vec<Diagnosis>) {
    if setup.azure.permission_profile == PermissionProfile::AsDocumented {
        out.push(Diagnosis::at(
            Rule::BroadMailSend,
            Severity::Warning,
            Field::AzurePermissionProfile,
            Message::new("doctor.profile.tenant_wide_mail_send"),
        ));
    }
}

/// The reply is the one check that goes out over SMTP with the token from Generate Token: when
/// it failed, the consent that token needs is the first thing to prove (step 5 reads it).
fn smtp_consent(setup: &Setup, out: &mut Vec<Diagnosis>) {
    if setup.verification.get(CheckId::ReplyArrived).status == CheckStatus::Failed {
        out.push(Diagnosis::at(
            Rule::SmtpConsent,
            Severity::Warning,
            Field::VerificationChecks,
            Message::new("doctor.reply_failed.check_consent"),
        ));
    }
}

fn tenant_domain(setup: &Setup, out: &mut Vec<Diagnosis>) {
    if let Ok(TenantId::Domain(domain)) = TenantId::parse(&setup.azure.tenant_id) {
        out.push(Diagnosis::at(
            Rule::TenantDomain,
            Severity::Info,
            Field::AzureTenantId,
            Message::new("doctor.tenant.domain").with("domain", domain),
        ));
    }
}

/// The token is issued to the user who clicks Generate Token; SMTP answers 535 5.7.3 when
/// the username names another mailbox. Either the address or the UPN is accepted.
fn smtp_username(setup: &Setup, derived: &Derived, out: &mut Vec<Diagnosis>) {
    let Ok(username) = EmailAddress::parse(&derived.smtp_username) else {
        return;
    };
    let address = EmailAddress::parse(&setup.mailbox.address).ok();
    let upn = EmailAddress::parse(&setup.mailbox.user_principal_name).ok();
    if address.is_none() && upn.is_none() {
        return;
    }
    let matches = |a: &Option<EmailAddress>| a.as_ref().is_some_and(|a| a.same_mailbox(&username));
    if !matches(&address) && !matches(&upn) {
        let shown = |a: &Option<EmailAddress>| a.as_ref().map_or("-".to_string(), |a| a.as_str().to_string());
        out.push(Diagnosis::at(
            Rule::SmtpUsername,
            Severity::Warning,
            Field::SmtpUsername,
            Message::new("doctor.smtp_username.differs")
                .with("username", username.as_str())
                .with("address", shown(&address))
                .with("upn", shown(&upn)),
        ));
    }
}

fn sovereign_smtp_host(setup: &Setup, derived: &Derived, out: &mut Vec<Diagnosis>) {
    if setup.azure.cloud.is_sovereign() && !derived.smtp_server_verified {
        out.push(Diagnosis::at(
            Rule::SovereignSmtpHost,
            Severity::Warning,
            Field::SmtpServer,
            Message::new("doctor.smtp_host.unverified").with("host", derived.smtp_server.as_str()),
        ));
    }
}

/// Steps 1 to 6 that are not complete (the summary is the sum of them, not a step to do).
fn step_states(setup: &Setup, secrets: &Secrets, checklist: &[ChecklistItem], today: Date, out: &mut Vec<Diagnosis>) {
    let findings = validate::validate(setup, secrets, today);
    for step in Step::ALL.into_iter().filter(|s| *s != Step::Summary) {
        let number = step.number().unwrap_or_default().to_string();
        let (severity, key) = match validate::step_state(step, setup, &findings, checklist) {
            StepState::Complete | StepState::Optional => continue,
            StepState::HasErrors => (Severity::Error, "doctor.step.has_errors"),
            StepState::Incomplete => (Severity::Info, "doctor.step.incomplete"),
        };
        out.push(Diagnosis {
            rule: Rule::StepState,
            severity,
            field: None,
            step,
            message: Message::new(key).with("number", number),
        });
    }
}

/// Why the reminder cannot be made, or its date and lead time. `days_before` is the text of
/// the days-before input.
pub fn reminder_plan(expires: &str, days_before: &str, today: Date) -> Result<(IcsDate, u32), Message> {
    if expires.trim().is_empty() {
        return Err(Message::new("doctor.reminder.no_expiry"));
    }
    let date = IcsDate::parse(expires).map_err(|_| Message::new("doctor.reminder.invalid_expiry"))?;
    let max = MAX_DAYS_BEFORE.to_string();
    let days: u32 = days_before
        .trim()
        .parse()
        .ok()
        .filter(|d| *d <= MAX_DAYS_BEFORE)
        .ok_or_else(|| Message::new("doctor.reminder.invalid_days").with("max", max))?;
    let expiry = Date::parse(&date.iso()).map_err(|_| Message::new("doctor.reminder.invalid_expiry"))?;
    let left = today.days_until(expiry);
    if left < 0 {
        return Err(Message::new("doctor.reminder.expired").with("date", date.iso()));
    }
    if i64::from(days) > left {
        return Err(Message::new("doctor.reminder.in_past").with("days", left.to_string()));
    }
    Ok((date, days))
}

#[cfg(test)]
#[path = "doctor_tests.rs"]
mod tests;
