//! The authorization request: PKCE pair, scopes for an action (one resource per request),
//! and the URL, built with the oauth2 crate. `Pending` is what survives the redirect.

use oauth2::basic::BasicClient;
use oauth2::{AuthUrl, ClientId, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope};
use serde::{Deserialize, Serialize};

use super::SignInError;
use crate::domain::graph::scopes::{minimal, Action};

/// Asked with every request: an ID token, whose `tid` says which tenant signed in.
pub const OPENID: &str = "openid";

pub struct PkcePair {
    pub challenge: String,
    pub verifier: String,
}

/// A fresh random S256 pair (getrandom: `crypto.getRandomValues` in the browser).
pub fn pkce_pair() -> PkcePair {
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    PkcePair { challenge: challenge.as_str().to_string(), verifier: verifier.secret().clone() }
}

/// The S256 challenge of a verifier (RFC 7636 4.2).
pub fn challenge_of(verifier: &str) -> String {
    PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(verifier.to_string())).as_str().to_string()
}

/// Graph scopes of an action, qualified with the Graph resource, plus `openid`.
pub fn scopes_for(action: Action, graph_resource: &str) -> Vec<String> {
    let resource = graph_resource.trim().trim_end_matches('/');
    let resource = resource.strip_suffix("/v1.0").unwrap_or(resource);
    std::iter::once(OPENID.to_string())
        .chain(minimal(action.scopes().iter().copied()).into_iter().map(|s| format!("{resource}/{}", s.value())))
        .collect()
}

/// The origin of a resource-qualified scope (`https://graph.microsoft.com/User.Read`).
fn resource_of(scope: &str) -> Option<&str> {
    let rest = scope.strip_prefix("https://").or_else(|| scope.strip_prefix("http://"))?;
    let host_len = rest.find('/').unwrap_or(rest.len());
    Some(&scope[..scope.len() - rest.len() + host_len])
}

/// One token request is for one resource: Graph and Outlook scopes never mix (AADSTS28000).
pub fn check_one_resource(scopes: &[String]) -> Result<(), SignInError> {
    let mut resources = scopes.iter().filter_map(|s| resource_of(s)).map(str::to_ascii_lowercase).collect::<Vec<_>>();
    crate::domain::sort::sort(&mut resources);
    resources.dedup();
    if scopes.is_empty() {
        Err(SignInError::NoScopes)
    } else if resources.len() > 1 {
        Err(SignInError::MixedResources)
    } else {
        Ok(())
    }
}

pub struct AuthRequest<'a> {
    pub authorize_endpoint: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub scopes: &'a [String],
    pub state: &'a str,
    pub verifier: &'a str,
    pub login_hint: Option<&'a str>,
}

pub fn authorization_url(r: &AuthRequest) -> Result<String, SignInError> {
    check_one_resource(r.scopes)?;
    if r.state.trim().is_empty() {
        return Err(SignInError::InvalidSetting { what: "state" });
    }
    let auth_url = AuthUrl::new(r.authorize_endpoint.to_string())
        .map_err(|_| SignInError::InvalidSetting { what: "authorization_endpoint" })?;
    let redirect = RedirectUrl::new(r.redirect_uri.to_string())
        .map_err(|_| SignInError::InvalidSetting { what: "redirect_uri" })?;
    if r.client_id.trim().is_empty() {
        return Err(SignInError::InvalidSetting { what: "client_id" });
    }
    let client = BasicClient::new(ClientId::new(r.client_id.trim().to_string()))
        .set_auth_uri(auth_url)
        .set_redirect_uri(redirect);
    let state = r.state.to_string();
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(r.verifier.to_string()));
    let mut request = client
        .authorize_url(move || CsrfToken::new(state))
        .add_scopes(r.scopes.iter().map(|s| Scope::new(s.clone())))
        .set_pkce_challenge(challenge)
        .add_extra_param("response_mode", "query");
    if let Some(hint) = r.login_hint.map(str::trim).filter(|h| !h.is_empty()) {
        request = request.add_extra_param("login_hint", hint.to_string());
    }
    Ok(request.url().0.to_string())
}

/// What the tab keeps in sessionStorage for the round trip, removed on return.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub state: String,
    pub verifier: String,
    /// Path and query to go back to (the step the admin was on).
    pub return_to: String,
    pub token_endpoint: String,
    pub client_id: String,
    pub redirect_uri: String,
    /// The scopes asked for: the session's scopes when the token response omits `scope`.
    #[serde(default)]
    pub scopes: Vec<String>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("return_to", &self.return_to)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b() {
        assert_eq!(
            challenge_of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn random_pairs_differ_and_match() {
        let (a, b) = (pkce_pair(), pkce_pair());
        assert_ne!(a.verifier, b.verifier);
        assert_eq!(challenge_of(&a.verifier), a.challenge);
        assert!(a.verifier.len() >= 43);
    }

    #[test]
    fn inspect_scopes_are_graph_only() {
        let scopes = scopes_for(Action::Inspect, "https://graph.microsoft.com/v1.0");
        assert_eq!(
            scopes,
            [
                "openid",
                "https://graph.microsoft.com/User.Read",
                "https://graph.microsoft.com/Policy.Read.All",
                "https://graph.microsoft.com/Application.Read.All"
            ]
        );
        assert_eq!(check_one_resource(&scopes), Ok(()));
    }

    #[test]
    fn mixing_resources_is_refused() {
        let mixed =
            ["https://graph.microsoft.com/User.Read".to_string(), "https://outlook.office.com/SMTP.Send".into()];
        assert_eq!(check_one_resource(&mixed), Err(SignInError::MixedResources));
        assert_eq!(check_one_resource(&[]), Err(SignInError::NoScopes));
        assert_eq!(check_one_resource(&["openid".into(), "https://outlook.office.com/SMTP.Send".into()]), Ok(()));
    }

    fn request<'a>(scopes: &'a [String], hint: Option<&'a str>) -> AuthRequest<'a> {
        AuthRequest {
            authorize_endpoint: "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize",
            client_id: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
            redirect_uri: "https://setup.example.com/",
            scopes,
            state: "st4te",
            verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            login_hint: hint,
        }
    }

    #[test]
    fn authorization_url_has_every_parameter() {
        let scopes = scopes_for(Action::Inspect, "https://graph.microsoft.com");
        let url = authorization_url(&request(&scopes, Some("admin@contoso.com"))).unwrap();
        let parsed = oauth2::url::Url::parse(&url).unwrap();
        let q: std::collections::HashMap<_, _> = parsed.query_pairs().into_owned().collect();
        assert!(url.starts_with("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?"));
        assert_eq!(q["client_id"], "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["redirect_uri"], "https://setup.example.com/");
        assert_eq!(q["scope"], scopes.join(" "));
        assert_eq!(q["state"], "st4te");
        assert_eq!(q["code_challenge"], "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["response_mode"], "query");
        assert_eq!(q["login_hint"], "admin@contoso.com");
        let without = authorization_url(&request(&scopes, Some(" "))).unwrap();
        assert!(!without.contains("login_hint"));
    }

    #[test]
    fn bad_settings_are_refused() {
        let scopes = scopes_for(Action::Inspect, "https://graph.microsoft.com");
        let r = request(&scopes, None);
        assert!(authorization_url(&AuthRequest { authorize_endpoint: "not a url", ..r }).is_err());
        assert!(authorization_url(&AuthRequest { client_id: " ", ..request(&scopes, None) }).is_err());
        assert!(authorization_url(&AuthRequest { state: "", ..request(&scopes, None) }).is_err());
    }

    #[test]
    fn pending_debug_hides_the_verifier() {
        let p = Pending {
            state: "s".into(),
            verifier: "VERIFIER".into(),
            return_to: "/entra-app".into(),
            token_endpoint: "t".into(),
            client_id: "c".into(),
            redirect_uri: "r".into(),
            scopes: vec!["openid".into()],
        };
        assert!(!format!("{p:?}").contains("VERIFIER"));
        // A round trip stored by an older build (no `scopes`) still reads.
        let old =
            r#"{"state":"s","verifier":"v","return_to":"/","token_endpoint":"t","client_id":"c","redirect_uri":"r"}"#;
        assert_eq!(serde_json::from_str::<Pending>(old).map(|p| p.scopes.len()).ok(), Some(0));
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Pending>(&json).ok(), Some(p));
    }
}
