# Webex Connect email channel: Exchange Online settings for one mailbox.
#
# What this script does, in order:
#   1. connects to Exchange Online (sign in as an Exchange administrator);
#   2. enables SMTP AUTH for this mailbox only;
#   3. forwards the mailbox's incoming mail to Webex Connect, keeping a copy in the mailbox;
#   4. enables organization customization, if the tenant has never been customized;
#   5. allows automatic forwarding to outside addresses for this mailbox only;
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

$Mailbox = 'support@contoso.com'
$ForwardingAddress = '0123456789abcdef0123456789abcdef@mail-us.imiconnect.io'
$PolicyName = 'Webex Connect forwarding (support@contoso.com)'

# Stop before changing anything if a value is missing.
if ([string]::IsNullOrWhiteSpace($Mailbox)) { throw 'The mailbox address is empty.' }
if ([string]::IsNullOrWhiteSpace($ForwardingAddress)) { throw 'The Webex Connect forwarding address is empty.' }
if ([string]::IsNullOrWhiteSpace($PolicyName)) { throw 'The outbound policy name is empty.' }

# --- 1. Connect to Exchange Online ---
Connect-ExchangeOnline

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

# --- 5. Allow automatic forwarding to outside addresses, for this mailbox only ---
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

# --- 6. Resulting settings ---
# Expected: SmtpClientAuthenticationDisabled False; ForwardingSmtpAddress smtp: followed by the
# Webex Connect forwarding address; DeliverToMailboxAndForward True; AutoForwardingMode On.
Write-Host 'Resulting settings:'
Get-CASMailbox -Identity $Mailbox | Format-List Identity, SmtpClientAuthenticationDisabled | Out-Host
Get-Mailbox -Identity $Mailbox | Format-List Identity, ForwardingSmtpAddress, DeliverToMailboxAndForward | Out-Host
Get-HostedOutboundSpamFilterPolicy -Identity $PolicyName | Format-List Name, AutoForwardingMode | Out-Host
# The rule should be Enabled with this mailbox in From. A custom policy with a higher priority
# (a lower Priority number) that also covers this mailbox would take precedence over this one.
Get-HostedOutboundSpamFilterRule -Identity $PolicyName | Format-List Name, HostedOutboundSpamFilterPolicy, From, State, Priority | Out-Host

# Sign out when you are done: Disconnect-ExchangeOnline -Confirm:$false
