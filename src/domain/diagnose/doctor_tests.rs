use super::*;
use crate::domain::derive::derive;
use crate::domain::model::{CheckId, CheckStatus, Cloud};

use crate::domain::sample::{complete_setup, today};

/// Every step complete: the doctor has nothing to say.
fn healthy() -> Setup {
    let mut s = complete_setup();
    for c in CheckId::ALL {
        s.verification.get_mut(c).status = CheckStatus::Passed;
    }
    s
}

fn run(s: &Setup) -> Vec<Diagnosis> {
    doctor(s, &Secrets::default(), &derive(s), &ChecklistItem::ALL, today())
}

fn of(s: &Setup, rule: Rule) -> Vec<Diagnosis> {
    run(s).into_iter().filter(|d| d.rule == rule).collect()
}

/// The one diagnosis of `rule`: how bad, where it links, what it says.
fn one(s: &Setup, rule: Rule) -> (Severity, Option<Field>, Step, &'static str) {
    let d = of(s, rule);
    assert_eq!(d.len(), 1, "{d:?}");
    (d[0].severity, d[0].field, d[0].step, d[0].message.key)
}

#[test]
fn a_healthy_setup_has_no_diagnosis() {
    assert_eq!(run(&healthy()), vec![]);
}

#[test]
fn redirect_uri_written_differently_from_the_callback() {
    let mut s = healthy();
    s.webex_connect.callback_url = "https://Acme.US.webexconnect.io/callback".into();
    assert_eq!(
        one(&s, Rule::RedirectUri),
        (Severity::Warning, Some(Field::AzureRedirectUri), Step::EntraApp, "doctor.redirect_uri.differs")
    );
    let d = of(&s, Rule::RedirectUri);
    assert_eq!(d[0].message.param("redirect_uri"), Some("https://acme.us.webexconnect.io/callback"));
    // A stale derivation that names another URI is caught too.
    let s = healthy();
    let mut derived = derive(&s);
    derived.redirect_uri = "https://other.us.webexconnect.io/callback".into();
    let d = doctor(&s, &Secrets::default(), &derived, &ChecklistItem::ALL, today());
    assert!(d.iter().any(|d| d.message.key == "doctor.redirect_uri.differs"));
}

#[test]
fn redirect_uri_that_cannot_be_derived() {
    let mut s = healthy();
    s.webex_connect.callback_url = "http://acme.us.webexconnect.io/callback".into();
    let d = of(&s, Rule::RedirectUri);
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].severity, d[0].message.key), (Severity::Error, "doctor.redirect_uri.underivable"));
    s.webex_connect.callback_url = "   ".into();
    assert!(of(&s, Rule::RedirectUri).is_empty(), "an empty field is the step's business");
    s.webex_connect.callback_url = " https://acme.us.webexconnect.io/callback ".into();
    assert!(of(&s, Rule::RedirectUri).is_empty(), "spaces around a paste do not count");
}

#[test]
fn smtp_username_naming_another_mailbox() {
    let mut s = healthy();
    s.smtp.username = "someone.else@acme.example".into();
    let d = of(&s, Rule::SmtpUsername);
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].severity, d[0].field), (Severity::Warning, Some(Field::SmtpUsername)));
    assert_eq!(d[0].message.param("username"), Some("someone.else@acme.example"));
    assert_eq!(d[0].message.param("upn"), Some("support@acme.example"));
}

#[test]
fn smtp_username_silent_for_address_upn_or_case() {
    let mut s = healthy();
    s.mailbox.user_principal_name = "svc-support@acme.onmicrosoft.com".into();
    s.smtp.username = "Support@acme.example".into();
    assert!(of(&s, Rule::SmtpUsername).is_empty(), "the address, in other case");
    s.smtp.username = String::new();
    assert!(of(&s, Rule::SmtpUsername).is_empty(), "the UPN by default");
    s.mailbox = Default::default();
    s.smtp.username = "x@acme.example".into();
    assert!(of(&s, Rule::SmtpUsername).is_empty(), "nothing to compare with");
}

#[test]
fn secret_expired_or_expiring() {
    let mut s = healthy();
    s.azure.client_secret_expires = "2026-11-27".into();
    let d = of(&s, Rule::SecretExpiry);
    assert_eq!((d[0].severity, d[0].message.key), (Severity::Error, "doctor.secret.expired"));
    s.azure.client_secret_expires = "2026-12-27".into();
    let d = of(&s, Rule::SecretExpiry);
    assert_eq!((d[0].severity, d[0].message.key), (Severity::Warning, "doctor.secret.expiring"));
    assert_eq!(d[0].message.param("days"), Some("29"));
    s.azure.client_secret_expires = "2026-11-28".into();
    assert_eq!(of(&s, Rule::SecretExpiry)[0].message.param("days"), Some("0"));
}

#[test]
fn secret_silent_at_30_days_or_without_a_date() {
    let mut s = healthy();
    s.azure.client_secret_expires = "2026-12-28".into();
    assert!(of(&s, Rule::SecretExpiry).is_empty());
    s.azure.client_secret_expires = String::new();
    assert!(of(&s, Rule::SecretExpiry).is_empty());
    s.azure.client_secret_expires = "28/12/2026".into();
    assert!(of(&s, Rule::SecretExpiry).is_empty(), "a bad date is the Entra step's error");
}

#[test]
fn documented_profile_is_tenant_wide() {
    let mut s = healthy();
    assert!(of(&s, Rule::BroadMailSend).is_empty());
    s.azure.permission_profile = PermissionProfile::AsDocumented;
    let d = of(&s, Rule::BroadMailSend);
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].severity, d[0].field), (Severity::Warning, Some(Field::AzurePermissionProfile)));
}

#[test]
fn a_reply_that_did_not_arrive_points_to_the_consent_check() {
    let mut s = healthy();
    assert!(of(&s, Rule::SmtpConsent).is_empty());
    s.verification.get_mut(CheckId::AgentReceived).status = CheckStatus::Failed;
    assert!(of(&s, Rule::SmtpConsent).is_empty(), "an inbound failure is not about the SMTP token");
    s.verification.get_mut(CheckId::ReplyArrived).status = CheckStatus::Failed;
    assert_eq!(
        one(&s, Rule::SmtpConsent),
        (Severity::Warning, Some(Field::VerificationChecks), Step::Verify, "doctor.reply_failed.check_consent")
    );
}

#[test]
fn sovereign_cloud_with_unverified_smtp_host() {
    let mut s = healthy();
    s.azure.cloud = Cloud::UsGovGccHigh;
    let d = of(&s, Rule::SovereignSmtpHost);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].message.param("host"), Some("smtp.office365.us"));
    assert_eq!(d[0].step, Step::WebexOauth);
    s.smtp.server = "smtp.office365.us".into();
    assert!(of(&s, Rule::SovereignSmtpHost).is_empty(), "the admin confirmed the host");
    assert!(of(&healthy(), Rule::SovereignSmtpHost).is_empty(), "global host is documented");
}

#[test]
fn tenant_given_as_a_domain() {
    let mut s = healthy();
    assert!(of(&s, Rule::TenantDomain).is_empty());
    s.azure.tenant_id = "Acme.onmicrosoft.com".into();
    let d = of(&s, Rule::TenantDomain);
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].severity, d[0].message.param("domain")), (Severity::Info, Some("acme.onmicrosoft.com")));
    s.azure.tenant_id = "not a tenant".into();
    assert!(of(&s, Rule::TenantDomain).is_empty());
}

#[test]
fn steps_missing_or_wrong() {
    let d = of(&Setup::default(), Rule::StepState);
    let steps: Vec<Step> = d.iter().map(|d| d.step).collect();
    assert_eq!(steps, vec![Step::WebexApp, Step::EntraApp, Step::Mailbox, Step::WebexOauth, Step::Verify]);
    assert!(d.iter().all(|d| d.severity == Severity::Info && d.message.key == "doctor.step.incomplete"));
    assert_eq!(d[0].message.param("number"), Some("1"));

    let mut s = healthy();
    s.azure.client_id = "not-a-guid".into();
    let d = of(&s, Rule::StepState);
    assert!(d.iter().any(|d| d.step == Step::EntraApp && d.message.key == "doctor.step.has_errors"));
    let s = healthy();
    let d = doctor(&s, &Secrets::default(), &derive(&s), &[], today());
    assert_eq!(d.iter().map(|d| d.step).collect::<Vec<_>>(), vec![Step::WebexOauth], "checklist not ticked");
}

#[test]
fn forwarding_address_equal_to_the_mailbox() {
    let mut s = healthy();
    s.webex_connect.forwarding_address = "SUPPORT@acme.example".into();
    let d = of(&s, Rule::ForwardingLoop);
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].severity, d[0].field), (Severity::Error, Some(Field::WebexForwardingAddress)));
    assert_eq!(run(&s)[0].rule, Rule::ForwardingLoop, "errors come first");
    s.webex_connect.forwarding_address = "support@acme.example.org".into();
    assert!(of(&s, Rule::ForwardingLoop).is_empty());
}

#[test]
fn reminder_plan_explains_why_not() {
    let t = today();
    assert_eq!(reminder_plan("", "14", t).unwrap_err().key, "doctor.reminder.no_expiry");
    assert_eq!(reminder_plan("2027-02-30", "14", t).unwrap_err().key, "doctor.reminder.invalid_expiry");
    assert_eq!(reminder_plan("2027-06-01", "x", t).unwrap_err().key, "doctor.reminder.invalid_days");
    assert_eq!(reminder_plan("2027-06-01", "99999", t).unwrap_err().key, "doctor.reminder.invalid_days");
    assert_eq!(reminder_plan("2026-11-01", "1", t).unwrap_err().key, "doctor.reminder.expired");
    let e = reminder_plan("2026-12-05", "14", t).unwrap_err();
    assert_eq!((e.key, e.param("days")), ("doctor.reminder.in_past", Some("7")));
    let (date, days) = reminder_plan("2027/06/01", " 14 ", t).unwrap();
    assert_eq!((date.iso().as_str(), days), ("2027-06-01", 14));
    assert!(reminder_plan("2026-11-28", "0", t).is_ok(), "the day itself");
}

#[test]
fn every_doctor_key_exists_in_both_languages() {
    let files = [
        super::super::locale_files::load(include_str!("../../../locales/en/diagnostics.json")),
        super::super::locale_files::load(include_str!("../../../locales/ja/diagnostics.json")),
    ];
    let src = include_str!("doctor.rs");
    let marker = concat!("Message::new", "(\"");
    for (i, _) in src.match_indices(marker) {
        let start = i + marker.len();
        let key = &src[start..start + src[start..].find('"').unwrap()];
        for f in &files {
            assert!(f.contains_key(key), "{key}");
        }
    }
}
