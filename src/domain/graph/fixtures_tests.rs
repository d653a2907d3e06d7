//! Response parsing, from fixture files shaped like real Graph answers (synthetic ids).

use super::batch::{self, BatchItem, BatchProblem};
use super::parse::*;
use crate::domain::field::Field;
use crate::domain::finding::Severity;
use crate::domain::model::PermissionProfile;

fn fixture(name: &str) -> String {
    let path = format!("{}/src/domain/graph/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap()
}

#[test]
fn organization_list() {
    let orgs = organizations(&fixture("organization.json")).unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].id, "00000001-5e7e-4000-8000-000000000001");
    assert!(organizations(r#"{"value": [{"displayName": "no id"}]}"#).is_err());
    assert_eq!(organizations(r#"{"value": []}"#).unwrap(), vec![]);
}

#[test]
fn consent_policy_and_what_it_means_for_generate_token() {
    let legacy = authorization_policy(&fixture("authorization_policy_legacy.json")).unwrap();
    assert_eq!(legacy.user_consent(), UserConsent::AllApps);
    let off = authorization_policy(&fixture("authorization_policy_off.json")).unwrap();
    assert_eq!(off.user_consent(), UserConsent::Off);
    let doc = PermissionProfile::AsDocumented;
    assert_eq!(off.user_consent().generate_token_impact(doc).key, "graph.consent_policy.off_blocks_generate_token");
    assert_eq!(legacy.user_consent().generate_token_impact(doc).key, "graph.consent_policy.user_consent_allowed");
    let lp = PermissionProfile::LeastPrivilege;
    assert_eq!(off.user_consent().generate_token_impact(lp).key, "graph.consent_policy.covered_by_admin_consent");
    // Only the "for self" policies say what users may consent to.
    let owned_only = r#"{"defaultUserRolePermissions":{"permissionGrantPoliciesAssigned":["ManagePermissionGrantsForOwnedResource.x"]}}"#;
    assert_eq!(authorization_policy(owned_only).unwrap().user_consent(), UserConsent::Off);
    let low = r#"{"defaultUserRolePermissions":{"permissionGrantPoliciesAssigned":["ManagePermissionGrantsForSelf.microsoft-user-default-low"]}}"#;
    assert_eq!(authorization_policy(low).unwrap().user_consent(), UserConsent::LowImpact);
    let custom = r#"{"defaultUserRolePermissions":{"permissionGrantPoliciesAssigned":["ManagePermissionGrantsForSelf.contoso-policy"]}}"#;
    let c = authorization_policy(custom).unwrap().user_consent();
    assert_eq!(c, UserConsent::Custom(vec!["contoso-policy".into()]));
    assert_eq!(c.generate_token_impact(doc).param("policies"), Some("contoso-policy"));
    let missing = r#"{"defaultUserRolePermissions":{}}"#;
    assert_eq!(authorization_policy(missing).unwrap().user_consent(), UserConsent::Off);
}

#[test]
fn resource_principals_by_value() {
    let exo = service_principal(&fixture("sp_exchange.json")).unwrap();
    assert_eq!(exo.app_role("Mail.Send").map(|r| r.id.as_str()), Some("b633e1c5-b582-4048-a93e-9f11b44c7e96"));
    assert_eq!(exo.scope("SMTP.Send").map(|s| s.id.as_str()), Some("76faac2a-0f20-42f1-928a-50de5b9dbe52"));
    assert!(exo.app_role("mail.send").is_none(), "values are case-sensitive");
    let graph = service_principal(&fixture("sp_graph.json")).unwrap();
    assert_eq!(graph.scope("SMTP.Send").map(|s| s.id.as_str()), Some("258f6531-6087-4cc4-bb90-092c5fb3ed3f"));
    assert!(graph.scope("Mail.Read").is_none(), "a disabled scope is not offered");
    assert!(graph.app_role("SMTP.Send").is_none());
}

#[test]
fn application_properties() {
    let app = application(&fixture("application.json")).unwrap();
    assert_eq!(app.app_id, "00000005-5e7e-4000-8000-000000000005");
    assert_eq!(app.redirect_uris(), ["https://acme.us.webexconnect.io/callback"]);
    assert!(!app.implicit_access_tokens());
    assert_eq!(app.password_credentials[0].key_id, "00000007-5e7e-4000-8000-000000000007");
    let declared: Vec<(&str, usize)> =
        app.required_resource_access.iter().map(|r| (r.resource_app_id.as_str(), r.resource_access.len())).collect();
    assert_eq!(declared, [("00000002-0000-0ff1-ce00-000000000000", 1), ("00000003-0000-0000-c000-000000000000", 2)]);
    // What the plan made before SMTP.Send moved to Exchange Online: three scopes on Graph.
    let old = application(&fixture("application_old_plan.json")).unwrap();
    assert_eq!(old.required_resource_access[0].resource_access[2].id, "258f6531-6087-4cc4-bb90-092c5fb3ed3f");
    let list = applications(&fixture("applications_by_display_name.json")).unwrap();
    assert!(list[0].implicit_access_tokens() && list[0].implicit_id_tokens());
    // No web at all: no URIs, implicit off.
    let bare = application(r#"{"id":"a","appId":"b","web":null}"#).unwrap();
    assert!(bare.redirect_uris().is_empty() && !bare.implicit_access_tokens());
}

#[test]
fn added_password_never_shows_its_secret_in_debug() {
    let text = fixture("add_password.json");
    let p = added_password(&text).unwrap();
    assert_eq!(p.secret_text.expose(), "Syn8Q~SYNTHETIC-not-a-real-secret-0000000");
    assert_eq!(p.end_date_time, "2027-05-27T10:00:00Z");
    let debug = format!("{p:?} {:#?}", p);
    assert!(!debug.contains("SYNTHETIC"), "{debug}");
    // A malformed answer must not echo the secret in the error either.
    let bad = r#"{"keyId": 5, "secretText": "Syn8Q~LEAK", "endDateTime": "x"}"#;
    let e = added_password(bad).unwrap_err();
    assert!(!format!("{e:?}").contains("LEAK"));
    assert!(added_password(r#"{"keyId":"k","endDateTime":"x"}"#).is_err(), "no secretText");
}

#[test]
fn consent_objects() {
    let a = app_role_assignment(&fixture("app_role_assignment.json")).unwrap();
    assert_eq!(a.principal_id, "00000006-5e7e-4000-8000-000000000006");
    assert_eq!(app_role_assignments(&fixture("app_role_assignments.json")).unwrap(), vec![a]);
    let grants = oauth2_permission_grants(&fixture("oauth2_permission_grants.json")).unwrap();
    assert_eq!(grants[0].scopes(), ["SMTP.Send"]);
    assert_eq!(grants[1].scopes(), ["offline_access", "openid"]);
    assert_eq!(grants[0].principal_id, None);
    let old = oauth2_permission_grants(&fixture("oauth2_permission_grants_old_plan.json")).unwrap();
    assert_eq!(old[0].scopes(), ["SMTP.Send", "offline_access", "openid"]);
    assert_eq!(scope_set("b  a\tb "), ["a", "b"]);
}

#[test]
fn mailbox_user_checks() {
    let u = user(&fixture("user.json")).unwrap();
    assert_eq!(u.smtp_addresses(), ["support@contoso.example", "help@contoso.example"]);
    assert!(u.mailbox_findings("support@contoso.example").is_empty());
    assert!(u.mailbox_findings(" Help@Contoso.Example ").is_empty(), "an alias is the same mailbox");
    let other = u.mailbox_findings("sales@contoso.example");
    assert_eq!(other.len(), 1);
    assert_eq!((other[0].field, other[0].message.key), (Field::MailboxAddress, "graph.user.address_not_on_mailbox"));
    let none = user(&fixture("user_no_mailbox.json")).unwrap();
    let keys: Vec<_> =
        none.mailbox_findings("svc@contoso.example").iter().map(|f| (f.severity, f.message.key)).collect();
    assert_eq!(keys, [(Severity::Error, "graph.user.disabled"), (Severity::Error, "graph.user.no_mailbox_likely")]);
    let unknown = user(r#"{"id":"x","userPrincipalName":"a@b.c","mail":"  "}"#).unwrap();
    let keys: Vec<_> = unknown.mailbox_findings("").iter().map(|f| f.message.key).collect();
    assert_eq!(keys, ["graph.user.enabled_unknown", "graph.user.no_mailbox_likely"]);
}

#[test]
fn graph_errors() {
    let e = GraphError::parse(&fixture("error_not_found.json")).unwrap();
    assert_eq!(e.code, "Request_ResourceNotFound");
    assert_eq!(e.request_id.as_deref(), Some("0000000c-5e7e-4000-8000-00000000000c"));
    assert_eq!(e.aadsts(), None);
    let e = GraphError::parse(&fixture("error_aadsts.json")).unwrap();
    assert_eq!(e.aadsts(), Some(700016));
    assert_eq!(e.message_key().param("code"), Some("InvalidAuthenticationToken"));
    for not_graph in ["", "<html>502</html>", "{}", r#"{"error":"invalid_grant"}"#] {
        assert_eq!(GraphError::parse(not_graph), None, "{not_graph}");
    }
    let lower = GraphError::parse(r#"{"error":{"code":"x","message":"m","innererror":{"request-id":"r"}}}"#).unwrap();
    assert_eq!(lower.request_id.as_deref(), Some("r"));
    assert_eq!(aadsts_code("AADSTS"), None);
    assert_eq!(aadsts_code("x AADSTS7000215: bad"), Some(7000215));
}

#[test]
fn parse_errors_say_what_was_expected() {
    let e = application("[]").unwrap_err();
    assert_eq!(e.what, "application");
    assert_eq!(e.message().key, "graph.parse.invalid");
}

fn item(id: &str, url: &str) -> BatchItem {
    BatchItem { id: id.into(), method: "GET", url: url.into(), headers: vec![], body: None }
}

#[test]
fn batch_request_body() {
    let mut post = item("3", "/servicePrincipals");
    post.method = "POST";
    post.body = Some(serde_json::json!({"appId": "x"}));
    let body =
        batch::request_body(&[item("1", "/organization"), item("2", "/policies/authorizationPolicy"), post]).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"requests": [
            {"id": "1", "method": "GET", "url": "/organization"},
            {"id": "2", "method": "GET", "url": "/policies/authorizationPolicy"},
            {"id": "3", "method": "POST", "url": "/servicePrincipals", "body": {"appId": "x"},
             "headers": {"Content-Type": "application/json"}}
        ]})
    );
    let many: Vec<BatchItem> = (0..21).map(|i| item(&i.to_string(), "/organization")).collect();
    assert_eq!(batch::request_body(&many), Err(BatchProblem::TooMany { count: 21 }));
    assert!(batch::request_body(&many[..20]).is_ok());
    assert_eq!(batch::request_body(&[]), Err(BatchProblem::Empty));
    assert_eq!(
        batch::request_body(&[item("1", "/a"), item("1", "/b")]),
        Err(BatchProblem::DuplicateId { id: "1".into() })
    );
    for url in ["/v1.0/organization", "https://graph.microsoft.com/v1.0/organization", "organization"] {
        assert_eq!(batch::request_body(&[item("1", url)]), Err(BatchProblem::AbsoluteUrl { id: "1".into() }));
    }
}

#[test]
fn batch_answers_in_request_order() {
    let answers = batch::parse_response(&fixture("batch_response.json"), &["1", "2", "3"]).unwrap();
    assert_eq!(answers.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["1", "2", "3"]);
    assert_eq!(organizations(&answers[0].body_text()).unwrap()[0].id, "00000001-5e7e-4000-8000-000000000001");
    assert_eq!(authorization_policy(&answers[1].body_text()).unwrap().user_consent(), UserConsent::AllApps);
    assert!(answers[0].error().is_none());
    assert_eq!(answers[2].status, 429);
    assert_eq!(answers[2].header("retry-after"), Some("7"));
    assert_eq!(answers[2].error().map(|e| e.code), Some("TooManyRequests".into()));
    let lost = batch::parse_response(&fixture("batch_response.json"), &["1", "4"]).unwrap_err();
    assert!(lost.detail.contains('4'));
    assert!(batch::parse_response("{}", &["1"]).is_err());
}
