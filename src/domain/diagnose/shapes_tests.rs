//! Codes as admins paste them: every catalogue entry in its common shapes, the encodings
//! and layouts a paste goes through, look-alikes that are not codes, and unknown codes.

use super::catalogue::{self, by_id, Kind, Pattern, Phase};
use super::extract::{explain, Explained, MAX_RESULTS};
use super::samples::{aadsts_shapes, ids, smtp_shapes, AADSTS_MESSAGES, OTHER_SAMPLES, SMTP_REPLIES};

fn seen(text: &str) -> Vec<String> {
    explain(text)
        .into_iter()
        .filter_map(|e| match e {
            Explained::Known { seen, .. } => Some(seen),
            _ => None,
        })
        .collect()
}

#[test]
fn every_entry_is_recognised_in_its_common_shapes() {
    let mut checked = 0;
    for entry in catalogue::all() {
        let shapes: Vec<(&str, String)> = match entry.pattern {
            Pattern::Aadsts(n) => {
                let msg = AADSTS_MESSAGES.iter().find(|(m, _)| *m == n).map(|(_, s)| *s);
                aadsts_shapes(n, msg.unwrap_or_else(|| panic!("no message for {}", entry.id)))
            }
            Pattern::Smtp { .. } => {
                let reply = SMTP_REPLIES.iter().find(|(id, _)| *id == entry.id).map(|(_, s)| *s);
                smtp_shapes(reply.unwrap_or_else(|| panic!("no reply for {}", entry.id)))
            }
            _ => {
                let sample = OTHER_SAMPLES.iter().find(|(id, _)| *id == entry.id).map(|(_, s)| *s);
                vec![("api", sample.unwrap_or_else(|| panic!("no sample for {}", entry.id)).to_string())]
            }
        };
        for (shape, text) in shapes {
            assert_eq!(ids(&text), [entry.id], "{} as {shape}: {text}", entry.id);
            checked += 1;
        }
    }
    assert!(checked > catalogue::all().count() * 4, "{checked}");
}

#[test]
fn aadsts_codes_are_shown_as_microsoft_writes_them() {
    for (n, msg) in AADSTS_MESSAGES {
        for (shape, text) in aadsts_shapes(*n, msg) {
            assert_eq!(seen(&text), [format!("AADSTS{n}")], "{shape}");
        }
    }
    // The basic and enhanced codes together, however the library joined them.
    for text in [
        "535.5.7.139 basic authentication is disabled",
        "(535, b'5.7.139 Authentication unsuccessful, basic authentication is disabled')",
    ] {
        assert_eq!(seen(text), ["535 5.7.139"], "{text}");
    }
    assert_eq!(
        seen("MailKit.Net.Smtp.SmtpCommandException: 5.7.60 SMTP; Client does not have permissions"),
        ["5.7.60"]
    );
}

#[test]
fn json_escapes_html_and_percent_encoding_are_read_through() {
    // A relay's JSON log: the SMTP reply after an escaped line break.
    let json = r#"{"level":"error","msg":"send failed:\r\n535 5.7.139 Authentication unsuccessful, basic authentication is disabled.\r\n","ts":"2026-12-01T10:00:00Z"}"#;
    assert_eq!(ids(json), ["smtp_5_7_139_basic_disabled"]);
    assert_eq!(seen(json), ["535 5.7.139"], "the escaped line break is a line break, not an 'n' before the code");
    // A Graph answer logged inside a JSON string inside a JSON string.
    let twice = r#"{"log":"{\"body\":\"{\\\"error\\\":{\\\"code\\\":\\\"Request_Throttled\\\"}}\"}"}"#;
    assert_eq!(ids(twice), ["?graph:Request_Throttled"]);
    // JSON inside a JSON string (a debug console showing the token endpoint's answer).
    let nested = r#"{"response":"{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70043: The refresh token has expired\\r\\nTrace ID: 1\"}"}"#;
    assert_eq!(ids(nested), ["aadsts_70043"]);
    // A helpdesk page.
    let html = "<tr><td>Reply</td><td>550&nbsp;5.7.520 Access denied, Your organization does not allow external forwarding</td></tr><p>AADSTS&#55;0008</p>";
    assert_eq!(ids(html), ["smtp_5_7_520", "aadsts_70008"]);
    // IIS-style SMTP logs write spaces as '+'.
    assert_eq!(ids("OutboundConnectionResponse 550+5.7.60+SMTP;+Client+does+not+have+permissions"), ["smtp_5_7_60"]);
}

#[test]
fn codes_broken_by_a_line_wrap_are_joined() {
    assert_eq!(ids("error: AADSTS7000\n    222: The provided client secret keys are expired."), ["aadsts_7000222"]);
    assert_eq!(ids("AADSTS\n  50011: The redirect URI does not match"), ["aadsts_50011"]);
    assert_eq!(
        ids("535 5.7.\n     139 Authentication unsuccessful, basic authentication is disabled"),
        ["smtp_5_7_139_basic_disabled"]
    );
    assert_eq!(
        ids("535 5.7.13\n9 Authentication unsuccessful, SmtpClientAuthentication is disabled"),
        ["smtp_5_7_139_auth_disabled"]
    );
    // Postfix wraps bounces at 76 columns; the reply code may end a line.
    let postfix = "<jane@customer.example>: host customer-example.mail.protection.outlook.com[192.0.2.1] said: 550\n    5.7.520 Access denied, Your organization does not allow external forwarding.\n    (in reply to end of DATA command)";
    assert_eq!(seen(postfix), ["550 5.7.520"]);
    // A code ending its line stays itself; the next line is not part of it.
    assert_eq!(ids("AADSTS50011\n2026-12-01 10:00:00Z"), ["aadsts_50011"]);
    assert_eq!(ids("AADSTS70002\n15 more lines"), ["aadsts_70002"]);
}

#[test]
fn codes_next_to_japanese_text_are_found() {
    assert_eq!(ids("エラーAADSTS50011が発生しました"), ["aadsts_50011"]);
    assert_eq!(ids("応答：535 5.7.139認証に失敗しました"), ["smtp_5_7_139_other"]);
    assert_eq!(seen("応答は535\u{3000}5.7.3でした。Authentication unsuccessful"), ["535 5.7.3"]);
    assert_eq!(ids("「550 5.7.520 Access denied」というバウンス"), ["smtp_5_7_520"]);
    // JSON-escaped Japanese around a code.
    assert_eq!(ids(r#""\u30a8\u30e9\u30fcAADSTS65001\u3002""#), ["aadsts_65001"]);
}

#[test]
fn a_multi_error_log_lists_each_code_once_in_order() {
    let log = "2026-12-01 09:58:01 [Generate Token] AADSTS50011: The redirect URI does not match.\n\
               2026-12-01 09:59:10 token: {\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\\r\\nTrace ID: 0f1e\"}\n\
               2026-12-01 10:00:00 SMTP: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.\n\
               2026-12-01 10:05:00 SMTP: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.\n\
               2026-12-01 10:06:00 retry AADSTS7000215 again\n\
               2026-12-01 10:07:00 Remote Server returned '550 5.7.520 Access denied, Your organization does not allow external forwarding.'";
    assert_eq!(ids(log), ["aadsts_50011", "aadsts_7000215", "smtp_5_7_139_auth_disabled", "smtp_5_7_520"]);
}

#[test]
fn dates_addresses_versions_and_ids_are_not_codes() {
    for text in [
        "Timestamp: 2026.12.01 10:00:00",
        "on 01.12.2026 and 5.12.2026",
        "from 10.5.7.139 via 192.168.5.7 and 172.16.4.3.2",
        "MailKit 4.3.2 and version 5.7.3 and v5.7.139 and release 4.7.0 are installed",
        "Using MailKit 4.3.2 as the SMTP client; version 5.7.3 of the authentication module is loaded",
        "Trace ID: 5e4f5a7b-4a2b-5c0d-ef98-765432105739 Correlation ID: 08DC5B1F2E3A4C5D",
        "2026-12-01T10:00:00.000Z 5.7.139.2 A5.7.139 5.7.1390",
        "see section 5.3.9 of the manual",
        "error_codes\":[7000215]",
        "https://login.microsoftonline.com/error?code=7000215",
        "250.5.7.13 is an address, 235.2.7.0 too",
    ] {
        assert_eq!(ids(text), Vec::<String>::new(), "{text:?}");
    }
}

#[test]
fn a_postfix_log_line_is_read_once() {
    let line = "postfix/smtp[29893]: C53C9141028: to=<a@acme.example>, relay=smtp.office365.com[192.0.2.3]:587, delay=5.3, dsn=5.7.57, status=bounced (host smtp.office365.com[192.0.2.3] said: 530 5.7.57 Client not authenticated to send mail. (in reply to MAIL FROM command))";
    assert_eq!(ids(line), ["smtp_5_7_57"]);
}

#[test]
fn an_unknown_aadsts_code_names_microsofts_page_and_its_phase() {
    let unknown = |text: &str| {
        let got = explain(text);
        let Some(e @ Explained::Unknown { kind: Kind::Aadsts, .. }) = got.first() else { panic!("{got:?}") };
        (e.lookup_url(), e.details().iter().map(|m| m.key).collect::<Vec<_>>())
    };
    let token = r#"{"error":"invalid_grant","error_description":"AADSTS9999999: Something new.\r\nTrace ID: 1","error_codes":[9999999]}"#;
    let (url, details) = unknown(token);
    assert_eq!(url.as_deref(), Some("https://login.microsoftonline.com/error?code=9999999"));
    assert_eq!(details, ["errors.unknown.phase.token"]);
    let page = "Sign in\nSorry, but we're having trouble signing you in.\nAADSTS1234567: Something new.";
    assert_eq!(unknown(page).1, ["errors.unknown.phase.signin"]);
    assert_eq!(unknown("SMTP AUTH XOAUTH2 rejected: AADSTS1234567").1, ["errors.unknown.phase.smtp"]);
    assert_eq!(unknown("AADSTS1234567").1, ["errors.unknown.phase.none"]);
    assert_eq!(
        explain("AADSTS1234567")[0],
        Explained::Unknown { kind: Kind::Aadsts, code: "AADSTS1234567".into(), phase: None }
    );
}

#[test]
fn an_unknown_smtp_code_is_read_by_class_and_subject() {
    let details = |text: &str| explain(text).first().map(|e| e.details().iter().map(|m| m.key).collect::<Vec<_>>());
    assert_eq!(
        details("550 5.7.999 Something new about policy"),
        Some(vec!["errors.unknown.phase.smtp", "errors.smtp_class.5", "errors.smtp_subject.7"])
    );
    assert_eq!(
        details("Remote Server returned '550 5.1.99 unknown recipient thing'"),
        Some(vec!["errors.unknown.phase.delivery", "errors.smtp_class.5", "errors.smtp_subject.1"])
    );
    assert_eq!(
        details("421 4.4.2 Connection dropped due to SocketError"),
        Some(vec!["errors.unknown.phase.smtp", "errors.smtp_class.4", "errors.smtp_subject.4"])
    );
    // A lone unknown code counts only as part of a reply.
    assert_eq!(ids("SmtpCommandException: 5.2.9 Mailbox unavailable"), ["?smtp:5.2.9"]);
    assert_eq!(ids("see 5.2.9 below"), Vec::<String>::new());
    // The same code with and without its basic code is one code.
    assert_eq!(ids("550 5.7.999 denied. Status: 5.7.999"), ["?smtp:550 5.7.999"]);
}

#[test]
fn success_replies_are_said_only_when_nothing_failed() {
    let got = explain("250 2.0.0 OK <5f3c@acme.example> [Hostname=BN9PR03MB1234.namprd03.prod.outlook.com]");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].details().iter().map(|m| m.key).collect::<Vec<_>>(), ["errors.smtp_class.2"]);
    let log = "235 2.7.0 Authentication successful\n250 2.1.0 Sender OK\n550 5.7.60 SMTP; Client does not have permissions to send as this sender";
    assert_eq!(ids(log), ["smtp_5_7_60"]);
    assert_eq!(ids("2.0.0 OK"), Vec::<String>::new());
}

#[test]
fn a_hundred_kilobyte_paste_is_read_whole() {
    // A debug-console export: many lines, the same errors again and again, one new code
    // near the end. Every line is scanned; each code is listed once.
    let mut log = String::new();
    let mut n = 0;
    while log.len() < 100_000 {
        n += 1;
        log.push_str(&format!(
            "2026-12-01T10:{:02}:{:02}.000Z INFO outgoing msg {n:06} to jane@customer.example via smtp.office365.com:587 (STARTTLS) trace {n:08x}-4b5a-4978-8695-a4b3c2d1e0f9\n",
            n / 60 % 60,
            n % 60
        ));
        if n % 50 == 0 {
            log.push_str("2026-12-01T10:00:00.000Z ERROR 535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [PN0PR01CA0024.INDPRD01.PROD.OUTLOOK.COM]\n");
        }
        if n % 70 == 0 {
            log.push_str("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.\\r\\nTrace ID: 1\"}\n");
        }
    }
    log.push_str(
        "Remote Server returned '550 5.7.520 Access denied, Your organization does not allow external forwarding.'\n",
    );
    assert!(log.len() > 100_000);
    assert_eq!(ids(&log), ["smtp_5_7_139_basic_disabled", "aadsts_70008", "smtp_5_7_520"]);
    // Many distinct unknown codes stop at the cap.
    let many: String = (0..MAX_RESULTS + 10).map(|i| format!("AADSTS9{i:05} ")).collect();
    assert_eq!(explain(&many).last(), Some(&Explained::TooMany { shown: MAX_RESULTS, found: MAX_RESULTS + 10 }));
}

#[test]
fn phases_of_known_entries_follow_the_catalogue_files() {
    assert_eq!(by_id("aadsts_50105").map(|e| e.phase), Some(Phase::SignIn));
    assert_eq!(by_id("aadsts_70043").map(|e| e.phase), Some(Phase::Token));
    assert_eq!(by_id("smtp_4_7_66").map(|e| e.phase), Some(Phase::Submission));
    assert_eq!(by_id("smtp_5_7_520").map(|e| e.phase), Some(Phase::Delivery));
    assert_eq!(by_id("graph_error_access_denied").map(|e| e.phase), Some(Phase::SetupApp));
}
