//! The rotation as a state machine: a full run in each mode, stopping after any step, a token
//! that expires mid-way, retries, and the refusals (never the new secret, never out of order).

use serde_json::json;

use super::*;
use crate::domain::graph::op::Method;
use crate::domain::graph::parse::PasswordCredential;
use crate::domain::graph::rotation_ops::{add_scripts, remove_scripts};
use crate::domain::graph::secrets::listed;
use crate::domain::locale::area_check;
use crate::domain::model::Cloud;

const CLIENT: &str = "00000005-5e7e-4000-8000-000000000005";
const OBJECT: &str = "00000004-5e7e-4000-8000-000000000004";
const OLD: &str = "0000000b-5e7e-4000-8000-00000000000b";
const EXPIRED: &str = "0000000c-5e7e-4000-8000-00000000000c";
const NEW: &str = "00000007-5e7e-4000-8000-000000000007";
const VALUE: &str = "Syn8Q~SYNTHETIC-not-a-real-secret-0000000";
/// 2026-12-01T09:00:00Z
const NOW: i64 = 1_796_115_600_000;

fn old_secrets() -> Vec<ListedSecret> {
    let cred = |key: &str, end: &str| PasswordCredential {
        key_id: key.into(),
        display_name: Some("Webex Connect".into()),
        end_date_time: Some(end.into()),
        start_date_time: Some("2025-06-01T00:00:00Z".into()),
        hint: Some("Old".into()),
    };
    listed(&[cred(OLD, "2026-12-10T00:00:00Z"), cred(EXPIRED, "2026-06-01T00:00:00Z")], NOW)
}

fn connected() -> Rotation {
    let target = Target { client_id: CLIENT.into(), object_id: Some(OBJECT.into()) };
    Rotation::new(Mode::Connected, target, old_secrets(), SecretLifetime::DEFAULT)
}

fn added() -> Answer {
    Answer::new(200, include_str!("fixtures/add_password.json"))
}

fn graph_error(status: u16, code: &str) -> Answer {
    Answer::new(status, json!({"error": {"code": code, "message": "m"}}).to_string())
}

fn sent(r: &Rotation) -> (String, String) {
    match r.next_step() {
        Next::Send(trip) => {
            assert_eq!(trip.requests.len(), 1, "one request per round trip");
            let req = &trip.requests[0];
            (format!("{} {}", req.method, req.url), req.body.clone().unwrap_or_default())
        }
        other => panic!("expected a request, got {other:?}"),
    }
}

/// Through (a): the new secret exists; its value handed out once.
fn through_add(r: &mut Rotation) -> NewSecret {
    r.confirm_add(NOW).unwrap();
    assert_eq!(r.record(&added(), NOW), After::Continue);
    let secret = r.take_secret().unwrap();
    assert_eq!(r.take_secret(), None, "handed out once");
    secret
}

#[test]
fn a_full_connected_rotation() {
    let mut r = connected();
    assert_eq!(r.status().key, "rotation.status.not_started");
    // (a) reviewed first: nothing is sent before the confirmation.
    let review = r.add_request(NOW);
    assert_eq!(
        (review.method, review.redacted().url),
        (Method::Post, format!("/v1.0/applications/{OBJECT}/addPassword"))
    );
    assert_eq!(r.next_step(), Next::Review);
    r.confirm_add(NOW).unwrap();
    let (line, body) = sent(&r);
    assert_eq!(line, format!("POST /applications/{OBJECT}/addPassword"));
    assert_eq!(
        body,
        r#"{"passwordCredential":{"displayName":"Webex Connect 2026-12-01","endDateTime":"2027-05-30T09:00:00Z"}}"#
    );
    assert_eq!(r.record(&added(), NOW), After::Continue);
    let secret = r.take_secret().unwrap();
    assert_eq!((secret.value.as_str(), secret.key_id.as_str()), (VALUE, NEW));
    assert!(!format!("{r:?}").contains(VALUE), "the value is never in the rotation's Debug");
    // (b), (c)
    assert_eq!(r.stage(), Stage::UpdateWebex);
    r.webex_updated().unwrap();
    r.prove(Proof::TestSend { message_id: "m-1".into() }).unwrap();
    // (d) reviewed, then sent one by one.
    let ops = r.remove_request(&[OLD.into(), EXPIRED.into()]).unwrap();
    assert_eq!(ops.len(), 2);
    assert_eq!(r.next_step(), Next::Review);
    r.confirm_remove(&[OLD.to_uppercase(), EXPIRED.into()]).unwrap();
    let (line, body) = sent(&r);
    assert_eq!(
        (line.as_str(), body.as_str()),
        (&*format!("POST /applications/{OBJECT}/removePassword"), &*format!(r#"{{"keyId":"{OLD}"}}"#))
    );
    assert_eq!(r.record(&Answer::new(204, ""), NOW), After::Continue);
    assert!(sent(&r).1.contains(EXPIRED));
    // Someone removed it meanwhile: gone is gone.
    assert_eq!(r.record(&graph_error(404, "Request_ResourceNotFound"), NOW), After::Continue);
    assert_eq!((r.stage(), r.next_step()), (Stage::Done, Next::Finished));
    assert_eq!(r.removed(), [OLD, EXPIRED]);
    assert_eq!((r.status().key, r.status().param("expires")), ("rotation.status.done", Some("2027-05-27")));
}

#[test]
fn stopping_after_any_step_leaves_both_secrets_valid() {
    let mut r = connected();
    through_add(&mut r);
    for step in 0..3 {
        let status = r.status();
        assert_eq!((status.key, status.param("count")), ("rotation.status.both_valid", Some("1")), "step {step}");
        assert_eq!(r.removed(), Vec::<String>::new());
        assert_eq!(r.next_step(), Next::Review, "nothing is sent while the admin is away");
        match step {
            0 => r.webex_updated().unwrap(),
            1 => r.prove(Proof::Confirmed).unwrap(),
            _ => {}
        }
    }
    assert_eq!(r.stage(), Stage::Remove);
}

#[test]
fn steps_out_of_order_are_refused() {
    let mut r = connected();
    assert_eq!(r.webex_updated(), Err(Refusal::NotYet(Stage::Add)));
    assert_eq!(r.prove(Proof::Confirmed), Err(Refusal::NotYet(Stage::Add)));
    assert_eq!(r.remove_request(&[OLD.into()]).unwrap_err(), Refusal::NotYet(Stage::Add));
    through_add(&mut r);
    assert_eq!(r.prove(Proof::Confirmed), Err(Refusal::NotYet(Stage::UpdateWebex)));
    assert_eq!(r.confirm_add(NOW), Err(Refusal::NotYet(Stage::UpdateWebex)), "no second new secret");
    r.webex_updated().unwrap();
    assert_eq!(r.remove_request(&[OLD.into()]).unwrap_err(), Refusal::NotYet(Stage::Prove), "not before the proof");
}

#[test]
fn never_removes_the_new_secret() {
    let mut r = connected();
    through_add(&mut r);
    r.webex_updated().unwrap();
    r.prove(Proof::Confirmed).unwrap();
    assert_eq!(r.remove_request(&[NEW.into()]).unwrap_err(), Refusal::NewSecret);
    assert_eq!(r.remove_request(&[OLD.into(), NEW.to_uppercase()]).unwrap_err(), Refusal::NewSecret);
    assert_eq!(r.confirm_remove(&[NEW.into()]), Err(Refusal::NewSecret));
    assert_eq!(r.next_step(), Next::Review, "nothing was loaded");
    let other = "0000000d-5e7e-4000-8000-00000000000d";
    assert_eq!(r.remove_request(&[other.into()]).unwrap_err(), Refusal::UnknownSecret(other.into()));
    assert_eq!(r.remove_request(&[VALUE.into()]).unwrap_err(), Refusal::NotASecretId(VALUE.into()));
    assert_eq!(r.remove_request(&[]).unwrap_err(), Refusal::NothingSelected);
}

#[test]
fn a_token_that_expires_mid_way_waits_for_a_new_sign_in() {
    let mut r = connected();
    r.confirm_add(NOW).unwrap();
    let first = sent(&r);
    assert_eq!(r.record(&graph_error(401, "InvalidAuthenticationToken"), NOW), After::SignInAgain);
    assert_eq!(r.next_step(), Next::SignInAgain);
    r.signed_in_again();
    assert_eq!(sent(&r), first, "the same request again");
    assert_eq!(r.record(&added(), NOW), After::Continue);
    // The value now lives in the wizard's memory; the rotation keeps only the key id.
    let in_wizard = r.take_secret().unwrap();
    r.webex_updated().unwrap();
    r.prove(Proof::Confirmed).unwrap();
    r.confirm_remove(&[OLD.into()]).unwrap();
    // Expired before sending (the session's clock) or refused by Graph: the same either way.
    r.hold_for_sign_in();
    assert_eq!(r.next_step(), Next::SignInAgain);
    r.signed_in_again();
    assert_eq!(r.record(&graph_error(401, "InvalidAuthenticationToken"), NOW), After::SignInAgain);
    assert_eq!(r.new_key().map(|k| k.key_id.as_str()), Some(NEW), "the new secret is not forgotten");
    r.signed_in_again();
    assert!(sent(&r).1.contains(OLD));
    assert_eq!(r.record(&Answer::new(204, ""), NOW), After::Continue);
    assert_eq!(r.stage(), Stage::Done);
    assert_eq!(in_wizard.value, VALUE);
}

#[test]
fn throttling_is_waited_out_but_an_uncertain_add_is_not_repeated() {
    let mut r = connected();
    r.confirm_add(NOW).unwrap();
    let mut throttled = graph_error(429, "TooManyRequests");
    throttled.retry_after = Some("3".into());
    assert!(matches!(r.record(&throttled, NOW), After::Wait { ms: 3000, .. }));
    assert!(matches!(r.next_step(), Next::Send(_)));
    // A gateway timeout may hide a secret that was made: stop and say so rather than make two.
    assert_eq!(r.record(&graph_error(504, "GatewayTimeout"), NOW), After::Stop);
    assert_eq!((r.next_step(), r.failure().map(|m| m.key)), (Next::Failed, Some("rotation.add.failed")));
    // The tenant caps lifetimes: a shorter one, confirmed again.
    r.confirm_add(NOW).unwrap();
    assert_eq!(r.record(&graph_error(400, "CredentialInvalidLifetimeAsPerAppPolicy"), NOW), After::Stop);
    assert_eq!(r.failure().map(|m| m.key), Some("rotation.add.lifetime_policy"));
    r.set_lifetime(SecretLifetime::parse(90).unwrap());
    r.confirm_add(NOW).unwrap();
    assert!(sent(&r).1.contains("2027-03-01T09:00:00Z"));
    assert_eq!(r.record(&Answer::new(200, "{}"), NOW), After::Stop);
    assert_eq!(r.failure().map(|m| m.key), Some("rotation.add.unreadable"));
}

#[test]
fn a_failed_removal_stops_and_can_be_confirmed_again() {
    let mut r = connected();
    through_add(&mut r);
    r.webex_updated().unwrap();
    r.prove(Proof::Confirmed).unwrap();
    r.confirm_remove(&[OLD.into()]).unwrap();
    assert_eq!(r.record(&graph_error(403, "Authorization_RequestDenied"), NOW), After::Stop);
    assert_eq!(r.failure().map(|m| m.key), Some("rotation.remove.failed"));
    assert_eq!(r.stage(), Stage::Remove);
    r.confirm_remove(&[OLD.into()]).unwrap();
    assert_eq!(r.record(&Answer::new(204, ""), NOW), After::Continue);
    assert_eq!(r.stage(), Stage::Done);
}

#[test]
fn manual_mode_by_hand_with_scripts() {
    let target = Target { client_id: CLIENT.into(), object_id: None };
    let mut r = Rotation::new(Mode::Manual, target, Vec::new(), SecretLifetime::DEFAULT);
    let (ps, az) = add_scripts(&r.add_request(NOW), Cloud::Global);
    assert!(ps.contains(&format!("'/applications(appId=%27{CLIENT}%27)/addPassword'")), "{ps}");
    assert!(ps.contains("Run it ONCE") && ps.contains("$ClientSecretId = $r['keyId']"), "{ps}");
    assert!(az.contains("Client secret ID (keyId; not the value)"), "{az}");
    assert_eq!(r.added_by_hand(VALUE, ""), Err(Refusal::NotASecretId(VALUE.into())), "the value, not the Secret ID");
    r.added_by_hand(&NEW.to_uppercase(), "2027-05-27").unwrap();
    r.webex_updated().unwrap();
    r.prove(Proof::Confirmed).unwrap();
    // With no list from the audit, the admin's old Secret ID is taken as typed; never the new one.
    assert_eq!(r.removed_by_hand(&[NEW.into()]), Err(Refusal::NewSecret));
    let ops = r.remove_request(&[OLD.into()]).unwrap();
    let (ps, az) = remove_scripts(&ops, Cloud::Global);
    assert!(ps.contains("removePassword") && ps.contains(OLD) && !ps.contains(NEW), "{ps}");
    assert!(az.contains("az rest --method post") && az.contains(OLD), "{az}");
    r.removed_by_hand(&[OLD.into()]).unwrap();
    assert_eq!((r.stage(), r.status().key), (Stage::Done, "rotation.status.done"));
    // An old Secret ID given as the new one is refused when the audit listed it.
    let mut r = connected();
    assert_eq!(r.added_by_hand(OLD, ""), Err(Refusal::OldSecret(OLD.into())));
}

#[test]
fn every_message_exists_in_both_languages() {
    let mut r = connected();
    let mut samples = vec![r.status(), r.add_request(NOW).purpose];
    through_add(&mut r);
    samples.push(r.status());
    r.webex_updated().unwrap();
    r.prove(Proof::Confirmed).unwrap();
    samples.push(r.remove_request(&[OLD.into()]).unwrap()[0].purpose.clone());
    r.confirm_remove(&[OLD.into()]).unwrap();
    r.record(&Answer::new(204, ""), NOW);
    samples.push(r.status());
    for refusal in [
        Refusal::NewSecret,
        Refusal::NotYet(Stage::Prove),
        Refusal::NothingSelected,
        Refusal::UnknownSecret("k".into()),
        Refusal::NotASecretId("v".into()),
        Refusal::OldSecret("k".into()),
    ] {
        samples.push(refusal.message());
    }
    let w = |k, p: &[&'static str]| p.iter().fold(Message::new(k), |m, n| m.with(n, "x"));
    samples.extend([
        w("rotation.add.failed", &["status", "error"]),
        w("rotation.remove.failed", &["status", "error"]),
        w("rotation.add.lifetime_policy", &["days"]),
        w("rotation.add.unreadable", &["detail"]),
    ]);
    area_check::assert_area("day_two_rotation", samples, &["rotation."]);
}
