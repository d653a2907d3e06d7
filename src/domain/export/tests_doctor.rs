//! The export's `"doctor"` array: written from the doctor's diagnoses, ignored on import,
//! never holding the secret.

use super::doctor::REDACTED;
use super::tests::{sample, value, AT};
use super::*;
use crate::domain::date::Date;
use crate::domain::derive::derive;
use crate::domain::diagnose::doctor::doctor;
use crate::domain::model::{Secrets, Setup};
use crate::domain::validate::ChecklistItem;
use serde_json::{json, Value};

fn today() -> Date {
    Date::parse("2026-11-28").unwrap()
}

/// The file the admin downloads for `setup`, with the doctor run over the same values.
fn export(setup: &Setup, secrets: &Secrets, include_secret: bool) -> String {
    let derived = derive(setup);
    let diagnoses = doctor(setup, secrets, &derived, &[], today());
    export_with_doctor(setup, secrets, &derived, &diagnoses, include_secret, AT)
}

fn doctor_of(file: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(file).unwrap();
    v["doctor"].as_array().cloned().unwrap_or_else(|| panic!("no doctor array in {file}"))
}

#[test]
fn doctor_follows_support_with_one_item_per_diagnosis() {
    let (s, secrets, _) = sample();
    let derived = derive(&s);
    let diagnoses = doctor(&s, &secrets, &derived, &[], today());
    assert!(!diagnoses.is_empty());
    let file = export_with_doctor(&s, &secrets, &derived, &diagnoses, false, AT);
    // Last, right after `support` (serde_json's map sorts keys, so the text is read).
    let support = file.find("\n  \"support\": {").unwrap();
    let doctor_at = file.find("\n  \"doctor\": [").unwrap();
    assert!(support < doctor_at);
    assert!(!file[support + 1..doctor_at].contains("\n  \""), "a key between support and doctor");
    assert!(file.ends_with("  ]\n}\n"));
    let first = &file[doctor_at..];
    let order =
        ["\"severity\"", "\"rule\"", "\"field\"", "\"message_key\"", "\"params\""].map(|k| first.find(k).unwrap());
    assert!(order.windows(2).all(|w| w[0] < w[1]), "item keys out of order: {first}");
    let items = doctor_of(&file);
    assert_eq!(items.len(), diagnoses.len());
    for (item, d) in items.iter().zip(&diagnoses) {
        let fields: Vec<&String> = item.as_object().unwrap().keys().collect();
        assert_eq!(fields, ["field", "message_key", "params", "rule", "severity"]);
        assert_eq!(item["severity"], d.severity.as_str());
        assert_eq!(item["rule"], d.rule.as_str());
        assert_eq!(item["field"], d.field.map_or(Value::Null, |f| json!(f.key())));
        assert_eq!(item["message_key"], d.message.key);
        for (name, value) in &d.message.params {
            assert_eq!(item["params"][*name], json!(value));
        }
        assert_eq!(item["params"].as_object().unwrap().len(), d.message.params.len());
    }
    // The sample has the documented profile: its tenant-wide Mail.Send warning, linked to
    // the field; step 4's unticked checklist: a whole step, so no field.
    assert!(items.iter().any(|i| i["rule"] == "broad_mail_send"
        && i["severity"] == "warning"
        && i["field"] == "azure.permission_profile"
        && i["message_key"] == "doctor.profile.tenant_wide_mail_send"));
    assert!(items.iter().any(|i| i["rule"] == "step_state" && i["field"].is_null() && i["params"]["number"] == "4"));
}

#[test]
fn an_empty_setup_lists_its_missing_steps_and_a_healthy_one_an_empty_array() {
    let items = doctor_of(&export(&Setup::default(), &Secrets::default(), false));
    let steps: Vec<&Value> =
        items.iter().filter(|i| i["rule"] == "step_state").map(|i| &i["params"]["number"]).collect();
    // Step 6 (the TAC fields) is optional, so never incomplete.
    assert_eq!(steps, ["1", "2", "3", "4", "5"].map(|n| json!(n)).iter().collect::<Vec<_>>());
    // No diagnosis: the key is still there, an empty array.
    let (s, secrets, derived) = sample();
    let file = export_with_doctor(&s, &secrets, &derived, &[], false, AT);
    assert_eq!(doctor_of(&file), Vec::<Value>::new());
}

#[test]
fn export_document_has_no_doctor_key() {
    // The support bundle embeds this form and lists the diagnoses itself.
    assert!(value(true).get("doctor").is_none());
}

#[test]
fn import_of_a_file_with_doctor_gives_no_notice_and_the_same_setup() {
    let (s, secrets, _) = sample();
    let with = export(&s, &secrets, false);
    assert!(!doctor_of(&with).is_empty());
    let imported = import_document(&with).unwrap();
    assert_eq!(imported.notices, vec![]);
    assert_eq!(imported.setup, import_document(&export_document(&s, &secrets, &derive(&s), false, AT)).unwrap().setup);
    // Whatever the array holds (hand-edited, another version's rules): still silent.
    let mut v: Value = serde_json::from_str(&with).unwrap();
    v["doctor"] = json!([1, "x", null, {"rule": {"nested": []}}, [[]]]);
    assert_eq!(import_document(&v.to_string()).unwrap().notices, vec![]);
}

#[test]
fn a_doctor_that_is_not_an_array_is_only_a_warning_and_wrong_types_elsewhere_still_refuse() {
    let mut v = value(false);
    v["doctor"] = json!("all fine");
    let imported = import_document(&v.to_string()).unwrap();
    let keys: Vec<&str> = imported.notices.iter().map(|f| f.message.key).collect();
    assert_eq!(keys, ["import.derived_invalid"]);
    assert_eq!(imported.notices[0].message.param("key"), Some("doctor"));

    let (s, secrets, _) = sample();
    let mut v: Value = serde_json::from_str(&export(&s, &secrets, false)).unwrap();
    v["azure"]["tenant_id"] = json!(42);
    let findings = import_document(&v.to_string()).unwrap_err();
    assert!(findings.iter().any(|f| f.message.key == "import.expected_string"));
    assert!(findings.iter().all(|f| f.message.param("key") != Some("doctor")));

    // Two doctor keys: which was meant is unclear, as for any key.
    let text = export(&s, &secrets, false).replacen("\"doctor\": [", "\"doctor\": [], \"doctor\": [", 1);
    let findings = import_document(&text).unwrap_err();
    assert!(findings
        .iter()
        .any(|f| f.message.key == "import.duplicate_key" && f.message.param("key") == Some("doctor")));
}

#[test]
fn the_doctor_array_never_holds_the_secret() {
    // The secret pasted where other values belong: each of these fields is quoted in a
    // diagnosis parameter (callback, forwarding loop address, tenant domain, username).
    // Lowercase letters and digits: valid in a host, an address and a domain alike.
    let secret = "q8secretvalue42x";
    let mut s = Setup::default();
    s.webex_connect.callback_url = format!("https://{secret}/callback");
    s.webex_connect.forwarding_address = format!("x{secret}@contoso.com");
    s.mailbox.address = format!("x{secret}@contoso.com");
    s.azure.tenant_id = format!("{secret}.onmicrosoft.com");
    s.azure.client_secret_expires = "2026-12-01".into();
    let secrets = Secrets { client_secret: format!("  {secret} ") };
    for include in [false, true] {
        let file = export(&s, &secrets, include);
        let items = doctor_of(&file);
        let text = Value::Array(items.clone()).to_string();
        assert!(!text.contains(secret), "{text}");
        assert!(text.contains(REDACTED), "{text}");
        for rule in ["redirect_uri", "forwarding_loop", "tenant_domain"] {
            let item = items.iter().find(|i| i["rule"] == rule).unwrap_or_else(|| panic!("no {rule} in {text}"));
            assert!(item["params"].as_object().unwrap().values().any(|p| p == REDACTED), "{item}");
        }
        // The rest of the diagnosis is kept, only the parameter is hidden.
        assert!(items.iter().any(|i| i["rule"] == "secret_expiry" && i["params"]["date"] == "2026-12-01"));
        // The secret itself is where the admin asked for it, and nowhere else is touched.
        let v: Value = serde_json::from_str(&file).unwrap();
        assert_eq!(v["azure"].get("client_secret").is_some(), include);
    }
}

#[test]
fn short_secrets_do_not_blank_ordinary_values() {
    // "1" is not an Entra secret; hiding every parameter containing it would hide step numbers.
    let items = doctor_of(&export(&Setup::default(), &Secrets { client_secret: "1".into() }, false));
    assert!(items.iter().any(|i| i["params"]["number"] == "1"));
}

#[test]
fn doctor_checklist_ticks_change_the_export() {
    let (s, secrets, _) = sample();
    let derived = derive(&s);
    let unticked = doctor(&s, &secrets, &derived, &[], today());
    let ticked = doctor(&s, &secrets, &derived, &ChecklistItem::ALL, today());
    let a = doctor_of(&export_with_doctor(&s, &secrets, &derived, &unticked, false, AT));
    let b = doctor_of(&export_with_doctor(&s, &secrets, &derived, &ticked, false, AT));
    let step4 = |items: &[Value]| items.iter().any(|i| i["rule"] == "step_state" && i["params"]["number"] == "4");
    assert!(step4(&a) && !step4(&b));
}
