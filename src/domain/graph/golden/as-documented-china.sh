#!/usr/bin/env bash
# Webex Connect email channel: the Entra app registration, through Microsoft Graph (Azure CLI).
# Sign in first as an administrator of the tenant:
#   az cloud set --name AzureChinaCloud
#   az login --tenant <your tenant id> --allow-no-subscriptions
# The signed-in account needs the rights of: User.Read, Policy.Read.All, Application.ReadWrite.All, AppRoleAssignment.ReadWrite.All.
# Running it again is safe: it finds the app registration (by its unique name), its service principal
# and its admin consents, and adds only what is missing (other scopes in a consent are kept, except
# those an earlier version of this app granted that it no longer needs).
# Every run adds a NEW client secret and prints its value. The earlier secret stays valid until you
# remove it: Certificates & secrets, or 6. Troubleshoot > Rotate the client secret in the setup app.
set -euo pipefail
GRAPH='https://microsoftgraph.chinacloudapi.cn/v1.0'

# The rest of the first line of $1 (az --output tsv) that starts with the fields $2, $3, ...
# (ignoring case, as Graph compares ids); nothing when no line does.
first_match() {
  local rows=$1 want line
  shift
  want=$(IFS=$'\t'; printf '%s\t' "$*")
  shopt -s nocasematch
  while IFS= read -r line; do
    if [[ $line == "$want"* ]]; then
      shopt -u nocasematch
      printf '%s' "${line:${#want}}"
      return 0
    fi
  done <<< "$rows"
  shopt -u nocasematch
}

# Read the tenant (organization) id.
IFS=$'\t' read -r TENANT_ID < <(az rest --method get --url "$GRAPH"'/organization?$select=id,displayName' --query 'value[0].id' --output tsv)

# Find Office 365 Exchange Online's service principal and its permission ids.
IFS=$'\t' read -r EXCHANGE_SP_ID PERMISSION_MAILSEND < <(az rest --method get --url "$GRAPH"'/servicePrincipals(appId=%2700000002-0000-0ff1-ce00-000000000000%27)?$select=id,appId,displayName,appRoles,oauth2PermissionScopes' --query '[[id, appRoles[?value=='\''Mail.Send'\''].id | [0]]]' --output tsv)

# Find Microsoft Graph's service principal and its permission ids.
IFS=$'\t' read -r GRAPH_SP_ID < <(az rest --method get --url "$GRAPH"'/servicePrincipals(appId=%2700000003-0000-0000-c000-000000000000%27)?$select=id,appId,displayName,appRoles,oauth2PermissionScopes' --query 'id' --output tsv)

# Create the app registration, or update the one with this unique name (never a duplicate).
az rest --method patch --url "$GRAPH"'/applications(uniqueName=%27webex-connect-webex-connect-email%27)' --headers 'Prefer=create-if-missing' 'Content-Type=application/json' --body '{"displayName":"Webex Connect Email","signInAudience":"AzureADMyOrg","web":{"redirectUris":["https://acme.us.webexconnect.io/callback"],"implicitGrantSettings":{"enableAccessTokenIssuance":true}},"requiredResourceAccess":[{"resourceAppId":"00000002-0000-0ff1-ce00-000000000000","resourceAccess":[{"id":"'"$PERMISSION_MAILSEND"'","type":"Role"}]}]}' --output none
IFS=$'\t' read -r APP_OBJECT_ID APP_ID < <(az rest --method get --url "$GRAPH"'/applications(uniqueName=%27webex-connect-webex-connect-email%27)' --query '[[id, appId]]' --output tsv)

# Add a client secret (every run adds a new one). Its value is shown once, at the end of this script.
IFS=$'\t' read -r CLIENT_SECRET CLIENT_SECRET_EXPIRES < <(az rest --method post --url "$GRAPH"'/applications/'"$APP_OBJECT_ID"'/addPassword' --headers 'Content-Type=application/json' --body '{"passwordCredential":{"displayName":"Webex Connect","endDateTime":"2027-05-27T10:00:00Z"}}' --query '[[secretText, endDateTime]]' --output tsv)

# Create the app's service principal ([Enterprise applications]), or find the one it has.
az rest --method patch --url "$GRAPH"'/servicePrincipals(appId=%27'"$APP_ID"'%27)' --headers 'Prefer=create-if-missing' 'Content-Type=application/json' --body '{"displayName":"Webex Connect Email"}' --output none
IFS=$'\t' read -r SERVICE_PRINCIPAL_ID < <(az rest --method get --url "$GRAPH"'/servicePrincipals(appId=%27'"$APP_ID"'%27)' --query 'id' --output tsv)

# Grant admin consent for the application permission (app role assignment), unless it is granted already.
# Run again: found, not granted twice.
ROWS=$(az rest --method get --url "$GRAPH"'/servicePrincipals/'"$SERVICE_PRINCIPAL_ID"'/appRoleAssignments' --query 'value[].[appRoleId, resourceId, id]' --output tsv)
FOUND=$(first_match "$ROWS" "$PERMISSION_MAILSEND" "$EXCHANGE_SP_ID")
if [ -z "$FOUND" ]; then
  az rest --method post --url "$GRAPH"'/servicePrincipals/'"$EXCHANGE_SP_ID"'/appRoleAssignedTo' --headers 'Content-Type=application/json' --body '{"principalId":"'"$SERVICE_PRINCIPAL_ID"'","resourceId":"'"$EXCHANGE_SP_ID"'","appRoleId":"'"$PERMISSION_MAILSEND"'"}' --output none
fi

printf '%s%s\n' 'Directory (tenant) ID: ' "$TENANT_ID"
printf '%s%s\n' 'Application (client) ID: ' "$APP_ID"
printf '%s%s\n' 'Client secret value (shown once: copy it now): ' "$CLIENT_SECRET"
printf '%s%s\n' 'Client secret expires: ' "$CLIENT_SECRET_EXPIRES"
