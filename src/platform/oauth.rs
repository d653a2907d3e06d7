//! The browser half of this app's sign-in: keeps the pending round trip in sessionStorage
//! (one key, removed on return), sends the browser to the authorization server, and redeems
//! the code with a form POST over fetch (oauth2's async HTTP client trait). Tokens are handed
//! back to the caller and never stored here.

use oauth2::{AuthorizationCode, PkceCodeVerifier};
use wasm_bindgen::JsValue;

use super::storage::{self, Area};
use crate::domain::signin::{
    self, authorization_url, endpoints_for, parse_discovery, AuthRequest, EndpointSource, Endpoints, Pending, Returned,
    SignInError, TokenResponse,
};

/// The one sessionStorage key of a sign-in in flight.
pub const PENDING_KEY: &str = "webex-o365-setup.signin.pending.v1";

pub struct Start<'a> {
    pub authority: &'a str,
    pub tenant: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub scopes: &'a [String],
    pub login_hint: Option<&'a str>,
}

async fn endpoints(authority: &str, tenant: &str) -> Result<Endpoints, SignInError> {
    match endpoints_for(authority, tenant) {
        EndpointSource::Known(e) => Ok(e),
        EndpointSource::Discover(url) => {
            let response = gloo_net::http::Request::get(&url)
                .send()
                .await
                .map_err(|e| SignInError::Discovery { detail: e.to_string() })?;
            if !response.ok() {
                return Err(SignInError::Discovery { detail: format!("HTTP {}", response.status()) });
            }
            let text = response.text().await.map_err(|e| SignInError::Discovery { detail: e.to_string() })?;
            parse_discovery(&text)
        }
    }
}

pub(super) fn browser(detail: impl Into<String>) -> SignInError {
    SignInError::Browser { detail: detail.into() }
}

/// The authorization URL for `state` (fresh PKCE pair, one resource) and the round trip that
/// redeems its code. The caller keeps `Pending`: in sessionStorage for a full-page redirect,
/// in memory for a popup.
pub async fn prepare(s: &Start<'_>, state: String) -> Result<(String, Pending), SignInError> {
    let endpoints = endpoints(s.authority, s.tenant).await?;
    let pkce = signin::pkce_pair();
    let url = authorization_url(&AuthRequest {
        authorize_endpoint: &endpoints.authorize,
        client_id: s.client_id,
        redirect_uri: s.redirect_uri,
        scopes: s.scopes,
        state: &state,
        verifier: &pkce.verifier,
        login_hint: s.login_hint,
    })?;
    let location = super::window().ok_or_else(|| browser("window"))?.location();
    let return_to = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    let pending = Pending {
        state,
        verifier: pkce.verifier,
        return_to,
        token_endpoint: endpoints.token,
        client_id: s.client_id.to_string(),
        redirect_uri: s.redirect_uri.to_string(),
        scopes: s.scopes.to_vec(),
    };
    Ok((url, pending))
}

/// A fresh random `state` value.
pub fn random_state() -> Result<String, SignInError> {
    super::random::hex_token(16).map_err(|_| browser("crypto.getRandomValues"))
}

/// Stores the round trip, then leaves the page for the authorization server.
pub async fn start(s: Start<'_>) -> Result<(), SignInError> {
    let (url, pending) = prepare(&s, random_state()?).await?;
    let json = serde_json::to_string(&pending).map_err(|e| browser(e.to_string()))?;
    storage::set(Area::Session, PENDING_KEY, &json).map_err(|e| browser(format!("sessionStorage: {e:?}")))?;
    let window = super::window().ok_or_else(|| browser("window"))?;
    window.location().assign(&url).map_err(|_| browser("location.assign"))
}

/// On load: if the URL is a return from the authorization server, reads and removes the
/// pending entry and cleans the address bar (back to the saved path, or `fallback`), before
/// the app reads its route. Nothing happens for an ordinary load.
pub fn take_return(fallback: &str) -> Option<(Returned, Option<Pending>)> {
    let window = super::window()?;
    let search = window.location().search().ok()?;
    let returned = signin::parse_return(&search)?;
    let pending = storage::get(Area::Session, PENDING_KEY)
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str::<Pending>(&text).ok());
    let _ = storage::remove(Area::Session, PENDING_KEY);
    let clean = match &pending {
        Some(p) => p.return_to.clone(),
        None => format!("{fallback}{}", signin::clean_query(&search)),
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
    }
    Some((returned, pending))
}

#[derive(Debug)]
struct FetchFailed(String);

impl std::fmt::Display for FetchFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FetchFailed {}

/// oauth2's HTTP request sent with fetch; the answer handed back as oauth2 expects it.
async fn send(request: oauth2::HttpRequest) -> Result<oauth2::HttpResponse, FetchFailed> {
    use gloo_net::http::{Method, RequestBuilder};
    let method = Method::from_bytes(request.method().as_str().as_bytes()).map_err(|e| FetchFailed(e.to_string()))?;
    let mut builder = RequestBuilder::new(&request.uri().to_string()).method(method);
    for (name, value) in request.headers() {
        if let Ok(v) = value.to_str() {
            builder = builder.header(name.as_str(), v);
        }
    }
    let body = String::from_utf8_lossy(request.body()).into_owned();
    let response = builder
        .body(body)
        .map_err(|e| FetchFailed(e.to_string()))?
        .send()
        .await
        .map_err(|e| FetchFailed(e.to_string()))?;
    let mut out = oauth2::http::Response::builder().status(response.status());
    for (name, value) in response.headers().entries() {
        out = out.header(name, value);
    }
    let bytes = response.binary().await.map_err(|e| FetchFailed(e.to_string()))?;
    out.body(bytes).map_err(|e| FetchFailed(e.to_string()))
}

/// Redeems the code (form POST with `code_verifier`) at the token endpoint saved before leaving.
pub async fn redeem(code: String, pending: &Pending) -> Result<TokenResponse, SignInError> {
    let client = signin::token_client(&pending.client_id, &pending.token_endpoint, &pending.redirect_uri)?;
    client
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
        .request_async(&send)
        .await
        .map_err(|e| signin::from_token_error(&e))
}
