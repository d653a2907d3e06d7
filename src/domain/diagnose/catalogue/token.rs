//! The token endpoint: the code redeemed right after [Generate Token], then every refresh
//! Webex Connect makes while the channel runs (client authentication, the grant's lifetime
//! and revocation, the application's state, malformed requests).

use super::source::{AUTH_CODE_FLOW, ENTRA_CODES, REFRESH_TOKENS};
use super::{aadsts, at, to, Entry, NOWHERE};
use crate::domain::field::Field as F;
use crate::domain::step::Step as S;

// One entry per line: easier to read and review as a table than rustfmt's layout.
#[rustfmt::skip]
pub(super) static ENTRIES: &[Entry] = &[
    // Client authentication: the Client ID and Client Secret in Webex Connect
    aadsts!(7000215, Token, to(F::AzureClientSecret), ENTRA_CODES, Documented),
    aadsts!(7000222, Token, to(F::AzureClientSecret), ENTRA_CODES, Documented),
    aadsts!(70002, Token, to(F::AzureClientSecret), ENTRA_CODES, Documented),
    aadsts!(7000218, Token, to(F::AzureClientSecret), ENTRA_CODES, Inferred),
    aadsts!(700025, Token, to(F::AzureRedirectUri), ENTRA_CODES, Inferred),
    aadsts!(9002327, Token, to(F::AzureRedirectUri), AUTH_CODE_FLOW, Documented),
    // The grant's lifetime and revocation
    aadsts!(54005, Token, NOWHERE, ENTRA_CODES, Documented),
    aadsts!(70008, Token, at(S::WebexOauth), ENTRA_CODES, Documented),
    aadsts!(700082, Token, at(S::WebexOauth), REFRESH_TOKENS, Documented),
    aadsts!(50173, Token, at(S::WebexOauth), REFRESH_TOKENS, Documented),
    aadsts!(50132, Token, at(S::WebexOauth), ENTRA_CODES, Documented),
    aadsts!(50133, Token, at(S::WebexOauth), ENTRA_CODES, Documented),
    aadsts!(70043, Token, at(S::WebexOauth), ENTRA_CODES, Documented),
    aadsts!(70000, Token, at(S::WebexOauth), ENTRA_CODES, Inferred),
    aadsts!(700005, Token, to(F::OauthTokenUrl), ENTRA_CODES, Documented),
    // The application's state
    aadsts!(700016, Token, to(F::AzureClientId), ENTRA_CODES, Documented),
    aadsts!(70001, Token, at(S::EntraApp), ENTRA_CODES, Documented),
    aadsts!(7000112, Token, at(S::EntraApp), ENTRA_CODES, Inferred),
    // Malformed or incomplete requests
    aadsts!(900144, Token, to(F::OauthTokenUrl), ENTRA_CODES, Inferred),
    aadsts!(90014, Token, to(F::OauthTokenUrl), ENTRA_CODES, Inferred),
    aadsts!(9002313, Token, at(S::WebexOauth), ENTRA_CODES, Inferred),
    aadsts!(90056, Token, to(F::OauthTokenUrl), ENTRA_CODES, Inferred),
    aadsts!(900561, Token, to(F::OauthAuthorizationUrl), ENTRA_CODES, Inferred),
    aadsts!(90009, Token, to(F::OauthScope), ENTRA_CODES, Documented),
    aadsts!(28002, Token, to(F::OauthScope), ENTRA_CODES, Documented),
    aadsts!(28003, Token, to(F::OauthScope), ENTRA_CODES, Documented),
    aadsts!(700022, Token, to(F::OauthScope), ENTRA_CODES, Documented),
];
