//! What can go wrong in a sign-in, as locale keys; server errors keep their text so the
//! explainer can find AADSTS codes in it.

use crate::domain::diagnose::{explain, Explained};
use crate::domain::finding::Message;

#[derive(Clone, PartialEq, Eq)]
pub enum SignInError {
    /// The authorization server sent `error` (and maybe `error_description`) back.
    Server {
        error: String,
        description: String,
    },
    /// The returned `state` is not the one this tab sent, or nothing was pending in this tab
    /// (a reload, another tab, a replayed or forged link): the code is never redeemed.
    StateMismatch,
    /// The discovery document could not be used.
    Discovery {
        detail: String,
    },
    /// An endpoint, client id or redirect URI the oauth2 crate refuses.
    InvalidSetting {
        what: &'static str,
    },
    /// Scopes of two resources in one request (AADSTS28000 at Entra).
    MixedResources,
    NoScopes,
    /// The token endpoint could not be reached (CORS, network).
    Network {
        detail: String,
    },
    /// The token endpoint answered something that is not a token response.
    BadTokenResponse {
        detail: String,
    },
    /// `window.open` returned nothing: the browser blocked the sign-in window.
    PopupBlocked,
    /// The sign-in window was closed before it came back.
    PopupClosed,
    /// A sign-in window of this tab is already open.
    PopupBusy,
    /// Signed in, but some of the permissions asked for were not granted.
    NotGranted,
    /// Browser storage or randomness is unavailable.
    Browser {
        detail: String,
    },
}

impl std::fmt::Debug for SignInError {
    // Descriptions come from the server and never hold tokens; codes are not printed here anyway.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SignInError({})", self.message().key)
    }
}

impl SignInError {
    pub fn message(&self) -> Message {
        match self {
            SignInError::Server { error, description } => {
                Message::new(if error == "access_denied" { "signin.error.denied" } else { "signin.error.server" })
                    .with("error", error.clone())
                    .with("description", description.clone())
            }
            SignInError::StateMismatch => Message::new("signin.error.state_mismatch"),
            SignInError::Discovery { detail } => Message::new("signin.error.discovery").with("detail", detail.clone()),
            SignInError::InvalidSetting { what } => Message::new("signin.error.invalid_setting").with("what", *what),
            SignInError::MixedResources => Message::new("signin.error.mixed_resources"),
            SignInError::NoScopes => Message::new("signin.error.no_scopes"),
            SignInError::Network { detail } => Message::new("signin.error.network").with("detail", detail.clone()),
            SignInError::BadTokenResponse { detail } => {
                Message::new("signin.error.bad_token_response").with("detail", detail.clone())
            }
            SignInError::PopupBlocked => Message::new("signin.error.popup_blocked"),
            SignInError::PopupClosed => Message::new("signin.error.popup_closed"),
            SignInError::PopupBusy => Message::new("signin.error.popup_busy"),
            SignInError::NotGranted => Message::new("signin.error.not_granted"),
            SignInError::Browser { detail } => Message::new("signin.error.browser").with("detail", detail.clone()),
        }
    }

    /// Known error codes (AADSTS…) in the server's text, explained by the catalogue.
    pub fn explained(&self) -> Vec<Explained> {
        match self {
            SignInError::Server { error, description } => explain(&format!("{error} {description}")),
            SignInError::MixedResources => explain("AADSTS28000"),
            _ => Vec::new(),
        }
    }
}

/// oauth2's token-request error as a `SignInError` (the HTTP client's own error is its text).
pub fn from_token_error<E: std::error::Error + 'static>(
    e: &oauth2::RequestTokenError<E, oauth2::basic::BasicErrorResponse>,
) -> SignInError {
    match e {
        oauth2::RequestTokenError::ServerResponse(r) => SignInError::Server {
            error: r.error().as_ref().to_string(),
            description: r.error_description().cloned().unwrap_or_default(),
        },
        oauth2::RequestTokenError::Request(inner) => SignInError::Network { detail: inner.to_string() },
        oauth2::RequestTokenError::Parse(inner, _) => SignInError::BadTokenResponse { detail: inner.to_string() },
        oauth2::RequestTokenError::Other(text) => SignInError::BadTokenResponse { detail: text.clone() },
    }
}
