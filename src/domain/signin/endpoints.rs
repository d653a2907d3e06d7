//! Where to send the browser and the code: a known Microsoft login host gets the v2.0 paths;
//! any other authority is asked through its OpenID discovery document.

use super::SignInError;

/// Login hosts whose paths are known (global, US Government, China).
const MICROSOFT_LOGIN_HOSTS: [&str; 4] = [
    "login.microsoftonline.com",
    "login.microsoft.com",
    "login.microsoftonline.us",
    "login.partner.microsoftonline.cn",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoints {
    pub authorize: String,
    pub token: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointSource {
    Known(Endpoints),
    /// Fetch this document, then `parse_discovery`.
    Discover(String),
}

/// `tenant` is already a path segment (`organizations`, a GUID or a domain).
pub fn endpoints_for(authority: &str, tenant: &str) -> EndpointSource {
    let authority = authority.trim().trim_end_matches('/');
    let host = authority.strip_prefix("https://").unwrap_or_default();
    if MICROSOFT_LOGIN_HOSTS.iter().any(|h| host.eq_ignore_ascii_case(h)) {
        let base = format!("{authority}/{tenant}/oauth2/v2.0");
        EndpointSource::Known(Endpoints { authorize: format!("{base}/authorize"), token: format!("{base}/token") })
    } else {
        EndpointSource::Discover(format!("{authority}/.well-known/openid-configuration"))
    }
}

/// The tenant path segment from what the admin typed in step 2: a valid tenant id or domain,
/// else `organizations` (any work account; the token then tells which tenant).
pub fn tenant_segment(raw: &str) -> String {
    use crate::domain::guid::TenantId;
    match TenantId::parse(raw.trim()) {
        Ok(TenantId::Id(g)) => g.to_string(),
        Ok(TenantId::Domain(d)) => d,
        Err(_) => "organizations".into(),
    }
}

/// The redirect URI to send: config.json's, else the app's base URL. config.json values lose
/// their trailing `/`; an origin alone gets it back, because the browser lands on `/` and the
/// registration (Entra, or any server) matches the exact string.
pub fn redirect_uri(configured: Option<&str>, app_base: &str) -> String {
    match configured.map(str::trim).filter(|s| !s.is_empty()) {
        Some(uri) => {
            let after_scheme = uri.split_once("://").map(|(_, r)| r).unwrap_or(uri);
            if after_scheme.contains(['/', '?', '#']) {
                uri.to_string()
            } else {
                format!("{uri}/")
            }
        }
        None => app_base.to_string(),
    }
}

/// `authorization_endpoint` and `token_endpoint` of a discovery document.
pub fn parse_discovery(text: &str) -> Result<Endpoints, SignInError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| SignInError::Discovery { detail: e.to_string() })?;
    let field = |name: &str| {
        value
            .get(name)
            .and_then(|v| v.as_str())
            .filter(|s| s.starts_with("https://") || s.starts_with("http://"))
            .map(str::to_string)
            .ok_or_else(|| SignInError::Discovery { detail: name.to_string() })
    };
    Ok(Endpoints { authorize: field("authorization_endpoint")?, token: field("token_endpoint")? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn microsoft_hosts_get_v2_paths() {
        assert_eq!(
            endpoints_for("https://login.microsoftonline.com/", "organizations"),
            EndpointSource::Known(Endpoints {
                authorize: "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize".into(),
                token: "https://login.microsoftonline.com/organizations/oauth2/v2.0/token".into(),
            })
        );
        assert!(matches!(endpoints_for("https://login.microsoftonline.us", "x"), EndpointSource::Known(_)));
    }

    #[test]
    fn other_authorities_are_discovered() {
        assert_eq!(
            endpoints_for("http://127.0.0.1:9000/", "organizations"),
            EndpointSource::Discover("http://127.0.0.1:9000/.well-known/openid-configuration".into())
        );
        // A look-alike host is not Microsoft's.
        assert!(matches!(endpoints_for("https://login.microsoftonline.com.evil", "x"), EndpointSource::Discover(_)));
    }

    #[test]
    fn redirect_uris() {
        assert_eq!(redirect_uri(Some("http://127.0.0.1:8080"), "x"), "http://127.0.0.1:8080/");
        assert_eq!(redirect_uri(Some("https://h.example/setup"), "x"), "https://h.example/setup");
        assert_eq!(redirect_uri(None, "https://h.example/setup/"), "https://h.example/setup/");
        assert_eq!(redirect_uri(Some(" "), "https://b/"), "https://b/");
    }

    #[test]
    fn tenant_segments() {
        assert_eq!(tenant_segment(""), "organizations");
        assert_eq!(tenant_segment("Contoso.onmicrosoft.com"), "contoso.onmicrosoft.com");
        assert_eq!(tenant_segment("11111111-2222-4333-8444-555555555555"), "11111111-2222-4333-8444-555555555555");
    }

    #[test]
    fn discovery_documents() {
        let doc = r#"{"issuer":"http://127.0.0.1:9000","authorization_endpoint":"http://127.0.0.1:9000/auth",
            "token_endpoint":"http://127.0.0.1:9000/token"}"#;
        assert_eq!(
            parse_discovery(doc),
            Ok(Endpoints {
                authorize: "http://127.0.0.1:9000/auth".into(),
                token: "http://127.0.0.1:9000/token".into()
            })
        );
        assert!(parse_discovery(r#"{"authorization_endpoint":"x"}"#).is_err());
        assert!(parse_discovery("<html>").is_err());
    }
}
