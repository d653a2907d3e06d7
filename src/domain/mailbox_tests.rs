//! Unit tests of `mailbox.rs`.

use super::*;
use crate::domain::finding::Severity;

const FWD: &str = "0123456789abcdef0123456789abcdef@mail-us.imiconnect.io";

fn mailbox(address: &str, upn: &str, policy: OutboundPolicy) -> MailboxInput {
    MailboxInput { address: address.into(), user_principal_name: upn.into(), outbound_policy: policy }
}

fn keys(findings: &[Finding]) -> Vec<(Field, Severity, &'static str)> {
    findings.iter().map(|f| (f.field, f.severity, f.message.key)).collect()
}

fn check(address: &str, upn: &str) -> Vec<(Field, Severity, &'static str)> {
    keys(&validate_mailbox(&mailbox(address, upn, OutboundPolicy::ScopedCustomPolicy), FWD))
}

fn smtp(server: &str, username: &str, upn: &str) -> Vec<(Field, Severity, &'static str)> {
    keys(&validate_smtp(&SmtpInput { server: server.into(), username: username.into() }, upn))
}

#[test]
fn matching_address_and_upn_are_clean() {
    assert!(check("support@contoso.com", "support@contoso.com").is_empty());
    assert!(check(" Support@Contoso.com ", "support@contoso.COM").is_empty());
    // The forwarding address may not be entered yet.
    let m = mailbox("support@contoso.com", "support@contoso.com", OutboundPolicy::ScopedCustomPolicy);
    assert!(validate_mailbox(&m, "").is_empty());
}

#[test]
fn required_fields() {
    assert_eq!(
        check("", "  "),
        [
            (Field::MailboxAddress, Severity::Error, "mailbox.address.required"),
            (Field::MailboxUserPrincipalName, Severity::Error, "mailbox.upn.required"),
        ]
    );
}

#[test]
fn malformed_values_use_the_email_messages() {
    assert_eq!(
        check("support\u{FF20}contoso.com", "support contoso.com"),
        [
            (Field::MailboxAddress, Severity::Error, "email.char.look_alike"),
            (Field::MailboxUserPrincipalName, Severity::Error, "email.char.space"),
        ]
    );
    assert_eq!(
        check("support@contoso.com", "support"),
        [(Field::MailboxUserPrincipalName, Severity::Error, "email.missing_at")]
    );
    // Cyrillic "ѕ" (U+0455): the finding names the code point.
    let f = validate_mailbox(&mailbox("\u{0455}upport@contoso.com", "a@b.com", OutboundPolicy::ScopedCustomPolicy), "");
    assert_eq!(f[0].message.param("code"), Some("U+0455"));
}

#[test]
fn upn_differing_from_address_is_explained() {
    let f = validate_mailbox(
        &mailbox("support@contoso.com", "svc-support@contoso.onmicrosoft.com", OutboundPolicy::ScopedCustomPolicy),
        FWD,
    );
    assert_eq!(keys(&f), [(Field::MailboxUserPrincipalName, Severity::Info, "mailbox.upn.differs")]);
    assert_eq!(f[0].message.param("upn"), Some("svc-support@contoso.onmicrosoft.com"));
    assert_eq!(f[0].message.param("address"), Some("support@contoso.com"));
}

#[test]
fn guest_upn_is_flagged() {
    let upn = "support_fabrikam.com#EXT#@contoso.onmicrosoft.com";
    assert_eq!(
        check("support@fabrikam.com", upn),
        [
            (Field::MailboxUserPrincipalName, Severity::Warning, "mailbox.upn.guest"),
            (Field::MailboxUserPrincipalName, Severity::Info, "mailbox.upn.differs"),
        ]
    );
    assert_eq!(check("a@contoso.com", "a#ext#@contoso.com")[0].2, "mailbox.upn.guest");
}

#[test]
fn mailbox_equal_to_forwarding_address_is_a_loop() {
    assert_eq!(
        check(&FWD.to_uppercase(), FWD),
        [(Field::MailboxAddress, Severity::Error, "mailbox.address.same_as_forwarding")]
    );
}

#[test]
fn webex_address_as_mailbox_is_flagged() {
    assert_eq!(
        check("other@mail-us.imiconnect.io", "other@mail-us.imiconnect.io"),
        [(Field::MailboxAddress, Severity::Warning, "mailbox.address.webex_domain")]
    );
}

#[test]
fn default_outbound_policy_is_tenant_wide() {
    let m = mailbox("support@contoso.com", "support@contoso.com", OutboundPolicy::DefaultPolicy);
    assert_eq!(
        keys(&validate_mailbox(&m, FWD)),
        [(Field::MailboxOutboundPolicy, Severity::Warning, "mailbox.outbound_policy.tenant_wide")]
    );
}

const UPN: &str = "support@contoso.com";

#[test]
fn empty_smtp_overrides_are_fine() {
    assert!(smtp("", "", UPN).is_empty());
    assert!(smtp("  ", "\t", "").is_empty());
}

#[test]
fn smtp_username_override() {
    assert!(smtp("", "Support@CONTOSO.com", UPN).is_empty());
    assert_eq!(
        smtp("", "other@contoso.com", UPN),
        [(Field::SmtpUsername, Severity::Warning, "smtp.username.differs_from_upn")]
    );
    // Without a valid UPN there is nothing to compare with.
    assert!(smtp("", "other@contoso.com", "").is_empty());
    assert_eq!(smtp("", "support", UPN), [(Field::SmtpUsername, Severity::Error, "email.missing_at")]);
    assert_eq!(
        smtp("", "supp\u{200B}ort@contoso.com", UPN),
        [(Field::SmtpUsername, Severity::Error, "email.char.invisible")]
    );
    let f = validate_smtp(&SmtpInput { server: String::new(), username: "x@contoso.com".into() }, UPN);
    assert_eq!((f[0].message.param("username"), f[0].message.param("upn")), (Some("x@contoso.com"), Some(UPN)));
}

#[test]
fn smtp_server_override_must_be_a_bare_host() {
    let e = |server: &str| smtp(server, "", UPN).first().map(|f| f.2).unwrap_or("none");
    assert_eq!(e("smtp.office365.com"), "none");
    assert_eq!(e(" SMTP.Office365.com "), "none");
    assert_eq!(e("smtp.office365.us"), "none");
    assert_eq!(e("smtp://smtp.office365.com"), "smtp.server.scheme");
    assert_eq!(e("https://smtp.office365.com/"), "smtp.server.scheme");
    assert_eq!(e("smtp.office365.com:587"), "smtp.server.port");
    assert_eq!(e("smtp.office365.com/smtp"), "smtp.server.path");
    assert_eq!(e("smtp.office365.com 587"), "email.char.space");
    assert_eq!(e("smtp\u{FF0E}office365.com"), "email.char.look_alike");
    assert_eq!(e("smtp"), "email.domain.no_dot");
    assert_eq!(e("smtp..office365.com"), "email.domain.empty_label");
    assert_eq!(e("user@smtp.office365.com"), "email.domain.bad_char");
    let f = validate_smtp(&SmtpInput { server: "smtp.office365.com:25".into(), username: String::new() }, UPN);
    assert_eq!((f[0].field, f[0].message.param("port")), (Field::SmtpServer, Some("25")));
    let f = validate_smtp(&SmtpInput { server: "smtps://x.com".into(), username: String::new() }, UPN);
    assert_eq!(f[0].message.param("scheme"), Some("smtps"));
}
