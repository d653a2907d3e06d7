use super::*;
use crate::domain::diagnose::locale_files;
use proptest::prelude::*;

const EN: ReminderText<'static> = ReminderText {
    summary: "Renew {app_name} ({expires})",
    description: "App {app_name}\nClient {client_id}",
    rotate_url: "",
};

fn stamp() -> UtcStamp {
    UtcStamp::parse("20240501T100000Z").unwrap()
}

fn date(s: &str) -> IcsDate {
    IcsDate::parse(s).unwrap()
}

/// Undoes folding: a CRLF followed by one space or tab disappears.
fn unfold(s: &str) -> String {
    s.replace("\r\n ", "").replace("\r\n\t", "")
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn property(ics: &str, name: &str) -> Option<String> {
    unfold(ics).split("\r\n").find_map(|l| l.strip_prefix(&format!("{name}:")).map(str::to_string))
}

#[test]
fn dates_parse_strictly() {
    assert_eq!(date("2026-04-30").iso(), "2026-04-30");
    assert_eq!(date(" 2026/4/3 ").iso(), "2026-04-03");
    assert_eq!(IcsDate::try_from((2028, 2, 29)).map(IcsDate::iso), Ok("2028-02-29".into()));
    assert_eq!("2026-01-31".parse::<IcsDate>().map(|d| d.day()), Ok(31));
    for bad in [
        "",
        "2026-02-29",
        "2100-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-04-31",
        "26-04-30",
        "2026-04-30T00:00",
        "２０２６-04-30",
        "2026-4",
        "2026-04-30-01",
        "0000-01-01",
        "+2026-01-01",
        "2026-1a-01",
        "2026/04-30",
    ] {
        assert_eq!(IcsDate::parse(bad), Err(IcsProblem::InvalidDate), "{bad}");
    }
    assert_eq!(IcsDate::new(10000, 1, 1), Err(IcsProblem::InvalidDate));
    assert_eq!(IcsDate::new(2024, 6, 0), Err(IcsProblem::InvalidDate));
}

#[test]
fn day_arithmetic_crosses_months_years_and_leap_days() {
    assert_eq!(date("2026-03-01").add_days(-1).map(IcsDate::iso), Ok("2026-02-28".into()));
    assert_eq!(date("2028-03-01").add_days(-1).map(IcsDate::iso), Ok("2028-02-29".into()));
    assert_eq!(date("2027-01-10").add_days(-14).map(IcsDate::iso), Ok("2026-12-27".into()));
    assert_eq!(date("2000-02-28").add_days(1).map(IcsDate::iso), Ok("2000-02-29".into()));
    assert_eq!(date("1970-01-01").add_days(-1).map(IcsDate::iso), Ok("1969-12-31".into()));
    assert_eq!(date("0001-01-01").add_days(-1), Err(IcsProblem::OutOfRange));
    assert_eq!(date("9999-12-31").add_days(1), Err(IcsProblem::OutOfRange));
}

#[test]
fn stamps_accept_ical_and_rfc3339_utc() {
    assert_eq!(stamp().as_str(), "20240501T100000Z");
    assert_eq!(UtcStamp::parse("2024-05-01T10:00:00.000Z").map(|s| s.0), Ok("20240501T100000Z".into()));
    assert_eq!(UtcStamp::parse("2024-05-01t10:00:00z").map(|s| s.0), Ok("20240501T100000Z".into()));
    assert_eq!(UtcStamp::from_unix(1_714_557_600), Ok(stamp()));
    assert_eq!(UtcStamp::from_unix(0).map(|s| s.0), Ok("19700101T000000Z".into()));
    assert_eq!(UtcStamp::from_unix(-1).map(|s| s.0), Ok("19691231T235959Z".into()));
    for bad in [
        "",
        "20240501T100000",
        "2024-05-01T10:00:00+09:00",
        "2024-05-01 10:00Z",
        "20240230T100000Z",
        "20240501T250000Z",
        "2024-05-01T10:00:00.x1Z",
        "２0240501T100000Z",
    ] {
        assert_eq!(UtcStamp::parse(bad), Err(IcsProblem::InvalidStamp), "{bad}");
    }
    assert_eq!(UtcStamp::from_unix(i64::MAX), Err(IcsProblem::InvalidStamp));
    assert_eq!(UtcStamp::from_unix(i64::MIN), Err(IcsProblem::InvalidStamp));
}

#[test]
fn the_event_is_an_all_day_reminder_before_expiry() {
    let ics = secret_expiry_reminder("Webex Mail", "1b2c", date("2026-04-30"), 14, "seed", &stamp(), &EN).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains(['\r', '\n']), "bare line ends");
    assert_eq!(property(&ics, "DTSTART;VALUE=DATE").as_deref(), Some("20260416"));
    assert_eq!(property(&ics, "DTEND;VALUE=DATE").as_deref(), Some("20260417"));
    assert_eq!(property(&ics, "DTSTAMP").as_deref(), Some("20240501T100000Z"));
    assert_eq!(property(&ics, "UID").as_deref(), Some("secret-expiry-seed-1b2c-20260430@webex-o365-setup"));
    assert_eq!(property(&ics, "SUMMARY").as_deref(), Some("Renew Webex Mail (2026-04-30)"));
    assert_eq!(property(&ics, "DESCRIPTION").as_deref(), Some("App Webex Mail\\nClient 1b2c"));
    let zero = secret_expiry_reminder("a", "b", date("2026-04-30"), 0, "", &stamp(), &EN).unwrap();
    assert_eq!(property(&zero, "DTSTART;VALUE=DATE").as_deref(), Some("20260430"));
    assert_eq!(property(&zero, "UID").as_deref(), Some("secret-expiry-x-b-20260430@webex-o365-setup"));
    let far = secret_expiry_reminder("a", "b", date("0001-01-05"), 10, "", &stamp(), &EN);
    assert_eq!(far, Err(IcsProblem::OutOfRange));
    let too_many = secret_expiry_reminder("a", "b", date("2026-04-30"), MAX_DAYS_BEFORE + 1, "", &stamp(), &EN);
    assert_eq!(too_many, Err(IcsProblem::OutOfRange));
}

#[test]
fn hostile_names_are_escaped_and_uids_stay_clean() {
    let name = "Ops; Mail, \"Main\" \\ Team\r\nline2\u{0}\u{7}\tTab {client_id}";
    let ics = secret_expiry_reminder(name, "id;\r\nX-EVIL:1", date("2026-04-30"), 1, "s e\ted", &stamp(), &EN).unwrap();
    let summary = property(&ics, "SUMMARY").unwrap();
    assert_eq!(summary, "Renew Ops\\; Mail\\, \"Main\" \\\\ Team\\nline2\tTab {client_id} (2026-04-30)");
    assert_eq!(unescape(&summary), "Renew Ops; Mail, \"Main\" \\ Team\nline2\tTab {client_id} (2026-04-30)");
    // No injected property: the client id's line break is escaped inside DESCRIPTION.
    assert!(!unfold(&ics).split("\r\n").any(|l| l.starts_with("X-EVIL")));
    assert_eq!(property(&ics, "UID").as_deref(), Some("secret-expiry-seed-idX-EVIL1-20260430@webex-o365-setup"));
}

#[test]
fn folding_respects_75_octets_and_utf8() {
    let folded = fold(&format!("DESCRIPTION:{}", "あ".repeat(100)));
    for line in folded.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{}", line.len());
    }
    assert_eq!(unfold(&folded), format!("DESCRIPTION:{}\r\n", "あ".repeat(100)));
    assert_eq!(fold("SHORT"), "SHORT\r\n");
    assert_eq!(fold(&"a".repeat(75)), format!("{}\r\n", "a".repeat(75)));
    assert_eq!(fold(&"a".repeat(76)), format!("{}\r\n a\r\n", "a".repeat(75)));
    // A 4-byte character that would straddle octet 75 moves to the next line whole.
    let folded = fold(&format!("{}😀", "a".repeat(73)));
    assert_eq!(folded, format!("{}\r\n 😀\r\n", "a".repeat(73)));
}

#[test]
fn the_shipped_templates_fill_their_placeholders() {
    for (lang, map) in ["en", "ja"].iter().zip(locale_files::token()) {
        let text = ReminderText {
            summary: &map[ReminderText::SUMMARY_KEY],
            description: &map[ReminderText::DESCRIPTION_KEY],
            rotate_url: "https://intranet.example/setup/troubleshoot/#rotate-secret",
        };
        let (summary, description) = fill_text(&text, "Mail {expires}", "1b2c", date("2026-04-30"));
        // The reminder points to the app's rotation flow, by name and by address.
        assert!(description.contains("https://intranet.example/setup/troubleshoot/#rotate-secret"), "{lang}");
        let flow = if *lang == "ja" {
            "クライアント シークレットのローテーション"
        } else {
            "Rotate the client secret"
        };
        assert!(description.contains(flow), "{lang}: {description}");
        assert!(summary.contains("Mail {expires}") && summary.contains("2026-04-30"), "{lang}: {summary}");
        assert!(description.contains("1b2c") && !description.contains("{client_id}"), "{lang}");
        let must = if *lang == "ja" { "[証明書とシークレット]" } else { "Certificates & secrets" };
        assert!(description.contains(must) && description.contains("Client Secret"), "{lang}");
        for key in ["token.reminder.invalid_date", "token.reminder.invalid_stamp", "token.reminder.out_of_range"] {
            assert!(map.contains_key(key), "{lang}: {key}");
        }
    }
    for p in [IcsProblem::InvalidDate, IcsProblem::InvalidStamp, IcsProblem::OutOfRange] {
        assert!(p.message().key.starts_with("token.reminder."));
    }
}

/// Writes samples for `tests/ics_parse_back.py` (run it after `cargo test`), each with a
/// `.expected.json` holding the values the script must read back.
#[test]
fn writes_samples_for_the_python_parse_back_check() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("ics-samples");
    std::fs::create_dir_all(&dir).unwrap();
    let [en, ja] = locale_files::token();
    let tpl = |m: &std::collections::BTreeMap<String, String>, k: &str| m[k].clone();
    let (en_s, en_d) = (tpl(&en, ReminderText::SUMMARY_KEY), tpl(&en, ReminderText::DESCRIPTION_KEY));
    let (ja_s, ja_d) = (tpl(&ja, ReminderText::SUMMARY_KEY), tpl(&ja, ReminderText::DESCRIPTION_KEY));
    let long_ja = "Webex Connect メール受付チャネル(コンタクトセンター本番環境・東京第二拠点・夜間一次受付用)";
    let escapes_desc = "backslash \\ semicolon ; comma , colon : quote \" newline\nCRLF\r\nCR\rtab\tend {client_id}";
    let samples = [
        ("en", "Webex Connect Email", en_s.as_str(), en_d.as_str(), "2026-04-30", 14u32),
        ("ja", long_ja, ja_s.as_str(), ja_d.as_str(), "2027-03-01", 30),
        ("escapes", "Ops; Mail, \"Main\" \\ Team", "S: {app_name}; a,b\\c", escapes_desc, "2028-02-29", 1),
        ("emoji", "😀 Mail 📧", "{app_name} 😀😀😀", &"📧é あ".repeat(40), "2026-01-01", 0),
    ];
    for (name, app, summary, description, expires, days) in samples {
        let text = ReminderText { summary, description, rotate_url: "https://intranet.example/setup/troubleshoot/" };
        let expires = date(expires);
        let ics =
            secret_expiry_reminder(app, "1b2c3d4e-0000-4000-8000-000000000001", expires, days, name, &stamp(), &text)
                .unwrap();
        let (s, d) = fill_text(&text, app, "1b2c3d4e-0000-4000-8000-000000000001", expires);
        let start = expires.add_days(-i64::from(days)).unwrap();
        let expected = serde_json::json!({
            "summary": s,
            "description": d.replace("\r\n", "\n").replace('\r', "\n"),
            "dtstart": start.iso(),
            "dtend": start.add_days(1).unwrap().iso(),
            "dtstamp": "2024-05-01T10:00:00+00:00",
        });
        std::fs::write(dir.join(format!("{name}.ics")), &ics).unwrap();
        std::fs::write(dir.join(format!("{name}.expected.json")), expected.to_string()).unwrap();
        for line in ics.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{name}: {line}");
        }
    }
}

proptest! {
    #[test]
    fn folded_lines_fit_and_unfold_back(s in any::<String>()) {
        let line = format!("DESCRIPTION:{}", escape_text(&s));
        let folded = fold(&line);
        for l in folded.split_terminator("\r\n") {
            prop_assert!(l.len() <= 75);
        }
        prop_assert!(folded.ends_with("\r\n"));
        prop_assert_eq!(unfold(&folded), format!("{line}\r\n"));
    }

    #[test]
    fn escaping_round_trips_text(s in any::<String>()) {
        let escaped = escape_text(&s);
        prop_assert!(!escaped.contains(['\r', '\n']));
        let normalised: String = s.replace("\r\n", "\n").replace('\r', "\n").chars()
            .filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect();
        prop_assert_eq!(unescape(&escaped), normalised);
    }

    #[test]
    fn any_names_and_dates_give_a_valid_calendar(
        app in any::<String>(), client in any::<String>(), seed in any::<String>(),
        y in 1i32..=9999, m in 1u32..=12, d in 1u32..=31, days in 0u32..=4000, now in any::<i64>(),
    ) {
        let Ok(expires) = IcsDate::new(y, m, d) else { return Ok(()) };
        let stamp = UtcStamp::from_unix(now).unwrap_or_else(|_| stamp());
        if let Ok(ics) = secret_expiry_reminder(&app, &client, expires, days, &seed, &stamp, &EN) {
            for l in ics.split_terminator("\r\n") {
                prop_assert!(l.len() <= 75);
            }
            prop_assert_eq!(unfold(&ics).split("\r\n").filter(|l| l.starts_with("BEGIN:")).count(), 3);
        }
    }
}

#[test]
fn the_event_links_to_the_rotation_flow_only_with_a_plain_url() {
    let with = |url: &'static str| {
        let text = ReminderText { rotate_url: url, ..EN };
        secret_expiry_reminder("a", "b", date("2026-04-30"), 1, "", &stamp(), &text).unwrap()
    };
    let ics = with("https://intranet.example/setup/troubleshoot/#rotate-secret");
    assert!(ics.contains("\r\nURL:https://intranet.example/setup/troubleshoot/#rotate-secret\r\n"), "{ics}");
    assert!(ics.find("URL:") < ics.find("BEGIN:VALARM"), "a property of the event, not of the alarm");
    for unsafe_url in ["", "javascript:alert(1)", "https://a b", "https://x\r\nX-EVIL:1", "https://x\"y", "ftp://x"] {
        assert!(!with(unsafe_url).contains("URL:"), "{unsafe_url:?}");
    }
}
