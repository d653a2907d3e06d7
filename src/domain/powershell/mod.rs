//! The Exchange Online PowerShell script of the Mailbox step: the settings Graph cannot change
//! (SMTP AUTH per mailbox, forwarding, the outbound anti-spam policy), as a readable script the
//! admin downloads, reads and runs.
//!
//! The values are untrusted text. Each one is assigned ONCE, at the top, to a variable through
//! `ps_single_quoted`; the rest of the script is fixed text that only names the variables. So
//! no value can reach a comment, a double-quoted string or a command line, where it could be
//! read as code. The download code prepends `SCRIPT_BOM`.

mod quote;
#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
pub(crate) use quote::reader;
pub use quote::{is_ps_single_quote, ps_single_quoted, SCRIPT_BOM};

use super::model::{Cloud, OutboundPolicy};

/// What the script needs, as the admin typed it. Surrounding whitespace is ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MailboxScriptInput<'a> {
    pub cloud: Cloud,
    pub mailbox: &'a str,
    pub forwarding_address: &'a str,
    pub outbound_policy: OutboundPolicy,
    /// Name of the custom outbound policy and of its rule (unused for `DefaultPolicy`).
    pub policy_name: &'a str,
}

/// The policy name offered before the admin types one.
pub fn default_policy_name(mailbox: &str) -> String {
    format!("Webex Connect forwarding ({})", mailbox.trim())
}

/// Value of `Connect-ExchangeOnline -ExchangeEnvironmentName`; `None` for the global cloud,
/// which is the cmdlet's default.
pub fn exchange_environment_name(cloud: Cloud) -> Option<&'static str> {
    match cloud {
        Cloud::Global => None,
        Cloud::UsGovGccHigh => Some("O365USGovGCCHigh"),
        Cloud::UsGovDod => Some("O365USGovDoD"),
        Cloud::China => Some("O365China"),
    }
}

/// Longest mailbox part of the file name, so the name stays well under every file system's
/// limit.
const FILE_NAME_MAILBOX_MAX: usize = 64;

/// A download file name such as `webex-connect-mailbox-support@contoso.com.ps1`. Only ASCII
/// letters, digits, `@`, `.`, `-` and `_` are kept (anything else becomes `_`), so the name is
/// valid on Windows, macOS and Linux and cannot name a path or a hidden file.
pub fn script_file_name(mailbox: &str) -> String {
    let mut safe = String::new();
    for c in mailbox.trim().chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '-' | '_') { c } else { '_' };
        // Runs of replaced characters collapse, so a Japanese name does not become "______".
        if !(c == '_' && safe.ends_with('_')) {
            safe.push(c);
        }
    }
    let safe: String = safe.chars().take(FILE_NAME_MAILBOX_MAX).collect();
    let safe = safe.trim_matches(|c| matches!(c, '.' | '-' | '_'));
    if safe.is_empty() {
        "webex-connect-mailbox.ps1".to_string()
    } else {
        format!("webex-connect-mailbox-{safe}.ps1")
    }
}

/// The whole script, `\n` line endings, without the BOM.
pub fn mailbox_script(input: &MailboxScriptInput) -> String {
    let scoped = input.outbound_policy == OutboundPolicy::ScopedCustomPolicy;
    let mut s = String::new();
    s.push_str(HEADER);
    s.push_str(if scoped { HEADER_STEP5_SCOPED } else { HEADER_STEP5_DEFAULT });
    s.push_str(HEADER_END);

    s.push_str("$ErrorActionPreference = 'Stop'\n\n");
    // The only lines that carry the admin's values.
    assign(&mut s, "Mailbox", input.mailbox);
    assign(&mut s, "ForwardingAddress", input.forwarding_address);
    if scoped {
        assign(&mut s, "PolicyName", input.policy_name);
    }
    s.push('\n');

    s.push_str(CHECK_VALUES);
    if scoped {
        s.push_str(CHECK_POLICY_NAME);
    }
    s.push('\n');

    s.push_str(CONNECT);
    match exchange_environment_name(input.cloud) {
        Some(env) => {
            s.push_str("# The tenant is in a sovereign cloud: connect to its Exchange Online.\n");
            s.push_str("Connect-ExchangeOnline -ExchangeEnvironmentName ");
            s.push_str(env);
            s.push('\n');
        }
        None => s.push_str("Connect-ExchangeOnline\n"),
    }
    s.push('\n');

    s.push_str(SMTP_AUTH);
    s.push_str(FORWARDING);
    s.push_str(CUSTOMIZATION);
    s.push_str(if scoped { POLICY_SCOPED } else { POLICY_DEFAULT });
    s.push_str(RESULT);
    s.push_str(if scoped { RESULT_SCOPED } else { RESULT_DEFAULT });
    s.push_str(FOOTER);
    s
}

fn assign(s: &mut String, variable: &str, value: &str) {
    s.push('$');
    s.push_str(variable);
    s.push_str(" = ");
    s.push_str(&ps_single_quoted(value.trim()));
    s.push('\n');
}

// The fixed text of the script. Nothing below depends on the admin's values.

const HEADER: &str = r#"# Webex Connect email channel: Exchange Online settings for one mailbox.
#
# What this script does, in order:
#   1. connects to Exchange Online (sign in as an Exchange administrator);
#   2. enables SMTP AUTH for this mailbox only;
#   3. forwards the mailbox's incoming mail to Webex Connect, keeping a copy in the mailbox;
#   4. enables organization customization, if the tenant has never been customized;
"#;

const HEADER_STEP5_SCOPED: &str = "#   5. allows automatic forwarding to outside addresses for this mailbox only;\n";

const HEADER_STEP5_DEFAULT: &str =
    "#   5. allows automatic forwarding to outside addresses in the Default policy (tenant-wide);\n";

const HEADER_END: &str = r#"#   6. prints the resulting settings for you to check.
#
# Needs the ExchangeOnlineManagement module (Install-Module ExchangeOnlineManagement).
# Windows blocks downloaded scripts under the RemoteSigned execution policy: once you have read
# this one, unblock it with Unblock-File <path of this file>, then run it.
# Running it again is safe: each step sets the same values again.
#
# Your values are assigned once, just below, as single-quoted strings, which PowerShell never
# expands; the rest of the script only uses these variables.

"#;

const CHECK_VALUES: &str = r#"# Stop before changing anything if a value is missing.
if ([string]::IsNullOrWhiteSpace($Mailbox)) { throw 'The mailbox address is empty.' }
if ([string]::IsNullOrWhiteSpace($ForwardingAddress)) { throw 'The Webex Connect forwarding address is empty.' }
"#;

const CHECK_POLICY_NAME: &str =
    "if ([string]::IsNullOrWhiteSpace($PolicyName)) { throw 'The outbound policy name is empty.' }\n";

const CONNECT: &str = r#"# --- 1. Connect to Exchange Online ---
"#;

const SMTP_AUTH: &str = r#"# --- 2. SMTP AUTH for this mailbox only ---
# Webex Connect sends the channel's mail over SMTP, signing in with OAuth. That still needs
# SMTP AUTH on the mailbox. The mailbox's own setting overrides the tenant-wide one, so SMTP
# AUTH can stay disabled for every other mailbox.
Write-Host 'SMTP AUTH for the whole tenant (SmtpClientAuthenticationDisabled True = disabled):'
Get-TransportConfig | Format-List SmtpClientAuthenticationDisabled | Out-Host
Write-Host 'SMTP AUTH for this mailbox before the change (empty = follows the tenant):'
Get-CASMailbox -Identity $Mailbox | Format-List Identity, SmtpClientAuthenticationDisabled | Out-Host
Set-CASMailbox -Identity $Mailbox -SmtpClientAuthenticationDisabled $false

"#;

const FORWARDING: &str = r#"# --- 3. Forward incoming mail to Webex Connect ---
# Webex Connect receives the channel's mail at its forwarding address. The mailbox keeps a copy.
Set-Mailbox -Identity $Mailbox -ForwardingSmtpAddress ("smtp:" + $ForwardingAddress) -DeliverToMailboxAndForward $true

"#;

const CUSTOMIZATION: &str = r#"# --- 4. Organization customization ---
# A tenant that has never been customized ("dehydrated") refuses changes to anti-spam policies
# until Enable-OrganizationCustomization has run once.
if ((Get-OrganizationConfig).IsDehydrated) {
    Write-Warning 'Enabling organization customization. It can take up to 24 hours to apply: if the next step fails, run this script again later.'
    Enable-OrganizationCustomization
}

"#;

const POLICY_SCOPED: &str = r#"# --- 5. Allow automatic forwarding to outside addresses, for this mailbox only ---
# Outbound anti-spam policies block automatic forwarding to outside addresses by default
# (550 5.7.520). A custom policy with AutoForwardingMode On, applied by a rule only to mail
# from this mailbox, allows it for this mailbox alone. The rule has the policy's name. Each is
# updated if it exists already, created otherwise.
if (Get-HostedOutboundSpamFilterPolicy -Identity $PolicyName -ErrorAction SilentlyContinue) {
    Set-HostedOutboundSpamFilterPolicy -Identity $PolicyName -AutoForwardingMode On
} else {
    New-HostedOutboundSpamFilterPolicy -Name $PolicyName -AutoForwardingMode On
}
if (Get-HostedOutboundSpamFilterRule -Identity $PolicyName -ErrorAction SilentlyContinue) {
    Set-HostedOutboundSpamFilterRule -Identity $PolicyName -HostedOutboundSpamFilterPolicy $PolicyName -From $Mailbox
} else {
    New-HostedOutboundSpamFilterRule -Name $PolicyName -HostedOutboundSpamFilterPolicy $PolicyName -From $Mailbox
}

"#;

const POLICY_DEFAULT: &str = r#"# --- 5. Allow automatic forwarding to outside addresses, TENANT-WIDE ---
# Outbound anti-spam policies block automatic forwarding to outside addresses by default
# (550 5.7.520). This changes the Default policy, so it applies to the whole tenant: every
# mailbox that no custom policy covers may then forward mail automatically to outside
# addresses. A custom policy scoped to this mailbox is the narrower choice.
Set-HostedOutboundSpamFilterPolicy -Identity Default -AutoForwardingMode On

"#;

const RESULT: &str = r#"# --- 6. Resulting settings ---
# Expected: SmtpClientAuthenticationDisabled False; ForwardingSmtpAddress smtp: followed by the
# Webex Connect forwarding address; DeliverToMailboxAndForward True; AutoForwardingMode On.
Write-Host 'Resulting settings:'
Get-CASMailbox -Identity $Mailbox | Format-List Identity, SmtpClientAuthenticationDisabled | Out-Host
Get-Mailbox -Identity $Mailbox | Format-List Identity, ForwardingSmtpAddress, DeliverToMailboxAndForward | Out-Host
"#;

const RESULT_SCOPED: &str = r#"Get-HostedOutboundSpamFilterPolicy -Identity $PolicyName | Format-List Name, AutoForwardingMode | Out-Host
# The rule should be Enabled with this mailbox in From. A custom policy with a higher priority
# (a lower Priority number) that also covers this mailbox would take precedence over this one.
Get-HostedOutboundSpamFilterRule -Identity $PolicyName | Format-List Name, HostedOutboundSpamFilterPolicy, From, State, Priority | Out-Host
"#;

const RESULT_DEFAULT: &str = r#"Get-HostedOutboundSpamFilterPolicy -Identity Default | Format-List Name, AutoForwardingMode | Out-Host
# A custom policy that covers this mailbox would take precedence over the Default policy.
Get-HostedOutboundSpamFilterRule | Format-List Name, HostedOutboundSpamFilterPolicy, From, FromMemberOf, SenderDomainIs, State, Priority | Out-Host
"#;

const FOOTER: &str = r#"
# Sign out when you are done: Disconnect-ExchangeOnline -Confirm:$false
"#;
