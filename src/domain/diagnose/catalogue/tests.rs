use super::*;

#[test]
fn ids_are_unique_and_keys_follow_them() {
    let mut ids: Vec<&str> = all().map(|e| e.id).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n);
    for e in all() {
        assert_eq!(e.meaning, format!("errors.{}.meaning", e.id));
        assert_eq!(by_id(e.id), Some(e));
        assert!(e.id.starts_with(e.kind.as_str()), "{}", e.id);
    }
}

#[test]
fn each_phase_file_holds_its_own_phase() {
    for phase in Phase::ALL {
        assert!(!of_phase(phase).is_empty(), "{phase:?}");
        for e in of_phase(phase) {
            assert_eq!(e.phase, phase, "{}", e.id);
        }
    }
}

#[test]
fn every_code_the_domain_and_the_issue_name_is_catalogued() {
    // DOMAIN.md section 7, then the codes issue 15 lists by phase.
    let listed = [
        50011, 700016, 7000215, 7000222, 65001, 90094, 50020, 50076, 50079, 53003, 530003, 700054, 70011, 28000,
        700084, 700082, 54005, 501481, 9002326, 9002327, 90002, 500011, 650052, // DOMAIN.md
        50105, 53000, 50034, 90095, // sign-in
        7000218, 700025, 70002, 70008, 50173, 70043, 50133, 70000, 7000112, 900144, 90014, 900971, 9002313, 28003,
        90009, // token endpoint
    ];
    for n in listed {
        assert!(by_aadsts(n).is_some(), "AADSTS{n}");
    }
    let smtp = [
        "5.7.139",
        "5.7.3",
        "5.7.57",
        "5.7.30",
        "5.2.0",
        "5.7.60",
        "5.7.708",
        "5.7.705",
        "4.7.66",
        "4.3.1",
        "5.7.124",
        "5.1.8",
        "4.3.2",
        "4.7.500-699",
        "5.7.520",
        "5.7.509",
        "5.4.1",
        "5.1.10",
    ];
    for code in smtp {
        assert!(all().any(|e| matches!(e.pattern, Pattern::Smtp { enhanced, .. } if enhanced == code)), "{code}");
    }
}

#[test]
fn smtp_fallbacks_come_after_their_variants() {
    let entries: Vec<&Entry> = all().collect();
    for (i, e) in entries.iter().enumerate() {
        if let Pattern::Smtp { enhanced, phrases: [], .. } = e.pattern {
            for later in &entries[i + 1..] {
                if let Pattern::Smtp { enhanced: other, .. } = later.pattern {
                    assert_ne!(enhanced, other, "{} shadows {}", e.id, later.id);
                }
            }
        }
    }
}

#[test]
fn every_entry_cites_a_public_source() {
    let hosts = [
        "https://learn.microsoft.com/",
        "https://techcommunity.microsoft.com/blog/exchange/",
        "https://www.rfc-editor.org/rfc/",
        "https://developer.webex.com/docs/",
    ];
    for e in all() {
        assert!(hosts.iter().any(|h| e.source.starts_with(h)), "{}: {}", e.id, e.source);
        assert!(!e.source.contains(char::is_whitespace), "{}", e.id);
    }
    // The retirement of basic authentication is told with Microsoft's own timeline.
    for id in ["smtp_5_7_30", "smtp_5_7_139_basic_disabled"] {
        assert_eq!(by_id(id).map(|e| e.source), Some(source::BASIC_AUTH_TIMELINE), "{id}");
    }
}

#[test]
fn basic_auth_entries_say_when_microsoft_turns_it_off_in_both_languages() {
    let [en, ja] = crate::domain::diagnose::locale_files::errors();
    let dated: Vec<&str> = all().filter(|e| e.source == source::BASIC_AUTH_TIMELINE).map(|e| e.id).collect();
    for id in ["smtp_5_7_30", "smtp_5_7_139_basic_disabled"] {
        assert!(dated.contains(&id), "{id}");
    }
    for e in all().filter(|e| dated.contains(&e.id)) {
        let text = |map: &std::collections::BTreeMap<String, String>| map.get(e.cause).cloned().unwrap_or_default();
        assert!(text(&en).contains("end of December 2026"), "en {}: {}", e.id, text(&en));
        assert!(text(&ja).contains("2026年12月末"), "ja {}: {}", e.id, text(&ja));
    }
}

#[test]
fn steps_come_from_fields_or_hints() {
    let step = |id: &str| by_id(id).map(Entry::step);
    assert_eq!(step("aadsts_50011"), Some(Some(Step::EntraApp)));
    assert_eq!(step("smtp_5_7_520"), Some(Some(Step::Mailbox)));
    assert_eq!(step("webex_7000"), Some(Some(Step::Verify)));
    assert_eq!(step("aadsts_70008"), Some(Some(Step::WebexOauth)));
    assert_eq!(step("aadsts_53003"), Some(None));
    assert_eq!(by_id("aadsts_7000215").and_then(Entry::field), Some(Field::AzureClientSecret));
    assert_eq!(by_id("aadsts_53003").and_then(Entry::field), None);
    assert!(by_id("nope").is_none());
}

#[test]
fn inferred_causes_are_flagged() {
    assert_eq!(by_id("aadsts_7000215").map(Entry::cause_inferred), Some(false));
    assert_eq!(by_id("smtp_4_3_2_concurrent").map(Entry::cause_inferred), Some(true));
    let inferred = all().filter(|e| e.cause_inferred()).count();
    assert!(inferred > 0 && inferred < all().count());
}

#[test]
fn aadsts_lookup_finds_every_aadsts_entry() {
    for e in all() {
        if let Pattern::Aadsts(n) = e.pattern {
            assert_eq!(by_aadsts(n), Some(e));
        }
    }
    assert_eq!(by_aadsts(1), None);
}
