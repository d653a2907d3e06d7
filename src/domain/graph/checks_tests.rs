//! The checks: requests as Graph must receive them, and every answer Graph can give, from
//! Graph-shaped bodies.

use serde_json::{json, Value};

use super::answer::Answer;
use super::batch::parse_response;
use super::checks::*;
use super::op::{Kind, Method, Operation, Vars};
use super::scopes::{Action, DelegatedScope};
use crate::domain::field::Field;
use crate::domain::finding::{Finding, Message, Severity};
use crate::domain::locale::{area_check, Catalog, Lang};
use crate::domain::model::{PermissionProfile, Setup};
use Severity::{Error as E, Info as I, Warning as W};

const USER: &str = include_str!("fixtures/user.json");
const USER_NO_MAILBOX: &str = include_str!("fixtures/user_no_mailbox.json");
const POLICY_LEGACY: &str = include_str!("fixtures/authorization_policy_legacy.json");
const POLICY_OFF: &str = include_str!("fixtures/authorization_policy_off.json");
const LEAST: PermissionProfile = PermissionProfile::LeastPrivilege;
const DOCUMENTED: PermissionProfile = PermissionProfile::AsDocumented;
const SELECT: &str = "?$select=id,userPrincipalName,mail,accountEnabled,proxyAddresses";
/// Sits in `innerError` of the error bodies below: no finding may carry it.
const MARKER: &str = "0000000c-MARKER";

fn setup(address: &str, upn: &str, profile: PermissionProfile) -> Setup {
    let mut s = Setup::default();
    s.mailbox.address = address.into();
    s.mailbox.user_principal_name = upn.into();
    s.azure.permission_profile = profile;
    s
}

fn support(profile: PermissionProfile) -> Setup {
    setup("support@contoso.example", "support@contoso.example", profile)
}

fn ok(body: impl Into<String>) -> Answer {
    Answer::new(200, body)
}

fn graph_error(status: u16, code: &str, message: &str) -> Answer {
    let body = json!({"error": {"code": code, "message": message, "innerError": {
        "date": "2026-11-28T10:00:06", "request-id": MARKER, "client-request-id": MARKER}}});
    Answer::new(status, body.to_string())
}

fn not_found(id: &str) -> Answer {
    let message =
        format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
    graph_error(404, "Request_ResourceNotFound", &message)
}

fn forbidden() -> Answer {
    graph_error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
}

/// Where a finding lands, how bad it is, and what it says.
fn what(f: &Finding) -> (Field, Severity, &'static str) {
    (f.field, f.severity, f.message.key)
}

fn keys(findings: &[Finding]) -> Vec<(&'static str, Severity)> {
    findings.iter().map(|f| (f.message.key, f.severity)).collect()
}

fn url(op: &Operation) -> String {
    op.url.render(&Vars::default()).unwrap()
}

fn user_url(upn: &str) -> String {
    url(&mailbox_check(&setup("", upn, LEAST)).unwrap()[0])
}

fn text() -> TestMailText {
    TestMailText { subject: "Test 2026-11-28 10:00".into(), body: "Body".into() }
}

fn body_json(op: &Operation) -> Value {
    serde_json::from_str(&op.body_template().unwrap().render(&Vars::default()).unwrap()).unwrap()
}

// ------------------------------------------------------------------ mailbox check: requests

#[test]
fn mailbox_check_is_one_batch_of_the_user_read_and_the_policy_read() {
    let ops = mailbox_check(&support(DOCUMENTED)).unwrap();
    assert_eq!(ops.len(), 2);
    let (user, policy) = (&ops[0], &ops[1]);
    assert_eq!((user.id, user.method, user.kind), (USER_OP, Method::Get, Kind::Probe));
    assert_eq!(url(user), format!("/users/support%40contoso.example{SELECT}"));
    assert_eq!(user.scope, DelegatedScope::UserReadAll);
    assert_eq!((policy.id, policy.method, policy.kind), (POLICY_OP, Method::Get, Kind::Read));
    assert_eq!(url(policy), "/policies/authorizationPolicy");
    assert_eq!(policy.scope, DelegatedScope::PolicyReadAll);
    for op in &ops {
        assert_eq!(op.batch, Some(CHECKS_BATCH), "{}", op.id);
        assert!(op.body.is_none() && op.captures.is_empty() && op.needs().is_empty(), "{}", op.id);
        assert!(Action::CheckMailbox.scopes().contains(&op.scope), "{}", op.id);
    }
    assert_eq!(user.purpose, Message::new("checks.op.mailbox_user").with("upn", "support@contoso.example"));
}

#[test]
fn user_principal_names_are_trimmed_and_percent_encoded() {
    assert_eq!(
        user_url("  o'brien+sales@contoso.example\t"),
        format!("/users/o%27brien%2Bsales%40contoso.example{SELECT}")
    );
    assert_eq!(
        user_url("ann_fabrikam.com#EXT#@contoso.onmicrosoft.com"),
        format!("/users/ann_fabrikam.com%23EXT%23%40contoso.onmicrosoft.com{SELECT}")
    );
    // The domain is case-insensitive and sent lower-cased; the local part stays as typed.
    assert_eq!(user_url("Support@Contoso.EXAMPLE"), format!("/users/Support%40contoso.example{SELECT}"));
    // Graph's own form for keys that start with `$`.
    assert_eq!(user_url("$svc@contoso.example"), format!("/users(%27%24svc%40contoso.example%27){SELECT}"));
}

#[test]
fn nothing_is_sent_without_a_valid_user_principal_name() {
    let err = |upn: &str| mailbox_check(&setup("support@contoso.example", upn, DOCUMENTED));
    for empty in ["", "   ", "\u{3000}"] {
        let e = err(empty).unwrap_err();
        assert_eq!(what(&e), (Field::MailboxUserPrincipalName, E, "mailbox.upn.required"));
    }
    let cases = [
        ("support＠contoso.example", "email.char.look_alike"),
        ("suppоrt@contoso.example", "email.char.look_alike"), // Cyrillic о
        ("sup port@contoso.example", "email.char.space"),
        ("ü@contoso.example", "email.char.non_ascii"),
        ("support", "email.missing_at"),
        ("mailto:support@contoso.example", "email.mailto"),
    ];
    for (upn, key) in cases {
        let e = err(upn).unwrap_err();
        assert_eq!(what(&e), (Field::MailboxUserPrincipalName, E, key), "{upn}");
    }
    // The address is not needed for the user read: the check runs without it.
    assert!(mailbox_check(&setup("", "support@contoso.example", DOCUMENTED)).is_ok());
}

// ------------------------------------------------------------------ mailbox check: answers

#[test]
fn an_enabled_user_with_its_mailbox_is_a_positive_result() {
    let s = support(LEAST);
    let f = interpret_mailbox(&s, &ok(USER), &ok(POLICY_LEGACY));
    assert_eq!(keys(&f), [("checks.mailbox.user_ok", I), ("graph.consent_policy.covered_by_admin_consent", I)]);
    assert_eq!(f[0].field, Field::MailboxUserPrincipalName);
    assert_eq!(f[0].message.param("upn"), Some("support@contoso.example"));
    assert_eq!(f[0].message.param("mail"), Some("support@contoso.example"));
    assert_eq!(f[1].field, Field::AzurePermissionProfile);
    // An alias of the mailbox is one of its addresses; another address is not.
    let alias = setup("Help@Contoso.example", "support@contoso.example", LEAST);
    assert_eq!(keys(&interpret_mailbox(&alias, &ok(USER), &ok(POLICY_LEGACY)))[0].0, "checks.mailbox.user_ok");
    let other = setup("sales@contoso.example", "support@contoso.example", LEAST);
    let f = interpret_mailbox(&other, &ok(USER), &ok(POLICY_LEGACY));
    assert!(keys(&f).contains(&("graph.user.address_not_on_mailbox", W)), "{f:?}");
}

#[test]
fn a_disabled_user_without_mailbox_is_found_but_not_ok() {
    let s = setup("svc@contoso.example", "svc@contoso.example", LEAST);
    let f = interpret_mailbox(&s, &ok(USER_NO_MAILBOX), &ok(POLICY_LEGACY));
    assert_eq!(
        keys(&f)[..3],
        [("checks.mailbox.user_found", I), ("graph.user.disabled", E), ("graph.user.no_mailbox_likely", E)]
    );
    let unknown = r#"{"id":"1","userPrincipalName":"support@contoso.example","mail":"support@contoso.example"}"#;
    let f = interpret_mailbox(&support(LEAST), &ok(unknown), &ok(POLICY_LEGACY));
    assert_eq!(keys(&f)[..2], [("checks.mailbox.user_found", I), ("graph.user.enabled_unknown", I)]);
}

#[test]
fn a_malformed_mailbox_address_is_left_to_the_mailbox_step() {
    let s = setup("sales＠contoso.example", "support@contoso.example", LEAST);
    let f = interpret_mailbox(&s, &ok(USER), &ok(POLICY_LEGACY));
    assert_eq!(keys(&f)[0].0, "checks.mailbox.user_ok");
    assert!(!keys(&f).iter().any(|(k, _)| *k == "graph.user.address_not_on_mailbox"), "{f:?}");
}

#[test]
fn no_such_user_names_the_typed_principal_name() {
    let s = setup("support@contoso.example", "  supprot@contoso.example ", LEAST);
    let f = interpret_mailbox(&s, &not_found("supprot@contoso.example"), &ok(POLICY_LEGACY));
    assert_eq!(keys(&f)[0], ("checks.mailbox.no_such_user", E));
    assert_eq!(f[0].field, Field::MailboxUserPrincipalName);
    assert_eq!(f[0].message.param("upn"), Some("supprot@contoso.example"));
}

#[test]
fn forbidden_user_read_explains_the_missing_permission_and_keeps_graphs_code() {
    let f = interpret_mailbox(&support(LEAST), &forbidden(), &ok(POLICY_LEGACY));
    assert_eq!(keys(&f)[..2], [("checks.mailbox.forbidden", E), ("graph.error", E)]);
    assert_eq!(f[1].message.param("code"), Some("Authorization_RequestDenied"));
    assert_eq!(f[1].message.param("message"), Some("Insufficient privileges to complete the operation."));
}

#[test]
fn other_user_read_failures_carry_graphs_code_or_the_status() {
    let s = support(LEAST);
    let policy = ok(POLICY_LEGACY);
    let throttled = graph_error(429, "TooManyRequests", "Too many requests.");
    let f = interpret_mailbox(&s, &throttled, &policy);
    assert_eq!(keys(&f)[0], ("graph.error", E));
    assert_eq!(f[0].message.param("code"), Some("TooManyRequests"));
    for body in ["<html><body>502 Bad Gateway</body></html>", "", r#"{"error":{}}"#] {
        let f = interpret_mailbox(&s, &Answer::new(502, body), &policy);
        assert_eq!(keys(&f)[0], ("checks.http_status", E), "{body}");
        assert_eq!(f[0].message.param("status"), Some("502"));
    }
}

#[test]
fn an_unreadable_user_is_a_parse_error() {
    let s = support(LEAST);
    for body in ["", "<html>", r#"{"userPrincipalName":"support@contoso.example"}"#, "[]"] {
        let f = interpret_mailbox(&s, &ok(body), &ok(POLICY_LEGACY));
        assert_eq!(keys(&f)[0], ("graph.parse.invalid", E), "{body}");
        assert_eq!(f[0].message.param("what"), Some("user"));
    }
}

#[test]
fn the_consent_policy_is_judged_against_the_profile() {
    use PermissionProfile::*;
    let custom = json!({"defaultUserRolePermissions": {"permissionGrantPoliciesAssigned": [
        "ManagePermissionGrantsForSelf.contoso-custom"]}})
    .to_string();
    let low = json!({"defaultUserRolePermissions": {"permissionGrantPoliciesAssigned": [
        "ManagePermissionGrantsForSelf.microsoft-user-default-low"]}})
    .to_string();
    let cases = [
        (AsDocumented, POLICY_LEGACY, "graph.consent_policy.user_consent_allowed", I),
        (AsDocumented, POLICY_OFF, "graph.consent_policy.off_blocks_generate_token", W),
        (AsDocumented, &low, "graph.consent_policy.low_impact_only", W),
        (AsDocumented, &custom, "graph.consent_policy.custom", I),
        (LeastPrivilege, POLICY_OFF, "graph.consent_policy.covered_by_admin_consent", I),
        (LeastPrivilege, &low, "graph.consent_policy.covered_by_admin_consent", I),
    ];
    for (profile, body, key, severity) in cases {
        let f = interpret_mailbox(&support(profile), &ok(USER), &ok(body));
        let last = f.last().unwrap();
        assert_eq!(what(last), (Field::AzurePermissionProfile, severity, key), "{body}");
    }
    let f = interpret_mailbox(&support(AsDocumented), &ok(USER), &ok(custom));
    assert_eq!(f.last().unwrap().message.param("policies"), Some("contoso-custom"));
}

#[test]
fn an_unreadable_policy_says_so_and_matters_only_for_the_documented_profile() {
    use PermissionProfile::*;
    for (profile, severity) in [(AsDocumented, W), (LeastPrivilege, I)] {
        let f = interpret_mailbox(&support(profile), &ok(USER), &forbidden());
        assert_eq!(keys(&f)[1..], [("checks.consent_policy.unreadable", severity), ("graph.error", severity)]);
        assert_eq!(f[2].message.param("code"), Some("Authorization_RequestDenied"));
        let f = interpret_mailbox(&support(profile), &ok(USER), &ok("{}"));
        assert_eq!(keys(&f)[1..], [("checks.consent_policy.unreadable", severity), ("graph.parse.invalid", severity)]);
        let f = interpret_mailbox(&support(profile), &ok(USER), &Answer::new(504, ""));
        assert_eq!(keys(&f)[1..], [("checks.consent_policy.unreadable", severity), ("checks.http_status", severity)]);
    }
}

#[test]
fn batched_answers_are_interpreted_like_direct_ones() {
    let user: Value = serde_json::from_str(USER).unwrap();
    let batch = json!({"responses": [
        {"id": "2", "status": 403, "headers": {"Content-Type": "application/json"},
         "body": {"error": {"code": "Authorization_RequestDenied", "message": "Insufficient privileges to complete the operation."}}},
        {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": user},
    ]});
    let answers = parse_response(&batch.to_string(), &["1", "2"]).unwrap();
    let (u, p) = (Answer::from(answers[0].clone()), Answer::from(answers[1].clone()));
    let f = interpret_mailbox(&support(DOCUMENTED), &u, &p);
    assert_eq!(keys(&f), [("checks.mailbox.user_ok", I), ("checks.consent_policy.unreadable", W), ("graph.error", W)]);
}

// ------------------------------------------------------------------ test mail

#[test]
fn test_mail_is_a_send_mail_from_me_to_the_mailbox() {
    let s = setup("  Support@Contoso.example ", "support@contoso.example", LEAST);
    let op = test_mail(&s, text()).unwrap();
    assert_eq!((op.id, op.method, op.kind, op.batch), (TEST_MAIL_OP, Method::Post, Kind::Write, None));
    assert_eq!(url(&op), "/me/sendMail");
    assert_eq!(op.scope, DelegatedScope::MailSend);
    assert_eq!(Action::SendTestMail.scopes(), [op.scope]);
    assert!(op.captures.is_empty() && op.needs().is_empty());
    assert_eq!(
        body_json(&op),
        json!({"message": {
            "subject": "Test 2026-11-28 10:00",
            "body": {"contentType": "Text", "content": "Body"},
            "toRecipients": [{"emailAddress": {"address": "Support@contoso.example"}}]},
            "saveToSentItems": false})
    );
    assert_eq!(op.purpose, Message::new("checks.op.test_mail").with("address", "Support@contoso.example"));
}

#[test]
fn test_mail_text_is_escaped_as_json() {
    let t = TestMailText { subject: "テスト \"1\" \\ 10:00".into(), body: "line 1\nline 2\t</script>".into() };
    let op = test_mail(&support(LEAST), t.clone()).unwrap();
    let body = body_json(&op);
    assert_eq!(body["message"]["subject"], json!(t.subject));
    assert_eq!(body["message"]["body"]["content"], json!(t.body));
}

#[test]
fn test_mail_needs_a_valid_mailbox_address() {
    let err = |address: &str| test_mail(&setup(address, "support@contoso.example", LEAST), text()).unwrap_err();
    let e = err(" ");
    assert_eq!(what(&e), (Field::MailboxAddress, E, "mailbox.address.required"));
    for (address, key) in
        [("support＠contoso.example", "email.char.look_alike"), ("a@b@c.example", "email.multiple_at")]
    {
        let e = err(address);
        assert_eq!((e.field, e.message.key), (Field::MailboxAddress, key), "{address}");
    }
}

#[test]
fn test_mail_text_keys_take_the_time() {
    assert_eq!(TestMailText::subject_message("10:00").param("time"), Some("10:00"));
    assert_eq!(TestMailText::body_message("10:00").key, "checks.test_mail.body");
}

#[test]
fn an_accepted_test_mail_says_what_it_does_not_prove() {
    for answer in [Answer::new(202, ""), Answer::new(202, "null")] {
        let f = interpret_test_mail(&answer);
        assert_eq!(keys(&f), [("checks.test_mail.sent", I), ("checks.test_mail.not_smtp_proof", I)]);
        assert!(f.iter().all(|f| f.field == Field::MailboxAddress));
    }
}

#[test]
fn refused_test_mails_name_the_cause_and_keep_graphs_code() {
    let cases = [
        (
            graph_error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."),
            "checks.test_mail.access_denied",
        ),
        (
            graph_error(
                404,
                "MailboxNotEnabledForRESTAPI",
                "The mailbox is either inactive, soft-deleted, or is hosted on-premise.",
            ),
            "checks.test_mail.no_sender_mailbox",
        ),
        (
            graph_error(
                400,
                "ErrorInvalidRecipients",
                "At least one recipient is not valid., Recipient is not resolved.",
            ),
            "checks.test_mail.invalid_recipient",
        ),
    ];
    for (answer, key) in cases {
        let f = interpret_test_mail(&answer);
        assert_eq!(keys(&f), [(key, E), ("graph.error", E)], "{key}");
        assert!(f[1].message.param("message").is_some_and(|m| !m.is_empty()));
    }
}

#[test]
fn other_test_mail_failures_are_graphs_code_or_the_status() {
    let cases = [
        (graph_error(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid."), "graph.error"),
        (graph_error(400, "ErrorInvalidParameter", "The parameter 'Message' is not valid."), "graph.error"),
        (graph_error(403, "ErrorSendAsDenied", "The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account."), "graph.error"),
        (graph_error(404, "ErrorItemNotFound", "The specified object was not found in the store."), "graph.error"),
        (Answer::new(503, "<html>Service Unavailable</html>"), "checks.http_status"),
    ];
    for (answer, key) in cases {
        let f = interpret_test_mail(&answer);
        assert_eq!(keys(&f), [(key, E)], "{key}");
    }
}

// ------------------------------------------------------------------ no bodies in findings

#[test]
fn no_finding_parameter_carries_a_body() {
    let s = support(DOCUMENTED);
    let html = Answer::new(502, format!("<html>{MARKER}</html>"));
    let bad_user = ok(format!(r#"{{"note":"{MARKER}","mail":null}}"#));
    let answers = [not_found("x"), forbidden(), graph_error(500, "generalException", "General error."), html, bad_user];
    let mut all = Vec::new();
    for a in &answers {
        all.extend(interpret_mailbox(&s, a, a).into_iter().map(|f| (f, a.body.clone())));
        all.extend(interpret_test_mail(a).into_iter().map(|f| (f, a.body.clone())));
    }
    assert!(all.len() > 15);
    for (f, body) in all {
        for (name, value) in &f.message.params {
            assert!(!value.contains(MARKER), "{}.{name} = {value}", f.message.key);
            assert!(body.is_empty() || !value.contains(&body), "{}.{name} holds the body", f.message.key);
        }
    }
}

// ------------------------------------------------------------------ locale

/// Every message this module can produce, with its real parameters.
fn samples() -> Vec<Message> {
    let mut out = Vec::new();
    let s = support(DOCUMENTED);
    let ops = mailbox_check(&s).unwrap();
    out.extend(ops.into_iter().map(|o| o.purpose));
    out.push(test_mail(&s, text()).unwrap().purpose);
    out.push(TestMailText::subject_message("10:00"));
    out.push(TestMailText::body_message("10:00"));
    out.push(mailbox_check(&Setup::default()).unwrap_err().message);
    out.push(test_mail(&Setup::default(), text()).unwrap_err().message);
    let users = [ok(USER), ok(USER_NO_MAILBOX), not_found("x"), forbidden(), Answer::new(500, "")];
    let policies = [ok(POLICY_OFF), forbidden(), ok("{}"), Answer::new(500, "")];
    for (u, p) in users.iter().zip(policies.iter().cycle()) {
        out.extend(interpret_mailbox(&s, u, p).into_iter().map(|f| f.message));
    }
    let mails = [
        Answer::new(202, ""),
        graph_error(403, "ErrorAccessDenied", "m"),
        graph_error(404, "MailboxNotEnabledForRESTAPI", "m"),
        graph_error(400, "ErrorInvalidRecipients", "m"),
    ];
    for a in &mails {
        out.extend(interpret_test_mail(a).into_iter().map(|f| f.message));
    }
    out
}

#[test]
fn every_message_has_text_in_both_languages() {
    let (own, shared): (Vec<Message>, Vec<Message>) = samples().into_iter().partition(|m| m.key.starts_with("checks."));
    area_check::assert_area("checks", own, &["checks."]);
    // Keys shared with other areas (their own tests check the placeholders) exist in both languages.
    assert!(shared.len() > 5);
    for lang in Lang::ALL {
        let catalog = Catalog::load(lang);
        for m in &shared {
            let text = catalog.get(m.key).unwrap_or_else(|| panic!("{lang:?}: missing {}", m.key));
            let params = m.params.iter().map(|(n, _)| n.to_string()).collect();
            assert_eq!(area_check::placeholders(text), params, "{lang:?}: {}", m.key);
        }
    }
}
