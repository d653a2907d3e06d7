//! Import refusals, notices and hostile input.

use super::tests::{edited, exported, import_value, keys_of, only, refused, value};
use super::*;
use crate::domain::field::Field;
use crate::domain::finding::Severity;
use crate::domain::model::CheckStatus;
use serde_json::json;

fn file_error(json: &str) -> (&'static str, Vec<(&'static str, String)>) {
    let findings = refused(json);
    let f = only(&findings);
    assert_eq!((f.field, f.severity), (Field::ImportFile, Severity::Error));
    (f.message.key, f.message.params.clone())
}

fn param(params: &[(&'static str, String)], name: &str) -> String {
    params.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

#[test]
fn refuses_files_over_one_mebibyte() {
    let mut big = exported(false);
    let pad = MAX_IMPORT_BYTES + 1 - big.len();
    big.push_str(&" ".repeat(pad));
    let (key, params) = file_error(&big);
    assert_eq!(key, "import.too_large");
    assert_eq!(param(&params, "size"), (MAX_IMPORT_BYTES + 1).to_string());
    // Exactly at the limit it is read (trailing whitespace is valid JSON).
    big.pop();
    assert!(import_document(&big).is_ok());
}

#[test]
fn refuses_invalid_json_with_line_and_character_column() {
    let (key, params) = file_error("{\n  \"format\": \"日本語\" x\n}");
    assert_eq!(key, "import.invalid_json");
    assert_eq!(param(&params, "line"), "2");
    // `x` is the 19th character of its line (bytes would say 25).
    assert_eq!(param(&params, "column"), "19");
    let (key, _) = file_error("{\"format\": \"webex-o365-setup\", }");
    assert_eq!(key, "import.invalid_json");
    let (key, _) = file_error(r#"{"format": "a\qb"}"#);
    assert_eq!(key, "import.invalid_json");
    let (key, params) = file_error("{\n\"format\": \"webex-o365-setup\",\n\"version\": 1");
    assert_eq!(key, "import.truncated");
    assert_eq!(param(&params, "line"), "3");
    let (key, _) = file_error(&format!("{} trailing", exported(false)));
    assert_eq!(key, "import.invalid_json");
}

#[test]
fn refuses_empty_files() {
    assert_eq!(file_error("").0, "import.empty");
    assert_eq!(file_error(" \n\t").0, "import.empty");
    assert_eq!(file_error("\u{FEFF}").0, "import.empty");
}

#[test]
fn accepts_a_utf8_byte_order_mark() {
    let with_bom = format!("\u{FEFF}{}", exported(false));
    assert_eq!(import_document(&with_bom).unwrap(), import_document(&exported(false)).unwrap());
    // Only one, and only at the start.
    assert_eq!(file_error(&format!("\u{FEFF}\u{FEFF}{}", exported(false))).0, "import.invalid_json");
}

#[test]
fn refuses_what_is_not_an_object() {
    for (text, found) in [("[]", "array"), ("\"x\"", "string"), ("null", "null"), ("42", "number")] {
        let (key, params) = file_error(text);
        assert_eq!(key, "import.not_an_object");
        assert_eq!(param(&params, "found"), found);
    }
}

#[test]
fn refuses_a_missing_or_different_format() {
    assert_eq!(file_error(r#"{"version": 1}"#).0, "import.format_missing");
    let (key, params) = file_error(r#"{"format": "webex-o365-setup-v2", "version": 1}"#);
    assert_eq!(key, "import.format_wrong");
    assert_eq!(param(&params, "found"), "\"webex-o365-setup-v2\"");
    assert_eq!(file_error(r#"{"format": "Webex-O365-Setup", "version": 1}"#).0, "import.format_wrong");
    assert_eq!(file_error(r#"{"format": 1, "version": 1}"#).0, "import.format_wrong");
    // Format comes first: a foreign file gets one finding, not a list.
    assert_eq!(file_error(r#"{"format": "other"}"#).0, "import.format_wrong");
}

#[test]
fn refuses_a_missing_or_non_integer_version() {
    let f = r#""format": "webex-o365-setup""#;
    assert_eq!(file_error(&format!("{{{f}}}")).0, "import.version_missing");
    for v in ["\"1\"", "1.0", "1.5", "true", "null", "[1]", "1e0"] {
        let (key, params) = file_error(&format!("{{{f}, \"version\": {v}}}"));
        assert_eq!(key, "import.version_not_integer", "{v}");
        assert!(!param(&params, "found").is_empty());
    }
}

#[test]
fn refuses_newer_and_unknown_versions() {
    let f = r#""format": "webex-o365-setup""#;
    for v in ["2", "18446744073709551615", "123456789012345678901234567890"] {
        let (key, params) = file_error(&format!("{{{f}, \"version\": {v}}}"));
        assert_eq!(key, "import.version_newer", "{v}");
        assert_eq!(param(&params, "supported"), "1");
    }
    assert_eq!(param(&file_error(&format!("{{{f}, \"version\": 2}}")).1, "version"), "2");
    for v in ["0", "-1", "-123456789012345678901234567890"] {
        assert_eq!(file_error(&format!("{{{f}, \"version\": {v}}}")).0, "import.version_unknown", "{v}");
    }
}

#[test]
fn lists_every_problem_at_once_on_its_field() {
    let mut v = value(false);
    v["webex_connect"]["app_name"] = json!(42);
    v["azure"]["cloud"] = json!("azure_germany");
    v["azure"]["permission_profile"] = json!(null);
    v["mailbox"]["outbound_policy"] = json!("Default_Policy");
    v["support"]["notes"] = json!("x".repeat(MAX_STRING_CHARS + 1));
    v["support"]["transaction_ids"] = json!(["ok", 7]);
    v["verification"]["agent_received"]["status"] = json!("done");
    v["verification"]["reply_arrived"]["time"] = json!("yesterday");
    v["oauth"] = json!("nope");
    v["extra"] = json!(true);
    let findings = import_value(&v).unwrap_err();
    let got = keys_of(&findings);
    let e = Severity::Error;
    for expected in [
        ("import.expected_string", Field::WebexAppName, e),
        ("import.unknown_value", Field::AzureCloud, e),
        ("import.expected_string", Field::AzurePermissionProfile, e),
        ("import.unknown_value", Field::MailboxOutboundPolicy, e),
        ("import.too_long", Field::SupportNotes, e),
        ("import.expected_string", Field::SupportTransactionIds, e),
        ("import.unknown_value", Field::VerificationChecks, e),
        ("import.time_invalid", Field::VerificationChecks, e),
        ("import.expected_object", Field::ImportFile, e),
        ("import.unknown_key", Field::ImportFile, Severity::Warning),
    ] {
        assert!(got.contains(&expected), "{expected:?} missing from {got:#?}");
    }
    assert_eq!(findings.len(), 10, "{got:#?}");
    let cloud = findings.iter().find(|f| f.field == Field::AzureCloud).unwrap();
    assert_eq!(cloud.message.param("value"), Some("azure_germany"));
    assert_eq!(cloud.message.param("allowed"), Some("global, us_gov_gcc_high, us_gov_dod, china"));
    assert_eq!(cloud.message.param("key"), Some("azure.cloud"));
    let ids = findings.iter().find(|f| f.field == Field::SupportTransactionIds).unwrap();
    assert_eq!(ids.message.param("key"), Some("support.transaction_ids[1]"));
    assert_eq!(ids.message.param("found"), Some("7"));
    let long = findings.iter().find(|f| f.field == Field::SupportNotes).unwrap();
    assert_eq!(long.message.param("length"), Some("10001"));
}

#[test]
fn string_limit_counts_characters_not_bytes() {
    let v = edited("/support/notes", Some(json!("あ".repeat(MAX_STRING_CHARS))));
    assert_eq!(import_value(&v).unwrap().setup.support.notes.chars().count(), MAX_STRING_CHARS);
}

#[test]
fn unknown_and_missing_keys_are_notices_not_errors() {
    let mut v = edited("/azure/tenant_idd", Some(json!("typo")));
    v["azure"].as_object_mut().unwrap().remove("tenant_id");
    v.as_object_mut().unwrap().remove("support");
    let imported = import_value(&v).unwrap();
    let got = keys_of(&imported.notices);
    let w = Severity::Warning;
    assert_eq!(
        got,
        [
            ("import.unknown_key", Field::ImportFile, w),
            ("import.missing_key", Field::AzureTenantId, w),
            ("import.missing_key", Field::ImportFile, w),
        ]
    );
    assert_eq!(imported.notices[0].message.param("key"), Some("azure.tenant_idd"));
    assert_eq!(imported.notices[2].message.param("key"), Some("support"));
    assert_eq!(imported.setup.azure.tenant_id, "");
    assert_eq!(imported.setup.support, Default::default());
}

#[test]
fn duplicate_keys_are_refused() {
    let text = exported(false).replacen("\"cloud\": \"global\",", "\"cloud\": \"global\", \"cloud\": \"china\",", 1);
    let findings = refused(&text);
    let f = only(&findings);
    assert_eq!((f.message.key, f.field), ("import.duplicate_key", Field::AzureCloud));
    let text = exported(false).replacen("\"version\": 1,", "\"version\": 1, \"version\": 2,", 1);
    assert_eq!(only(&refused(&text)).message.key, "import.duplicate_key");
}

#[test]
fn verification_times_must_look_like_rfc3339_or_be_empty() {
    for good in ["", "2026-11-28T09:30:00Z", "2026-11-28t09:30:00.1z", "2026-02-31T23:59:60-12:30"] {
        let v = edited("/verification/sent_from_outside/time", Some(json!(good)));
        assert_eq!(import_value(&v).unwrap().setup.verification.sent_from_outside.time, good);
    }
    for bad in [
        "2026-11-28",
        "2026-11-28 09:30:00Z",
        "2026-11-28T09:30:00",
        "2026-13-01T00:00:00Z",
        "2026-11-28T24:00:00Z",
        "2026-11-28T09:30:00.Z",
        "2026-11-28T09:30:00+0900",
        "2026-11-28T09:30:00+09:00 ",
        "２０２６-11-28T09:30:00Z",
        " 2026-11-28T09:30:00Z",
    ] {
        assert!(!is_rfc3339(bad), "{bad}");
        let v = edited("/verification/sent_from_outside/time", Some(json!(bad)));
        let findings = import_value(&v).unwrap_err();
        assert_eq!(only(&findings).message.key, "import.time_invalid", "{bad}");
    }
}

#[test]
fn a_bad_export_time_is_dropped_with_a_warning() {
    let imported = import_value(&edited("/exported_at", Some(json!("last Tuesday")))).unwrap();
    assert_eq!(imported.exported_at, "");
    assert_eq!(only(&imported.notices).message.key, "import.exported_at_invalid");
    let findings = import_value(&edited("/exported_at", Some(json!(5)))).unwrap_err();
    assert_eq!(only(&findings).message.key, "import.expected_string");
}

#[test]
fn an_empty_secret_is_no_secret() {
    let imported = import_value(&edited("/azure/client_secret", Some(json!("")))).unwrap();
    assert_eq!(imported.client_secret, None);
    assert!(imported.notices.is_empty());
    let findings = import_value(&edited("/azure/client_secret", Some(json!(12)))).unwrap_err();
    assert_eq!(only(&findings).field, Field::AzureClientSecret);
}

#[test]
fn hostile_input_is_refused_or_read_without_panicking() {
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    assert_eq!(file_error(&deep).0, "import.invalid_json");
    let nested = exported(false).replacen(
        "\"notes\": ",
        &format!("\"notes\": {}1{}, \"x\": ", "{\"a\":".repeat(5000), "}".repeat(5000)),
        1,
    );
    assert_eq!(file_error(&nested).0, "import.invalid_json");
    let huge = exported(false).replacen("\"port\": 587", "\"port\": 1e999999", 1);
    assert_eq!(file_error(&huge).0, "import.invalid_json");
    let out_of_range = exported(false).replacen("\"port\": 587", &format!("\"port\": {}", "9".repeat(5000)), 1);
    assert_eq!(file_error(&out_of_range).0, "import.invalid_json");
    let big_int = exported(false).replacen("\"port\": 587", "\"port\": 123456789012345678901234567890", 1);
    let imported = import_document(&big_int).unwrap();
    assert_eq!(only(&imported.notices).message.key, "import.derived_invalid");
    // A NUL escape is valid JSON and a valid (if odd) value: kept as typed.
    let nul = edited("/support/notes", Some(json!("a\u{0}b")));
    assert_eq!(import_value(&nul).unwrap().setup.support.notes, "a\u{0}b");
    assert_eq!(file_error("{\"format\": \"a\u{0}b\"}").0, "import.invalid_json");
    assert_eq!(file_error(r#"{"format": "\ud800"}"#).0, "import.invalid_json");
    assert_eq!(file_error(r#"{"format": "\u12"}"#).0, "import.invalid_json");
    // Control characters never reach a finding parameter.
    let (_, params) = file_error("{\"format\": \"bad\\u0007\\n\"}");
    assert_eq!(param(&params, "found"), "\"bad\u{FFFD}\u{FFFD}\"");
    // A status with the wrong case is not guessed at.
    let v = edited("/verification/reply_arrived/status", Some(json!("PASSED")));
    assert!(import_value(&v).is_err());
    let v = edited("/verification/reply_arrived/status", Some(json!("passed")));
    assert_eq!(import_value(&v).unwrap().setup.verification.reply_arrived.status, CheckStatus::Passed);
}

#[test]
fn a_flood_of_problems_is_capped_and_stays_fast() {
    let base = exported(false);
    let body = base.trim_end().strip_suffix('}').unwrap();
    // About 100 000 unknown keys: warnings only, so the import goes through.
    let mut text = body.to_owned();
    let mut i = 0;
    while text.len() < MAX_IMPORT_BYTES - 20 {
        text.push_str(&format!(",\"k{i}\":0"));
        i += 1;
    }
    text.push('}');
    let started = std::time::Instant::now();
    let imported = import_document(&text).unwrap();
    assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());
    assert_eq!(imported.notices.len(), 201);
    let last = imported.notices.last().unwrap();
    assert_eq!((last.message.key, last.severity), ("import.more_problems", Severity::Warning));
    assert_eq!(last.message.param("count"), Some((i - 200).to_string().as_str()));

    // Errors past the cap still refuse the file.
    let mut v = value(false);
    v["support"]["transaction_ids"] = json!(vec![0; 300]);
    let findings = import_value(&v).unwrap_err();
    assert_eq!(findings.len(), 201);
    let last = findings.last().unwrap();
    assert_eq!((last.message.key, last.severity), ("import.more_problems", Severity::Error));
    assert_eq!(last.message.param("count"), Some("100"));
}
