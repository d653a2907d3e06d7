//! The client secret: added for a new registration, one with no unexpired secret, when the
//! secret this tab made is gone or expired, or when the admin asks; else the registration keeps
//! the one it has and the plan says so.

use super::op::Kind;
use super::parse::PasswordCredential;
use super::plan::*;
use super::plan_tests::{completed, setup, write_ids, NOW};
use crate::domain::field::Field;
use crate::domain::finding::Severity;
use crate::domain::model::PermissionProfile;

const HELD: &str = "00000007-5e7e-4000-8000-000000000007";

fn plan_with(o: &Observed, add_secret: AddSecret, days: u32) -> Plan {
    let s = setup(PermissionProfile::LeastPrivilege);
    let secret_lifetime = SecretLifetime::parse(days).unwrap();
    plan(&PlanInput { setup: &s, now_unix_ms: NOW, secret_lifetime, add_secret }, o)
}

fn if_needed(o: &Observed) -> Plan {
    plan_with(o, AddSecret::IfNeeded, SecretLifetime::DEFAULT.days())
}

/// The completed tenant's registration, its secrets replaced.
fn with_secrets(held: Option<&str>, ends: &[Option<&str>]) -> Observed {
    let mut o = completed(PermissionProfile::LeastPrivilege);
    o.secret_key_id = held.map(str::to_string);
    if let Lookup::Found(app) = &mut o.app_by_unique_name {
        let template = app.password_credentials[0].clone();
        app.password_credentials = ends
            .iter()
            .enumerate()
            .map(|(i, end)| PasswordCredential {
                key_id: format!("0000000{i}-aaaa-4000-8000-000000000000"),
                end_date_time: end.map(str::to_string),
                hint: Some(format!("h{i}x")),
                ..template.clone()
            })
            .collect();
    }
    o
}

#[test]
fn a_valid_secret_is_kept_when_the_tab_holds_none() {
    let mut o = completed(PermissionProfile::LeastPrivilege);
    o.secret_key_id = None;
    let p = if_needed(&o);
    assert!(p.is_read_only(), "{:?}", write_ids(&p));
    let kept = p.findings.iter().find(|f| f.message.key == SECRET_KEPT).expect("says why no secret is added");
    assert_eq!((kept.severity, kept.field), (Severity::Info, Field::AzureClientSecret));
    let params = ["count", "hint", "end"].map(|k| kept.message.param(k));
    assert_eq!(params, [Some("1"), Some("Ab1"), Some("2027-05-27")]);
    // Several: the latest one is named; expired and undated ones do not count.
    let o = with_secrets(
        None,
        &[Some("2027-01-01T00:00:00Z"), Some("2026-01-01T00:00:00Z"), None, Some("2028-02-03T04:05:06Z")],
    );
    let p = if_needed(&o);
    assert!(p.is_read_only());
    let kept = p.findings.iter().find(|f| f.message.key == SECRET_KEPT).unwrap();
    let params = ["count", "hint", "end"].map(|k| kept.message.param(k));
    assert_eq!(params, [Some("2"), Some("h3x"), Some("2028-02-03")]);
}

#[test]
fn no_unexpired_secret_gets_a_new_one() {
    for ends in [&[][..], &[Some("2026-11-28T09:59:59Z")][..], &[None][..], &[Some("2026-11-28T10:00:00Z")][..]] {
        let p = if_needed(&with_secrets(None, ends));
        assert_eq!(write_ids(&p), ["app.add_password"], "{ends:?}");
        assert!(p.findings.iter().all(|f| f.message.key != SECRET_KEPT));
    }
}

#[test]
fn the_secret_this_tab_holds_is_replaced_when_gone_or_expired() {
    // Gone (deleted, or another registration's): the value the wizard holds will not work.
    let p = if_needed(&with_secrets(Some(HELD), &[Some("2027-01-01T00:00:00Z")]));
    assert_eq!(write_ids(&p), ["app.add_password"], "the held keyId is not among the listed ones");
    // Listed and valid: nothing to do, and nothing to say.
    let mut o = completed(PermissionProfile::LeastPrivilege);
    let p = if_needed(&o);
    assert!(p.is_read_only() && p.findings.iter().all(|f| f.message.key != SECRET_KEPT));
    // Expired: a new one, as long-lived as asked.
    if let Lookup::Found(app) = &mut o.app_by_unique_name {
        app.password_credentials[0].end_date_time = Some("2026-11-28T09:59:59Z".into());
    }
    let p = plan_with(&o, AddSecret::IfNeeded, 1);
    assert_eq!(write_ids(&p), ["app.add_password"]);
    assert!(p.writes().next().unwrap().redacted().body.unwrap().contains("2026-11-29T10:00:00Z"));
}

#[test]
fn a_requested_secret_is_added_beside_a_valid_one() {
    for held in [None, Some(HELD.to_string())] {
        let mut o = completed(PermissionProfile::LeastPrivilege);
        o.secret_key_id = held;
        let p = plan_with(&o, AddSecret::Requested, SecretLifetime::DEFAULT.days());
        assert_eq!(write_ids(&p), ["app.add_password"]);
        assert!(p.findings.iter().all(|f| f.message.key != SECRET_KEPT));
    }
    // A new registration always gets one, asked or not.
    let p = if_needed(&Observed::default());
    assert!(p.operations.iter().any(|o| o.id == "app.add_password" && o.kind == Kind::Write));
}
