# Webex Connect email channel: the Entra app registration, through Microsoft Graph.
# Needs the Microsoft.Graph.Authentication module (Install-Module Microsoft.Graph.Authentication)
# and an administrator who can consent to the scopes below. Read it before running it.
# Running it again is safe: it finds the app registration (by its unique name), its service principal
# and its admin consents, and adds only what is missing (other scopes in a consent are kept, except
# those an earlier version of this app granted that it no longer needs).
# Every run adds a NEW client secret and prints its value. The earlier secret stays valid until you
# remove it: Certificates & secrets, or 6. Troubleshoot > Rotate the client secret in the setup app.

$ErrorActionPreference = 'Stop'
Connect-MgGraph -Scopes 'User.Read', 'Policy.Read.All', 'Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All' -Environment USGov -NoWelcome
$GraphBase = 'https://graph.microsoft.us/v1.0'

# Read the tenant (organization) id.
$r = Invoke-MgGraphRequest -Method GET -Uri ($GraphBase + '/organization?$select=id,displayName')
$TenantId = $r['value'][0]['id']

# Find Office 365 Exchange Online's service principal and its permission ids.
$r = Invoke-MgGraphRequest -Method GET -Uri ($GraphBase + '/servicePrincipals(appId=%2700000002-0000-0ff1-ce00-000000000000%27)?$select=id,appId,displayName,appRoles,oauth2PermissionScopes')
$ExchangeSpId = $r['id']
$PermissionMailsend = ($r['appRoles'] | Where-Object { $_['value'] -eq 'Mail.Send' })['id']

# Find Microsoft Graph's service principal and its permission ids.
$r = Invoke-MgGraphRequest -Method GET -Uri ($GraphBase + '/servicePrincipals(appId=%2700000003-0000-0000-c000-000000000000%27)?$select=id,appId,displayName,appRoles,oauth2PermissionScopes')
$GraphSpId = $r['id']

# Create the app registration, or update the one with this unique name (never a duplicate).
$r = Invoke-MgGraphRequest -Method PATCH -Uri ($GraphBase + '/applications(uniqueName=%27webex-connect-webex-connect-email%27)') -Body ('{"displayName":"Webex Connect Email","signInAudience":"AzureADMyOrg","web":{"redirectUris":["https://acme.us.webexconnect.io/callback"],"implicitGrantSettings":{"enableAccessTokenIssuance":true}},"requiredResourceAccess":[{"resourceAppId":"00000002-0000-0ff1-ce00-000000000000","resourceAccess":[{"id":"' + $PermissionMailsend + '","type":"Role"}]}]}') -ContentType 'application/json' -Headers @{ 'Prefer' = 'create-if-missing' }
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

# Grant admin consent for the application permission (app role assignment), unless it is granted already.
# Run again: found, not granted twice.
$r = Invoke-MgGraphRequest -Method GET -Uri ($GraphBase + ('/servicePrincipals/' + $ServicePrincipalId + '/appRoleAssignments'))
$Found = @($r['value'] | Where-Object { $_['appRoleId'] -eq $PermissionMailsend -and $_['resourceId'] -eq $ExchangeSpId })[0]
if ($null -eq $Found) {
    $r = Invoke-MgGraphRequest -Method POST -Uri ($GraphBase + ('/servicePrincipals/' + $ExchangeSpId + '/appRoleAssignedTo')) -Body ('{"principalId":"' + $ServicePrincipalId + '","resourceId":"' + $ExchangeSpId + '","appRoleId":"' + $PermissionMailsend + '"}') -ContentType 'application/json'
}

Write-Host ('Directory (tenant) ID: ' + $TenantId)
Write-Host ('Application (client) ID: ' + $AppId)
Write-Host ('Client secret value (shown once: copy it now): ' + $ClientSecret)
Write-Host ('Client secret expires: ' + $ClientSecretExpires)
