//! The proof after [Generate Token]: the batch as Graph must receive it, and what each
//! combination of grants and app roles means.

use serde_json::{json, Value};

use super::*;
use crate::domain::graph::apply::RoundTrip;
use crate::domain::graph::op::Vars;
use crate::domain::locale::area_check;
use Severity::{Error as E, Info as I, Warning as W};

const CLIENT: &str = "00000005-5e7e-4000-8000-000000000005";
const APP_SP: &str = "00000006-5e7e-4000-8000-000000000006";
const EXCHANGE_SP: &str = "00000002-5e7e-4000-8000-000000000002";
const GRAPH_SP: &str = "00000003-5e7e-4000-8000-000000000003";
const USER_ID: &str = "0000000a-5e7e-4000-8000-00000000000a";
const UPN: &str = "support@contoso.example";
const LEAST: PermissionProfile = PermissionProfile::LeastPrivilege;
const DOCUMENTED: PermissionProfile = PermissionProfile::AsDocumented;

fn setup(profile: PermissionProfile) -> Setup {
    let mut s = Setup::default();
    s.azure.client_id = format!(" {} ", CLIENT.to_uppercase());
    s.mailbox.user_principal_name = UPN.into();
    s.azure.permission_profile = profile;
    s
}

fn ok(body: impl Into<String>) -> Answer {
    Answer::new(200, body)
}

fn grant(resource: &str, consent_type: &str, principal: Option<&str>, scope: &str) -> Value {
    json!({"id": format!("g-{resource}-{consent_type}"), "clientId": APP_SP, "consentType": consent_type,
           "principalId": principal, "resourceId": resource, "scope": scope})
}

fn role(resource: &str, app_role_id: &str) -> Value {
    json!({"id": "r", "appRoleId": app_role_id, "principalId": APP_SP, "resourceId": resource})
}

/// The answers of the six reads, in `consent_proof`'s order.
fn answers(grants: Vec<Value>, roles: Vec<Value>) -> Vec<Answer> {
    vec![
        ok(include_str!("fixtures/service_principal_created.json")),
        ok(json!({ "value": grants }).to_string()),
        ok(json!({ "value": roles }).to_string()),
        ok(include_str!("fixtures/user.json")),
        ok(include_str!("fixtures/sp_exchange.json")),
        ok(include_str!("fixtures/sp_graph.json")),
    ]
}

fn run(profile: PermissionProfile, grants: Vec<Value>, roles: Vec<Value>) -> Vec<Finding> {
    let s = setup(profile);
    interpret(&s, &consent_proof(&s).unwrap(), &answers(grants, roles))
}

fn what(findings: &[Finding]) -> Vec<(Field, Severity, &'static str)> {
    findings.iter().map(|f| (f.field, f.severity, f.message.key)).collect()
}

/// What the least-privilege plan makes: SMTP.Send on Exchange Online, openid offline_access on Graph.
fn planned() -> Vec<Value> {
    vec![
        grant(EXCHANGE_SP, "AllPrincipals", None, "SMTP.Send"),
        grant(GRAPH_SP, "AllPrincipals", None, "openid offline_access"),
    ]
}

#[test]
fn one_batch_of_reads_by_the_client_id() {
    let ops = consent_proof(&setup(LEAST)).unwrap();
    let ids: Vec<_> = ops.iter().map(|o| o.id).collect();
    assert_eq!(ids, [APP_OP, GRANTS_OP, ROLES_OP, USER_OP, EXCHANGE_OP, GRAPH_OP]);
    let urls: Vec<String> = ops.iter().map(|o| o.url.render(&Vars::default()).unwrap()).collect();
    let sp = format!("/servicePrincipals(appId=%27{CLIENT}%27)");
    assert_eq!(urls[0], format!("{sp}?$select=id,appId,displayName"));
    assert_eq!(urls[1], format!("{sp}/oauth2PermissionGrants"));
    assert_eq!(urls[2], format!("{sp}/appRoleAssignments"));
    assert_eq!(urls[3], "/users/support%40contoso.example?$select=id,userPrincipalName");
    assert!(urls[4].starts_with("/servicePrincipals(appId=%2700000002-0000-0ff1-ce00-000000000000%27)?$select="));
    assert!(urls[5].starts_with("/servicePrincipals(appId=%2700000003-0000-0000-c000-000000000000%27)?$select="));
    assert!(ops.iter().all(|o| o.batch == Some(PROOF_BATCH) && o.method == Method::Get && o.body.is_none()));
    // Reads only, each within what the action asks for.
    let wanted = crate::domain::graph::Action::CheckConsent.scopes();
    assert!(ops.iter().all(|o| wanted.contains(&o.scope)), "{:?}", ops.iter().map(|o| o.scope).collect::<Vec<_>>());
    assert_eq!(ops[1].scope, DelegatedScope::DirectoryReadAll);
    let trip = RoundTrip::of(&ops).unwrap();
    assert!(trip.is_batch());
    let body: Value = serde_json::from_str(&trip.batch_body().unwrap()).unwrap();
    assert_eq!(body["requests"].as_array().map(Vec::len), Some(6));
}

#[test]
fn no_client_id_no_request_and_no_user_read_without_a_user() {
    let mut s = setup(LEAST);
    s.azure.client_id = " ".into();
    let f = consent_proof(&s).unwrap_err();
    assert_eq!((f.field, f.message.key), (Field::AzureClientId, "proof.client_id_required"));
    s.azure.client_id = "not-a-guid".into();
    assert_eq!(consent_proof(&s).unwrap_err().field, Field::AzureClientId);
    s.azure.client_id = CLIENT.into();
    s.mailbox.user_principal_name.clear();
    let ops = consent_proof(&s).unwrap();
    assert!(!ops.iter().any(|o| o.id == USER_OP));
    let mut a = answers(planned(), vec![]);
    a.remove(3);
    let found = interpret(&s, &ops, &a);
    assert_eq!(
        what(&found),
        [
            (Field::AzurePermissionProfile, I, "proof.exchange.admin"),
            (Field::MailboxUserPrincipalName, I, "proof.user.not_checked")
        ]
    );
}

#[test]
fn admin_grant_on_exchange_online_is_what_generate_token_needs() {
    let found = run(LEAST, planned(), vec![]);
    assert_eq!(what(&found), [(Field::AzurePermissionProfile, I, "proof.exchange.admin")]);
}

#[test]
fn the_mailbox_users_own_grant_covers_only_that_mailbox() {
    let grants = vec![
        grant(EXCHANGE_SP, "Principal", Some(USER_ID), "SMTP.Send"),
        grant(GRAPH_SP, "Principal", Some(USER_ID), "openid offline_access"),
    ];
    let found = run(LEAST, grants.clone(), vec![]);
    assert_eq!(what(&found), [(Field::AzurePermissionProfile, W, "proof.exchange.mailbox_user")]);
    assert_eq!(found[0].message.param("upn"), Some(UPN));
    // The documented profile relies on exactly this consent: a note, not a warning.
    assert_eq!(what(&run(DOCUMENTED, grants, vec![]))[0].1, I);
    // Someone else's consent is not the mailbox user's: the token belongs to that account.
    let other = vec![grant(EXCHANGE_SP, "Principal", Some("0000000b-5e7e-4000-8000-00000000000b"), "SMTP.Send")];
    let found = run(LEAST, other, vec![]);
    assert_eq!(what(&found), [(Field::OauthLoginId, W, "proof.exchange.other_users")]);
    assert_eq!(found[0].message.param("count"), Some("1"));
}

#[test]
fn smtp_send_on_microsoft_graph_alone_does_not_cover_the_token() {
    // What the earlier plan made: one grant on Graph with SMTP.Send.
    let old = vec![grant(GRAPH_SP, "AllPrincipals", None, "openid offline_access SMTP.Send")];
    let found = run(LEAST, old, vec![]);
    assert_eq!(
        what(&found),
        [
            (Field::AzurePermissionProfile, E, "proof.exchange.none"),
            (Field::AzurePermissionProfile, E, "proof.graph_smtp_send.only")
        ]
    );
    // Next to the Exchange Online grant it is only unused.
    let mut both = planned();
    both[1]["scope"] = json!("openid offline_access SMTP.Send");
    let found = run(LEAST, both, vec![]);
    assert_eq!(what(&found)[1], (Field::AzurePermissionProfile, W, "proof.graph_smtp_send.unused"));
}

#[test]
fn nothing_consented() {
    let found = run(LEAST, vec![], vec![]);
    assert_eq!(what(&found), [(Field::AzurePermissionProfile, E, "proof.exchange.none")]);
    // A grant on Exchange Online without SMTP.Send does not count either.
    let found = run(LEAST, vec![grant(EXCHANGE_SP, "AllPrincipals", None, "EWS.AccessAsUser.All")], vec![]);
    assert_eq!(what(&found)[0].2, "proof.exchange.none");
}

#[test]
fn an_app_role_mail_send_is_named_with_its_resource() {
    let roles = vec![role(EXCHANGE_SP, "b633e1c5-b582-4048-a93e-9f11b44c7e96")];
    let found = run(DOCUMENTED, planned(), roles);
    let last = found.last().unwrap();
    assert_eq!(
        (last.field, last.severity, last.message.key),
        (Field::AzurePermissionProfile, W, "proof.app_role.mail_send")
    );
    assert_eq!(last.message.param("resource"), Some("Office 365 Exchange Online"));
    // The role is matched by the resource's own id for Mail.Send, on that resource only.
    let elsewhere = vec![role("0000000d-5e7e-4000-8000-00000000000d", "b633e1c5-b582-4048-a93e-9f11b44c7e96")];
    assert!(!what(&run(LEAST, planned(), elsewhere)).iter().any(|w| w.2 == "proof.app_role.mail_send"));
    let other_role = vec![role(EXCHANGE_SP, "810c84a8-4a9e-49e6-bf7d-12d183f40d01")];
    assert!(!what(&run(LEAST, planned(), other_role)).iter().any(|w| w.2 == "proof.app_role.mail_send"));
}

#[test]
fn admin_consent_without_offline_access_may_still_prompt() {
    let grants =
        vec![grant(EXCHANGE_SP, "AllPrincipals", None, "SMTP.Send"), grant(GRAPH_SP, "AllPrincipals", None, "openid")];
    let found = run(LEAST, grants, vec![]);
    assert_eq!(what(&found)[1], (Field::AzurePermissionProfile, W, "proof.offline_access.missing"));
}

#[test]
fn an_app_that_nobody_consented_to_has_no_principal() {
    let s = setup(LEAST);
    let ops = consent_proof(&s).unwrap();
    let gone = Answer::new(404, json!({"error": {"code": "Request_ResourceNotFound", "message": "x"}}).to_string());
    let found = interpret(&s, &ops, &vec![gone; 6]);
    assert_eq!(what(&found), [(Field::AzureClientId, E, "proof.app.not_found")]);
    assert_eq!(found[0].message.param("client_id"), Some(CLIENT.to_uppercase().as_str()));
}

#[test]
fn refused_and_failed_reads_say_why_and_guess_nothing() {
    let s = setup(LEAST);
    let ops = consent_proof(&s).unwrap();
    let mut a = answers(planned(), vec![]);
    a[1] = Answer::new(
        403,
        json!({"error": {"code": "Authorization_RequestDenied", "message": "Insufficient privileges to complete the operation."}})
            .to_string(),
    );
    let found = interpret(&s, &ops, &a);
    assert_eq!(what(&found), [(Field::AzureClientId, E, "proof.forbidden"), (Field::AzureClientId, E, "graph.error")]);
    // A missing answer (the batch lost one) is a failure, never "nothing consented".
    a.truncate(2);
    a[1] = ok(json!({"value": []}).to_string());
    let found = interpret(&s, &ops, &a);
    assert!(!found.iter().any(|f| f.message.key.starts_with("proof.exchange")), "{:?}", what(&found));
    assert!(found.iter().all(|f| f.severity == E));
    // A user that is not there: the consent is still judged, with a note on the user.
    let mut a = answers(planned(), vec![]);
    a[3] = Answer::new(404, json!({"error": {"code": "Request_ResourceNotFound", "message": "x"}}).to_string());
    let found = interpret(&s, &ops, &a);
    assert_eq!(what(&found)[1], (Field::MailboxUserPrincipalName, W, "proof.user.not_found"));
}

#[test]
fn manual_steps_carry_the_values_to_search_for() {
    let steps = manual_steps(&setup(LEAST));
    let keys: Vec<_> = steps.iter().map(|i| i.message.key).collect();
    assert_eq!(
        keys,
        [
            "proof.manual.open",
            "proof.manual.admin_consent",
            "proof.manual.user_consent",
            "proof.manual.graph",
            "proof.manual.app_role"
        ]
    );
    assert_eq!(steps[0].copy_values[0].value, CLIENT.to_uppercase());
    assert_eq!(steps[2].copy_values[0].value, UPN);
    assert!(manual_steps(&Setup::default()).iter().all(|i| i.copy_values.is_empty()));
}

#[test]
fn every_message_has_text_in_both_languages() {
    let mut samples: Vec<Message> = Vec::new();
    let mut collect = |f: Vec<Finding>| samples.extend(f.into_iter().map(|f| f.message));
    let other = grant(EXCHANGE_SP, "Principal", Some("0000000b-5e7e-4000-8000-00000000000b"), "SMTP.Send");
    let user = grant(EXCHANGE_SP, "Principal", Some(USER_ID), "SMTP.Send");
    let graph_smtp = grant(GRAPH_SP, "AllPrincipals", None, "SMTP.Send");
    let mail_send = role(EXCHANGE_SP, "b633e1c5-b582-4048-a93e-9f11b44c7e96");
    collect(run(LEAST, vec![], vec![mail_send]));
    collect(run(LEAST, vec![graph_smtp.clone()], vec![]));
    collect(run(LEAST, vec![user, graph_smtp], vec![]));
    collect(run(LEAST, vec![other], vec![]));
    collect(run(LEAST, planned(), vec![]));
    let mut s = setup(LEAST);
    let ops = consent_proof(&s).unwrap();
    let gone = Answer::new(404, "");
    collect(interpret(&s, &ops, &vec![gone.clone(); 6]));
    let mut a = answers(planned(), vec![]);
    a[1] = Answer::new(403, "");
    collect(interpret(&s, &ops, &a));
    let mut a = answers(vec![grant(EXCHANGE_SP, "AllPrincipals", None, "SMTP.Send")], vec![]);
    a[3] = gone;
    collect(interpret(&s, &ops, &a));
    s.mailbox.user_principal_name.clear();
    let ops = consent_proof(&s).unwrap();
    let mut a = answers(planned(), vec![]);
    a.remove(3);
    collect(interpret(&s, &ops, &a));
    s.azure.client_id.clear();
    samples.push(consent_proof(&s).unwrap_err().message);
    samples.extend(consent_proof(&setup(LEAST)).unwrap().into_iter().map(|o| o.purpose));
    for i in manual_steps(&setup(LEAST)) {
        samples.push(i.message);
        samples.extend(i.copy_values.into_iter().map(|c| Message::new(c.label_key)));
    }
    // Graph's own error and status messages live in their areas.
    samples.retain(|m| m.key.starts_with("proof."));
    area_check::assert_area("consent_proof", samples, &["proof."]);
}
