#!/usr/bin/env bash
# Webex Connect email channel: the Entra app registration, through Microsoft Graph (Azure CLI).
# Sign in first as an administrator of the tenant:
#   az login --tenant <your tenant id> --allow-no-subscriptions
# The signed-in account needs the rights of: User.Read, Policy.Read.All, Application.ReadWrite.All, DelegatedPermissionGrant.ReadWrite.All.
# Running it again is safe: the registration is found by its unique name, not created twice.
set -euo pipefail
GRAPH='https://graph.microsoft.com/v1.0'

# Read the tenant (organization) id.
IFS=$'\t' read -r TENANT_ID < <(az rest --method get --url "$GRAPH"'/organization?$select=id,displayName' --query 'value[0].id' --output tsv)

# Find Office 365 Exchange Online's service principal and its permission ids.
IFS=$'\t' read -r EXCHANGE_SP_ID PERMISSION_SMTPSEND < <(az rest --method get --url "$GRAPH"'/servicePrincipals(appId=%2700000002-0000-0ff1-ce00-000000000000%27)?$select=id,appId,displayName,appRoles,oauth2PermissionScopes' --query '[id, oauth2PermissionScopes[?value=='\''SMTP.Send'\''].id | [0]]' --output tsv)

# Find Microsoft Graph's service principal and its permission ids.
IFS=$'\t' read -r GRAPH_SP_ID PERMISSION_OPENID PERMISSION_OFFLINEACCESS < <(az rest --method get --url "$GRAPH"'/servicePrincipals(appId=%2700000003-0000-0000-c000-000000000000%27)?$select=id,appId,displayName,appRoles,oauth2PermissionScopes' --query '[id, oauth2PermissionScopes[?value=='\''openid'\''].id | [0], oauth2PermissionScopes[?value=='\''offline_access'\''].id | [0]]' --output tsv)

# Create the app registration, or update the one with this unique name (never a duplicate).
az rest --method patch --url "$GRAPH"'/applications(uniqueName=%27webex-connect-webex-connect-email%27)' --headers 'Prefer=create-if-missing' 'Content-Type=application/json' --body '{"displayName":"Webex Connect Email","signInAudience":"AzureADMyOrg","web":{"redirectUris":["https://acme.us.webexconnect.io/callback"],"implicitGrantSettings":{"enableAccessTokenIssuance":false}},"requiredResourceAccess":[{"resourceAppId":"00000002-0000-0ff1-ce00-000000000000","resourceAccess":[{"id":"'"$PERMISSION_SMTPSEND"'","type":"Scope"}]},{"resourceAppId":"00000003-0000-0000-c000-000000000000","resourceAccess":[{"id":"'"$PERMISSION_OPENID"'","type":"Scope"},{"id":"'"$PERMISSION_OFFLINEACCESS"'","type":"Scope"}]}]}' --output none
IFS=$'\t' read -r APP_OBJECT_ID APP_ID < <(az rest --method get --url "$GRAPH"'/applications(uniqueName=%27webex-connect-webex-connect-email%27)' --query '[id, appId]' --output tsv)

# Add a client secret. Its value is shown once, at the end of this script.
IFS=$'\t' read -r CLIENT_SECRET CLIENT_SECRET_EXPIRES < <(az rest --method post --url "$GRAPH"'/applications/'"$APP_OBJECT_ID"'/addPassword' --headers 'Content-Type=application/json' --body '{"passwordCredential":{"displayName":"Webex Connect","endDateTime":"2027-05-27T10:00:00Z"}}' --query '[secretText, endDateTime]' --output tsv)

# Create the app's service principal ([Enterprise applications]).
IFS=$'\t' read -r SERVICE_PRINCIPAL_ID < <(az rest --method post --url "$GRAPH"'/servicePrincipals' --headers 'Content-Type=application/json' --body '{"appId":"'"$APP_ID"'"}' --query 'id' --output tsv)

# Grant admin consent, for all users, for SMTP.Send on Office 365 Exchange Online (the SMTP token's resource).
az rest --method post --url "$GRAPH"'/oauth2PermissionGrants' --headers 'Content-Type=application/json' --body '{"clientId":"'"$SERVICE_PRINCIPAL_ID"'","consentType":"AllPrincipals","resourceId":"'"$EXCHANGE_SP_ID"'","scope":"SMTP.Send"}' --output none

# Grant admin consent, for all users, for openid and offline_access on Microsoft Graph.
az rest --method post --url "$GRAPH"'/oauth2PermissionGrants' --headers 'Content-Type=application/json' --body '{"clientId":"'"$SERVICE_PRINCIPAL_ID"'","consentType":"AllPrincipals","resourceId":"'"$GRAPH_SP_ID"'","scope":"openid offline_access"}' --output none

printf '%s%s\n' 'Directory (tenant) ID: ' "$TENANT_ID"
printf '%s%s\n' 'Application (client) ID: ' "$APP_ID"
printf '%s%s\n' 'Client secret value (shown once: copy it now): ' "$CLIENT_SECRET"
printf '%s%s\n' 'Client secret expires: ' "$CLIENT_SECRET_EXPIRES"
