//! Day two, the Exchange side, read-only. Graph cannot read another user's SMTP AUTH,
//! forwarding or the outbound anti-spam policy, so the app writes an Exchange Online
//! PowerShell script that only reads them (Get- cmdlets, nothing that changes anything) and
//! prints ONE line of JSON. The admin pastes that line here (or opens it as a file);
//! `output::parse` reads it into typed values, refusing anything else, and `verdict::verdicts`
//! says per item what holds and what to change.
//!
//! The mailbox is the only value in the script: assigned once, as a single-quoted literal
//! (`powershell::ps_single_quoted`), as in the Mailbox step's script.

pub mod output;
#[cfg(test)]
mod scan;
mod sections;
#[cfg(test)]
mod tests;
pub mod verdict;

use crate::domain::model::Cloud;
use crate::domain::powershell::{exchange_environment_name, ps_single_quoted};

/// The JSON document's marker and version: anything else is not this script's output.
pub const SCHEMA: &str = "webex-o365-setup/exchange-check";
pub const VERSION: u64 = 1;

/// The download's name (the mailbox is not in it: the file is the same for every mailbox's
/// check, and names stay plain ASCII).
pub const SCRIPT_FILE_NAME: &str = "webex-connect-exchange-check.ps1";

/// The whole script, `\n` line endings, without the BOM (the download adds it).
pub fn check_script(cloud: Cloud, mailbox: &str) -> String {
    let mut s = String::from(HEADER);
    s.push_str("$Mailbox = ");
    s.push_str(&ps_single_quoted(mailbox.trim()));
    s.push_str("\n\n");
    s.push_str(CONNECT_COMMENT);
    match exchange_environment_name(cloud) {
        Some(env) => {
            s.push_str("Connect-ExchangeOnline -ShowBanner:$false -ExchangeEnvironmentName ");
            s.push_str(env);
            s.push('\n');
        }
        None => s.push_str("Connect-ExchangeOnline -ShowBanner:$false\n"),
    }
    s.push_str(BODY);
    s.push_str(&format!(
        "$Result = [ordered]@{{ Schema = '{SCHEMA}'; Version = {VERSION}; CheckedMailbox = $Mailbox }}\n"
    ));
    s.push_str(READS);
    s
}

// Fixed text: nothing below depends on the admin's values.

const HEADER: &str = r#"# Webex Connect email channel: a READ-ONLY check of the Exchange Online settings of one mailbox.
#
# It changes nothing: it only reads (Get- cmdlets) and prints ONE line of JSON. Paste that line
# into the setup app (6. Troubleshoot > Exchange settings), or save it to a file and open that:
#   .\webex-connect-exchange-check.ps1 | Out-File -Encoding utf8 exchange-check.json
# It reads: SMTP AUTH for the mailbox and for the tenant, the mailbox's forwarding and whether it
# keeps a copy, the outbound anti-spam policies and their rules (which one covers the mailbox and
# at what priority), and whether the organization was ever customized.
#
# Needs the ExchangeOnlineManagement module and an account that may read these settings.
# The mailbox is assigned once, just below, as a single-quoted string PowerShell never expands.

$ErrorActionPreference = 'Stop'
"#;

const CONNECT_COMMENT: &str = "# Sign in (a window opens).\n";

const BODY: &str = r#"
# Lists as arrays of plain strings (none for an empty or absent value).
function ConvertTo-CheckList($Values) {
    return , @(@($Values) | Where-Object { $null -ne $_ -and '' -ne [string]$_ } | ForEach-Object { [string]$_ })
}
function ConvertTo-CheckText($Value) {
    if ($null -eq $Value) { return $null }
    return [string]$Value
}
$CheckErrors = @()
"#;

const READS: &str = r#"
try {
    $Cas = Get-CASMailbox -Identity $Mailbox
    # $null means the mailbox follows the tenant's setting (Get-TransportConfig).
    $Result.CASMailbox = [ordered]@{ SmtpClientAuthenticationDisabled = $Cas.SmtpClientAuthenticationDisabled }
} catch { $CheckErrors += [ordered]@{ Item = 'CASMailbox'; Message = [string]$_.Exception.Message } }

try {
    $Transport = Get-TransportConfig
    $Result.TransportConfig = [ordered]@{ SmtpClientAuthenticationDisabled = $Transport.SmtpClientAuthenticationDisabled }
} catch { $CheckErrors += [ordered]@{ Item = 'TransportConfig'; Message = [string]$_.Exception.Message } }

try {
    $Box = Get-Mailbox -Identity $Mailbox
    $Result.Mailbox = [ordered]@{
        UserPrincipalName          = ConvertTo-CheckText $Box.UserPrincipalName
        PrimarySmtpAddress         = ConvertTo-CheckText $Box.PrimarySmtpAddress
        Alias                      = ConvertTo-CheckText $Box.Alias
        Name                       = ConvertTo-CheckText $Box.Name
        EmailAddresses             = ConvertTo-CheckList $Box.EmailAddresses
        ForwardingSmtpAddress      = ConvertTo-CheckText $Box.ForwardingSmtpAddress
        ForwardingAddress          = ConvertTo-CheckText $Box.ForwardingAddress
        DeliverToMailboxAndForward = [bool]$Box.DeliverToMailboxAndForward
    }
} catch { $CheckErrors += [ordered]@{ Item = 'Mailbox'; Message = [string]$_.Exception.Message } }

try {
    $Result.OutboundSpamPolicies = @(Get-HostedOutboundSpamFilterPolicy | ForEach-Object {
        [ordered]@{
            Name               = ConvertTo-CheckText $_.Name
            IsDefault          = [bool]$_.IsDefault
            AutoForwardingMode = ConvertTo-CheckText $_.AutoForwardingMode
        }
    })
} catch { $CheckErrors += [ordered]@{ Item = 'OutboundSpamPolicies'; Message = [string]$_.Exception.Message } }

try {
    # Rules decide which custom policy covers a sender: the lowest Priority number wins; with
    # no matching rule the Default policy applies.
    $Result.OutboundSpamRules = @(Get-HostedOutboundSpamFilterRule | ForEach-Object {
        [ordered]@{
            Name                           = ConvertTo-CheckText $_.Name
            HostedOutboundSpamFilterPolicy = ConvertTo-CheckText $_.HostedOutboundSpamFilterPolicy
            State                          = ConvertTo-CheckText $_.State
            Priority                       = [int]$_.Priority
            From                           = ConvertTo-CheckList $_.From
            FromMemberOf                   = ConvertTo-CheckList $_.FromMemberOf
            SenderDomainIs                 = ConvertTo-CheckList $_.SenderDomainIs
            ExceptIfFrom                   = ConvertTo-CheckList $_.ExceptIfFrom
            ExceptIfFromMemberOf           = ConvertTo-CheckList $_.ExceptIfFromMemberOf
            ExceptIfSenderDomainIs         = ConvertTo-CheckList $_.ExceptIfSenderDomainIs
        }
    })
} catch { $CheckErrors += [ordered]@{ Item = 'OutboundSpamRules'; Message = [string]$_.Exception.Message } }

try {
    $Result.OrganizationConfig = [ordered]@{ IsDehydrated = [bool](Get-OrganizationConfig).IsDehydrated }
} catch { $CheckErrors += [ordered]@{ Item = 'OrganizationConfig'; Message = [string]$_.Exception.Message } }

$Result.Errors = @($CheckErrors)
# One line of JSON: paste it into the setup app.
Write-Output ($Result | ConvertTo-Json -Depth 6 -Compress)
"#;
