//! Every message this area can produce has text in both languages, with the placeholders
//! the message fills; no key in graph.json is orphaned.

use super::consent::{permission_table, ConsentUrlProblem};
use super::parse::{self, AuthorizationPolicy, UserConsent};
use super::plan::{plan, AddSecret, Lookup, Observed, Plan, PlanInput, SecretLifetime};
use super::plan_tests::NOW;
use super::scopes::{Action, DelegatedScope};
use crate::domain::finding::Message;
use crate::domain::model::{PermissionProfile, Setup};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/src/domain/graph/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// At the fixtures' time: the fixture registration's secret is valid then (started, not
/// expired), so the plan that keeps it says so.
fn plan_at_now(setup: &Setup, o: &Observed) -> Plan {
    let secret_lifetime = SecretLifetime::DEFAULT;
    plan(&PlanInput { setup, now_unix_ms: NOW, secret_lifetime, add_secret: AddSecret::IfNeeded }, o)
}

fn samples() -> Vec<Message> {
    let mut out = Vec::new();
    out.extend(DelegatedScope::ALL.iter().map(|s| s.reason()));
    out.extend(Action::ALL.iter().map(|a| Message::new(a.label_key())));
    out.extend(permission_table().into_iter().map(|r| r.reason));
    use ConsentUrlProblem::*;
    out.extend([Authority, Tenant, RedirectUri, NoScopes, State].iter().map(ConsentUrlProblem::message));
    out.push(parse::application("[]").unwrap_err().message());
    for consent in
        [UserConsent::Off, UserConsent::AllApps, UserConsent::LowImpact, UserConsent::Custom(vec!["x".into()])]
    {
        for profile in PermissionProfile::ALL {
            out.push(consent.generate_token_impact(profile));
        }
    }
    let users = [
        r#"{"id":"1","userPrincipalName":"a@b.c","accountEnabled":false}"#,
        r#"{"id":"1","userPrincipalName":"a@b.c","mail":"a@b.c"}"#,
    ];
    for u in users {
        out.extend(parse::user(u).unwrap().mailbox_findings("z@b.c").into_iter().map(|f| f.message));
    }
    out.push(parse::GraphError::parse(&fixture("error_not_found.json")).unwrap().message_key());
    out.push(SecretLifetime::parse(0).unwrap_err());

    // Plans that produce every operation and every finding.
    let mut setup = Setup::default();
    setup.webex_connect.callback_url = "https://acme.us.webexconnect.io/callback".into();
    setup.azure.app_display_name = "n".into();
    setup.azure.client_id = "00000005-5e7e-4000-8000-000000000005".into();
    setup.azure.tenant_id = "0000000f-5e7e-4000-8000-00000000000f".into();
    let app = parse::application(&fixture("application.json")).unwrap();
    let mut exchange = parse::service_principal(&fixture("sp_exchange.json")).unwrap();
    exchange.app_roles[0].id = "other".into();
    exchange.oauth2_permission_scopes[0].id = "other".into();
    let sp = parse::service_principal(&fixture("service_principal_created.json")).unwrap();
    let mut grants = parse::oauth2_permission_grants(&fixture("oauth2_permission_grants.json")).unwrap();
    grants[0].scope = Some("User.Read".into());
    let observed = [
        Observed::default(),
        Observed {
            organization: Lookup::Found(parse::organizations(&fixture("organization.json")).unwrap().remove(0)),
            authorization_policy: Lookup::Found(AuthorizationPolicy::default()),
            exchange: Lookup::Found(exchange),
            graph: Lookup::Found(parse::service_principal(&fixture("sp_graph.json")).unwrap()),
            app_by_app_id: Lookup::Missing,
            apps_by_display_name: Lookup::Found(vec![app.clone()]),
            service_principal: Lookup::Found(sp),
            grants: Lookup::Found(grants),
            app_role_assignments: Lookup::Found(vec![]),
            ..Observed::default()
        },
        Observed { app_by_app_id: Lookup::Found(app.clone()), ..Observed::default() },
        // Its newest valid secret lists no end date.
        Observed {
            app_by_app_id: Lookup::Found({
                let mut undated = app.clone();
                undated.password_credentials.iter_mut().for_each(|c| c.end_date_time = None);
                undated
            }),
            ..Observed::default()
        },
        Observed {
            apps_by_display_name: Lookup::Found(vec![app.clone(), app]),
            exchange: Lookup::Missing,
            ..Observed::default()
        },
        Observed { graph: Lookup::Found(Default::default()), ..Observed::default() },
        // Provisioned by the earlier plan: SMTP.Send on Microsoft Graph moves to Exchange Online.
        Observed {
            graph: Lookup::Found(parse::service_principal(&fixture("sp_graph.json")).unwrap()),
            app_by_app_id: Lookup::Found(parse::application(&fixture("application_old_plan.json")).unwrap()),
            service_principal: Lookup::Found(
                parse::service_principal(&fixture("service_principal_created.json")).unwrap(),
            ),
            grants: Lookup::Found(
                parse::oauth2_permission_grants(&fixture("oauth2_permission_grants_old_plan.json")).unwrap(),
            ),
            ..Observed::default()
        },
    ];
    for profile in PermissionProfile::ALL {
        setup.azure.permission_profile = profile;
        for o in &observed {
            let p = plan_at_now(&setup, o);
            out.extend(p.findings.into_iter().map(|f| f.message));
            out.extend(p.operations.into_iter().map(|o| o.purpose));
        }
    }
    setup.webex_connect.callback_url.clear();
    setup.azure.app_display_name.clear();
    let p = plan_at_now(&setup, &Observed::default());
    out.extend(p.findings.into_iter().map(|f| f.message));
    out.extend(super::apply_tests::failure_samples());
    out
}

#[test]
fn every_message_has_text_in_both_languages() {
    crate::domain::locale::area_check::assert_area("graph", samples(), &["graph."]);
}
