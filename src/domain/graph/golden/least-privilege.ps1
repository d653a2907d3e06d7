# Webex Connect email channel: the Entra app registration, through Microsoft Graph.
# Needs the Microsoft.Graph.Authentication module (Install-Module Microsoft.Graph.Authentication)
# and an administrator who can consent to the scopes below. Read it before running it.
# Running it again is safe: it finds the app registration (by its unique name), its service principal
# and its admin consents, and adds only what is missing (other scopes in a consent are kept, except
# those an earlier version of this app granted that it no longer needs).
# Every run adds a NEW client secret and prints its value. The earlier secret stays valid until you
# remove it: Certificates & secrets, or 6. Troubleshoot > Rotate the client secret in the setup app.

$ErrorActionPreference = 'Stop'
Connect-MgGraph -Scopes 'User.Read', 'Policy.Read.All', 'Application.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All' -NoWelcome
$GraphBase = 'https://graph.microsoft.com/v1.0'

# Read the tenant (organization) id.
$r = Invoke-MgGraphRequest -Method GET -Uri ($GraphBase + '/organization?$select=id,displayName')
$TenantId = $r['value'][0]['id']

# Find Office 365 Exchange Online's service principal and its permission ids.
$r = Invoke-MgGraphRequest -Method GET -Uri ($GraphBase + '/servicePrincipals(appId=%2700000002-0000-0ff1-ce00-000000000000%27)?$select=id,appId,displayName,appRoles,oauth2PermissionScopes')
$ExchangeSpId = $r['id']
$PermissionSmtpsend = ($r['oauth2PermissionScopes'] | Where-Object { $_['value'] -eq 'SMTP.Send' })['id']

# Find Microsoft Graph's service principal and its permission ids.
$r = Invoke-MgGraphRequest -Method GET -Uri ($GraphBase + '/servicePrincipals(appId=%2700000003-0000-0000-c000-000000000000%27)?$select=id,appId,displayName,appRoles,oauth2PermissionScopes')
$GraphSpId = $r['id']
$PermissionOpenid = ($r['oauth2PermissionScopes'] | Where-Object { $_['value'] -eq 'openid' })['id']
$PermissionOfflineaccess = ($r['oauth2PermissionScopes'] | Where-Object { $_['value'] -eq 'offline_access' })['id']

# Create the app registration, or update the one with this unique name (never a duplicate).
$r = Invoke-MgGraphRequest -Method PATCH -Uri ($GraphBase + '/applications(uniqueName=%27webex-connect-webex-connect-email%27)') -Body ('{"displayName":"Webex Connect Email","signInAudience":"AzureADMyOrg","web":{"redirectUris":["https://acme.us.webexconnect.io/callback"],"implicitGrantSettings":{"enableAccessTokenIssuance":false}},"requiredResourceAccess":[{"resourceAppId":"00000002-0000-0ff1-ce00-000000000000","resourceAccess":[{"id":"' + $PermissionSmtpsend + '","type":"Scope"}]},{"resourceAppId":"00000003-0000-0000-c000-000000000000","resourceAccess":[{"id":"' + $PermissionOpenid + '","type":"Scope"},{"id":"' + $PermissionOfflineaccess + '","type":"Scope"}]}]}') -ContentType 'application/json' -Headers @{ 'Prefer' = 'create-if-missing' }
if ($null -eq $r) { $r = Invoke-MgGraphRequest -Method GET -Uri ($GraphBase + '/applications(uniqueName=%27webex-connect-webex-connect-email%27)') }
$AppObjectId = $r['id']
$AppId = $r['appId']

# Add a client secret (every run adds a new one). Its value is shown once, at the end of this script.
$r = Invoke-MgGraphRequest -Method POST -Uri ($GraphBase + ('/applications/' + $AppObjectId + '/addPassword')) -Body '{"passwordCredential":{"displayName":"Webex Connect","endDateTime":"2027-05-27T10:00:00Z"}}' -ContentType 'application/json'
$ClientSecret = $r['secretText']
$ClientSecretExpires = $r['endDateTime']

# Create the app's service principal ([Enterprise applications]), or find the one it has.
$r = Invoke-MgGraphRequest -Method PATCH -Uri ($GraphBase + ('/servicePrincipals(appId=%27' + $AppId + '%27)')) -Body '{"displayName":"Webex Connect Email"}' -ContentType 'application/json' -Headers @{ 'Prefer' = 'create-if-missing' }
if ($null -eq $r) { $r = Invoke-MgGraphRequest -Method GET -Uri ($GraphBase + ('/servicePrincipals(appId=%27' + $AppId + '%27)')) }
$ServicePrincipalId = $r['id']

# Grant admin consent, for all users, for SMTP.Send on Office 365 Exchange Online (the SMTP token's resource).
# Run again: the consent found gains only the scopes it lacks; its other scopes are kept.
$r = Invoke-MgGraphRequest -Method GET -Uri ($GraphBase + ('/oauth2PermissionGrants?$filter=clientId%20eq%20%27' + $ServicePrincipalId + '%27'))
$Found = @($r['value'] | Where-Object { $_['consentType'] -eq 'AllPrincipals' -and $_['resourceId'] -eq $ExchangeSpId })[0]
if ($null -eq $Found) {
    $r = Invoke-MgGraphRequest -Method POST -Uri ($GraphBase + '/oauth2PermissionGrants') -Body ('{"clientId":"' + $ServicePrincipalId + '","consentType":"AllPrincipals","resourceId":"' + $ExchangeSpId + '","scope":"SMTP.Send"}') -ContentType 'application/json'
} else {
    $Scopes = @(([string]$Found['scope']) -split ' ' | Where-Object { $_ })
    $Missing = @(@('SMTP.Send') | Where-Object { $Scopes -notcontains $_ })
    if ($Missing.Count -gt 0) {
        $r = Invoke-MgGraphRequest -Method PATCH -Uri ($GraphBase + '/oauth2PermissionGrants/' + $Found['id']) -Body (@{ 'scope' = ($Scopes + $Missing) -join ' ' } | ConvertTo-Json -Compress) -ContentType 'application/json'
    }
}

# Grant admin consent, for all users, for openid and offline_access on Microsoft Graph.
# Run again: the consent found gains only the scopes it lacks and loses SMTP.Send, no longer needed; its other scopes are kept.
$r = Invoke-MgGraphRequest -Method GET -Uri ($GraphBase + ('/oauth2PermissionGrants?$filter=clientId%20eq%20%27' + $ServicePrincipalId + '%27'))
$Found = @($r['value'] | Where-Object { $_['consentType'] -eq 'AllPrincipals' -and $_['resourceId'] -eq $GraphSpId })[0]
if ($null -eq $Found) {
    $r = Invoke-MgGraphRequest -Method POST -Uri ($GraphBase + '/oauth2PermissionGrants') -Body ('{"clientId":"' + $ServicePrincipalId + '","consentType":"AllPrincipals","resourceId":"' + $GraphSpId + '","scope":"openid offline_access"}') -ContentType 'application/json'
} else {
    $Scopes = @(([string]$Found['scope']) -split ' ' | Where-Object { $_ })
    $Kept = @($Scopes | Where-Object { @('SMTP.Send') -notcontains $_ })
    $Missing = @(@('openid', 'offline_access') | Where-Object { $Kept -notcontains $_ })
    if ($Missing.Count -gt 0 -or $Kept.Count -lt $Scopes.Count) {
        $r = Invoke-MgGraphRequest -Method PATCH -Uri ($GraphBase + '/oauth2PermissionGrants/' + $Found['id']) -Body (@{ 'scope' = ($Kept + $Missing) -join ' ' } | ConvertTo-Json -Compress) -ContentType 'application/json'
    }
}

Write-Host ('Directory (tenant) ID: ' + $TenantId)
Write-Host ('Application (client) ID: ' + $AppId)
Write-Host ('Client secret value (shown once: copy it now): ' + $ClientSecret)
Write-Host ('Client secret expires: ' + $ClientSecretExpires)
