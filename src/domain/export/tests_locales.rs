//! Every import finding has its text in both locales, with the parameters the text uses.

use super::tests::{exported, import_value, refused, value};
use super::*;
use serde_json::json;

#[test]
fn every_finding_has_its_text_and_parameters_in_both_locales() {
    let locales: Vec<serde_json::Map<String, serde_json::Value>> =
        [include_str!("../../../locales/en/export.json"), include_str!("../../../locales/ja/export.json")]
            .iter()
            .map(|text| serde_json::from_str(text).unwrap())
            .collect();
    let f = r#""format": "webex-o365-setup""#;
    let mut bad = value(true);
    bad["webex_connect"]["app_name"] = json!(42);
    bad["azure"]["cloud"] = json!("x");
    bad["azure"]["tenant_idd"] = json!("x");
    bad["azure"]["implicit_access_tokens"] = json!("x");
    bad["mailbox"] = json!([]);
    bad["support"]["notes"] = json!("x".repeat(MAX_STRING_CHARS + 1));
    bad["support"]["transaction_ids"] = json!(1);
    bad["verification"]["reply_arrived"]["time"] = json!("x");
    bad["exported_at"] = json!("x");
    bad.as_object_mut().unwrap().remove("oauth");
    let mut findings = import_value(&bad).unwrap_err();
    findings.extend(import_value(&value(true)).unwrap().notices);
    let texts = [
        "x".repeat(MAX_IMPORT_BYTES + 1),
        String::new(),
        "{".into(),
        "{]".into(),
        "[]".into(),
        "{}".into(),
        r#"{"format": 1}"#.into(),
        format!("{{{f}}}"),
        format!("{{{f}, \"version\": 0.5}}"),
        format!("{{{f}, \"version\": 2}}"),
        format!("{{{f}, \"version\": 0}}"),
        exported(false).replacen("\"version\": 1,", "\"version\": 1, \"version\": 1,", 1),
        exported(false).replacen("\"transaction_ids\": [", &format!("\"transaction_ids\": [{}", "0,".repeat(300)), 1),
    ];
    for text in texts {
        findings.extend(refused(&text));
    }
    let mut seen = std::collections::BTreeSet::new();
    for finding in &findings {
        let key = finding.message.key;
        seen.insert(key);
        for locale in &locales {
            let text = locale.get(key).and_then(|t| t.as_str()).unwrap_or_else(|| panic!("{key} missing"));
            for placeholder in text.split('{').skip(1).filter_map(|s| s.split_once('}')).map(|(p, _)| p) {
                assert!(finding.message.param(placeholder).is_some(), "{key}: no {{{placeholder}}} in {finding:?}");
            }
        }
    }
    // The list above reaches every key the import code uses.
    let source = [include_str!("read.rs"), include_str!("reader.rs")].concat();
    for used in source.split('"').filter(|s| s.starts_with("import.") && !s.contains(' ')) {
        assert!(seen.contains(used), "{used} is never produced by this test");
    }
}
