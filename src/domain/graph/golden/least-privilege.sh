#!/usr/bin/env bash
# Webex Connect email channel: the Entra app registration, through Microsoft Graph (Azure CLI).
# Sign in first as an administrator of the tenant:
#   az login --tenant <your tenant id> --allow-no-subscriptions
# The signed-in account needs the rights of: User.Read, Policy.Read.All, Application.ReadWrite.All, DelegatedPermissionGrant.ReadWrite.All.
# Running it again is safe: it finds the app registration (by its unique name), its service principal
# and its admin consents, and adds only what is missing (other scopes in a consent are kept, except
# those an earlier version of this app granted that it no longer needs).
# Every run adds a NEW client secret and prints its value. The earlier secret stays valid until you
# remove it: Certificates & secrets, or 6. Troubleshoot > Rotate the client secret in the setup app.
set -euo pipefail
GRAPH='https://graph.microsoft.com/v1.0'

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

# The scopes of $1 but those of $3 (if given), followed by those of $2 it lacks (ignoring case),
# JSON-escaped; nothing when that changes nothing.
merge_scopes() {
  local drop=" ${3-} " next='' s changed=''
  set -f
  shopt -s nocasematch
  for s in $1; do
    if [[ $drop == *" $s "* ]]; then changed=1; else next="$next $s"; fi
  done
  for s in $2; do
    if [[ "$next " != *" $s "* ]]; then next="$next $s"; changed=1; fi
  done
  shopt -u nocasematch
  set +f
  next=${next# }
  next=${next//\\/\\\\}
  next=${next//\"/\\\"}
  if [ -n "$changed" ]; then printf '%s' "$next"; fi
}

# Read the tenant (organization) id.
IFS=$'\t' read -r TENANT_ID < <(az rest --method get --url "$GRAPH"'/organization?$select=id,displayName' --query 'value[0].id' --output tsv)

# Find Office 365 Exchange Online's service principal and its permission ids.
IFS=$'\t' read -r EXCHANGE_SP_ID PERMISSION_SMTPSEND < <(az rest --method get --url "$GRAPH"'/servicePrincipals(appId=%2700000002-0000-0ff1-ce00-000000000000%27)?$select=id,appId,displayName,appRoles,oauth2PermissionScopes' --query '[[id, oauth2PermissionScopes[?value=='\''SMTP.Send'\''].id | [0]]]' --output tsv)

# Find Microsoft Graph's service principal and its permission ids.
IFS=$'\t' read -r GRAPH_SP_ID PERMISSION_OPENID PERMISSION_OFFLINEACCESS < <(az rest --method get --url "$GRAPH"'/servicePrincipals(appId=%2700000003-0000-0000-c000-000000000000%27)?$select=id,appId,displayName,appRoles,oauth2PermissionScopes' --query '[[id, oauth2PermissionScopes[?value=='\''openid'\''].id | [0], oauth2PermissionScopes[?value=='\''offline_access'\''].id | [0]]]' --output tsv)

# Create the app registration, or update the one with this unique name (never a duplicate).
az rest --method patch --url "$GRAPH"'/applications(uniqueName=%27webex-connect-webex-connect-email%27)' --headers 'Prefer=create-if-missing' 'Content-Type=application/json' --body '{"displayName":"Webex Connect Email","signInAudience":"AzureADMyOrg","web":{"redirectUris":["https://acme.us.webexconnect.io/callback"],"implicitGrantSettings":{"enableAccessTokenIssuance":false}},"requiredResourceAccess":[{"resourceAppId":"00000002-0000-0ff1-ce00-000000000000","resourceAccess":[{"id":"'"$PERMISSION_SMTPSEND"'","type":"Scope"}]},{"resourceAppId":"00000003-0000-0000-c000-000000000000","resourceAccess":[{"id":"'"$PERMISSION_OPENID"'","type":"Scope"},{"id":"'"$PERMISSION_OFFLINEACCESS"'","type":"Scope"}]}]}' --output none
IFS=$'\t' read -r APP_OBJECT_ID APP_ID < <(az rest --method get --url "$GRAPH"'/applications(uniqueName=%27webex-connect-webex-connect-email%27)' --query '[[id, appId]]' --output tsv)

# Add a client secret (every run adds a new one). Its value is shown once, at the end of this script.
IFS=$'\t' read -r CLIENT_SECRET CLIENT_SECRET_EXPIRES < <(az rest --method post --url "$GRAPH"'/applications/'"$APP_OBJECT_ID"'/addPassword' --headers 'Content-Type=application/json' --body '{"passwordCredential":{"displayName":"Webex Connect","endDateTime":"2027-05-27T10:00:00Z"}}' --query '[[secretText, endDateTime]]' --output tsv)

# Create the app's service principal ([Enterprise applications]), or find the one it has.
az rest --method patch --url "$GRAPH"'/servicePrincipals(appId=%27'"$APP_ID"'%27)' --headers 'Prefer=create-if-missing' 'Content-Type=application/json' --body '{"displayName":"Webex Connect Email"}' --output none
IFS=$'\t' read -r SERVICE_PRINCIPAL_ID < <(az rest --method get --url "$GRAPH"'/servicePrincipals(appId=%27'"$APP_ID"'%27)' --query 'id' --output tsv)

# Grant admin consent, for all users, for SMTP.Send on Office 365 Exchange Online (the SMTP token's resource).
# Run again: the consent found gains only the scopes it lacks; its other scopes are kept.
ROWS=$(az rest --method get --url "$GRAPH"'/oauth2PermissionGrants?$filter=clientId%20eq%20%27'"$SERVICE_PRINCIPAL_ID"'%27' --query 'value[].[consentType, resourceId, id, scope]' --output tsv)
FOUND=$(first_match "$ROWS" 'AllPrincipals' "$EXCHANGE_SP_ID")
if [ -z "$FOUND" ]; then
  az rest --method post --url "$GRAPH"'/oauth2PermissionGrants' --headers 'Content-Type=application/json' --body '{"clientId":"'"$SERVICE_PRINCIPAL_ID"'","consentType":"AllPrincipals","resourceId":"'"$EXCHANGE_SP_ID"'","scope":"SMTP.Send"}' --output none
else
  IFS=$'\t' read -r FOUND_ID FOUND_SCOPE <<< "$FOUND"
  SCOPE=$(merge_scopes "$FOUND_SCOPE" 'SMTP.Send')
  if [ -n "$SCOPE" ]; then
    az rest --method patch --url "$GRAPH"'/oauth2PermissionGrants/'"$FOUND_ID" --headers 'Content-Type=application/json' --body '{"scope":"'"$SCOPE"'"}' --output none
  fi
fi

# Grant admin consent, for all users, for openid and offline_access on Microsoft Graph.
# Run again: the consent found gains only the scopes it lacks and loses SMTP.Send, no longer needed; its other scopes are kept.
ROWS=$(az rest --method get --url "$GRAPH"'/oauth2PermissionGrants?$filter=clientId%20eq%20%27'"$SERVICE_PRINCIPAL_ID"'%27' --query 'value[].[consentType, resourceId, id, scope]' --output tsv)
FOUND=$(first_match "$ROWS" 'AllPrincipals' "$GRAPH_SP_ID")
if [ -z "$FOUND" ]; then
  az rest --method post --url "$GRAPH"'/oauth2PermissionGrants' --headers 'Content-Type=application/json' --body '{"clientId":"'"$SERVICE_PRINCIPAL_ID"'","consentType":"AllPrincipals","resourceId":"'"$GRAPH_SP_ID"'","scope":"openid offline_access"}' --output none
else
  IFS=$'\t' read -r FOUND_ID FOUND_SCOPE <<< "$FOUND"
  SCOPE=$(merge_scopes "$FOUND_SCOPE" 'openid offline_access' 'SMTP.Send')
  if [ -n "$SCOPE" ]; then
    az rest --method patch --url "$GRAPH"'/oauth2PermissionGrants/'"$FOUND_ID" --headers 'Content-Type=application/json' --body '{"scope":"'"$SCOPE"'"}' --output none
  fi
fi

printf '%s%s\n' 'Directory (tenant) ID: ' "$TENANT_ID"
printf '%s%s\n' 'Application (client) ID: ' "$APP_ID"
printf '%s%s\n' 'Client secret value (shown once: copy it now): ' "$CLIENT_SECRET"
printf '%s%s\n' 'Client secret expires: ' "$CLIENT_SECRET_EXPIRES"
