//! Test fixtures shared by the domain's unit tests: one complete, valid setup.

use super::date::Date;
use super::model::Setup;

/// The date the fixtures are valid on (the secret expires months later).
pub fn today() -> Date {
    Date::new(2026, 11, 28).unwrap_or_else(|_| Date::from_unix_days(0))
}

/// Steps 1 to 3 filled in with valid values; nothing verified yet.
pub fn complete_setup() -> Setup {
    let mut s = Setup::default();
    s.webex_connect.app_name = "Support email".into();
    s.webex_connect.callback_url = "https://acme.us.webexconnect.io/callback".into();
    s.webex_connect.forwarding_address = "0123456789abcdef0123456789abcdef@mail-us.imiconnect.io".into();
    s.azure.tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47".into();
    s.azure.app_display_name = "Webex Connect email".into();
    s.azure.client_id = "11111111-2222-4333-8444-555555555555".into();
    s.azure.client_secret_expires = "2027-06-01".into();
    s.mailbox.address = "support@acme.example".into();
    s.mailbox.user_principal_name = "support@acme.example".into();
    s
}
