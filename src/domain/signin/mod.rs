//! Sign-in of this app itself (connected mode): authorization code + PKCE (S256) against the
//! Microsoft identity platform or any OpenID provider. Pure: the browser edge
//! (`platform::oauth`) stores the pending round trip, redirects, and sends the token request.
//!
//! - `endpoints`: authorize/token URLs for a Microsoft login host, or from a discovery document.
//! - `request`: the authorization URL (built with the oauth2 crate), scopes per action.
//! - `callback`: the return URL (code + state, or an error), checked against the pending state.
//! - `token`: the token client and answer, kept in memory; no Debug shows a token.
//! - `session`: scope coverage, expiry, what an action still needs, popup-return recognition.

pub mod callback;
pub mod endpoints;
pub mod error;
pub mod request;
pub mod session;
pub mod token;

pub use callback::{check_return, clean_query, parse_return, Returned};
pub use endpoints::{endpoints_for, parse_discovery, redirect_uri, tenant_segment, EndpointSource, Endpoints};
pub use error::{from_token_error, SignInError};
pub use request::{authorization_url, check_one_resource, pkce_pair, scopes_for, AuthRequest, Pending, PkcePair};
pub use session::{
    covers, is_popup_return, needed, popup_state, returned_state, scopes_to_request, short_names, Needed,
    EXPIRY_MARGIN_MS, POPUP_STATE_PREFIX,
};
pub use token::{token_client, SignedIn, TokenClient, TokenFields, TokenResponse};
