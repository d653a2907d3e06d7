# Webex Connect email channel: a READ-ONLY check of the Exchange Online settings of one mailbox.
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
$Mailbox = 'support@contoso.com'

# Sign in (a window opens).
Connect-ExchangeOnline -ShowBanner:$false

# Lists as arrays of plain strings (none for an empty or absent value).
function ConvertTo-CheckList($Values) {
    return , @(@($Values) | Where-Object { $null -ne $_ -and '' -ne [string]$_ } | ForEach-Object { [string]$_ })
}
function ConvertTo-CheckText($Value) {
    if ($null -eq $Value) { return $null }
    return [string]$Value
}
$CheckErrors = @()
$Result = [ordered]@{ Schema = 'webex-o365-setup/exchange-check'; Version = 1; CheckedMailbox = $Mailbox }

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
