//! Every value of the configuration, named by its export key path. The UI uses the key
//! path as the input's `name` and `id`, so a finding always lands next to its field.

use super::step::Step;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    WebexAppName,
    WebexCallbackUrl,
    WebexTenant,
    WebexRegion,
    WebexForwardingAddress,
    AzureCloud,
    AzureTenantId,
    AzureAppDisplayName,
    AzureClientId,
    AzureClientSecret,
    AzureClientSecretExpires,
    AzurePermissionProfile,
    AzureImplicitAccessTokens,
    AzureRedirectUri,
    MailboxAddress,
    MailboxUserPrincipalName,
    MailboxOutboundPolicy,
    SmtpServer,
    SmtpPort,
    SmtpSecurity,
    SmtpUsername,
    OauthAuthorizationUrl,
    OauthTokenUrl,
    OauthRefreshTokenUrl,
    OauthScope,
    OauthLoginId,
    VerificationChecks,
    SupportAssetId,
    SupportTransactionIds,
    SupportNotes,
    /// The import file as a whole (format, version, syntax).
    ImportFile,
}

impl Field {
    pub const ALL: [Field; 31] = [
        Field::WebexAppName,
        Field::WebexCallbackUrl,
        Field::WebexTenant,
        Field::WebexRegion,
        Field::WebexForwardingAddress,
        Field::AzureCloud,
        Field::AzureTenantId,
        Field::AzureAppDisplayName,
        Field::AzureClientId,
        Field::AzureClientSecret,
        Field::AzureClientSecretExpires,
        Field::AzurePermissionProfile,
        Field::AzureImplicitAccessTokens,
        Field::AzureRedirectUri,
        Field::MailboxAddress,
        Field::MailboxUserPrincipalName,
        Field::MailboxOutboundPolicy,
        Field::SmtpServer,
        Field::SmtpPort,
        Field::SmtpSecurity,
        Field::SmtpUsername,
        Field::OauthAuthorizationUrl,
        Field::OauthTokenUrl,
        Field::OauthRefreshTokenUrl,
        Field::OauthScope,
        Field::OauthLoginId,
        Field::VerificationChecks,
        Field::SupportAssetId,
        Field::SupportTransactionIds,
        Field::SupportNotes,
        Field::ImportFile,
    ];

    /// The export key path, e.g. `azure.tenant_id`.
    pub fn key(self) -> &'static str {
        match self {
            Field::WebexAppName => "webex_connect.app_name",
            Field::WebexCallbackUrl => "webex_connect.callback_url",
            Field::WebexTenant => "webex_connect.tenant",
            Field::WebexRegion => "webex_connect.region",
            Field::WebexForwardingAddress => "webex_connect.forwarding_address",
            Field::AzureCloud => "azure.cloud",
            Field::AzureTenantId => "azure.tenant_id",
            Field::AzureAppDisplayName => "azure.app_display_name",
            Field::AzureClientId => "azure.client_id",
            Field::AzureClientSecret => "azure.client_secret",
            Field::AzureClientSecretExpires => "azure.client_secret_expires",
            Field::AzurePermissionProfile => "azure.permission_profile",
            Field::AzureImplicitAccessTokens => "azure.implicit_access_tokens",
            Field::AzureRedirectUri => "azure.redirect_uri",
            Field::MailboxAddress => "mailbox.address",
            Field::MailboxUserPrincipalName => "mailbox.user_principal_name",
            Field::MailboxOutboundPolicy => "mailbox.outbound_policy",
            Field::SmtpServer => "smtp.server",
            Field::SmtpPort => "smtp.port",
            Field::SmtpSecurity => "smtp.security",
            Field::SmtpUsername => "smtp.username",
            Field::OauthAuthorizationUrl => "oauth.authorization_url",
            Field::OauthTokenUrl => "oauth.token_url",
            Field::OauthRefreshTokenUrl => "oauth.refresh_token_url",
            Field::OauthScope => "oauth.scope",
            Field::OauthLoginId => "oauth.login_id",
            Field::VerificationChecks => "verification",
            Field::SupportAssetId => "support.asset_id",
            Field::SupportTransactionIds => "support.transaction_ids",
            Field::SupportNotes => "support.notes",
            Field::ImportFile => "import",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Locale key of the field's label: `field.` + key path.
    pub fn label_key(self) -> String {
        format!("field.{}", self.key())
    }

    /// The wizard step where the admin enters (or reads) this value.
    pub fn step(self) -> Step {
        use Field::*;
        match self {
            WebexAppName | WebexCallbackUrl | WebexTenant | WebexRegion | WebexForwardingAddress => Step::WebexApp,
            AzureCloud
            | AzureTenantId
            | AzureAppDisplayName
            | AzureClientId
            | AzureClientSecret
            | AzureClientSecretExpires
            | AzurePermissionProfile
            | AzureImplicitAccessTokens
            | AzureRedirectUri => Step::EntraApp,
            MailboxAddress | MailboxUserPrincipalName | MailboxOutboundPolicy => Step::Mailbox,
            SmtpServer
            | SmtpPort
            | SmtpSecurity
            | SmtpUsername
            | OauthAuthorizationUrl
            | OauthTokenUrl
            | OauthRefreshTokenUrl
            | OauthScope
            | OauthLoginId => Step::WebexOauth,
            VerificationChecks => Step::Verify,
            SupportAssetId | SupportTransactionIds | SupportNotes => Step::Troubleshoot,
            ImportFile => Step::Summary,
        }
    }

    /// Values the admin never types: computed in `derive`.
    pub fn is_derived(self) -> bool {
        use Field::*;
        matches!(
            self,
            WebexTenant
                | WebexRegion
                | AzureImplicitAccessTokens
                | AzureRedirectUri
                | SmtpPort
                | SmtpSecurity
                | OauthAuthorizationUrl
                | OauthTokenUrl
                | OauthRefreshTokenUrl
                | OauthScope
        )
    }

    pub fn is_secret(self) -> bool {
        self == Field::AzureClientSecret
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_round_trip() {
        let mut keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
        for f in Field::ALL {
            assert_eq!(Field::from_key(f.key()), Some(f));
        }
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Field::ALL.len());
    }
}
