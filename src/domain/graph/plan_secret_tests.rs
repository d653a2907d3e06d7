//! The client secret: added for a new registration, one with no valid secret, when the secret
//! this tab made is gone, expired or not valid yet, or when the admin asks; else the
//! registration keeps the one it has and the plan says so, naming the secret the day-two audit
//! calls the newest.

use super::op::Kind;
use super::parse::PasswordCredential;
use super::plan::*;
use super::plan_tests::{completed, setup, write_ids, NOW};
use super::secrets;
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

/// The same, each secret starting when given (the fixture's start is `NOW`).
fn with_dates(held: Option<&str>, dates: &[(&str, &str)]) -> Observed {
    let mut o = with_secrets(held, &dates.iter().map(|(_, end)| Some(*end)).collect::<Vec<_>>());
    if let Lookup::Found(app) = &mut o.app_by_unique_name {
        for (c, (start, _)) in app.password_credentials.iter_mut().zip(dates) {
            c.start_date_time = Some(start.to_string());
        }
    }
    o
}

fn kept_params(p: &Plan) -> Option<[Option<&str>; 3]> {
    let kept = p.findings.iter().find(|f| f.message.key == SECRET_KEPT)?;
    Some(["count", "hint", "end"].map(|k| kept.message.param(k)))
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
    // Several, started together: the one that ends last is named; an expired one does not
    // count, one without an end does (it never expires).
    let o = with_secrets(
        None,
        &[Some("2027-01-01T00:00:00Z"), Some("2026-01-01T00:00:00Z"), None, Some("2028-02-03T04:05:06Z")],
    );
    let p = if_needed(&o);
    assert!(p.is_read_only());
    assert_eq!(kept_params(&p), Some([Some("3"), Some("h3x"), Some("2028-02-03")]));
}

#[test]
fn the_kept_secret_is_the_newest_as_the_audit_says() {
    // The later start ends earlier: it is still the newest, the one the audit and the
    // day-two fill name, and the one the admin most likely gave Webex Connect.
    let o = with_dates(
        None,
        &[("2026-06-01T00:00:00Z", "2027-06-01T00:00:00Z"), ("2026-01-01T00:00:00Z", "2028-06-01T00:00:00Z")],
    );
    let p = if_needed(&o);
    assert!(p.is_read_only(), "{:?}", write_ids(&p));
    assert_eq!(kept_params(&p), Some([Some("2"), Some("h0x"), Some("2027-06-01")]));
    let Lookup::Found(app) = &o.app_by_unique_name else { unreachable!() };
    let listed = secrets::listed(&app.password_credentials, NOW);
    let newest = secrets::newest_valid(&listed).expect("two valid secrets");
    let named = app.password_credentials.iter().find(|c| c.hint.as_deref() == kept_params(&p).unwrap()[1]);
    assert_eq!(named.map(|c| c.key_id.as_str()), Some(newest.key_id.as_str()));
    assert_eq!(kept_params(&p).unwrap()[2], Some(newest.end_date()));
}

#[test]
fn a_secret_not_valid_yet_is_not_kept() {
    // The only secret not expired starts tomorrow: nothing works today, so a new one is added.
    let o = with_dates(
        None,
        &[("2026-11-29T10:00:00Z", "2027-11-29T10:00:00Z"), ("2025-11-28T10:00:00Z", "2026-11-28T10:00:00Z")],
    );
    let p = if_needed(&o);
    assert_eq!(write_ids(&p), ["app.add_password"]);
    assert_eq!(kept_params(&p), None);
    // Beside a valid one it is not counted, and not named (more than the clock-skew allowance
    // of secrets::CLOCK_SKEW_MS ahead).
    let o = with_dates(
        None,
        &[("2026-11-28T10:05:01Z", "2028-01-01T00:00:00Z"), ("2026-11-28T10:00:00Z", "2027-01-01T00:00:00Z")],
    );
    assert_eq!(kept_params(&if_needed(&o)), Some([Some("1"), Some("h1x"), Some("2027-01-01")]));
}

#[test]
fn the_held_secret_is_replaced_until_it_starts() {
    let held = "00000000-AAAA-4000-8000-000000000000"; // the listed keyId, in other case
    let p = if_needed(&with_dates(Some(held), &[("2026-11-28T10:05:01Z", "2027-11-29T10:00:00Z")]));
    assert_eq!(write_ids(&p), ["app.add_password"], "not valid yet: the value held will not work today");
    // Microsoft's clock a few minutes ahead of this one (a secret just made): kept, not doubled.
    for start in ["2026-11-28T10:00:00Z", "2026-11-28T10:00:01Z", "2026-11-28T10:05:00Z"] {
        let p = if_needed(&with_dates(Some(held), &[(start, "2027-11-29T10:00:00Z")]));
        assert!(p.is_read_only(), "{start}: {:?}", write_ids(&p));
    }
    // A held secret without an end never expires: it is kept.
    let p = if_needed(&with_secrets(Some(held), &[None]));
    assert!(p.is_read_only() && p.findings.iter().all(|f| f.message.key != SECRET_KEPT));
}

#[test]
fn no_valid_secret_gets_a_new_one() {
    let ends: [&[Option<&str>]; 4] = [
        &[],
        &[Some("2026-11-28T09:59:59Z")],
        &[Some("2026-11-28T10:00:00Z")],
        &[Some("2026-11-28T10:00:00.9Z")], // compared to the second, as the audit does
    ];
    for ends in ends {
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

#[test]
fn a_kept_secret_without_an_end_date_is_said_without_one() {
    let p = if_needed(&with_secrets(None, &[None]));
    assert!(p.is_read_only(), "{:?}", write_ids(&p));
    let kept = p.findings.iter().find(|f| says_secret_kept(f)).expect("says why no secret is added");
    assert_eq!(kept.message.key, SECRET_KEPT_UNDATED);
    assert_eq!(["count", "end"].map(|k| kept.message.param(k)), [Some("1"), None]);
    assert!(kept.message.param("hint").is_some());
}
