//! Values the admin never types: computed from the inputs so they cannot drift apart.

use super::cloud::{SMTP_PORT, SMTP_SCOPE, SMTP_SECURITY};
use super::guid::TenantId;
use super::model::Setup;
use super::profile;
use super::webex::CallbackUrl;

/// Every derived value of the export schema, as text ready to show and copy. A value that
/// cannot be derived yet (its inputs are missing or invalid) is an empty string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Derived {
    /// `webex_connect.tenant`, from the callback URL's host.
    pub webex_tenant: String,
    /// `webex_connect.region`, from the callback URL's host (`us`, `eu`, ...; empty for legacy hosts
    /// whose region is not in the host).
    pub webex_region: String,
    /// `azure.redirect_uri`: the callback URL, normalised.
    pub redirect_uri: String,
    /// `azure.implicit_access_tokens`: on only for the documented profile.
    pub implicit_access_tokens: bool,
    pub authorization_url: String,
    pub token_url: String,
    pub refresh_token_url: String,
    /// `offline_access https://outlook.office.com/SMTP.Send`.
    pub scope: String,
    /// The SMTP host in effect (the admin's override, or the cloud's default).
    pub smtp_server: String,
    /// False where DOMAIN.md marks the host unverified (sovereign clouds): show a warning.
    pub smtp_server_verified: bool,
    pub smtp_port: u16,
    /// `STARTTLS`.
    pub smtp_security: String,
    /// The SMTP username in effect (the admin's override, or the mailbox UPN).
    pub smtp_username: String,
}

pub fn derive(setup: &Setup) -> Derived {
    let callback = CallbackUrl::parse(&setup.webex_connect.callback_url).ok();
    let host = callback.as_ref().map(CallbackUrl::webex_host);
    let cloud = setup.azure.cloud;
    let tenant = TenantId::parse(&setup.azure.tenant_id).ok();
    let token_url = tenant.as_ref().map(|t| cloud.token_url(t)).unwrap_or_default();
    let default_smtp = cloud.smtp_host();
    let server_override = setup.smtp.server.trim();
    let username_override = setup.smtp.username.trim();
    Derived {
        webex_tenant: host.as_ref().map(|h| h.tenant().to_string()).unwrap_or_default(),
        webex_region: host.as_ref().map(|h| h.region().to_string()).unwrap_or_default(),
        redirect_uri: callback.as_ref().map(|c| c.as_str().to_string()).unwrap_or_default(),
        implicit_access_tokens: profile::implicit_access_tokens(setup.azure.permission_profile),
        authorization_url: tenant.as_ref().map(|t| cloud.authorization_url(t)).unwrap_or_default(),
        refresh_token_url: token_url.clone(),
        token_url,
        scope: SMTP_SCOPE.to_string(),
        smtp_server: if server_override.is_empty() { default_smtp.value.to_string() } else { server_override.into() },
        // An admin's own host is their call; only our unverified defaults carry the warning.
        smtp_server_verified: !server_override.is_empty() || default_smtp.verified,
        smtp_port: SMTP_PORT,
        smtp_security: SMTP_SECURITY.to_string(),
        smtp_username: if username_override.is_empty() {
            setup.mailbox.user_principal_name.trim().to_string()
        } else {
            username_override.to_string()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Cloud, PermissionProfile};

    fn setup() -> Setup {
        let mut s = Setup::default();
        s.webex_connect.callback_url = " https://Acme.US.webexconnect.io/callback ".into();
        s.azure.tenant_id = "72F988BF-86F1-41AF-91AB-2D7CD011DB47".into();
        s.mailbox.user_principal_name = "support@acme.example".into();
        s
    }

    #[test]
    fn the_seed_values_for_a_global_tenant() {
        let d = derive(&setup());
        assert_eq!(d.webex_tenant, "acme");
        assert_eq!(d.webex_region, "us");
        assert_eq!(d.redirect_uri, "https://acme.us.webexconnect.io/callback");
        assert_eq!(
            d.authorization_url,
            "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize"
        );
        assert_eq!(
            d.token_url,
            "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token"
        );
        assert_eq!(d.refresh_token_url, d.token_url);
        assert_eq!(d.scope, "offline_access https://outlook.office.com/SMTP.Send");
        assert_eq!(
            (d.smtp_server.as_str(), d.smtp_port, d.smtp_security.as_str()),
            ("smtp.office365.com", 587, "STARTTLS")
        );
        assert!(d.smtp_server_verified);
        assert_eq!(d.smtp_username, "support@acme.example");
        assert!(!d.implicit_access_tokens, "least privilege is the default profile");
    }

    #[test]
    fn clouds_change_the_login_host_and_mark_smtp_unverified() {
        let mut s = setup();
        s.azure.cloud = Cloud::UsGovGccHigh;
        let d = derive(&s);
        assert!(d.authorization_url.starts_with("https://login.microsoftonline.us/"));
        assert!(!d.smtp_server_verified);
        s.azure.cloud = Cloud::China;
        assert!(derive(&s).token_url.starts_with("https://login.partner.microsoftonline.cn/"));
        s.smtp.server = "smtp.example.cn".into();
        let d = derive(&s);
        assert_eq!(d.smtp_server, "smtp.example.cn");
        assert!(d.smtp_server_verified, "an explicit override is not our unverified guess");
    }

    #[test]
    fn a_domain_tenant_works_in_urls_and_overrides_win() {
        let mut s = setup();
        s.azure.tenant_id = "acme.onmicrosoft.com".into();
        s.smtp.username = " shared@acme.example ".into();
        s.azure.permission_profile = PermissionProfile::AsDocumented;
        let d = derive(&s);
        assert_eq!(d.token_url, "https://login.microsoftonline.com/acme.onmicrosoft.com/oauth2/v2.0/token");
        assert_eq!(d.smtp_username, "shared@acme.example");
        assert!(d.implicit_access_tokens);
    }

    #[test]
    fn invalid_inputs_derive_nothing_rather_than_something_wrong() {
        let mut s = setup();
        s.webex_connect.callback_url = "http://acme.us.webexconnect.io/callback".into();
        s.azure.tenant_id = "not a tenant".into();
        let d = derive(&s);
        assert_eq!((d.webex_tenant.as_str(), d.redirect_uri.as_str(), d.token_url.as_str()), ("", "", ""));
        assert_eq!(d.authorization_url, "");
    }
}
