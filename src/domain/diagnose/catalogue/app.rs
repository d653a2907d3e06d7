//! This setup app's own calls: its sign-in (a single-page app), Microsoft Graph, and the
//! Webex Connect test send.

use super::source::{APP_MANAGEMENT_POLICY, AUTH_CODE_FLOW, ENTRA_CODES, GRAPH_ERRORS, REFRESH_TOKENS, WEBEX_ERRORS};
use super::{aadsts, at, entry, to, Entry, Pattern, NOWHERE};
use crate::domain::field::Field as F;
use crate::domain::step::Step as S;

const fn graph(value: &'static str) -> Pattern {
    Pattern::Code { value, bare: true }
}

// One entry per line: easier to read and review as a table than rustfmt's layout.
#[rustfmt::skip]
pub(super) static ENTRIES: &[Entry] = &[
    // This app's own sign-in
    aadsts!(700084, SetupApp, NOWHERE, REFRESH_TOKENS, Documented),
    aadsts!(501481, SetupApp, NOWHERE, ENTRA_CODES, Documented),
    aadsts!(9002326, SetupApp, NOWHERE, AUTH_CODE_FLOW, Documented),
    // Microsoft Graph
    entry!(graph_authorization_request_denied, Graph, SetupApp, "Authorization_RequestDenied", graph("Authorization_RequestDenied"), at(S::EntraApp), GRAPH_ERRORS, Inferred),
    entry!(graph_request_resource_not_found, Graph, SetupApp, "Request_ResourceNotFound", graph("Request_ResourceNotFound"), NOWHERE, GRAPH_ERRORS, Inferred),
    entry!(graph_request_bad_request, Graph, SetupApp, "Request_BadRequest", graph("Request_BadRequest"), NOWHERE, GRAPH_ERRORS, Documented),
    entry!(graph_error_access_denied, Graph, SetupApp, "ErrorAccessDenied", graph("ErrorAccessDenied"), at(S::Mailbox), GRAPH_ERRORS, Inferred),
    entry!(graph_invalid_authentication_token, Graph, SetupApp, "InvalidAuthenticationToken", graph("InvalidAuthenticationToken"), NOWHERE, GRAPH_ERRORS, Documented),
    entry!(graph_credential_lifetime, Graph, SetupApp, "Credential lifetime exceeds the max value allowed", Pattern::Phrase(CREDENTIAL_LIFETIME), to(F::AzureClientSecretExpires), APP_MANAGEMENT_POLICY, Documented),
    // Webex Connect Send Message API
    entry!(webex_7000, Webex, SetupApp, "7000", Pattern::Code { value: "7000", bare: false }, at(S::Verify), WEBEX_ERRORS, Inferred),
    entry!(webex_http_401, Webex, SetupApp, "HTTP 401", Pattern::EmptyHttp(401), at(S::Verify), WEBEX_ERRORS, Documented),
];

const CREDENTIAL_LIFETIME: &str = "credential lifetime exceeds the max value allowed";
