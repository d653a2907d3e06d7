//! The apply run against the in-memory tenant: fresh tenant, re-run, both profiles,
//! throttling, replication lag, refused tokens, blocking findings and errors that stop.

use serde_json::json;

use super::answer::Answer;
use super::apply::{After, Next, Phase, Progress, RoundTrip, Run};
use super::fake_tenant::{drive, FakeTenant};
use super::op::Kind;
use super::plan::SecretLifetime;
use crate::domain::model::{PermissionProfile, Setup};

const NOW: i64 = 1_795_860_000_000;

fn setup(profile: PermissionProfile) -> Setup {
    let mut s = Setup::default();
    s.webex_connect.callback_url = "https://acme.us.webexconnect.io/callback".into();
    s.azure.app_display_name = "Webex Connect Email".into();
    s.azure.permission_profile = profile;
    s
}

fn new_run(s: &Setup, key_id: Option<String>) -> Run {
    Run::new(s, NOW, SecretLifetime::DEFAULT, key_id)
}

fn graph_error(status: u16, code: &str, message: &str) -> Answer {
    Answer::new(status, json!({"error": {"code": code, "message": message}}).to_string())
}

fn throttled(retry_after: Option<&str>) -> Answer {
    let mut a = graph_error(429, "TooManyRequests", "Too many requests.");
    a.retry_after = retry_after.map(str::to_string);
    a
}

#[test]
fn fresh_tenant_is_provisioned_and_the_wizard_gets_ids_and_secret() {
    for profile in [PermissionProfile::LeastPrivilege, PermissionProfile::AsDocumented] {
        let s = setup(profile);
        let mut tenant = FakeTenant::default();
        let mut run = new_run(&s, None);
        let driven = drive(&mut run, &mut tenant);
        assert_eq!(driven.end, Next::Finished, "{profile:?}: {:?}", run.failure);
        assert!(driven.waits.is_empty());
        assert_eq!(tenant.apps.len(), 1);
        assert_eq!(tenant.service_principals.len(), 1);
        let app = &tenant.apps[0];
        assert_eq!(run.outcome.client_id.as_deref(), app["appId"].as_str());
        assert_eq!(run.outcome.tenant_id.as_deref(), Some("72f988bf-86f1-41af-91ab-2d7cd011db47"));
        let secret = run.outcome.secret.clone().expect("a new secret");
        assert_eq!(secret.value, "abc~FAKE-SECRET-VALUE");
        assert_eq!(secret.end_date_time, "2027-05-27T10:00:00Z");
        assert_eq!(app["web"]["redirectUris"], json!(["https://acme.us.webexconnect.io/callback"]));
        match profile {
            PermissionProfile::AsDocumented => {
                assert_eq!((tenant.assignments.len(), tenant.grants.len()), (1, 0));
                assert_eq!(app["web"]["implicitGrantSettings"]["enableAccessTokenIssuance"], json!(true));
            }
            _ => {
                assert_eq!((tenant.assignments.len(), tenant.grants.len()), (0, 2));
                // One tenant-wide grant per resource: SMTP.Send where the SMTP token is issued.
                let on = |sp: &str| tenant.grants.iter().find(|g| g["resourceId"] == sp).map(|g| g["scope"].clone());
                assert_eq!(on("00000002-5e7e-4000-8000-000000000002"), Some(json!("SMTP.Send")));
                assert_eq!(on("00000003-5e7e-4000-8000-000000000003"), Some(json!("openid offline_access")));
            }
        }
        // Every planned write ran once and shows as done.
        assert_eq!(run.outcome.writes_done, tenant.writes);
        assert!(run.entries.iter().all(|e| matches!(e.progress, Progress::Done { .. })), "{:?}", run.entries);
        // One batch of reads, then one round trip per write.
        assert_eq!(run.outcome.round_trips, 1 + tenant.writes);
    }
}

#[test]
fn writes_wait_for_the_admin_to_confirm_them() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = FakeTenant::default();
    let mut run = new_run(&s, None);
    let mut trips = 0;
    let reviewed = loop {
        match run.next_step() {
            Next::Send(trip) => {
                trips += 1;
                run.record(tenant.round_trip(&trip), NOW);
            }
            other => break other,
        }
    };
    assert_eq!((reviewed, trips, tenant.writes), (Next::Review, 1, 0));
    assert_eq!(run.phase(), Phase::Review);
    let planned: Vec<_> = run.planned_writes().iter().map(|o| o.id).collect();
    assert_eq!(
        planned,
        ["app.create", "app.add_password", "sp.create", "consent.grant.exchange", "consent.grant.graph"]
    );
    assert_eq!(run.next_step(), Next::Review, "still waiting");
    let waiting = run.entries.iter().filter(|e| e.kind == Kind::Write && e.progress == Progress::Waiting).count();
    assert_eq!(waiting, 5);
    run.confirm();
    assert_eq!(drive(&mut run, &mut tenant).end, Next::Finished);
    assert_eq!(tenant.writes, 5);
    assert_eq!(run.phase(), Phase::Finished);
}

#[test]
fn a_token_that_expired_before_sending_holds_the_request() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut run = new_run(&s, None);
    let Next::Send(first) = run.next_step() else { panic!("reads first") };
    run.hold_for_sign_in();
    assert_eq!(run.next_step(), Next::SignInAgain);
    run.signed_in_again();
    assert_eq!(run.next_step(), Next::Send(first), "the same round trip, once signed in");
}

#[test]
fn rerun_finds_everything_and_writes_nothing() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = FakeTenant::default();
    let mut first = new_run(&s, None);
    assert_eq!(drive(&mut first, &mut tenant).end, Next::Finished);
    let key_id = first.outcome.secret.as_ref().map(|k| k.key_id.clone());
    let writes = tenant.writes;

    let mut again = new_run(&s, key_id);
    assert_eq!(drive(&mut again, &mut tenant).end, Next::Finished);
    assert_eq!((again.outcome.writes_done, tenant.writes), (0, writes));
    assert!(again.entries.iter().all(|e| e.kind != Kind::Write));
    assert_eq!(again.outcome.client_id, first.outcome.client_id, "the wizard gets the same client id");
    assert!(again.outcome.secret.is_none());
    // Reads: tenant + lookups, then the principal, then consent (three round trips).
    assert_eq!(again.outcome.round_trips, 3);
    assert_eq!((tenant.apps.len(), tenant.service_principals.len(), tenant.grants.len()), (1, 1, 2));
}

/// A tenant the earlier plan provisioned: SMTP.Send on Microsoft Graph, in the registration
/// and in the tenant-wide grant (with User.Read the admin added there by hand).
fn old_plan_tenant() -> FakeTenant {
    let fixture = |name: &str| -> serde_json::Value {
        let path = format!("{}/src/domain/graph/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let mut grants = fixture("oauth2_permission_grants_old_plan.json")["value"].as_array().cloned().unwrap();
    grants[0]["scope"] = json!("openid offline_access SMTP.Send User.Read");
    let mut tenant = FakeTenant::default();
    tenant.apps.push(fixture("application_old_plan.json"));
    tenant.service_principals.push(fixture("service_principal_created.json"));
    tenant.grants = grants;
    tenant
}

#[test]
fn old_plan_tenant_is_migrated_once_and_then_left_alone() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = old_plan_tenant();
    // Day two in a fresh tab: it holds no secret, the registration has a valid one.
    let mut run = new_run(&s, None);
    assert_eq!(drive(&mut run, &mut tenant).end, Next::Finished, "{:?}", run.failure);
    let writes: Vec<_> = run.entries.iter().filter(|e| e.kind == Kind::Write).map(|e| e.op_id).collect();
    assert_eq!(writes, ["app.update", "consent.grant.exchange", "consent.update_grant.graph"]);
    // The registration declares SMTP.Send on Exchange Online, no longer on Graph.
    let declared = &tenant.apps[0]["requiredResourceAccess"];
    assert_eq!(
        *declared,
        json!([{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [
                   {"id": "37f7f235-527c-4136-accd-4a02d197296e", "type": "Scope"},
                   {"id": "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", "type": "Scope"}]},
               {"resourceAppId": "00000002-0000-0ff1-ce00-000000000000", "resourceAccess": [
                   {"id": "76faac2a-0f20-42f1-928a-50de5b9dbe52", "type": "Scope"}]}])
    );
    // The Graph grant lost only SMTP.Send; the Exchange Online grant holds it now.
    let scope = |sp: &str| tenant.grants.iter().find(|g| g["resourceId"] == sp).map(|g| g["scope"].clone());
    assert_eq!(scope("00000003-5e7e-4000-8000-000000000003"), Some(json!("openid offline_access User.Read")));
    assert_eq!(scope("00000002-5e7e-4000-8000-000000000002"), Some(json!("SMTP.Send")));
    assert!(run.outcome.secret.is_none(), "the registration's valid secret stays: none added");
    assert_eq!(tenant.apps[0]["passwordCredentials"].as_array().map(Vec::len), Some(1));

    let before = tenant.writes;
    let mut again = new_run(&s, None);
    assert_eq!(drive(&mut again, &mut tenant).end, Next::Finished);
    assert_eq!((again.outcome.writes_done, tenant.writes), (0, before), "a second re-run writes nothing");
}

#[test]
fn rerun_without_the_held_secret_adds_one_only_when_asked() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = FakeTenant::default();
    drive(&mut new_run(&s, None), &mut tenant);
    let mut again = new_run(&s, None);
    assert_eq!(drive(&mut again, &mut tenant).end, Next::Finished);
    assert_eq!((again.outcome.writes_done, again.outcome.secret.is_none()), (0, true));
    assert!(again.can_request_new_secret(), "the registration's valid secret is kept, and a new one offered");
    // Asked for: planned again from the reads already done, reviewed, then added.
    let trips = again.outcome.round_trips;
    again.request_new_secret();
    assert_eq!(again.next_step(), Next::Review);
    let planned: Vec<_> = again.planned_writes().iter().map(|o| o.id).collect();
    assert_eq!(planned, ["app.add_password"]);
    assert_eq!(again.entries.iter().filter(|e| e.kind == Kind::Write).count(), 1);
    assert!(!again.can_request_new_secret());
    again.confirm();
    assert_eq!(drive(&mut again, &mut tenant).end, Next::Finished);
    assert_eq!(again.outcome.round_trips, trips + 1, "no read again, one write");
    assert_eq!(tenant.apps[0]["passwordCredentials"].as_array().map(Vec::len), Some(2));
    assert!(again.outcome.secret.is_some());
}

#[test]
fn throttled_reads_wait_as_told_and_only_the_refused_request_goes_again() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = FakeTenant::default();
    tenant.faults.push_back(("resource.graph", throttled(Some("7"))));
    let mut run = new_run(&s, None);
    let first = run.next_step();
    let Next::Send(trip) = first else { panic!("{first:?}") };
    assert!(trip.is_batch());
    let answers = tenant.round_trip(&trip);
    assert_eq!(run.record(answers, NOW), After::Wait { ms: 7_000, why: super::retry::Why::Throttled });
    let again = run.next_step();
    let Next::Send(retry) = again else { panic!("{again:?}") };
    assert_eq!(retry.requests.iter().map(|r| r.op_id).collect::<Vec<_>>(), ["resource.graph"]);
    let answers = tenant.round_trip(&retry);
    assert_eq!(run.record(answers, NOW), After::Continue);
    assert_eq!(drive(&mut run, &mut tenant).end, Next::Finished);
}

#[test]
fn unavailable_without_retry_after_backs_off_and_gives_up_after_five_tries() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = FakeTenant::default();
    tenant.faults.push_back(("app.create", graph_error(503, "ServiceUnavailable", "Try later.")));
    let mut run = new_run(&s, None);
    let driven = drive(&mut run, &mut tenant);
    assert_eq!((driven.end, driven.waits), (Next::Finished, vec![1_000]));
    assert_eq!(tenant.apps.len(), 1);

    let mut tenant = FakeTenant::default();
    for _ in 0..5 {
        tenant.faults.push_back(("tenant.organization", throttled(None)));
    }
    let mut run = new_run(&s, None);
    let driven = drive(&mut run, &mut tenant);
    assert_eq!(driven.end, Next::Failed);
    assert_eq!(driven.waits, [1_000, 2_000, 4_000, 8_000]);
    assert_eq!(run.failure.as_ref().map(|m| m.key), Some("graph.apply.gave_up"));
    assert_eq!(tenant.writes, 0, "nothing is written after a read gave up");
}

#[test]
fn replication_lag_after_a_create_is_retried_with_backoff() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = FakeTenant::default();
    let lag = "The appId '{id}' of the service principal does not reference a valid application object.";
    for _ in 0..2 {
        tenant.faults.push_back(("sp.create", graph_error(400, "Request_BadRequest", lag)));
    }
    let mut run = new_run(&s, None);
    let driven = drive(&mut run, &mut tenant);
    assert_eq!((driven.end, driven.waits), (Next::Finished, vec![2_000, 4_000]));
    assert_eq!(tenant.service_principals.len(), 1);
}

#[test]
fn the_same_error_on_an_object_not_created_by_this_run_stops() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = FakeTenant::default();
    drive(&mut new_run(&s, None), &mut tenant);
    tenant.service_principals.clear();
    tenant.faults.push_back((
        "sp.create",
        graph_error(400, "Request_BadRequest", "does not reference a valid application object"),
    ));
    let mut run = new_run(&s, None);
    assert_eq!(drive(&mut run, &mut tenant).end, Next::Failed);
    let failure = run.failure.clone().expect("stopped");
    assert_eq!(failure.key, "graph.apply.failed");
    assert!(failure.params.iter().any(|(k, v)| *k == "error" && v.starts_with("Request_BadRequest: ")));
}

#[test]
fn other_errors_stop_with_what_was_done_and_nothing_after() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = FakeTenant::default();
    let denied = graph_error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    tenant.faults.push_back(("sp.create", denied));
    let mut run = new_run(&s, None);
    assert_eq!(drive(&mut run, &mut tenant).end, Next::Failed);
    let state = |id: &str| run.entries.iter().find(|e| e.op_id == id).map(|e| e.progress.clone());
    assert_eq!(state("app.create"), Some(Progress::Done { status: 201 }));
    assert_eq!(state("sp.create"), Some(Progress::Failed { status: 403 }));
    assert_eq!(state("consent.grant.exchange"), Some(Progress::Waiting));
    assert_eq!(state("consent.grant.graph"), Some(Progress::Waiting));
    assert!(tenant.grants.is_empty());
    assert_eq!(run.next_step(), Next::Failed, "a stopped run stays stopped");
    assert_eq!(run.phase(), Phase::Failed);
    // What was made stays in the outcome: the wizard still gets the client id and secret.
    assert!(run.outcome.client_id.is_some() && run.outcome.secret.is_some());
}

#[test]
fn a_refused_token_waits_for_a_new_sign_in_then_sends_the_same_request() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = FakeTenant::default();
    let expired = graph_error(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
    tenant.faults.push_back(("consent.grant.graph", expired));
    let mut run = new_run(&s, None);
    assert_eq!(drive(&mut run, &mut tenant).end, Next::SignInAgain);
    assert_eq!(run.next_step(), Next::SignInAgain, "nothing is sent until the session is renewed");
    assert_eq!(run.phase(), Phase::SignInAgain);
    run.signed_in_again();
    let next = run.next_step();
    let Next::Send(trip) = next else { panic!("{next:?}") };
    assert_eq!(trip.requests[0].op_id, "consent.grant.graph");
    run.record(tenant.round_trip(&trip), NOW);
    assert_eq!(drive(&mut run, &mut tenant).end, Next::Finished);
    assert_eq!((tenant.apps.len(), tenant.grants.len()), (1, 2), "nothing made twice");
    assert!(run.outcome.secret.is_some(), "the secret made before the sign-in is kept");
}

#[test]
fn several_registrations_with_the_name_block_every_write() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = FakeTenant::default();
    for n in 0..2 {
        tenant
            .apps
            .push(json!({"id": format!("obj-{n}"), "appId": format!("app-{n}"), "displayName": "Webex Connect Email"}));
    }
    let mut run = new_run(&s, None);
    assert_eq!(drive(&mut run, &mut tenant).end, Next::Blocked);
    assert_eq!(run.phase(), Phase::Blocked);
    assert_eq!(tenant.writes, 0);
    assert!(run.findings.iter().any(|f| f.message.key == "graph.app.ambiguous"));
}

#[test]
fn an_upsert_that_updated_instead_of_creating_stops_and_says_run_again() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = FakeTenant::default();
    tenant.faults.push_back(("app.create", Answer::new(204, "")));
    let mut run = new_run(&s, None);
    assert_eq!(drive(&mut run, &mut tenant).end, Next::Failed);
    assert_eq!(run.failure.as_ref().map(|m| m.key), Some("graph.apply.answer_incomplete"));
}

#[test]
fn a_failed_batch_counts_for_every_request_and_an_unreadable_one_is_not_guessed() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut run = new_run(&s, None);
    let next = run.next_step();
    let Next::Send(trip) = next else { panic!("{next:?}") };
    let n = trip.requests.len();
    let all = trip.batch_answers(throttled(Some("3")));
    assert_eq!(all.len(), n);
    assert!(all.iter().all(|a| a.status == 429 && a.retry_after.as_deref() == Some("3")));
    let unreadable = trip.batch_answers(Answer::new(200, "<html>proxy</html>"));
    assert!(unreadable.iter().all(|a| a.status == 502 && a.error().is_some()));
    let body: serde_json::Value = serde_json::from_str(&trip.batch_body().unwrap()).unwrap();
    assert_eq!(body["requests"].as_array().map(Vec::len), Some(n));
    assert_eq!(body["requests"][0]["id"], "1");
    assert!(body["requests"][0]["url"].as_str().unwrap().starts_with("/organization"));
}

#[test]
fn no_debug_output_shows_the_new_secret() {
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = FakeTenant::default();
    let mut run = new_run(&s, None);
    drive(&mut run, &mut tenant);
    assert!(run.outcome.secret.is_some());
    let shown = format!("{run:?} {:?}", RoundTrip { requests: Vec::new() });
    assert!(!shown.contains("FAKE-SECRET"), "{shown}");
}

/// Figures for scripts/bench-graph (`--ignored --nocapture`): Graph round trips of a fresh
/// tenant and of a re-run, per profile.
#[test]
#[ignore]
fn round_trip_figures() {
    for profile in [PermissionProfile::LeastPrivilege, PermissionProfile::AsDocumented] {
        let s = setup(profile);
        let mut tenant = FakeTenant::default();
        let mut fresh = new_run(&s, None);
        drive(&mut fresh, &mut tenant);
        let (fresh_trips, fresh_requests) = (fresh.outcome.round_trips, tenant.requests);
        let key_id = fresh.outcome.secret.as_ref().map(|k| k.key_id.clone());
        let mut again = new_run(&s, key_id);
        drive(&mut again, &mut tenant);
        println!(
            "{profile:?}: fresh tenant {fresh_trips} round trips ({fresh_requests} requests, {} writes); \
             re-run {} round trips ({} requests, {} writes)",
            fresh.outcome.writes_done,
            again.outcome.round_trips,
            tenant.requests - fresh_requests,
            again.outcome.writes_done
        );
    }
    // A tenant the earlier plan provisioned (SMTP.Send on Microsoft Graph), opened in a fresh tab.
    let s = setup(PermissionProfile::LeastPrivilege);
    let mut tenant = old_plan_tenant();
    let mut moved = new_run(&s, None);
    drive(&mut moved, &mut tenant);
    println!(
        "LeastPrivilege: old-plan tenant {} round trips ({} requests, {} writes)",
        moved.outcome.round_trips, tenant.requests, moved.outcome.writes_done
    );
}

/// Every way a run can stop, for the locale check.
pub(super) fn failure_samples() -> Vec<crate::domain::finding::Message> {
    let s = setup(PermissionProfile::LeastPrivilege);
    let stop = |faults: Vec<(&'static str, Answer)>| {
        let mut tenant = FakeTenant::default();
        tenant.faults.extend(faults);
        let mut run = new_run(&s, None);
        drive(&mut run, &mut tenant);
        run.failure
    };
    let mut out = vec![
        stop(vec![("app.create", graph_error(403, "Authorization_RequestDenied", "No."))]),
        stop(vec![("tenant.organization", throttled(None)); 5]),
        stop(vec![("app.create", Answer::new(204, ""))]),
    ];
    let mut run = new_run(&s, None);
    run.next_step();
    run.transport_failed("Failed to fetch");
    out.push(run.failure);
    out.push(Some(super::apply::value_missing(super::op::Var::AppId, "sp.create")));
    out.into_iter().flatten().collect()
}
