// The tenant the emulator starts with. Ids of Microsoft's first-party apps and of the permissions
// named in ../shared/DOMAIN.md section 4 are the real ones; everything else is made up for tests.

export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export const IDS = {
  exchangeMailSendRole: 'b633e1c5-b582-4048-a93e-9f11b44c7e96',
  exchangeSmtpSendScope: '76faac2a-0f20-42f1-928a-50de5b9dbe52',
  graphSmtpSendScope: '258f6531-6087-4cc4-bb90-092c5fb3ed3f',
  graphOfflineAccess: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
  graphOpenid: '37f7f235-527c-4136-accd-4a02d197296e',
  graphUserRead: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
};

/**
 * What an earlier version of the app provisioned with its least-privilege profile: delegated openid,
 * offline_access and SMTP.Send all on Microsoft Graph (registration and one tenant-wide grant), nothing on
 * Office 365 Exchange Online. Spread into `graph.provision({ displayName, uniqueName, redirectUris, ...OLD_PLAN })`.
 */
export const OLD_PLAN = {
  permissions: ['openid', 'offline_access', 'SMTP.Send'].map((value) => ({ resourceAppId: GRAPH_APP_ID, value })),
  grants: [{ resourceAppId: GRAPH_APP_ID, scope: 'openid offline_access SMTP.Send' }],
};

/** Default seed. Every value can be overridden through startGraphEmulator({ seed: {...} }). */
export function defaultSeed() {
  const tenantId = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  const domain = 'contoso.onmicrosoft.com';
  return {
    tenantId,
    organization: {
      id: tenantId,
      displayName: 'Contoso',
      tenantType: 'AAD',
      countryLetterCode: 'US',
      verifiedDomains: [
        { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: true, name: domain, type: 'Managed' },
      ],
    },
    // "legacy" user consent on: permissionGrantPoliciesAssigned non-empty. [] = user consent off.
    permissionGrantPoliciesAssigned: ['ManagePermissionGrantsForSelf.microsoft-user-default-legacy'],
    // null = no tenant cap on secret lifetime; a number = max days ("Credential lifetime exceeds the max value allowed").
    maxSecretLifetimeDays: null,
    users: [
      {
        id: 'a0000000-0000-4000-8000-000000000001', displayName: 'Tenant Admin', userPrincipalName: `admin@${domain}`,
        mail: `admin@${domain}`, accountEnabled: true, proxyAddresses: [`SMTP:admin@${domain}`],
      },
      {
        id: 'a0000000-0000-4000-8000-000000000002', displayName: 'Webex Connect', userPrincipalName: `webex@${domain}`,
        mail: `webex@${domain}`, accountEnabled: true, proxyAddresses: [`SMTP:webex@${domain}`, `smtp:support@${domain}`],
      },
      {
        // No Exchange licence: Graph reports mail null and no proxy addresses.
        id: 'a0000000-0000-4000-8000-000000000003', displayName: 'No Mailbox', userPrincipalName: `nomailbox@${domain}`,
        mail: null, accountEnabled: true, proxyAddresses: [],
      },
      {
        id: 'a0000000-0000-4000-8000-000000000004', displayName: 'Disabled User', userPrincipalName: `disabled@${domain}`,
        mail: `disabled@${domain}`, accountEnabled: false, proxyAddresses: [`SMTP:disabled@${domain}`],
      },
    ],
    // The signed-in user when the token does not name a known one (standalone mode, unknown login).
    defaultMe: `admin@${domain}`,
    servicePrincipals: [
      {
        id: 'b0000000-0000-4000-8000-000000000002', appId: EXCHANGE_APP_ID, displayName: 'Office 365 Exchange Online',
        appDisplayName: 'Office 365 Exchange Online', servicePrincipalType: 'Application', accountEnabled: true,
        appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
        servicePrincipalNames: [EXCHANGE_APP_ID, 'https://outlook.office.com/', 'https://outlook.office365.com/'],
        appRoles: [
          role(IDS.exchangeMailSendRole, 'Mail.Send', 'Send mail as any user',
            'Allows the app to send mail as any user without a signed-in user.'),
        ],
        oauth2PermissionScopes: [
          scope(IDS.exchangeSmtpSendScope, 'SMTP.Send', 'Send emails from mailboxes using SMTP AUTH.'),
        ],
      },
      {
        id: 'b0000000-0000-4000-8000-000000000003', appId: GRAPH_APP_ID, displayName: 'Microsoft Graph',
        appDisplayName: 'Microsoft Graph', servicePrincipalType: 'Application', accountEnabled: true,
        appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
        servicePrincipalNames: [GRAPH_APP_ID, 'https://graph.microsoft.com', 'https://graph.microsoft.com/'],
        appRoles: [],
        oauth2PermissionScopes: [
          scope(IDS.graphOpenid, 'openid', 'Sign users in'),
          scope(IDS.graphOfflineAccess, 'offline_access', 'Maintain access to data you have given it access to'),
          scope(IDS.graphSmtpSendScope, 'SMTP.Send', 'Send emails from mailboxes using SMTP AUTH.'),
          scope(IDS.graphUserRead, 'User.Read', 'Sign in and read user profile'),
        ],
      },
    ],
  };
}

function role(id, value, displayName, description) {
  return { allowedMemberTypes: ['Application'], description, displayName, id, isEnabled: true, origin: 'Application', value };
}

function scope(id, value, adminConsentDisplayName) {
  return {
    adminConsentDescription: adminConsentDisplayName, adminConsentDisplayName, id, isEnabled: true, type: 'Admin',
    userConsentDescription: adminConsentDisplayName, userConsentDisplayName: adminConsentDisplayName, value,
  };
}
