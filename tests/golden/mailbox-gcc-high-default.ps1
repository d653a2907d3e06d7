# Webex Connect email channel: Exchange Online settings for one mailbox.
#
# What this script does, in order:
#   1. connects to Exchange Online (sign in as an Exchange administrator);
#   2. enables SMTP AUTH for this mailbox only;
#   3. forwards the mailbox's incoming mail to Webex Connect, keeping a copy in the mailbox;
#   4. enables organization customization, if the tenant has never been customized;
#   5. allows automatic forwarding to outside addresses in the Default policy (tenant-wide);
#   6. prints the resulting settings for you to check.
#
# Needs the ExchangeOnlineManagement module (Install-Module ExchangeOnlineManagement).
# Windows blocks downloaded scripts under the RemoteSigned execution policy: once you have read
# this one, unblock it with Unblock-File <path of this file>, then run it.
# Running it again is safe: each step sets the same values again.
#
# Your values are assigned once, just below, as single-quoted strings, which PowerShell never
# expands; the rest of the script only uses these variables.

$ErrorActionPreference = 'Stop'

$Mailbox = 'contact-center@agency.example.gov'
$ForwardingAddress = '0123456789abcdef0123456789abcdef@mail-us.imiconnect.io'

# Stop before changing anything if a value is missing.
if ([string]::IsNullOrWhiteSpace($Mailbox)) { throw 'The mailbox address is empty.' }
if ([string]::IsNullOrWhiteSpace($ForwardingAddress)) { throw 'The Webex Connect forwarding address is empty.' }

# --- 1. Connect to Exchange Online ---
# The tenant is in a sovereign cloud: connect to its Exchange Online.
Connect-ExchangeOnline -ExchangeEnvironmentName O365USGovGCCHigh

# --- 2. SMTP AUTH for this mailbox only ---
# Webex Connect sends the channel's mail over SMTP, signing in with OAuth. That still needs
# SMTP AUTH on the mailbox. The mailbox's own setting overrides the tenant-wide one, so SMTP
# AUTH can stay disabled for every other mailbox.
Write-Host 'SMTP AUTH for the whole tenant (SmtpClientAuthenticationDisabled True = disabled):'
Get-TransportConfig | Format-List SmtpClientAuthenticationDisabled | Out-Host
Write-Host 'SMTP AUTH for this mailbox before the change (empty = follows the tenant):'
Get-CASMailbox -Identity $Mailbox | Format-List Identity, SmtpClientAuthenticationDisabled | Out-Host
Set-CASMailbox -Identity $Mailbox -SmtpClientAuthenticationDisabled $false

# --- 3. Forward incoming mail to Webex Connect ---
# Webex Connect receives the channel's mail at its forwarding address. The mailbox keeps a copy.
Set-Mailbox -Identity $Mailbox -ForwardingSmtpAddress ("smtp:" + $ForwardingAddress) -DeliverToMailboxAndForward $true

# --- 4. Organization customization ---
# A tenant that has never been customized ("dehydrated") refuses changes to anti-spam policies
# until Enable-OrganizationCustomization has run once.
if ((Get-OrganizationConfig).IsDehydrated) {
    Write-Warning 'Enabling organization customization. It can take up to 24 hours to apply: if the next step fails, run this script again later.'
    Enable-OrganizationCustomization
}

# --- 5. Allow automatic forwarding to outside addresses, TENANT-WIDE ---
# Outbound anti-spam policies block automatic forwarding to outside addresses by default
# (550 5.7.520). This changes the Default policy, so it applies to the whole tenant: every
# mailbox that no custom policy covers may then forward mail automatically to outside
# addresses. A custom policy scoped to this mailbox is the narrower choice.
Set-HostedOutboundSpamFilterPolicy -Identity Default -AutoForwardingMode On

# --- 6. Resulting settings ---
# Expected: SmtpClientAuthenticationDisabled False; ForwardingSmtpAddress smtp: followed by the
# Webex Connect forwarding address; DeliverToMailboxAndForward True; AutoForwardingMode On.
Write-Host 'Resulting settings:'
Get-CASMailbox -Identity $Mailbox | Format-List Identity, SmtpClientAuthenticationDisabled | Out-Host
Get-Mailbox -Identity $Mailbox | Format-List Identity, ForwardingSmtpAddress, DeliverToMailboxAndForward | Out-Host
Get-HostedOutboundSpamFilterPolicy -Identity Default | Format-List Name, AutoForwardingMode | Out-Host
# A custom policy that covers this mailbox would take precedence over the Default policy.
Get-HostedOutboundSpamFilterRule | Format-List Name, HostedOutboundSpamFilterPolicy, From, FromMemberOf, SenderDomainIs, State, Priority | Out-Host

# Sign out when you are done: Disconnect-ExchangeOnline -Confirm:$false
