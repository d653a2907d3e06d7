use super::quote::reader::{read_literal, tricky_string};
use super::*;
use proptest::prelude::*;

const FORWARDING: &str = "0123456789abcdef0123456789abcdef@mail-us.imiconnect.io";

/// Checks `actual` against a golden file; with `BLESS_GOLDEN=1` rewrites the file instead
/// (then review the diff before committing).
pub(crate) fn assert_golden(actual: &str, expected: &str, file: &str) {
    if std::env::var_os("BLESS_GOLDEN").is_some() {
        let path = format!("{}/tests/golden/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::write(&path, actual).unwrap();
        return;
    }
    // A checkout with CRLF conversion must not fail the test; the values contain no CR.
    let expected = expected.replace("\r\n", "\n");
    assert!(actual == expected, "{file} differs; got:\n{actual}");
}

#[test]
fn golden_global_scoped_policy() {
    let mailbox = "support@contoso.com";
    let policy = default_policy_name(mailbox);
    let input = MailboxScriptInput {
        cloud: Cloud::Global,
        mailbox,
        forwarding_address: FORWARDING,
        outbound_policy: OutboundPolicy::ScopedCustomPolicy,
        policy_name: &policy,
    };
    assert_golden(
        &mailbox_script(&input),
        include_str!("../../../tests/golden/mailbox-global-scoped.ps1"),
        "mailbox-global-scoped.ps1",
    );
}

#[test]
fn golden_gcc_high_default_policy() {
    let input = MailboxScriptInput {
        cloud: Cloud::UsGovGccHigh,
        mailbox: "contact-center@agency.example.gov",
        forwarding_address: FORWARDING,
        outbound_policy: OutboundPolicy::DefaultPolicy,
        policy_name: "unused",
    };
    assert_golden(
        &mailbox_script(&input),
        include_str!("../../../tests/golden/mailbox-gcc-high-default.ps1"),
        "mailbox-gcc-high-default.ps1",
    );
}

const HOSTILE_MAILBOX: &str =
    "a'b@x.com'; Remove-Mailbox -Identity * -Confirm:$false; '\n# comment\nStart-Process calc";
const HOSTILE_FORWARDING: &str =
    "x\u{2019}; $(Invoke-Expression \"calc\") `$env:USERNAME\u{2018}\u{201A}\u{201B}\"@evil.example";
const HOSTILE_POLICY: &str = "転送 \u{02BC}\u{FF07}\u{2032}\u{201C}\u{201D} ${x} @' '@ #> <# `n'' ; exit";

#[test]
fn golden_hostile_values() {
    let input = MailboxScriptInput {
        cloud: Cloud::China,
        mailbox: HOSTILE_MAILBOX,
        forwarding_address: HOSTILE_FORWARDING,
        outbound_policy: OutboundPolicy::ScopedCustomPolicy,
        policy_name: HOSTILE_POLICY,
    };
    assert_golden(
        &mailbox_script(&input),
        include_str!("../../../tests/golden/mailbox-hostile.ps1"),
        "mailbox-hostile.ps1",
    );
}

fn input<'a>(cloud: Cloud, policy: OutboundPolicy, values: [&'a str; 3]) -> MailboxScriptInput<'a> {
    MailboxScriptInput {
        cloud,
        mailbox: values[0],
        forwarding_address: values[1],
        outbound_policy: policy,
        policy_name: values[2],
    }
}

fn all_options() -> impl Iterator<Item = (Cloud, OutboundPolicy)> {
    Cloud::ALL.into_iter().flat_map(|c| OutboundPolicy::ALL.into_iter().map(move |p| (c, p)))
}

/// Splits a script into (text before the assignments, assigned values, text after), reading
/// the literals as PowerShell would. Fails the test if the assignment block is malformed.
fn split_assignments<'s>(script: &'s str, names: &[&str]) -> (&'s str, Vec<String>, &'s str) {
    let marker = "$ErrorActionPreference = 'Stop'\n\n";
    let at = script.find(marker).unwrap() + marker.len();
    let (head, mut rest) = script.split_at(at);
    let mut values = Vec::new();
    for name in names {
        rest = rest.strip_prefix(&format!("${name} = ")).unwrap();
        let (value, after) = read_literal(rest).unwrap();
        values.push(value);
        rest = after.strip_prefix('\n').unwrap();
    }
    (head, values, rest.strip_prefix('\n').unwrap())
}

fn variable_names(policy: OutboundPolicy) -> &'static [&'static str] {
    match policy {
        OutboundPolicy::ScopedCustomPolicy => &["Mailbox", "ForwardingAddress", "PolicyName"],
        OutboundPolicy::DefaultPolicy => &["Mailbox", "ForwardingAddress"],
    }
}

#[test]
fn values_appear_only_on_their_assignment_lines() {
    let markers = ["MARKER_MAILBOX", "MARKER_FORWARDING", "MARKER_POLICY"];
    for (cloud, policy) in all_options() {
        let script = mailbox_script(&input(cloud, policy, markers));
        let names = variable_names(policy);
        for (marker, name) in markers.iter().zip(names) {
            let lines: Vec<&str> = script.lines().filter(|l| l.contains(marker)).collect();
            assert_eq!(lines, [format!("${name} = '{marker}'")], "{cloud:?} {policy:?}");
        }
        if policy == OutboundPolicy::DefaultPolicy {
            assert!(!script.contains(markers[2]) && !script.contains("$PolicyName"));
        }
    }
}

#[test]
fn the_script_sets_what_the_step_needs() {
    let s = mailbox_script(&input(Cloud::Global, OutboundPolicy::ScopedCustomPolicy, ["m", "f", "p"]));
    let code: Vec<&str> = s.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    assert_eq!(code[0], "$ErrorActionPreference = 'Stop'");
    for needed in [
        "Connect-ExchangeOnline\n",
        "Get-TransportConfig | Format-List SmtpClientAuthenticationDisabled",
        "Get-CASMailbox -Identity $Mailbox",
        "Set-CASMailbox -Identity $Mailbox -SmtpClientAuthenticationDisabled $false\n",
        "Set-Mailbox -Identity $Mailbox -ForwardingSmtpAddress (\"smtp:\" + $ForwardingAddress) -DeliverToMailboxAndForward $true\n",
        "if ((Get-OrganizationConfig).IsDehydrated) {\n    Write-Warning '",
        "24 hours",
        "    Enable-OrganizationCustomization\n}",
        "New-HostedOutboundSpamFilterPolicy -Name $PolicyName -AutoForwardingMode On\n",
        "Set-HostedOutboundSpamFilterPolicy -Identity $PolicyName -AutoForwardingMode On\n",
        "-HostedOutboundSpamFilterPolicy $PolicyName -From $Mailbox\n",
        "Get-HostedOutboundSpamFilterPolicy -Identity $PolicyName -ErrorAction SilentlyContinue",
        "Get-HostedOutboundSpamFilterRule -Identity $PolicyName -ErrorAction SilentlyContinue",
    ] {
        assert!(s.contains(needed), "missing {needed:?}");
    }
    assert!(!s.contains("-Identity Default"));
    assert!(!s.contains("-ExchangeEnvironmentName"));
    // Enabling customization happens only inside the IsDehydrated check.
    assert_eq!(s.matches("Enable-OrganizationCustomization\n").count(), 1);

    let d = mailbox_script(&input(Cloud::Global, OutboundPolicy::DefaultPolicy, ["m", "f", "p"]));
    assert!(d.contains("Set-HostedOutboundSpamFilterPolicy -Identity Default -AutoForwardingMode On\n"));
    assert!(d.contains("TENANT-WIDE"));
    assert!(!d.contains("New-HostedOutboundSpamFilter"));
    assert!(d.contains("IsDehydrated"));
}

#[test]
fn sovereign_clouds_connect_to_their_environment() {
    let expected = [
        (Cloud::Global, None),
        (Cloud::UsGovGccHigh, Some("O365USGovGCCHigh")),
        (Cloud::UsGovDod, Some("O365USGovDoD")),
        (Cloud::China, Some("O365China")),
    ];
    for (cloud, env) in expected {
        assert_eq!(exchange_environment_name(cloud), env);
        let s = mailbox_script(&input(cloud, OutboundPolicy::ScopedCustomPolicy, ["m", "f", "p"]));
        let connect: Vec<&str> = s.lines().filter(|l| l.starts_with("Connect-")).collect();
        let want = match env {
            Some(e) => format!("Connect-ExchangeOnline -ExchangeEnvironmentName {e}"),
            None => "Connect-ExchangeOnline".to_string(),
        };
        assert_eq!(connect, [want]);
    }
}

#[test]
fn values_are_trimmed_and_empty_ones_are_refused_by_the_script() {
    let s = mailbox_script(&input(
        Cloud::Global,
        OutboundPolicy::ScopedCustomPolicy,
        ["  support@contoso.com\t", "", " \n "],
    ));
    let (_, values, body) = split_assignments(&s, variable_names(OutboundPolicy::ScopedCustomPolicy));
    assert_eq!(values, ["support@contoso.com", "", ""]);
    assert!(body.contains("if ([string]::IsNullOrWhiteSpace($PolicyName)) { throw "));
    assert!(body.contains("if ([string]::IsNullOrWhiteSpace($Mailbox)) { throw "));
}

#[test]
fn default_policy_name_names_the_mailbox() {
    assert_eq!(default_policy_name(" support@contoso.com "), "Webex Connect forwarding (support@contoso.com)");
}

#[test]
fn file_names_are_safe() {
    let cases = [
        ("support@contoso.com", "webex-connect-mailbox-support@contoso.com.ps1"),
        ("  Support@Contoso.COM ", "webex-connect-mailbox-Support@Contoso.COM.ps1"),
        ("", "webex-connect-mailbox.ps1"),
        ("   ", "webex-connect-mailbox.ps1"),
        ("サポート", "webex-connect-mailbox.ps1"),
        ("サポート@例え.jp", "webex-connect-mailbox-@_.jp.ps1"),
        ("../../etc/passwd", "webex-connect-mailbox-etc_passwd.ps1"),
        ("..\\..\\Windows\\x", "webex-connect-mailbox-Windows_x.ps1"),
        ("a<b>c:d\"e/f\\g|h?i*j", "webex-connect-mailbox-a_b_c_d_e_f_g_h_i_j.ps1"),
        ("support\u{FF20}contoso.com", "webex-connect-mailbox-support_contoso.com.ps1"),
        ("\u{0441}upport@contoso.com", "webex-connect-mailbox-upport@contoso.com.ps1"),
        ("a'b;$(c)`d\ne", "webex-connect-mailbox-a_b_c_d_e.ps1"),
        ("x.", "webex-connect-mailbox-x.ps1"),
    ];
    for (mailbox, expected) in cases {
        assert_eq!(script_file_name(mailbox), expected, "{mailbox:?}");
    }
    let long = script_file_name(&"a".repeat(500));
    assert_eq!(long.len(), "webex-connect-mailbox-.ps1".len() + FILE_NAME_MAILBOX_MAX);
}

fn any_cloud() -> impl Strategy<Value = Cloud> {
    prop::sample::select(Cloud::ALL.to_vec())
}

fn any_policy() -> impl Strategy<Value = OutboundPolicy> {
    prop::sample::select(OutboundPolicy::ALL.to_vec())
}

proptest! {
    #[test]
    fn file_names_never_hold_path_or_reserved_characters(s in tricky_string()) {
        let name = script_file_name(&s);
        prop_assert!(name.starts_with("webex-connect-mailbox") && name.ends_with(".ps1"));
        prop_assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || "@.-_".contains(c)));
    }

    /// Whatever the values, they reach the script only through the assignment block: the text
    /// around it is the same as with harmless values, and each literal reads back (as PowerShell
    /// would read it) to exactly the trimmed value.
    #[test]
    fn values_reach_only_their_assignments(
        cloud in any_cloud(),
        policy in any_policy(),
        values in [tricky_string(), tricky_string(), tricky_string()],
    ) {
        let names = variable_names(policy);
        let hostile = mailbox_script(&input(cloud, policy, [&values[0], &values[1], &values[2]]));
        let harmless = mailbox_script(&input(cloud, policy, ["m@x.com", "f@x.com", "policy"]));
        let (head, read, body) = split_assignments(&hostile, names);
        let (head_ok, _, body_ok) = split_assignments(&harmless, names);
        prop_assert_eq!(head, head_ok);
        prop_assert_eq!(body, body_ok);
        let trimmed: Vec<&str> = values.iter().take(names.len()).map(|v| v.trim()).collect();
        prop_assert_eq!(read, trimmed);
    }
}
