//! Re-runs that change consent: an app role on another resource does not count, a grant gains
//! what the profile wants and keeps the admin's own scopes, and a tenant the earlier plan provisioned (SMTP.Send on Microsoft Graph) is moved to
//! Office 365 Exchange Online once.

use super::parse;
use super::plan::*;
use super::plan_tests::{completed, fixture, run, setup, write_ids, NOW};
use crate::domain::finding::Severity;
use crate::domain::model::PermissionProfile;

#[test]
fn grant_gains_missing_scopes_and_keeps_the_admins_own() {
    let mut o = completed(PermissionProfile::LeastPrivilege);
    if let Lookup::Found(list) = &mut o.grants {
        list[1].scope = Some("openid User.Read".into());
    }
    let p = run(&setup(PermissionProfile::LeastPrivilege), &o);
    assert_eq!(write_ids(&p), ["consent.update_grant.graph"]);
    let op = p.writes().next().unwrap();
    assert_eq!(op.url.display(), "/oauth2PermissionGrants/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
    assert_eq!(op.redacted().body.unwrap(), "{\n  \"scope\": \"openid User.Read offline_access\"\n}");
    assert_eq!(
        (op.purpose.key, op.purpose.param("old_scope")),
        ("graph.op.consent.update_grant", Some("openid User.Read"))
    );
    let kept = p.findings.iter().find(|f| f.message.key == "graph.grant.other_scopes_kept").unwrap();
    assert_eq!((kept.severity, kept.message.param("scopes")), (Severity::Info, Some("User.Read")));
    // Same scopes in another order, or in other case: nothing to do.
    if let Lookup::Found(list) = &mut o.grants {
        list[1].scope = Some("OFFLINE_ACCESS  openid".into());
    }
    assert!(run(&setup(PermissionProfile::LeastPrivilege), &o).is_read_only());
    // A grant for one user only is not the tenant-wide one: that is created.
    if let Lookup::Found(list) = &mut o.grants {
        list[1].consent_type = "Principal".into();
    }
    assert_eq!(write_ids(&run(&setup(PermissionProfile::LeastPrivilege), &o)), ["consent.grant.graph"]);
}

/// A tenant the earlier plan provisioned: SMTP.Send on Microsoft Graph, in the registration
/// and in the one tenant-wide grant; opened on day two in a fresh tab (it holds no secret).
fn old_plan() -> Observed {
    let mut o = completed(PermissionProfile::LeastPrivilege);
    o.secret_key_id = None;
    let app = parse::application(&fixture("application_old_plan.json")).unwrap();
    o.app_by_unique_name = Lookup::Found(app.clone());
    o.apps_by_display_name = Lookup::Found(vec![app]);
    o.grants =
        Lookup::Found(parse::oauth2_permission_grants(&fixture("oauth2_permission_grants_old_plan.json")).unwrap());
    o
}

#[test]
fn old_plan_tenant_moves_smtp_send_to_exchange_online() {
    let p = run(&setup(PermissionProfile::LeastPrivilege), &old_plan());
    // Add where the token needs it first, then take it away where it never counted.
    assert_eq!(write_ids(&p), ["app.update", "consent.grant.exchange", "consent.update_grant.graph"]);
    let update = p.writes().next().unwrap();
    assert_eq!(update.purpose.key, "graph.op.app.update_removing");
    assert_eq!(update.purpose.param("removed"), Some("SMTP.Send (Microsoft Graph)"));
    let body: serde_json::Value = serde_json::from_str(&update.redacted().body.unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"requiredResourceAccess": [
            {"resourceAppId": "00000003-0000-0000-c000-000000000000",
             "resourceAccess": [{"id": "37f7f235-527c-4136-accd-4a02d197296e", "type": "Scope"},
                                {"id": "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", "type": "Scope"}]},
            {"resourceAppId": "00000002-0000-0ff1-ce00-000000000000",
             "resourceAccess": [{"id": "76faac2a-0f20-42f1-928a-50de5b9dbe52", "type": "Scope"}]}
        ]}),
        "nothing but the permissions changes"
    );
    let grant = p.operations.iter().find(|o| o.id == "consent.grant.exchange").unwrap();
    let body: serde_json::Value = serde_json::from_str(&grant.redacted().body.unwrap()).unwrap();
    assert_eq!(
        (body["resourceId"].as_str(), body["scope"].as_str()),
        (Some("00000002-5e7e-4000-8000-000000000002"), Some("SMTP.Send"))
    );
    let patch = p.writes().last().unwrap();
    assert_eq!(patch.redacted().body.unwrap(), "{\n  \"scope\": \"openid offline_access\"\n}");
    assert_eq!(
        (patch.purpose.key, patch.purpose.param("removed"), patch.purpose.param("old_scope")),
        ("graph.op.consent.remove_scope", Some("SMTP.Send"), Some("openid offline_access SMTP.Send"))
    );
    assert!(p.findings.iter().all(|f| f.severity == Severity::Info), "{:?}", p.findings);
    // Its valid secret stays, and the plan says so.
    assert!(p.findings.iter().any(|f| f.message.key == SECRET_KEPT));
}

#[test]
fn old_plan_tenant_gets_a_secret_only_when_it_has_no_valid_one_or_asks() {
    let mut o = old_plan();
    if let Lookup::Found(app) = &mut o.app_by_unique_name {
        app.password_credentials[0].end_date_time = Some("2026-11-01T00:00:00Z".into());
    }
    let moved = ["app.update", "app.add_password", "consent.grant.exchange", "consent.update_grant.graph"];
    assert_eq!(write_ids(&run(&setup(PermissionProfile::LeastPrivilege), &o)), moved);
    let s = setup(PermissionProfile::LeastPrivilege);
    let input = PlanInput {
        setup: &s,
        now_unix_ms: NOW,
        secret_lifetime: SecretLifetime::DEFAULT,
        add_secret: AddSecret::Requested,
    };
    assert_eq!(write_ids(&plan(&input, &old_plan())), moved);
}

#[test]
fn old_plan_grant_holding_only_smtp_send_keeps_what_the_profile_wants() {
    let mut o = old_plan();
    if let Lookup::Found(list) = &mut o.grants {
        list[0].scope = Some("SMTP.Send".into());
    }
    let p = run(&setup(PermissionProfile::LeastPrivilege), &o);
    let patch = p.writes().find(|w| w.id == "consent.update_grant.graph").unwrap();
    assert_eq!(patch.redacted().body.unwrap(), "{\n  \"scope\": \"openid offline_access\"\n}");
    // The retired id is also found by value, whatever id the tenant lists for it.
    let mut o = old_plan();
    let other = "0000000e-5e7e-4000-8000-00000000000e";
    if let (Lookup::Found(sp), Lookup::Found(app)) = (&mut o.graph, &mut o.app_by_unique_name) {
        sp.oauth2_permission_scopes[2].id = other.into();
        app.required_resource_access[0].resource_access[2].id = other.into();
    }
    let update = run(&setup(PermissionProfile::LeastPrivilege), &o).writes().next().unwrap().redacted();
    assert!(!update.body.unwrap().contains(other));
    // The documented profile leaves delegated grants alone.
    let p = run(&setup(PermissionProfile::AsDocumented), &old_plan());
    assert!(!p.writes().any(|w| w.id.starts_with("consent.update_grant")), "{:?}", write_ids(&p));
}

#[test]
fn app_role_for_another_resource_does_not_count() {
    let mut o = completed(PermissionProfile::AsDocumented);
    if let Lookup::Found(list) = &mut o.app_role_assignments {
        list[0].resource_id = "00000003-5e7e-4000-8000-000000000003".into();
    }
    assert_eq!(write_ids(&run(&setup(PermissionProfile::AsDocumented), &o)), ["consent.app_role"]);
}
