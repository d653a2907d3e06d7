//! The interactive sign-in of Webex Connect's [Generate Token]: the authorize endpoint, the
//! consent prompt, Conditional Access and the account that signs in.

use super::source::{CA_TROUBLESHOOT, ENTRA_CODES};
use super::{aadsts, at, to, Entry, NOWHERE};
use crate::domain::field::Field as F;
use crate::domain::step::Step as S;

// One entry per line: easier to read and review as a table than rustfmt's layout.
#[rustfmt::skip]
pub(super) static ENTRIES: &[Entry] = &[
    // The registration and the URLs in Webex Connect
    aadsts!(50011, SignIn, to(F::AzureRedirectUri), ENTRA_CODES, Documented),
    aadsts!(900971, SignIn, to(F::AzureRedirectUri), ENTRA_CODES, Inferred),
    aadsts!(700054, SignIn, to(F::AzureImplicitAccessTokens), ENTRA_CODES, Documented),
    aadsts!(90002, SignIn, to(F::AzureTenantId), ENTRA_CODES, Documented),
    aadsts!(50194, SignIn, to(F::OauthAuthorizationUrl), ENTRA_CODES, Documented),
    aadsts!(500011, SignIn, to(F::AzureTenantId), ENTRA_CODES, Documented),
    aadsts!(650052, SignIn, to(F::AzurePermissionProfile), ENTRA_CODES, Documented),
    aadsts!(650056, SignIn, to(F::AzurePermissionProfile), ENTRA_CODES, Documented),
    aadsts!(650057, SignIn, to(F::AzurePermissionProfile), ENTRA_CODES, Inferred),
    aadsts!(70011, SignIn, to(F::OauthScope), ENTRA_CODES, Documented),
    aadsts!(28000, SignIn, to(F::OauthScope), ENTRA_CODES, Documented),
    // Consent and assignment
    aadsts!(65001, SignIn, to(F::AzurePermissionProfile), ENTRA_CODES, Documented),
    aadsts!(65004, SignIn, at(S::WebexOauth), ENTRA_CODES, Documented),
    aadsts!(90094, SignIn, to(F::AzurePermissionProfile), ENTRA_CODES, Documented),
    aadsts!(90095, SignIn, to(F::AzurePermissionProfile), ENTRA_CODES, Documented),
    aadsts!(50105, SignIn, at(S::EntraApp), ENTRA_CODES, Documented),
    // The account that signs in
    aadsts!(50020, SignIn, to(F::SmtpUsername), ENTRA_CODES, Documented),
    aadsts!(16000, SignIn, to(F::SmtpUsername), ENTRA_CODES, Documented),
    aadsts!(50034, SignIn, to(F::SmtpUsername), ENTRA_CODES, Documented),
    aadsts!(500208, SignIn, to(F::SmtpUsername), ENTRA_CODES, Documented),
    aadsts!(90072, SignIn, to(F::SmtpUsername), ENTRA_CODES, Documented),
    aadsts!(50126, SignIn, at(S::WebexOauth), ENTRA_CODES, Documented),
    aadsts!(50053, SignIn, NOWHERE, ENTRA_CODES, Documented),
    aadsts!(50055, SignIn, at(S::WebexOauth), ENTRA_CODES, Documented),
    aadsts!(50057, SignIn, to(F::OauthLoginId), ENTRA_CODES, Inferred),
    // Multifactor authentication
    aadsts!(50076, SignIn, at(S::WebexOauth), ENTRA_CODES, Documented),
    aadsts!(50079, SignIn, at(S::WebexOauth), ENTRA_CODES, Documented),
    aadsts!(50072, SignIn, at(S::WebexOauth), ENTRA_CODES, Documented),
    aadsts!(50074, SignIn, at(S::WebexOauth), ENTRA_CODES, Documented),
    // Conditional Access, security defaults and tenant restrictions
    aadsts!(53003, SignIn, NOWHERE, ENTRA_CODES, Documented),
    aadsts!(53000, SignIn, NOWHERE, ENTRA_CODES, Documented),
    aadsts!(53002, SignIn, NOWHERE, ENTRA_CODES, Documented),
    aadsts!(530003, SignIn, NOWHERE, CA_TROUBLESHOOT, Documented),
    aadsts!(530032, SignIn, NOWHERE, ENTRA_CODES, Documented),
    aadsts!(530035, SignIn, NOWHERE, ENTRA_CODES, Inferred),
    aadsts!(500021, SignIn, NOWHERE, ENTRA_CODES, Documented),
];
