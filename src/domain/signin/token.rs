//! The token request's client and its answer. Tokens stay in memory; no Debug shows them
//! (oauth2's `AccessToken` prints `[redacted]`, and `TokenFields` hides the ID token).

use base64::Engine;
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AccessToken, Client, ClientId, EndpointNotSet, EndpointSet, ExtraTokenFields, RedirectUrl, StandardRevocableToken,
    StandardTokenResponse, TokenResponse as _, TokenUrl,
};
use serde::{Deserialize, Serialize};

use super::SignInError;

/// The fields beyond OAuth 2.0's: the ID token (for `tid`).
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct TokenFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
}

impl std::fmt::Debug for TokenFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenFields([redacted])")
    }
}

impl ExtraTokenFields for TokenFields {}

pub type TokenResponse = StandardTokenResponse<TokenFields, BasicTokenType>;

/// A client with only the token endpoint set (the redirect left before it was built).
pub type TokenClient = Client<
    BasicErrorResponse,
    TokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// A public client (no secret): oauth2 then sends `client_id` in the form body, as SPAs must.
pub fn token_client(client_id: &str, token_endpoint: &str, redirect_uri: &str) -> Result<TokenClient, SignInError> {
    let token_url = TokenUrl::new(token_endpoint.to_string())
        .map_err(|_| SignInError::InvalidSetting { what: "token_endpoint" })?;
    let redirect =
        RedirectUrl::new(redirect_uri.to_string()).map_err(|_| SignInError::InvalidSetting { what: "redirect_uri" })?;
    Ok(Client::new(ClientId::new(client_id.to_string()))
        .set_auth_type(oauth2::AuthType::RequestBody)
        .set_token_uri(token_url)
        .set_redirect_uri(redirect))
}

/// The signed-in session, in memory only.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub access_token: AccessToken,
    /// Unix milliseconds; `None` when the server did not say.
    pub expires_at_ms: Option<u64>,
    pub scopes: Vec<String>,
    /// The ID token's `tid` (Entra) when one came back.
    pub tenant: Option<String>,
    /// The ID token's `preferred_username` (or `upn`/`email`): the `login_hint` of the next
    /// request, so incremental consent stays with the same account.
    pub account: Option<String>,
}

impl SignedIn {
    pub fn from_response(response: &TokenResponse, requested: &[String], now_ms: u64) -> SignedIn {
        let expires_at_ms =
            response.expires_in().map(|d| now_ms.saturating_add(u64::try_from(d.as_millis()).unwrap_or(u64::MAX)));
        // RFC 6749 5.1: no `scope` in the answer means the requested ones were granted.
        let scopes = match response.scopes() {
            Some(s) => s.iter().map(|s| s.to_string()).collect(),
            None => requested.to_vec(),
        };
        let claims = response.extra_fields().id_token.as_deref().and_then(claims_of);
        let claim = |names: &[&str]| {
            let c = claims.as_ref()?;
            names.iter().find_map(|n| c.get(*n)?.as_str().filter(|s| !s.is_empty()).map(str::to_string))
        };
        SignedIn {
            access_token: response.access_token().clone(),
            expires_at_ms,
            scopes,
            tenant: claim(&["tid"]),
            account: claim(&["preferred_username", "upn", "email"]),
        }
    }

    pub fn expired(&self, now_ms: u64) -> bool {
        self.expires_at_ms.is_some_and(|t| t <= now_ms)
    }

    /// Expired, or expiring within `session::EXPIRY_MARGIN_MS`.
    pub fn expires_soon(&self, now_ms: u64) -> bool {
        self.expired(now_ms.saturating_add(super::session::EXPIRY_MARGIN_MS))
    }
}

/// A JWT's payload; the signature is not checked (display and `login_hint` only, never trusted).
fn claims_of(jwt: &str) -> Option<serde_json::Value> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oauth2::{AuthorizationCode, PkceCodeVerifier};
    use std::future::Future;
    use std::task::{Context, Poll, Waker};

    const ID_TOKEN_PAYLOAD: &str =
        r#"{"sub":"admin","tid":"6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","preferred_username":"admin@contoso.com"}"#;

    fn id_token() -> String {
        let b = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!("{}.{}.sig", b.encode(r#"{"alg":"RS256"}"#), b.encode(ID_TOKEN_PAYLOAD))
    }

    fn body() -> String {
        format!(
            r#"{{"access_token":"SECRET-ACCESS","token_type":"Bearer","expires_in":3600,
            "scope":"https://graph.microsoft.com/User.Read openid","id_token":"{}","ext_expires_in":3600}}"#,
            id_token()
        )
    }

    #[test]
    fn parses_an_entra_shaped_answer() {
        let r: TokenResponse = serde_json::from_str(&body()).unwrap();
        let s = SignedIn::from_response(&r, &[], 1_000);
        assert_eq!(s.access_token.secret(), "SECRET-ACCESS");
        assert_eq!(s.expires_at_ms, Some(3_601_000));
        assert_eq!(s.scopes, ["https://graph.microsoft.com/User.Read", "openid"]);
        assert_eq!(s.tenant.as_deref(), Some("6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
        assert_eq!(s.account.as_deref(), Some("admin@contoso.com"));
        assert!(!s.expired(3_600_999) && s.expired(3_601_000));
        assert!(!s.expires_soon(3_540_999) && s.expires_soon(3_541_000));
        let printed = format!("{s:?} {r:?}");
        assert!(!printed.contains("SECRET-ACCESS") && !printed.contains(&id_token()), "{printed}");
    }

    #[test]
    fn minimal_answer_uses_requested_scopes() {
        let r: TokenResponse = serde_json::from_str(r#"{"access_token":"a","token_type":"bearer"}"#).unwrap();
        let s = SignedIn::from_response(&r, &["openid".into()], 0);
        assert_eq!((s.expires_at_ms, s.scopes, s.tenant, s.account), (None, vec!["openid".to_string()], None, None));
    }

    /// Polls a future that is ready at once (the fake client answers synchronously).
    fn run<F: Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(v) => v,
            Poll::Pending => panic!("not ready"),
        }
    }

    #[test]
    fn code_exchange_is_a_form_post_with_the_verifier() {
        let client = token_client("spa-client", "http://127.0.0.1:9/token", "http://127.0.0.1:8/").unwrap();
        let seen = std::cell::RefCell::new(None);
        let http = |req: oauth2::HttpRequest| {
            *seen.borrow_mut() = Some((req.method().clone(), req.headers().clone(), req.body().clone()));
            let resp = oauth2::http::Response::builder().status(200).header("content-type", "application/json");
            std::future::ready(resp.body(body().into_bytes()))
        };
        let got = run(client
            .exchange_code(AuthorizationCode::new("the-code".into()))
            .set_pkce_verifier(PkceCodeVerifier::new("the-verifier".into()))
            .request_async(&http))
        .unwrap();
        assert_eq!(got.access_token().secret(), "SECRET-ACCESS");
        let (method, headers, body) = seen.into_inner().unwrap();
        assert_eq!(method, oauth2::http::Method::POST);
        assert_eq!(headers["content-type"], "application/x-www-form-urlencoded");
        assert!(!headers.contains_key("authorization"));
        let form: std::collections::HashMap<String, String> =
            oauth2::url::form_urlencoded::parse(&body).into_owned().collect();
        assert_eq!(form["grant_type"], "authorization_code");
        assert_eq!(form["code"], "the-code");
        assert_eq!(form["code_verifier"], "the-verifier");
        assert_eq!(form["client_id"], "spa-client");
        assert_eq!(form["redirect_uri"], "http://127.0.0.1:8/");
    }

    #[test]
    fn server_errors_come_back_typed() {
        let client = token_client("c", "http://127.0.0.1:9/token", "http://127.0.0.1:8/").unwrap();
        let http = |_req: oauth2::HttpRequest| {
            let resp = oauth2::http::Response::builder().status(400).header("content-type", "application/json");
            std::future::ready(resp.body(
                br#"{"error":"invalid_grant","error_description":"AADSTS54005: OAuth2 Authorization code was already redeemed"}"#
                    .to_vec(),
            ))
        };
        let err = run(client
            .exchange_code(AuthorizationCode::new("c".into()))
            .set_pkce_verifier(PkceCodeVerifier::new("v".into()))
            .request_async(&http))
        .unwrap_err();
        let e = super::super::error::from_token_error(&err);
        assert_eq!(e.message().key, "signin.error.server");
        assert!(e.explained().iter().any(|x| x.entry().is_some_and(|en| en.code == "AADSTS54005")));
    }
}
