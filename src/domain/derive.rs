//! Values the admin never types: computed from the inputs so they cannot drift apart.
//! `derive()` is filled in once the validators land; this struct is the contract that
//! export, the views and the scripts read.

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
