//! The read-only check: the script runs no cmdlet that changes anything (scanned against an
//! allowlist), its output parser on valid, partial, malformed and hostile input, and the
//! verdicts per item.

use serde_json::{json, Value};

use super::output::{parse, ParseProblem, Section};
use super::scan::{commands, not_read_only};
use super::verdict::{verdicts, Item, State};
use super::*;
use crate::domain::locale::area_check;
use crate::domain::model::Setup;
use crate::domain::powershell::reader::read_literal;
use crate::domain::powershell::tests::assert_golden;

const MAILBOX: &str = "support@contoso.com";
const FORWARDING: &str = "0123456789abcdef0123456789abcdef@mail-us.imiconnect.io";

#[test]
fn golden_script() {
    assert_golden(
        &check_script(Cloud::Global, MAILBOX),
        include_str!("../../../tests/golden/exchange-check-global.ps1"),
        "exchange-check-global.ps1",
    );
}

const HOSTILE: &str = "a'b@x.com'; Set-Mailbox -Identity * -ForwardingSmtpAddress evil@x.example; '\n# x\nRemove-Mailbox x \u{2019}; iex 'y'";

#[test]
fn the_script_runs_only_read_only_cmdlets() {
    for cloud in Cloud::ALL {
        for mailbox in [MAILBOX, HOSTILE, "転送 ${x} $(Enable-OrganizationCustomization) `n"] {
            let script = check_script(cloud, mailbox);
            assert_eq!(not_read_only(&script), Vec::<String>::new(), "{cloud:?} {mailbox}");
            let cmds = commands(&script);
            for needed in [
                "Connect-ExchangeOnline",
                "Get-CASMailbox",
                "Get-TransportConfig",
                "Get-Mailbox",
                "Get-HostedOutboundSpamFilterPolicy",
                "Get-HostedOutboundSpamFilterRule",
                "Get-OrganizationConfig",
                "ConvertTo-Json",
            ] {
                assert!(cmds.iter().any(|c| c == needed), "{needed} missing from {cmds:?}");
            }
        }
    }
}

#[test]
fn the_scan_catches_what_changes_things() {
    let script = check_script(Cloud::Global, MAILBOX);
    for (added, caught) in [
        ("Set-CASMailbox -Identity $Mailbox -SmtpClientAuthenticationDisabled $false", "Set-CASMailbox"),
        ("$x = New-HostedOutboundSpamFilterPolicy -Name 'p'", "New-HostedOutboundSpamFilterPolicy"),
        ("Get-Mailbox | ForEach-Object { Set-Mailbox $_ }", "Set-Mailbox"),
        ("if ($true) { Enable-OrganizationCustomization }", "Enable-OrganizationCustomization"),
        ("(Remove-HostedOutboundSpamFilterRule -Identity x)", "Remove-HostedOutboundSpamFilterRule"),
        ("iex 'Set-Mailbox x'", "iex"),
        ("$r = sc -Path x -Value y", "sc"),
    ] {
        let sabotaged = format!("{script}\n{added}\n");
        assert_eq!(not_read_only(&sabotaged), [caught], "{added}");
    }
    // Words in comments and strings are not commands.
    let quiet = format!("{script}\n# Set-Mailbox in a comment\n$y = 'Set-Mailbox in a string'\n<# New-Thing #>\n");
    assert_eq!(not_read_only(&quiet), Vec::<String>::new());
    // And the Mailbox step's script, which does change things, is caught.
    let changes = crate::domain::powershell::mailbox_script(&crate::domain::powershell::MailboxScriptInput {
        cloud: Cloud::Global,
        mailbox: MAILBOX,
        forwarding_address: FORWARDING,
        outbound_policy: crate::domain::model::OutboundPolicy::ScopedCustomPolicy,
        policy_name: "p",
    });
    let caught = not_read_only(&changes);
    assert!(
        caught.contains(&"Set-CASMailbox".to_string())
            && caught.contains(&"Enable-OrganizationCustomization".to_string())
    );
}

#[test]
fn the_mailbox_is_one_literal_read_back_exactly() {
    for mailbox in [MAILBOX, HOSTILE] {
        let script = check_script(Cloud::UsGovGccHigh, mailbox);
        let line = script.find("$Mailbox = ").unwrap() + "$Mailbox = ".len();
        let (value, rest) = read_literal(&script[line..]).unwrap();
        assert_eq!(value, mailbox.trim());
        assert!(rest.starts_with("\n\n# Sign in"));
        assert!(script.contains("-ExchangeEnvironmentName O365USGovGCCHigh"));
    }
}

// ---------------------------------------------------------------- output

fn valid() -> Value {
    json!({
        "Schema": SCHEMA, "Version": 1, "CheckedMailbox": MAILBOX,
        "CASMailbox": {"SmtpClientAuthenticationDisabled": false},
        "TransportConfig": {"SmtpClientAuthenticationDisabled": true},
        "Mailbox": {"UserPrincipalName": "support@contoso.onmicrosoft.com", "PrimarySmtpAddress": MAILBOX,
            "Alias": "support", "Name": "Support", "EmailAddresses": [format!("SMTP:{MAILBOX}"), "X500:/o=x"],
            "ForwardingSmtpAddress": format!("smtp:{FORWARDING}"), "ForwardingAddress": null,
            "DeliverToMailboxAndForward": true},
        "OutboundSpamPolicies": [
            {"Name": "Default", "IsDefault": true, "AutoForwardingMode": "Automatic"},
            {"Name": "Webex Connect forwarding", "IsDefault": false, "AutoForwardingMode": "On"}],
        "OutboundSpamRules": [
            {"Name": "Webex Connect forwarding", "HostedOutboundSpamFilterPolicy": "Webex Connect forwarding",
             "State": "Enabled", "Priority": 1, "From": MAILBOX, "FromMemberOf": [], "SenderDomainIs": null,
             "ExceptIfFrom": [], "ExceptIfFromMemberOf": [], "ExceptIfSenderDomainIs": []}],
        "OrganizationConfig": {"IsDehydrated": false},
        "Errors": []
    })
}

fn wizard() -> Setup {
    let mut s = Setup::default();
    s.mailbox.address = MAILBOX.into();
    s.mailbox.user_principal_name = "support@contoso.onmicrosoft.com".into();
    s.webex_connect.forwarding_address = FORWARDING.to_uppercase();
    s
}

fn read(v: &Value) -> Result<output::CheckOutput, ParseProblem> {
    parse(&v.to_string(), &[MAILBOX, "support@contoso.onmicrosoft.com"])
}

fn states(v: &Value) -> Vec<(Item, State, &'static str)> {
    verdicts(&read(v).unwrap(), &wizard()).into_iter().map(|x| (x.item, x.state, x.message.key)).collect()
}

#[test]
fn valid_output_everything_holds() {
    let out = read(&valid()).unwrap();
    assert_eq!(out.rules.read().map(|r| r[0].from.clone()), Some(vec![MAILBOX.to_string()]));
    assert_eq!(
        states(&valid()),
        [
            (Item::MailboxSmtpAuth, State::Holds, "exchange.verdict.smtp.mailbox_enabled"),
            (Item::TenantSmtpAuth, State::Holds, "exchange.verdict.smtp.tenant_disabled"),
            (Item::Forwarding, State::Holds, "exchange.verdict.forwarding.matches"),
            (Item::KeepCopy, State::Holds, "exchange.verdict.copy.kept"),
            (Item::OutboundPolicy, State::Holds, "exchange.verdict.outbound.rule_allows"),
            (Item::OrganizationCustomization, State::Holds, "exchange.verdict.org.customized"),
        ]
    );
    // PowerShell's console around the line, a UTF-8 BOM: the one JSON line is found.
    let pasted = format!("\u{feff}PS C:\\> .\\check.ps1\r\n{}\r\nPS C:\\>", valid());
    assert_eq!(parse(&pasted, &[MAILBOX]).map(|o| o.checked_mailbox), Ok(MAILBOX.to_string()));
}

#[test]
fn partial_output_says_what_was_not_read() {
    let mut v = valid();
    let doc = v.as_object_mut().unwrap();
    doc.remove("OutboundSpamRules");
    doc.remove("OrganizationConfig");
    doc.insert(
        "Errors".into(),
        json!([{"Item": "OutboundSpamRules", "Message": "Access denied: you need the Security Reader role."}]),
    );
    let out = read(&v).unwrap();
    assert!(matches!(&out.rules, Section::Failed { message } if message.starts_with("Access denied")));
    assert_eq!(out.organization, Section::Absent);
    let got = states(&v);
    assert_eq!(got[4], (Item::OutboundPolicy, State::Unknown, "exchange.verdict.failed"));
    assert_eq!(got[5], (Item::OrganizationCustomization, State::Unknown, "exchange.verdict.absent"));
    assert_eq!(got[0].1, State::Holds, "what was read still counts");
}

fn problem(v: &Value) -> ParseProblem {
    read(v).unwrap_err()
}

#[test]
fn malformed_output_is_refused_with_the_reason() {
    let e = parse("Connect-ExchangeOnline : The term is not recognized", &[MAILBOX]).unwrap_err();
    assert!(matches!(e, ParseProblem::NotJson { line: 1, .. }), "{e:?}");
    assert_eq!(parse("  \n", &[MAILBOX]), Err(ParseProblem::Empty));
    assert_eq!(parse("[1, 2]", &[MAILBOX]), Err(ParseProblem::NotCheckOutput));
    assert_eq!(parse(r#"{"value": []}"#, &[MAILBOX]), Err(ParseProblem::NotCheckOutput));
    let mut v = valid();
    v["Version"] = json!(2);
    assert_eq!(problem(&v), ParseProblem::Version { found: "2".into() });
    let mut v = valid();
    v["CASMailbox"]["SmtpClientAuthenticationDisabled"] = json!("False");
    assert!(matches!(problem(&v), ParseProblem::Shape { item, .. } if item == "CASMailbox"));
    let mut v = valid();
    v["OutboundSpamPolicies"][0]["AutoForwardingMode"] = json!("Sometimes");
    assert!(matches!(problem(&v), ParseProblem::Shape { item, .. } if item == "OutboundSpamPolicies"));
    let mut v = valid();
    v["OutboundSpamRules"][0]["Priority"] = json!(-1);
    assert!(matches!(problem(&v), ParseProblem::Shape { .. }));
    let mut v = valid();
    v["Mailbox"]["Extra"] = json!(1);
    assert!(matches!(problem(&v), ParseProblem::Shape { item, .. } if item == "Mailbox"));
    let mut v = valid();
    v["Surprise"] = json!({});
    assert!(matches!(problem(&v), ParseProblem::Shape { item, .. } if item == "Surprise"));
    // Two JSON lines: which one was meant is not guessed.
    let two = format!("{}\n{}", valid(), valid());
    assert!(matches!(parse(&two, &[MAILBOX]), Err(ParseProblem::NotJson { .. })));
}

#[test]
fn hostile_output_is_refused() {
    let mut v = valid();
    v["OutboundSpamPolicies"][1]["Name"] = json!("<img src=x onerror=alert(1)>");
    assert_eq!(problem(&v), ParseProblem::Markup { item: "OutboundSpamPolicies[1].Name".into() });
    let mut v = valid();
    v["Mailbox"]["Name"] = json!("x</script><script>alert(1)</script>");
    assert!(matches!(problem(&v), ParseProblem::Markup { .. }));
    let mut v = valid();
    v["Errors"] = json!([{"Item": "Mailbox", "Message": "javascript:alert(1)"}]);
    assert!(matches!(problem(&v), ParseProblem::Markup { .. }));
    let mut v = valid();
    v["Mailbox"]["Alias"] = json!("sup\u{202E}troppus");
    assert!(matches!(problem(&v), ParseProblem::Control { .. }));
    let mut v = valid();
    v["Mailbox"]["Alias"] = json!("a\u{1b}[31mred");
    assert!(matches!(problem(&v), ParseProblem::Control { .. }));
    let mut v = valid();
    v["Mailbox"]["Name"] = json!("x".repeat(5000));
    assert!(matches!(problem(&v), ParseProblem::TooLong { .. }));
    let mut v = valid();
    v["OutboundSpamRules"][0]["From"] = Value::Array(vec![json!("a"); 1001]);
    assert!(matches!(problem(&v), ParseProblem::TooMany { count: 1001, .. }));
    let huge = format!("{{\"Schema\": \"{SCHEMA}\", \"Pad\": \"{}\"}}", "a".repeat(300 * 1024));
    assert!(matches!(parse(&huge, &[MAILBOX]), Err(ParseProblem::TooLarge { .. })));
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(matches!(parse(&deep, &[MAILBOX]), Err(ParseProblem::NotJson { .. })));
}

#[test]
fn another_mailbox_is_refused() {
    let mut v = valid();
    v["CheckedMailbox"] = json!("ceo@contoso.com");
    assert!(matches!(problem(&v), ParseProblem::OtherMailbox { found, .. } if found == "ceo@contoso.com"));
    // Asked about ours, but Exchange answered about someone else.
    let mut v = valid();
    v["Mailbox"]["PrimarySmtpAddress"] = json!("ceo@contoso.com");
    v["Mailbox"]["UserPrincipalName"] = json!("ceo@contoso.com");
    v["Mailbox"]["EmailAddresses"] = json!(["SMTP:ceo@contoso.com"]);
    assert!(matches!(problem(&v), ParseProblem::OtherMailbox { .. }));
    assert_eq!(parse(&valid().to_string(), &["", " "]), Err(ParseProblem::NoMailbox));
}

#[test]
fn smtp_auth_null_follows_the_tenant() {
    let mut v = valid();
    v["CASMailbox"]["SmtpClientAuthenticationDisabled"] = Value::Null;
    assert_eq!(states(&v)[0], (Item::MailboxSmtpAuth, State::Change, "exchange.verdict.smtp.follows_disabled_tenant"));
    v["TransportConfig"]["SmtpClientAuthenticationDisabled"] = json!(false);
    assert_eq!(states(&v)[0], (Item::MailboxSmtpAuth, State::Holds, "exchange.verdict.smtp.follows_enabled_tenant"));
    assert_eq!(states(&v)[1].2, "exchange.verdict.smtp.tenant_enabled");
    v["CASMailbox"]["SmtpClientAuthenticationDisabled"] = json!(true);
    assert_eq!(states(&v)[0], (Item::MailboxSmtpAuth, State::Change, "exchange.verdict.smtp.mailbox_disabled"));
}

#[test]
fn forwarding_against_the_webex_address() {
    let mut v = valid();
    v["Mailbox"]["ForwardingSmtpAddress"] = json!("smtp:someone@gmail.example");
    let got = verdicts(&read(&v).unwrap(), &wizard());
    assert_eq!(got[2].message.key, "exchange.verdict.forwarding.differs");
    assert_eq!(got[2].message.param("found"), Some("someone@gmail.example"));
    v["Mailbox"]["ForwardingSmtpAddress"] = Value::Null;
    assert_eq!(states(&v)[2].2, "exchange.verdict.forwarding.none");
    v["Mailbox"]["ForwardingAddress"] = json!("Helpdesk");
    assert_eq!(states(&v)[2].2, "exchange.verdict.forwarding.internal");
    v["Mailbox"]["DeliverToMailboxAndForward"] = json!(false);
    assert_eq!(states(&v)[3], (Item::KeepCopy, State::Change, "exchange.verdict.copy.not_kept"));
    let mut empty = wizard();
    empty.webex_connect.forwarding_address.clear();
    let got = verdicts(&read(&valid()).unwrap(), &empty);
    assert_eq!((got[2].state, got[2].message.key), (State::Unknown, "exchange.verdict.forwarding.wizard_empty"));
}

fn rule(name: &str, priority: u32, extra: Value) -> Value {
    let mut r = json!({"Name": name, "HostedOutboundSpamFilterPolicy": name, "State": "Enabled", "Priority": priority,
        "From": [], "FromMemberOf": [], "SenderDomainIs": [], "ExceptIfFrom": [], "ExceptIfFromMemberOf": [],
        "ExceptIfSenderDomainIs": []});
    for (k, x) in extra.as_object().unwrap() {
        r[k] = x.clone();
    }
    r
}

fn outbound(policies: Value, rules: Value) -> (State, &'static str, Option<String>) {
    let mut v = valid();
    v["OutboundSpamPolicies"] = policies;
    v["OutboundSpamRules"] = rules;
    let got = verdicts(&read(&v).unwrap(), &wizard()).remove(4);
    (got.state, got.message.key, got.message.param("policy").map(String::from))
}

#[test]
fn which_outbound_policy_covers_the_mailbox() {
    let policy =
        |name: &str, mode: &str| json!({"Name": name, "IsDefault": name == "Default", "AutoForwardingMode": mode});
    let default_off = policy("Default", "Off");
    // No rule: the Default policy, which blocks ("Automatic" is now the same as Off).
    assert_eq!(outbound(json!([default_off]), json!([])).1, "exchange.verdict.outbound.default_off");
    assert_eq!(
        outbound(json!([policy("Default", "Automatic")]), json!([])).1,
        "exchange.verdict.outbound.default_automatic"
    );
    assert_eq!(outbound(json!([policy("Default", "On")]), json!([])).0, State::Holds);
    // The lowest priority number wins: a blocking rule at 0 over the allowing one at 1.
    let rules = json!([
        rule("allow", 1, json!({"From": [MAILBOX]})),
        rule("block", 0, json!({"SenderDomainIs": ["contoso.com"]}))
    ]);
    let policies = json!([default_off, policy("allow", "On"), policy("block", "Off")]);
    assert_eq!(
        outbound(policies.clone(), rules),
        (State::Change, "exchange.verdict.outbound.rule_blocks", Some("block".into()))
    );
    // An exception, a condition that does not match, a disabled rule: skipped.
    let rules = json!([
        rule("block", 0, json!({"SenderDomainIs": ["contoso.com"], "ExceptIfFrom": ["Support"]})),
        rule("allow", 1, json!({"From": ["support"], "SenderDomainIs": ["fabrikam.com"]})),
        rule("allow", 2, json!({"From": ["SUPPORT@contoso.com"]})),
    ]);
    assert_eq!(
        outbound(policies.clone(), rules),
        (State::Holds, "exchange.verdict.outbound.rule_allows", Some("allow".into()))
    );
    let rules = json!([rule("allow", 0, json!({"From": [MAILBOX], "State": "Disabled"}))]);
    assert_eq!(outbound(policies.clone(), rules).1, "exchange.verdict.outbound.rule_disabled");
    // Group membership cannot be read here: said so, not guessed.
    let rules = json!([
        rule("group", 0, json!({"FromMemberOf": ["Contact center"]})),
        rule("allow", 1, json!({"From": [MAILBOX]}))
    ]);
    assert_eq!(outbound(policies.clone(), rules).1, "exchange.verdict.outbound.group");
    // A rule pointing at a policy that is not listed.
    let rules = json!([rule("ghost", 0, json!({"From": [MAILBOX]}))]);
    assert_eq!(outbound(policies, rules).1, "exchange.verdict.outbound.policy_missing");
}

#[test]
fn organization_customization() {
    let mut v = valid();
    v["OrganizationConfig"]["IsDehydrated"] = json!(true);
    assert_eq!(states(&v)[5], (Item::OrganizationCustomization, State::Change, "exchange.verdict.org.dehydrated"));
}

#[test]
fn every_message_exists_in_both_languages() {
    let m = |k| crate::domain::Message::new(k);
    let mut samples: Vec<crate::domain::Message> = [
        ParseProblem::Empty,
        ParseProblem::TooLarge { bytes: 1 },
        ParseProblem::NotJson { line: 1, column: 1 },
        ParseProblem::NotCheckOutput,
        ParseProblem::Version { found: "2".into() },
        ParseProblem::Shape { item: "x".into(), detail: "y".into() },
        ParseProblem::Markup { item: "x".into() },
        ParseProblem::Control { item: "x".into() },
        ParseProblem::TooLong { item: "x".into() },
        ParseProblem::TooMany { item: "x".into(), count: 1 },
        ParseProblem::NoMailbox,
        ParseProblem::OtherMailbox { found: "a".into(), expected: "b".into() },
    ]
    .iter()
    .map(ParseProblem::message)
    .collect();
    // Every verdict the tests above produce, with its parameters.
    let mut v = valid();
    *v.pointer_mut("/CASMailbox/SmtpClientAuthenticationDisabled").unwrap() = json!(null);
    samples.extend(verdicts(&read(&valid()).unwrap(), &wizard()).into_iter().map(|x| x.message));
    samples.extend(verdicts(&read(&v).unwrap(), &wizard()).into_iter().map(|x| x.message));
    for key in [
        "exchange.verdict.smtp.follows_enabled_tenant",
        "exchange.verdict.smtp.follows_unknown_tenant",
        "exchange.verdict.smtp.mailbox_disabled",
        "exchange.verdict.smtp.tenant_enabled",
        "exchange.verdict.forwarding.none",
        "exchange.verdict.copy.not_kept",
        "exchange.verdict.outbound.default_allows",
        "exchange.verdict.outbound.default_off",
        "exchange.verdict.outbound.default_automatic",
        "exchange.verdict.org.dehydrated",
        "exchange.verdict.absent",
    ] {
        samples.push(m(key));
    }
    let with = |k, p: &[&'static str]| p.iter().fold(m(k), |acc, n| acc.with(n, "x"));
    samples.push(with("exchange.verdict.failed", &["error"]));
    samples.push(with("exchange.verdict.forwarding.internal", &["recipient"]));
    samples.push(with("exchange.verdict.forwarding.differs", &["found", "expected"]));
    samples.push(with("exchange.verdict.forwarding.wizard_empty", &["found"]));
    samples.push(with("exchange.verdict.outbound.rule_blocks", &["policy", "rule", "priority"]));
    samples.push(with("exchange.verdict.outbound.rule_disabled", &["policy", "rule"]));
    samples.push(with("exchange.verdict.outbound.group", &["rule", "priority"]));
    samples.push(with("exchange.verdict.outbound.policy_missing", &["policy"]));
    for key in [
        "exchange.verdict.outbound.default_allows",
        "exchange.verdict.outbound.default_off",
        "exchange.verdict.outbound.default_automatic",
    ] {
        samples.retain(|s| s.key != key);
        samples.push(with(key, &["policy"]));
    }
    area_check::assert_area("day_two_exchange", samples, &["exchange."]);
}

#[test]
fn saved_files_in_the_encodings_powershell_writes() {
    let text = valid().to_string();
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    let bom: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect();
    for bytes in [le, be, bom, text.clone().into_bytes()] {
        assert_eq!(output::decode_text(&bytes), text);
    }
    // Not text at all: refused by the parser, not by a panic.
    let junk = output::decode_text(&[0xFF, 0xFE, 0x00]);
    assert!(parse(&junk, &[MAILBOX]).is_err());
}
