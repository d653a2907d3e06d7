//! Day two's audit: the batch as Graph must receive it, each drift case and a clean setup,
//! and what the wizard takes from it (nothing typed replaced).

use serde_json::{json, Value};

use super::*;
use crate::domain::graph::apply::RoundTrip;
use crate::domain::graph::audit_fill::{fill, found_values, Fill, Found};
use crate::domain::graph::audit_rules::findings;
use crate::domain::model::PermissionProfile;
use crate::domain::Severity;

const CLIENT: &str = "00000005-5e7e-4000-8000-000000000005";
const APP_SP: &str = "00000006-5e7e-4000-8000-000000000006";
const EXCHANGE_SP: &str = "00000002-5e7e-4000-8000-000000000002";
const GRAPH_SP: &str = "00000003-5e7e-4000-8000-000000000003";
const USER_ID: &str = "0000000a-5e7e-4000-8000-00000000000a";
const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const UPN: &str = "support@contoso.example";
const CALLBACK: &str = "https://acme.us.webexconnect.io/callback";
/// 2026-12-01T09:00:00Z
const NOW: i64 = 1_796_115_600_000;

/// A registration as the least-privilege plan leaves it.
struct Tenant {
    app: Value,
    sp: Value,
    grants: Vec<Value>,
    roles: Vec<Value>,
    assigned: Vec<Value>,
    user: Option<Value>,
}

impl Tenant {
    fn clean() -> Tenant {
        let app: Value = serde_json::from_str(include_str!("fixtures/application.json")).unwrap();
        Tenant {
            app,
            sp: json!({"id": APP_SP, "appId": CLIENT, "displayName": "Webex Connect Email",
                       "accountEnabled": true, "appRoleAssignmentRequired": false}),
            grants: vec![grant(EXCHANGE_SP, "SMTP.Send"), grant(GRAPH_SP, "openid offline_access")],
            roles: vec![],
            assigned: vec![],
            user: Some(serde_json::from_str(include_str!("fixtures/user.json")).unwrap()),
        }
    }

    fn answers(&self, ops: &[Operation]) -> Vec<Answer> {
        let ok = |v: &Value| Answer::new(200, v.to_string());
        ops.iter()
            .map(|o| match o.id {
                ORG_OP => ok(&json!({"value": [{"id": TENANT}]})),
                APP_OP => ok(&self.app),
                SP_OP => ok(&self.sp),
                GRANTS_OP => ok(&json!({"value": self.grants})),
                ROLES_OP => ok(&json!({"value": self.roles})),
                ASSIGNED_OP => ok(&json!({"value": self.assigned})),
                USER_OP => self.user.as_ref().map(ok).unwrap_or_else(|| Answer::new(404, not_found())),
                EXCHANGE_OP => Answer::new(200, include_str!("fixtures/sp_exchange.json")),
                GRAPH_OP => Answer::new(200, include_str!("fixtures/sp_graph.json")),
                other => panic!("unexpected {other}"),
            })
            .collect()
    }
}

fn not_found() -> String {
    json!({"error": {"code": "Request_ResourceNotFound", "message": "Resource 'x' does not exist"}}).to_string()
}

fn grant(resource: &str, scope: &str) -> Value {
    json!({"id": format!("g-{resource}"), "clientId": APP_SP, "consentType": "AllPrincipals",
           "principalId": null, "resourceId": resource, "scope": scope})
}

fn setup() -> Setup {
    let mut s = Setup::default();
    s.azure.client_id = CLIENT.to_uppercase();
    s.mailbox.user_principal_name = UPN.into();
    s.webex_connect.callback_url = CALLBACK.into();
    s
}

fn ops(s: &Setup) -> Vec<Operation> {
    match start(s) {
        Ok(Start::Batch(ops)) => ops,
        other => panic!("{other:?}"),
    }
}

fn audited(s: &Setup, t: &Tenant) -> Audited {
    let ops = ops(s);
    read(s, &ops, &t.answers(&ops)).unwrap()
}

/// (field, severity, key) of the errors and warnings.
fn drift(s: &Setup, t: &Tenant) -> Vec<(Field, Severity, &'static str)> {
    findings(&audited(s, t), s, NOW)
        .into_iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| (f.field, f.severity, f.message.key))
        .collect()
}

fn keys(s: &Setup, t: &Tenant) -> Vec<&'static str> {
    findings(&audited(s, t), s, NOW).into_iter().map(|f| f.message.key).collect()
}

#[test]
fn one_batch_reads_everything_by_the_client_id() {
    let ops = ops(&setup());
    let ids: Vec<_> = ops.iter().map(|o| o.id).collect();
    assert_eq!(ids, [ORG_OP, APP_OP, SP_OP, GRANTS_OP, ROLES_OP, ASSIGNED_OP, USER_OP, EXCHANGE_OP, GRAPH_OP]);
    assert!(ops.iter().all(|o| o.batch == Some(AUDIT_BATCH) && o.kind != Kind::Write));
    let trip = RoundTrip::of(&ops).unwrap();
    assert!(trip.is_batch());
    let urls: Vec<&str> = trip.requests.iter().map(|r| r.url.as_str()).collect();
    let key = format!("(appId=%27{CLIENT}%27)");
    assert_eq!(
        urls[1],
        format!("/applications{key}?$select=id,appId,displayName,web,spa,requiredResourceAccess,passwordCredentials")
    );
    assert_eq!(
        urls[2],
        format!("/servicePrincipals{key}?$select=id,appId,displayName,accountEnabled,appRoleAssignmentRequired")
    );
    assert_eq!(urls[5], format!("/servicePrincipals{key}/appRoleAssignedTo"));
    assert_eq!(urls[6], "/users/support%40contoso.example?$select=id,userPrincipalName");
    // Read-only: the audit never asks for a write permission.
    assert!(ops.iter().all(|o| !o.scope.value().contains("ReadWrite")));
}

#[test]
fn by_display_name_a_lookup_comes_first() {
    let mut s = setup();
    s.azure.client_id.clear();
    s.azure.app_display_name = "O'Brien mail".into();
    let Ok(Start::FindByName(op)) = start(&s) else { panic!() };
    assert_eq!(op.batch, None);
    assert!(op.url.display().contains("displayName%20eq%20%27O%27%27Brien%20mail%27"), "{}", op.url.display());
    let one = Answer::new(200, json!({"value": [{"id": "x", "appId": CLIENT}]}).to_string());
    assert_eq!(found_by_name(&s.azure.app_display_name, &one), Ok(CLIENT.to_string()));
    let none = Answer::new(200, r#"{"value": []}"#);
    assert_eq!(found_by_name("x", &none).unwrap_err()[0].message.key, "audit.name_not_found");
    let two = Answer::new(200, json!({"value": [{"id": "a", "appId": "1"}, {"id": "b", "appId": "2"}]}).to_string());
    let e = found_by_name("x", &two).unwrap_err();
    assert_eq!((e[0].message.key, e[0].message.param("client_ids")), ("audit.name_ambiguous", Some("1, 2")));
    s.azure.app_display_name.clear();
    assert_eq!(start(&s).unwrap_err().message.key, "audit.target_required");
    s.azure.client_id = "not-a-guid".into();
    assert_eq!(start(&s).unwrap_err().field, Field::AzureClientId);
}

#[test]
fn a_clean_setup_has_no_drift() {
    assert_eq!(drift(&setup(), &Tenant::clean()), []);
    assert_eq!(keys(&setup(), &Tenant::clean()), ["proof.exchange.admin"]);
}

#[test]
fn callback_missing_or_only_a_spa_uri() {
    let mut t = Tenant::clean();
    t.app["web"]["redirectUris"] = json!(["https://other.example/callback"]);
    assert_eq!(drift(&setup(), &t), [(Field::AzureRedirectUri, Severity::Error, "audit.callback.missing")]);
    t.app["spa"] = json!({"redirectUris": [CALLBACK]});
    assert_eq!(drift(&setup(), &t), [(Field::AzureRedirectUri, Severity::Error, "audit.callback.spa_only")]);
    // Nothing typed: the SPA-only callback is still named, and none at all is said too.
    let mut s = setup();
    s.webex_connect.callback_url.clear();
    assert_eq!(drift(&s, &t), [(Field::AzureRedirectUri, Severity::Error, "audit.callback.spa_only")]);
    t.app["spa"] = json!({"redirectUris": []});
    assert_eq!(drift(&s, &t), [(Field::WebexCallbackUrl, Severity::Error, "audit.callback.none_found")]);
}

#[test]
fn implicit_settings_against_the_profile() {
    let mut t = Tenant::clean();
    t.app["web"]["implicitGrantSettings"]["enableAccessTokenIssuance"] = json!(true);
    assert_eq!(drift(&setup(), &t), [(Field::AzureImplicitAccessTokens, Severity::Warning, "audit.implicit.on")]);
    let mut s = setup();
    s.azure.permission_profile = PermissionProfile::AsDocumented;
    let t = Tenant::clean();
    assert!(keys(&s, &t).contains(&"audit.implicit.off_documented"));
}

#[test]
fn permissions_and_consent_use_the_consent_proof_rules() {
    // What an earlier version made: everything on Microsoft Graph, nothing on Exchange Online.
    let mut t = Tenant::clean();
    t.app["requiredResourceAccess"] = json!([{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [
        {"id": "37f7f235-527c-4136-accd-4a02d197296e", "type": "Scope"},
        {"id": "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", "type": "Scope"},
        {"id": "258f6531-6087-4cc4-bb90-092c5fb3ed3f", "type": "Scope"}]}]);
    t.grants = vec![grant(GRAPH_SP, "openid offline_access SMTP.Send")];
    let found = drift(&setup(), &t);
    let profile = Field::AzurePermissionProfile;
    assert_eq!(
        found,
        [
            (profile, Severity::Error, "proof.exchange.none"),
            (profile, Severity::Error, "proof.graph_smtp_send.only"),
            (profile, Severity::Warning, "audit.permission.not_declared"),
            (profile, Severity::Warning, "audit.permission.retired"),
        ]
    );
    // The seed's application permission, held and declared, under the least-privilege profile.
    let mut t = Tenant::clean();
    t.app["requiredResourceAccess"][0]["resourceAccess"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "b633e1c5-b582-4048-a93e-9f11b44c7e96", "type": "Role"}));
    t.roles = vec![json!({"id": "r", "appRoleId": "b633e1c5-b582-4048-a93e-9f11b44c7e96",
                          "principalId": APP_SP, "resourceId": EXCHANGE_SP})];
    let found = drift(&setup(), &t);
    assert_eq!(
        found,
        [
            (profile, Severity::Warning, "audit.permission.broad"),
            (profile, Severity::Warning, "proof.app_role.mail_send")
        ]
    );
}

fn secret(key: &str, start: &str, end: &str) -> Value {
    json!({"keyId": key, "displayName": "Webex Connect", "startDateTime": start, "endDateTime": end,
           "hint": "Ab1", "secretText": null})
}

#[test]
fn secrets_expired_or_expiring_within_30_days() {
    let field = Field::AzureClientSecretExpires;
    let mut t = Tenant::clean();
    t.app["passwordCredentials"] = json!([secret("k1", "2026-01-01T00:00:00Z", "2026-11-01T00:00:00Z")]);
    assert_eq!(drift(&setup(), &t), [(field, Severity::Error, "audit.secret.all_expired")]);
    t.app["passwordCredentials"] = json!([]);
    assert_eq!(drift(&setup(), &t), [(field, Severity::Error, "audit.secret.none")]);
    t.app["passwordCredentials"] = json!([
        secret("k1", "2026-01-01T00:00:00Z", "2026-11-01T00:00:00Z"),
        secret("k2", "2026-06-01T00:00:00Z", "2026-12-10T00:00:00Z"),
    ]);
    let all = findings(&audited(&setup(), &t), &setup(), NOW);
    let expiring = all.iter().find(|f| f.message.key == "audit.secret.expiring").unwrap();
    assert_eq!((expiring.severity, expiring.message.param("days")), (Severity::Warning, Some("9")));
    let leftover = all.iter().find(|f| f.message.key == "audit.secret.expired_leftover").unwrap();
    assert_eq!(leftover.message.param("key_id"), Some("k1"));
    // A secret's hint (its first characters) never reaches a finding.
    assert!(!format!("{all:?}").contains("Ab1"));
}

#[test]
fn assignment_required_without_the_sign_in_user() {
    let mut t = Tenant::clean();
    t.sp["appRoleAssignmentRequired"] = json!(true);
    let user = Field::MailboxUserPrincipalName;
    assert_eq!(drift(&setup(), &t), [(user, Severity::Error, "audit.assignment.user_missing")]);
    t.assigned = vec![json!({"id": "a", "appRoleId": "00000000-0000-0000-0000-000000000000",
                             "principalId": USER_ID, "resourceId": APP_SP})];
    assert_eq!(drift(&setup(), &t), []);
    // The user does not exist, or the wizard has none: a warning, not a guess.
    t.user = None;
    assert_eq!(drift(&setup(), &t), [(user, Severity::Warning, "audit.assignment.user_unknown")]);
    let mut s = setup();
    s.mailbox.user_principal_name.clear();
    assert!(!ops(&s).iter().any(|o| o.id == USER_OP));
    // Shared mailbox: the Login ID signs in at [Generate Token], so it is the one checked.
    let mut s = setup();
    s.oauth.login_id = "agent@contoso.example".into();
    assert!(ops(&s).iter().any(|o| o.url.display().contains("agent%40contoso.example")));
    assert_eq!(drift(&s, &t)[0].0, Field::OauthLoginId);
}

#[test]
fn the_principal_disabled_or_missing() {
    let mut t = Tenant::clean();
    t.sp["accountEnabled"] = json!(false);
    assert_eq!(drift(&setup(), &t), [(Field::AzureClientId, Severity::Error, "audit.principal.disabled")]);
    let s = setup();
    let ops = ops(&s);
    let mut answers = Tenant::clean().answers(&ops);
    for (op, a) in ops.iter().zip(answers.iter_mut()) {
        if [SP_OP, GRANTS_OP, ROLES_OP, ASSIGNED_OP].contains(&op.id) {
            *a = Answer::new(404, not_found());
        }
    }
    let a = read(&s, &ops, &answers).unwrap();
    assert_eq!(a.principal, None);
    let keys: Vec<_> = findings(&a, &s, NOW).into_iter().map(|f| f.message.key).collect();
    assert_eq!(keys, ["audit.principal.missing"]);
}

#[test]
fn an_unknown_client_id_or_a_failed_read_stops_with_the_reason() {
    let s = setup();
    let ops = ops(&s);
    let mut answers = Tenant::clean().answers(&ops);
    answers[1] = Answer::new(404, not_found());
    assert_eq!(read(&s, &ops, &answers).unwrap_err()[0].message.key, "audit.app.not_found");
    let mut answers = Tenant::clean().answers(&ops);
    answers[3] =
        Answer::new(403, json!({"error": {"code": "Authorization_RequestDenied", "message": "no"}}).to_string());
    let e = read(&s, &ops, &answers).unwrap_err();
    assert_eq!(e.iter().map(|f| f.message.key).collect::<Vec<_>>(), ["proof.forbidden", "graph.error"]);
    let mut answers = Tenant::clean().answers(&ops);
    answers[1] = Answer::new(200, "<html>proxy</html>");
    assert_eq!(read(&s, &ops, &answers).unwrap_err()[0].message.key, "graph.parse.invalid");
}

#[test]
fn fills_empty_fields_and_keeps_typed_ones() {
    let mut s = Setup::default();
    s.azure.app_display_name = "Webex Connect Email".into();
    s.azure.tenant_id = "contoso.onmicrosoft.com".into();
    s.azure.client_secret_expires = "2030-01-01".into();
    let mut with_id = s.clone();
    with_id.azure.client_id = CLIENT.into();
    let a = audited(&with_id, &Tenant::clean());
    let found = found_values(&a, NOW);
    let lines = fill(&mut s, &found);
    let shown: Vec<(Field, Fill)> = lines.iter().map(|l| (l.found.field, l.fill.clone())).collect();
    let differs = |t: &str| Fill::Differs { typed: t.into() };
    assert_eq!(
        shown,
        [
            (Field::WebexCallbackUrl, Fill::Filled),
            (Field::AzureTenantId, differs("contoso.onmicrosoft.com")),
            (Field::AzureAppDisplayName, Fill::Same),
            (Field::AzureClientId, Fill::Filled),
            (Field::AzureClientSecretExpires, differs("2030-01-01")),
            (Field::AzurePermissionProfile, Fill::Same),
        ]
    );
    assert_eq!(s.webex_connect.callback_url, CALLBACK);
    assert_eq!(s.azure.client_id, CLIENT);
    assert_eq!(s.azure.tenant_id, "contoso.onmicrosoft.com", "typed, so kept");
    assert_eq!(s.azure.client_secret_expires, "2030-01-01");
    // The admin chooses the found value.
    let expiry = found.iter().find(|f| f.field == Field::AzureClientSecretExpires).unwrap();
    assert_eq!(expiry.value, "2027-05-27");
    crate::domain::graph::audit_fill::adopt(&mut s, expiry);
    assert_eq!(s.azure.client_secret_expires, "2027-05-27");
}

#[test]
fn the_profile_found_is_shown_never_replaced() {
    let mut t = Tenant::clean();
    t.app["requiredResourceAccess"] = json!([{"resourceAppId": "00000002-0000-0ff1-ce00-000000000000",
        "resourceAccess": [{"id": "b633e1c5-b582-4048-a93e-9f11b44c7e96", "type": "Role"}]}]);
    let mut s = setup();
    let found = found_values(&audited(&s, &t), NOW);
    let profile = Found { field: Field::AzurePermissionProfile, value: "as_documented".into() };
    assert!(found.contains(&profile));
    let lines = fill(&mut s, &found);
    let line = lines.iter().find(|l| l.found.field == Field::AzurePermissionProfile).unwrap();
    assert_eq!(line.fill, Fill::Differs { typed: "least_privilege".into() });
    assert_eq!(s.azure.permission_profile, PermissionProfile::LeastPrivilege);
    // Several Webex callbacks: none is picked for the wizard.
    t.app["web"]["redirectUris"] = json!([CALLBACK, "https://beta.eu.webexconnect.io/callback"]);
    assert!(!found_values(&audited(&s, &t), NOW).iter().any(|f| f.field == Field::WebexCallbackUrl));
}

#[test]
fn every_message_exists_in_both_languages() {
    let m = Message::new;
    let w = |k, p: &[&'static str]| p.iter().fold(m(k), |acc, n| acc.with(n, "x"));
    let ops = ops(&setup());
    let mut samples: Vec<Message> = ops.iter().map(|o| o.purpose.clone()).collect();
    samples.retain(|s| s.key.starts_with("audit."));
    samples.extend([
        m("audit.target_required"),
        w("audit.op.find_by_name", &["name"]),
        w("audit.name_not_found", &["name"]),
        w("audit.name_ambiguous", &["name", "client_ids", "count"]),
        w("audit.app.not_found", &["client_id"]),
        m("audit.principal.missing"),
        m("audit.principal.disabled"),
        w("audit.callback.missing", &["callback"]),
        w("audit.callback.spa_only", &["callback"]),
        m("audit.callback.none_found"),
        w("audit.callback.several", &["callbacks"]),
        m("audit.implicit.on"),
        m("audit.implicit.off_documented"),
        w("audit.permission.not_declared", &["permission", "resource"]),
        w("audit.permission.retired", &["permission", "resource"]),
        w("audit.permission.broad", &["permission", "resource"]),
        m("audit.secret.none"),
        w("audit.secret.all_expired", &["date"]),
        w("audit.secret.expiring", &["date", "days"]),
        w("audit.secret.several_valid", &["count"]),
        w("audit.secret.expired_leftover", &["key_id", "date"]),
        w("audit.assignment.user_missing", &["upn"]),
        w("audit.assignment.user_unknown", &["upn"]),
    ]);
    crate::domain::locale::area_check::assert_area("day_two_audit", samples, &["audit."]);
}
