//! Plans for both profiles, fresh and partially existing tenants, and the re-run.

use super::op::{Kind, Var};
use super::parse;
use super::plan::*;
use crate::domain::field::Field;
use crate::domain::finding::Severity;
use crate::domain::model::{PermissionProfile, Setup};

pub(super) const NOW: i64 = 1_795_860_000_000; // 2026-11-28T10:00:00Z
const CALLBACK: &str = "https://acme.us.webexconnect.io/callback";

pub(super) fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/src/domain/graph/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

pub(super) fn setup(profile: PermissionProfile) -> Setup {
    let mut s = Setup::default();
    s.webex_connect.callback_url = format!(" {CALLBACK} ");
    s.azure.app_display_name = "Webex Connect Email".into();
    s.azure.permission_profile = profile;
    s
}

pub(super) fn run(setup: &Setup, observed: &Observed) -> Plan {
    plan(
        &PlanInput {
            setup,
            now_unix_ms: NOW,
            secret_lifetime: SecretLifetime::DEFAULT,
            add_secret: AddSecret::IfNeeded,
        },
        observed,
    )
}

fn ids(p: &Plan) -> Vec<&'static str> {
    p.operations.iter().map(|o| o.id).collect()
}

pub(super) fn write_ids(p: &Plan) -> Vec<&'static str> {
    p.writes().map(|o| o.id).collect()
}

fn keys(p: &Plan) -> Vec<&'static str> {
    p.findings.iter().map(|f| f.message.key).collect()
}

/// The state a completed run leaves behind, as the reads would find it.
pub(super) fn completed(profile: PermissionProfile) -> Observed {
    let app = parse::application(&fixture("application.json")).unwrap();
    let mut app = app;
    if profile == PermissionProfile::AsDocumented {
        app.web.as_mut().unwrap().implicit_grant_settings.as_mut().unwrap().enable_access_token_issuance = Some(true);
        app.required_resource_access = vec![parse::RequiredResourceAccess {
            resource_app_id: "00000002-0000-0ff1-ce00-000000000000".into(),
            resource_access: vec![parse::ResourceAccess {
                id: "b633e1c5-b582-4048-a93e-9f11b44c7e96".into(),
                kind: "Role".into(),
            }],
        }];
    }
    Observed {
        organization: Lookup::Found(parse::organizations(&fixture("organization.json")).unwrap().remove(0)),
        authorization_policy: Lookup::Found(
            parse::authorization_policy(&fixture("authorization_policy_legacy.json")).unwrap(),
        ),
        exchange: Lookup::Found(parse::service_principal(&fixture("sp_exchange.json")).unwrap()),
        graph: Lookup::Found(parse::service_principal(&fixture("sp_graph.json")).unwrap()),
        app_by_app_id: Lookup::Unknown,
        app_by_unique_name: Lookup::Found(app.clone()),
        apps_by_display_name: Lookup::Found(vec![app]),
        service_principal: Lookup::Found(parse::service_principal(&fixture("service_principal_created.json")).unwrap()),
        app_role_assignments: Lookup::Found(
            parse::app_role_assignments(&fixture("app_role_assignments.json")).unwrap(),
        ),
        grants: Lookup::Found(parse::oauth2_permission_grants(&fixture("oauth2_permission_grants.json")).unwrap()),
        secret_key_id: Some("00000007-5e7e-4000-8000-000000000007".into()),
    }
}

#[test]
fn fresh_tenant_least_privilege() {
    let p = run(&setup(PermissionProfile::LeastPrivilege), &Observed::default());
    assert_eq!(
        ids(&p),
        [
            "tenant.organization",
            "tenant.authorization_policy",
            "resource.exchange",
            "resource.graph",
            "app.find_by_unique_name",
            "app.find_by_display_name",
            "app.create",
            "app.add_password",
            "sp.create",
            "consent.grant.exchange",
            "consent.grant.graph",
        ]
    );
    assert!(p.findings.is_empty(), "{:?}", p.findings);
    assert_eq!(p.unique_name, "webex-connect-webex-connect-email");
    let create = &p.operations[6];
    assert_eq!(create.method.as_str(), "PATCH");
    assert_eq!(create.url.display(), "/applications(uniqueName=%27webex-connect-webex-connect-email%27)");
    assert_eq!(create.headers, [("Prefer", "create-if-missing".to_string())]);
    let body: serde_json::Value = serde_json::from_str(&create.redacted().body.unwrap()).unwrap();
    assert_eq!(body["web"]["redirectUris"], serde_json::json!([CALLBACK]));
    assert_eq!(body["web"]["implicitGrantSettings"]["enableAccessTokenIssuance"], false);
    assert_eq!(body["signInAudience"], "AzureADMyOrg");
    // SMTP.Send on Office 365 Exchange Online (the SMTP token's resource), openid and
    // offline_access on Microsoft Graph; nothing else.
    assert_eq!(
        body["requiredResourceAccess"],
        serde_json::json!([
            {"resourceAppId": "00000002-0000-0ff1-ce00-000000000000",
             "resourceAccess": [{"id": "{permission_smtpsend}", "type": "Scope"}]},
            {"resourceAppId": "00000003-0000-0000-c000-000000000000",
             "resourceAccess": [{"id": "{permission_openid}", "type": "Scope"},
                                {"id": "{permission_offlineaccess}", "type": "Scope"}]}
        ])
    );
    let exo = p.operations.iter().find(|o| o.id == "resource.exchange").unwrap();
    assert!(exo.captures.iter().any(|c| c.var == Var::Permission("SMTP.Send")));
    let grant = |id: &str| -> serde_json::Value {
        let op = p.operations.iter().find(|o| o.id == id).unwrap().redacted();
        serde_json::from_str(&op.body.unwrap()).unwrap()
    };
    assert_eq!(
        grant("consent.grant.exchange"),
        serde_json::json!({"clientId": "{service_principal_id}", "consentType": "AllPrincipals",
                            "resourceId": "{exchange_sp_id}", "scope": "SMTP.Send"})
    );
    assert_eq!(
        grant("consent.grant.graph"),
        serde_json::json!({"clientId": "{service_principal_id}", "consentType": "AllPrincipals",
                            "resourceId": "{graph_sp_id}", "scope": "openid offline_access"})
    );
    // The secret lives the requested number of days.
    let secret = p.operations.iter().find(|o| o.id == "app.add_password").unwrap();
    assert!(secret.redacted().body.unwrap().contains("\"endDateTime\": \"2027-05-27T10:00:00Z\""));
    assert_eq!(secret.url.display(), "/applications/{app_object_id}/addPassword");
    // Two $batch round trips for the five reads, one per write.
    assert_eq!(p.round_trips().len(), 2 + 5);
    assert_eq!(p.leading_reads().len(), 6);
}

#[test]
fn fresh_tenant_as_documented() {
    let p = run(&setup(PermissionProfile::AsDocumented), &Observed::default());
    assert_eq!(write_ids(&p), ["app.create", "app.add_password", "sp.create", "consent.app_role"]);
    let create = p.operations.iter().find(|o| o.id == "app.create").unwrap().redacted();
    let body: serde_json::Value = serde_json::from_str(&create.body.unwrap()).unwrap();
    assert_eq!(body["web"]["implicitGrantSettings"]["enableAccessTokenIssuance"], true);
    assert_eq!(
        body["requiredResourceAccess"],
        serde_json::json!([{"resourceAppId": "00000002-0000-0ff1-ce00-000000000000",
                            "resourceAccess": [{"id": "{permission_mailsend}", "type": "Role"}]}])
    );
    let role = p.operations.last().unwrap();
    assert_eq!(role.url.display(), "/servicePrincipals/{exchange_sp_id}/appRoleAssignedTo");
    let exo = p.operations.iter().find(|o| o.id == "resource.exchange").unwrap();
    assert!(exo.captures.iter().any(|c| c.var == Var::Permission("Mail.Send")));
}

#[test]
fn rerun_after_a_completed_run_only_reads() {
    for profile in PermissionProfile::ALL {
        let s = setup(profile);
        let p = run(&s, &completed(profile));
        assert!(p.is_read_only(), "{profile:?}: {:?}", write_ids(&p));
        assert!(p.findings.iter().all(|f| f.severity == Severity::Info), "{:?}", p.findings);
        let consent_read =
            if profile == PermissionProfile::AsDocumented { "consent.read_app_roles" } else { "consent.read_grants" };
        assert!(ids(&p).contains(&"sp.find") && ids(&p).contains(&consent_read), "{:?}", ids(&p));
        assert!(p.operations.iter().all(|o| o.kind != Kind::Write));
    }
}

#[test]
fn existing_app_without_principal_gets_one_and_consent() {
    let mut o = completed(PermissionProfile::LeastPrivilege);
    o.service_principal = Lookup::Missing;
    o.app_role_assignments = Lookup::Unknown;
    o.grants = Lookup::Unknown;
    let p = run(&setup(PermissionProfile::LeastPrivilege), &o);
    assert_eq!(write_ids(&p), ["sp.create", "consent.grant.exchange", "consent.grant.graph"]);
    let sp = p.operations.iter().find(|o| o.id == "sp.create").unwrap().redacted();
    assert_eq!(sp.body.unwrap(), "{\n  \"appId\": \"00000005-5e7e-4000-8000-000000000005\"\n}");
    // Known ids are literals now: the grant needs only the new principal's id.
    let grant = p.operations.iter().find(|o| o.id == "consent.grant.exchange").unwrap();
    assert_eq!(grant.needs(), [Var::ServicePrincipalId]);
}

#[test]
fn unknown_principal_is_probed_before_it_is_created() {
    let mut o = completed(PermissionProfile::LeastPrivilege);
    o.service_principal = Lookup::Unknown;
    let p = run(&setup(PermissionProfile::LeastPrivilege), &o);
    let reads: Vec<_> = p.leading_reads().iter().map(|o| o.id).collect();
    assert!(reads.contains(&"sp.find"));
    assert_eq!(write_ids(&p), ["sp.create", "consent.grant.exchange", "consent.grant.graph"]);
}

#[test]
fn registration_made_by_hand_is_reused_and_brought_in_line() {
    let manual = parse::applications(&fixture("applications_by_display_name.json")).unwrap();
    let mut o = completed(PermissionProfile::LeastPrivilege);
    o.app_by_unique_name = Lookup::Missing;
    o.apps_by_display_name = Lookup::Found(manual);
    o.service_principal = Lookup::Missing;
    o.grants = Lookup::Unknown;
    o.secret_key_id = None;
    let p = run(&setup(PermissionProfile::LeastPrivilege), &o);
    assert_eq!(
        write_ids(&p),
        ["app.update", "app.add_password", "sp.create", "consent.grant.exchange", "consent.grant.graph"]
    );
    assert!(keys(&p).contains(&"graph.app.found_by_display_name"));
    let update = p.writes().next().unwrap();
    assert_eq!(update.url.display(), "/applications/00000008-5e7e-4000-8000-000000000008");
    assert_eq!(update.purpose.param("changes"), Some("redirect_uri, implicit, permissions"));
    let body: serde_json::Value = serde_json::from_str(&update.redacted().body.unwrap()).unwrap();
    // Other redirect URIs and permissions stay; the ID-token setting is kept as it was.
    assert_eq!(body["web"]["redirectUris"], serde_json::json!(["https://old.example.com/cb", CALLBACK]));
    assert_eq!(
        body["web"]["implicitGrantSettings"],
        serde_json::json!({"enableAccessTokenIssuance": false, "enableIdTokenIssuance": true})
    );
    let access = &body["requiredResourceAccess"][0]["resourceAccess"];
    assert_eq!(access.as_array().unwrap().len(), 3);
    assert_eq!(access[0]["id"], "e1fe6dd8-ba31-4d61-89e7-88639da4683d");
    assert_eq!(body["requiredResourceAccess"][1]["resourceAppId"], "00000002-0000-0ff1-ce00-000000000000");
    assert!(!ids(&p).contains(&"app.create"), "never a second registration");
}

#[test]
fn only_the_implicit_setting_differs() {
    let mut o = completed(PermissionProfile::LeastPrivilege);
    if let Lookup::Found(app) = &mut o.app_by_unique_name {
        app.web.as_mut().unwrap().implicit_grant_settings = None;
        app.web.as_mut().unwrap().redirect_uris = vec![CALLBACK.into()];
    }
    assert!(run(&setup(PermissionProfile::LeastPrivilege), &o).is_read_only(), "absent implicit = off = wanted");
    let p = run(&setup(PermissionProfile::AsDocumented), &o);
    let update = p.writes().find(|o| o.id == "app.update").unwrap();
    assert_eq!(update.purpose.param("changes"), Some("implicit, permissions"));
}

#[test]
fn several_registrations_with_the_name_block_every_write() {
    let manual = parse::applications(&fixture("applications_by_display_name.json")).unwrap();
    let mut o = Observed {
        apps_by_display_name: Lookup::Found(vec![manual[0].clone(), manual[0].clone()]),
        ..Observed::default()
    };
    o.app_by_unique_name = Lookup::Missing;
    let p = run(&setup(PermissionProfile::LeastPrivilege), &o);
    assert!(p.is_read_only());
    let f = p.findings.iter().find(|f| f.message.key == "graph.app.ambiguous").unwrap();
    assert_eq!(
        (f.field, f.severity, f.message.param("count")),
        (Field::AzureAppDisplayName, Severity::Error, Some("2"))
    );
}

#[test]
fn client_id_typed_by_the_admin_is_looked_up_first() {
    let mut s = setup(PermissionProfile::LeastPrivilege);
    s.azure.client_id = " 00000005-5E7E-4000-8000-000000000005 ".into();
    let p = run(&s, &Observed::default());
    let find = p.operations.iter().find(|o| o.id == "app.find_by_app_id").unwrap();
    assert_eq!(
        find.url.display().split('?').next(),
        Some("/applications(appId=%2700000005-5e7e-4000-8000-000000000005%27)")
    );
    let o = Observed { app_by_app_id: Lookup::Missing, ..Observed::default() };
    assert!(keys(&run(&s, &o)).contains(&"graph.app.client_id_not_found"));
    s.azure.client_id = "not a guid".into();
    assert!(!ids(&run(&s, &Observed::default())).contains(&"app.find_by_app_id"));
}

/// A tenant whose Exchange Online (or Graph) principal lists `id` for its first delegated
/// scope, with no registration yet (so the create body shows the ids the plan uses).
fn first_scope_id(exchange: bool, id: &str) -> Observed {
    let mut o = completed(PermissionProfile::LeastPrivilege);
    if let Lookup::Found(sp) = if exchange { &mut o.exchange } else { &mut o.graph } {
        sp.oauth2_permission_scopes[0].id = id.into();
    }
    o.app_by_unique_name = Lookup::Missing;
    o.apps_by_display_name = Lookup::Missing;
    o
}

#[test]
fn permission_ids_are_resolved_by_value_and_cross_checked() {
    let other = "0000000f-5e7e-4000-8000-00000000000f";
    let p = run(&setup(PermissionProfile::LeastPrivilege), &first_scope_id(false, other));
    let f = p.findings.iter().find(|f| f.message.key == "graph.permission.id_differs").unwrap();
    assert_eq!((f.severity, f.message.param("permission")), (Severity::Warning, Some("openid")));
    assert_eq!(f.message.param("found"), Some(other));
    let create = p.operations.iter().find(|o| o.id == "app.create").unwrap().redacted().body.unwrap();
    assert!(create.contains(other), "the tenant's id wins: {create}");
    // Exchange Online's SMTP.Send id is known from community listings only: another id there
    // is a note, never a reason to stop.
    let mut o = first_scope_id(true, other);
    let p = run(&setup(PermissionProfile::LeastPrivilege), &o);
    let f = p.findings.iter().find(|f| f.message.key == "graph.permission.id_unverified").unwrap();
    assert_eq!((f.severity, f.message.param("resource")), (Severity::Info, Some("Office 365 Exchange Online")));
    assert!(!p.is_read_only() && p.operations.iter().any(|o| o.redacted().body.is_some_and(|b| b.contains(other))));
    // A value the resource does not offer blocks the writes.
    if let Lookup::Found(sp) = &mut o.exchange {
        sp.oauth2_permission_scopes.retain(|s| s.value.as_deref() != Some("SMTP.Send"));
    }
    let p = run(&setup(PermissionProfile::LeastPrivilege), &o);
    assert!(keys(&p).contains(&"graph.permission.not_found") && p.is_read_only());
    // A missing resource principal (service not subscribed) too.
    let o = Observed { graph: Lookup::Missing, ..Observed::default() };
    let p = run(&setup(PermissionProfile::LeastPrivilege), &o);
    assert!(keys(&p).contains(&"graph.resource.missing") && p.is_read_only());
    // ...but only for the resource the profile uses.
    let o = Observed { graph: Lookup::Missing, ..Observed::default() };
    assert!(!run(&setup(PermissionProfile::AsDocumented), &o).is_read_only());
}

#[test]
fn secret_lifetime_bounds() {
    assert!(SecretLifetime::parse(0).is_err());
    assert_eq!(SecretLifetime::parse(730).map(SecretLifetime::days), Ok(730));
    assert_eq!(SecretLifetime::parse(731).unwrap_err().key, "graph.secret.lifetime_out_of_range");
}

#[test]
fn missing_inputs_block_writes_with_findings_on_their_fields() {
    let mut s = setup(PermissionProfile::LeastPrivilege);
    s.webex_connect.callback_url = "http://acme.us.webexconnect.io/callback".into();
    s.azure.app_display_name = "  ".into();
    let p = run(&s, &Observed::default());
    assert!(p.is_read_only());
    let fields: Vec<_> = p.findings.iter().map(|f| f.field).collect();
    assert!(fields.contains(&Field::WebexCallbackUrl) && fields.contains(&Field::AzureAppDisplayName));
    assert!(!ids(&p).contains(&"app.find_by_unique_name"));
}

#[test]
fn tenant_mismatch_and_consent_policy_are_reported() {
    let mut s = setup(PermissionProfile::AsDocumented);
    s.azure.tenant_id = "0000000f-5e7e-4000-8000-00000000000f".into();
    let mut o = completed(PermissionProfile::AsDocumented);
    o.authorization_policy =
        Lookup::Found(parse::authorization_policy(&fixture("authorization_policy_off.json")).unwrap());
    let p = run(&s, &o);
    assert_eq!(keys(&p), ["graph.tenant.differs", "graph.consent_policy.off_blocks_generate_token"]);
    s.azure.tenant_id = "00000001-5E7E-4000-8000-000000000001".into();
    assert_eq!(keys(&run(&s, &o)), ["graph.consent_policy.off_blocks_generate_token"]);
}

#[test]
fn unique_names_are_stable_slugs() {
    assert_eq!(unique_name(" Webex Connect - Email (JP) "), "webex-connect-webex-connect-email-jp");
    // Any non-ASCII character adds a hash, so distinct names never share a key.
    assert_ne!(unique_name("Webex Connect – Email (JP)"), unique_name("Webex Connect - Email (JP)"));
    assert_eq!(unique_name("ACME"), unique_name("acme"));
    let ja = unique_name("ウェブex メール");
    assert!(ja.starts_with("webex-connect-ex-") && ja.len() == "webex-connect-ex-".len() + 16, "{ja}");
    assert_eq!(ja, unique_name("ウェブex メール"));
    assert_ne!(unique_name("ウェブ"), unique_name("メール"));
    let long = unique_name(&"x".repeat(300));
    assert!(long.len() <= 64 && !long.ends_with('-'));
    // Look-alike letters are not ASCII: hashed, never confused with the ASCII name.
    assert_ne!(unique_name("аcme"), unique_name("acme"));
    assert!(unique_name("it's").chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
}

#[test]
fn hostile_display_name_stays_data() {
    let mut s = setup(PermissionProfile::LeastPrivilege);
    s.azure.app_display_name = "O'Brien\" } ; $(rm -rf /) &x=1".into();
    let p = run(&s, &Observed::default());
    let find = p.operations.iter().find(|o| o.id == "app.find_by_display_name").unwrap();
    let url = find.url.display();
    assert!(url.contains("O%27%27Brien%22%20%7D%20%3B%20%24%28rm%20-rf%20%2F%29%20%26x%3D1"), "{url}");
    let create = p.operations.iter().find(|o| o.id == "app.create").unwrap().redacted().body.unwrap();
    let body: serde_json::Value = serde_json::from_str(&create).unwrap();
    assert_eq!(body["displayName"], s.azure.app_display_name);
}

#[test]
fn plan_scopes_are_the_smallest_covering_set() {
    let p = run(&setup(PermissionProfile::LeastPrivilege), &Observed::default());
    let scopes: Vec<_> = p.scopes().iter().map(|s| s.value()).collect();
    assert_eq!(
        scopes,
        ["User.Read", "Policy.Read.All", "Application.ReadWrite.All", "DelegatedPermissionGrant.ReadWrite.All"]
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_display_name_plans_without_panic_and_reads_come_first(name in "\\PC{0,60}", doc in any::<bool>()) {
            let profile = if doc { PermissionProfile::AsDocumented } else { PermissionProfile::LeastPrivilege };
            let mut s = setup(profile);
            s.azure.app_display_name = name;
            let p = run(&s, &Observed::default());
            let first_write = p.operations.iter().position(|o| o.kind == Kind::Write).unwrap_or(p.operations.len());
            prop_assert!(p.operations[first_write..].iter().all(|o| o.kind == Kind::Write));
            prop_assert!(p.unique_name.len() <= 64);
            for o in &p.operations {
                if let Some(b) = o.redacted().body {
                    prop_assert!(serde_json::from_str::<serde_json::Value>(&b).is_ok());
                }
            }
        }
    }
}
