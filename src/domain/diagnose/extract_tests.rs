use super::*;
use crate::domain::diagnose::catalogue::{by_id, Revisit, LABEL_KEYS};
use crate::domain::diagnose::locale_files;
use crate::domain::diagnose::reading;
use crate::domain::diagnose::samples::{ids, sample};
use crate::domain::field::Field;
use proptest::prelude::*;

#[test]
fn every_entry_is_found_in_its_sample_and_has_text_in_both_languages() {
    let locales = locale_files::errors();
    for entry in catalogue::all() {
        let Some(sample) = sample(entry) else { panic!("no sample for {}", entry.id) };
        assert_eq!(ids(&sample), [entry.id], "{sample}");
        for key in entry.keys() {
            for (lang, map) in ["en", "ja"].iter().zip(&locales) {
                let text = map.get(key).map(String::as_str).unwrap_or("");
                assert!(!text.trim().is_empty(), "{lang}: missing {key}");
            }
        }
    }
}

#[test]
fn locale_files_have_the_same_keys_and_placeholders() {
    let [en, ja] = locale_files::errors();
    assert_eq!(en.keys().collect::<Vec<_>>(), ja.keys().collect::<Vec<_>>());
    for key in LABEL_KEYS.iter().chain(reading::KEYS) {
        assert!(en.contains_key(*key), "{key}");
    }
    for (key, text) in &en {
        assert!(key.starts_with("errors."), "{key}");
        let ja_text = ja.get(key).map(String::as_str).unwrap_or("");
        assert_eq!(locale_files::placeholders(text), locale_files::placeholders(ja_text), "{key}");
        // Only the parameters the domain passes.
        for p in locale_files::placeholders(text) {
            assert!(["code", "read", "total", "shown", "found"].contains(&p.as_str()), "{key}: {p}");
        }
    }
    // No stray keys: every key belongs to an entry or to the labels.
    let known: usize = catalogue::all().count() * 3 + LABEL_KEYS.len() + reading::KEYS.len();
    assert_eq!(en.len(), known);
}

#[test]
fn smtp_5_7_139_variants_are_told_apart_by_text() {
    let exact = |s: &str| ids(s).into_iter().filter(|i| i.starts_with("smtp_5_7_139")).collect::<Vec<_>>();
    let variants = catalogue::all().filter(|e| e.id.starts_with("smtp_5_7_139"));
    assert_eq!(variants.clone().count(), 6);
    for id in variants.map(|e| e.id) {
        let sample = by_id(id).and_then(sample).unwrap_or_default();
        assert_eq!(exact(&sample), vec![id.to_string()]);
    }
    // Case and the multi-line form (`535-`) do not matter; the text may come first.
    assert_eq!(
        exact("535-5.7.139 AUTHENTICATION UNSUCCESSFUL, SMTPCLIENTAUTHENTICATION IS DISABLED"),
        ["smtp_5_7_139_auth_disabled"]
    );
    assert_eq!(exact("Security defaults policy blocked the user (535 5.7.139)"), ["smtp_5_7_139_security_defaults"]);
}

#[test]
fn duplicates_are_reported_once_in_order_of_appearance() {
    let text = "first 535 5.7.3 Authentication unsuccessful\nthen AADSTS50011 and again AADSTS50011\n535 5.7.3 again";
    assert_eq!(ids(text), ["smtp_5_7_3", "aadsts_50011"]);
    let text = r#"ErrorAccessDenied then {"error":{"code":"ErrorAccessDenied"}} and AADSTS90002"#;
    assert_eq!(ids(text), ["graph_error_access_denied", "aadsts_90002"]);
}

#[test]
fn unknown_codes_are_said_to_be_unknown() {
    assert_eq!(ids("AADSTS123456: something new"), ["?aadsts:AADSTS123456"]);
    assert_eq!(ids("aadsts050011"), ["?aadsts:AADSTS050011"]);
    assert_eq!(ids("451 4.4.4 Temporary server error"), ["?smtp:451 4.4.4"]);
    assert_eq!(ids(r#"{"error":{"code":"Request_Throttled"}}"#), ["?graph:Request_Throttled"]);
    assert_eq!(ids(r#"{"code":"1002","message":"Invalid key"}"#), ["?webex:1002"]);
    // Another basic code with a catalogued enhanced code is not the catalogued 535 5.7.3.
    assert_eq!(ids("554 5.7.3 try later"), ["?smtp:554 5.7.3"]);
    // A basic code of another class than its enhanced code is not read as one reply.
    assert_eq!(ids("451 5.7.3 try later"), Vec::<String>::new());
    let e = explain("AADSTS1");
    assert_eq!(e[0].headline().key, "errors.unknown.aadsts");
    assert_eq!(e[0].headline().param("code"), Some("AADSTS1"));
}

#[test]
fn look_alikes_and_non_codes_are_ignored() {
    for text in [
        "",
        "   \n\t",
        "version 5.7.3 released",
        "IP 10.5.7.3 and 5.7.3.1",
        "AADSTS without digits",
        "AADSTS５００１１ fullwidth digits",
        "ＡＡＤＳＴＳ50011",
        "АADSTS50011 with a Cyrillic А",
        "error_codes\":[50011]",
        r#"{"code": 50011}"#,
        r#"{"code": ""}"#,
        "HTTP/1.1 4010 nope",
        "SendAs Denied",
        "5350 5.7.3x",
    ] {
        assert_eq!(ids(text), Vec::<String>::new(), "{text:?}");
    }
    // The Cyrillic letter is not part of the code, the rest still is one.
    assert_eq!(ids("АAADSTS50011"), ["aadsts_50011"]);
}

#[test]
fn escaped_and_encoded_forms_are_found() {
    assert_eq!(ids(r#"msg: "{\"error\":{\"code\":\"ErrorAccessDenied\"}}""#), ["graph_error_access_denied"]);
    assert_eq!(
        ids("error_description=535+5.7.139+Authentication+unsuccessful%2C+SmtpClientAuthentication+is+disabled"),
        ["smtp_5_7_139_auth_disabled"]
    );
    assert_eq!(ids("AADSTS50011%3A"), ["aadsts_50011"]);
    assert_eq!(ids("bad escape %zz AADSTS50011 %"), ["aadsts_50011"]);
    // A lone enhanced code counts when followed by SMTP words.
    assert_eq!(ids("Error: 5.7.3 Authentication unsuccessful"), ["smtp_5_7_3"]);
}

#[test]
fn a_send_as_exception_named_without_an_smtp_code_is_send_as_denied() {
    // A stack trace from Exchange names the exception only: no 554 5.2.0 anywhere.
    let trace =
        "Microsoft.Exchange.Data.Storage.StoragePermanentException: SendAsDeniedException.MapiExceptionSendAsDenied";
    assert_eq!(ids(trace), ["smtp_send_as_denied"]);
    assert_eq!(ids(&trace.to_lowercase()), ["smtp_send_as_denied"]);
    let entry = by_id("smtp_send_as_denied").unwrap();
    assert_eq!(entry.revisit, Revisit::Value(Field::MailboxAddress));
}

#[test]
fn a_bare_401_is_webex_only_when_nothing_else_explains_it() {
    assert_eq!(ids("HTTP/2 401\r\n\r\n"), ["webex_http_401"]);
    assert_eq!(ids("status 401 Unauthorized"), ["webex_http_401"]);
    assert_eq!(ids("HTTP/1.1 401 Unauthorized AADSTS7000215"), ["aadsts_7000215"]);
    let http = |s, b| explain_http(s, b).iter().filter_map(|e| e.entry().map(|x| x.id)).collect::<Vec<_>>();
    assert_eq!(http(401, "  "), ["webex_http_401"]);
    assert_eq!(http(500, ""), Vec::<&str>::new());
    assert_eq!(http(401, r#"{"error":{"code":"InvalidAuthenticationToken"}}"#), ["graph_invalid_authentication_token"]);
}

#[test]
fn known_results_carry_what_was_seen() {
    let e = explain("550-5.7.60 SMTP; client does not have permissions");
    assert_eq!(e, [Explained::Known { entry: by_id("smtp_5_7_60").unwrap(), seen: "550 5.7.60".into() }]);
    // The catalogued basic code is part of the identity: 535 5.7.60 is something else.
    assert_eq!(ids("535 5.7.60 SMTP; client does not have permissions"), ["?smtp:535 5.7.60"]);
}

#[test]
fn a_long_paste_is_cut_and_says_so() {
    let mut text = "x".repeat(MAX_INPUT_BYTES - 20);
    text.push_str(" AADSTS50011 ");
    text.push_str(&"é".repeat(20)); // the cut falls inside a two-byte character
    text.push_str(" AADSTS90002 ");
    let got = explain(&text);
    assert_eq!(got.first().and_then(Explained::entry).map(|e| e.id), Some("aadsts_50011"));
    let Some(Explained::Truncated { read_bytes, total_bytes }) = got.last() else { panic!("{got:?}") };
    assert!(*read_bytes <= MAX_INPUT_BYTES && *total_bytes == text.len());
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].headline().key, "errors.limit.truncated");
}

#[test]
fn too_many_distinct_codes_are_capped() {
    let text: String = (0..150).map(|n| format!("AADSTS9{n:04} ")).collect();
    let got = explain(&text);
    assert_eq!(got.len(), MAX_RESULTS + 1);
    assert_eq!(got.last(), Some(&Explained::TooMany { shown: MAX_RESULTS, found: 150 }));
    assert_eq!(got[0], Explained::Unknown { kind: Kind::Aadsts, code: "AADSTS90000".into(), phase: None });
}

#[test]
fn hostile_megabyte_pastes_finish_quickly() {
    let patterns = [
        "AADSTS",
        "AADSTS9",
        "5.5.5.",
        "535 5.7.",
        "\"code\":\"",
        "\\\"code\\\":\\\"A",
        "%%%",
        "%4",
        "++",
        "HTTP/1.1 40",
        "sendasdenie",
        "5.7.139 ",
        "ErrorAccessDenie",
        "\u{0}\u{ff}",
    ];
    for p in patterns {
        let text = p.repeat(MAX_INPUT_BYTES / p.len());
        let start = std::time::Instant::now();
        let got = explain(&text);
        assert!(got.len() <= MAX_RESULTS + 2);
        // Generous for a debug build on a shared machine (about 2 s at worst alone);
        // quadratic behaviour on a megabyte would take hours.
        assert!(start.elapsed().as_secs() < 20, "{p:?} took {:?}", start.elapsed());
    }
    // Many distinct unknown codes in a megabyte.
    let text: String = (0..120_000u32).map(|n| format!("AADSTS{n} ")).collect();
    let head = &text[..floor_char_boundary(&text, MAX_INPUT_BYTES)];
    let found = head.matches("AADSTS").count();
    let start = std::time::Instant::now();
    let got = explain(head);
    assert!(start.elapsed().as_secs() < 20, "distinct codes took {:?}", start.elapsed());
    assert_eq!(got.last(), Some(&Explained::TooMany { shown: MAX_RESULTS, found }));
}

proptest! {
    #[test]
    fn never_panics_on_any_text(s in any::<String>()) {
        let got = explain(&s);
        prop_assert!(got.len() <= MAX_RESULTS + 2);
    }

    #[test]
    fn never_panics_on_binary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = explain(&text);
        let _ = explain_http(401, &text);
    }

    #[test]
    fn a_code_between_spaces_is_found_in_any_text(
        before in "[ -~\u{3000}-\u{30ff}]{0,200}",
        after in "[ -~\u{3000}-\u{30ff}]{0,200}",
        i in 0usize..23,
    ) {
        let aadsts: Vec<&Entry> = catalogue::all().filter(|e| e.kind == Kind::Aadsts).collect();
        let entry = aadsts[i % aadsts.len()];
        let text = format!("{before} {} {after}", entry.code);
        prop_assert!(explain(&text).iter().any(|e| e.entry() == Some(entry)), "{}", text);
    }
}
