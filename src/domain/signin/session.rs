//! What the in-memory session can do: whether its scopes cover an action, whether its token
//! is still usable, what to ask for next (incremental consent, one resource), and how a
//! popup's return is told apart from a full-page one.

use super::request::OPENID;
use super::SignedIn;

/// A token this close to its end is treated as expired: a Graph call must not start with a
/// token that dies on the way.
pub const EXPIRY_MARGIN_MS: u64 = 60_000;

/// Marks the `state` of a round trip run in a popup window (the rest is random).
pub const POPUP_STATE_PREFIX: &str = "popup.";

/// What an action still needs before it can call Graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needed {
    /// Not signed in in this tab.
    SignIn,
    /// Signed in, but without (some of) the action's permissions.
    Consent,
    /// Signed in with the permissions, but the token has expired (or is about to).
    Expired,
}

/// OpenID Connect scopes: they never appear in an access token's `scp`, so they are never
/// "missing".
fn is_oidc(scope: &str) -> bool {
    [OPENID, "profile", "offline_access", "email"].iter().any(|s| scope.eq_ignore_ascii_case(s))
}

/// Every wanted scope (except OpenID Connect ones) is granted; case-insensitive, as Entra is.
pub fn covers(granted: &[String], wanted: &[String]) -> bool {
    wanted.iter().filter(|w| !is_oidc(w)).all(|w| granted.iter().any(|g| g.trim().eq_ignore_ascii_case(w.trim())))
}

/// `None` when the session can serve `wanted` now; otherwise what is needed first.
pub fn needed(session: Option<&SignedIn>, wanted: &[String], now_ms: u64) -> Option<Needed> {
    match session {
        None => Some(Needed::SignIn),
        Some(s) if !covers(&s.scopes, wanted) => Some(Needed::Consent),
        Some(s) if s.expires_soon(now_ms) => Some(Needed::Expired),
        Some(_) => None,
    }
}

/// The resource part of a qualified scope (`https://graph.microsoft.com`), lower-case.
fn resource(scope: &str) -> Option<String> {
    let rest = scope.strip_prefix("https://").or_else(|| scope.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    Some(scope[..scope.len() - rest.len() + host.len()].to_ascii_lowercase())
}

/// The next request: the wanted scopes plus those already granted for the same resource, so a
/// new token does not drop what the session could already do (one resource per request).
pub fn scopes_to_request(granted: &[String], wanted: &[String]) -> Vec<String> {
    let resources: Vec<String> = wanted.iter().filter_map(|w| resource(w)).collect();
    let mut out: Vec<String> = wanted.to_vec();
    for g in granted {
        let same_resource = resource(g).is_some_and(|r| resources.contains(&r));
        if same_resource && !out.iter().any(|o| o.eq_ignore_ascii_case(g)) {
            out.push(g.clone());
        }
    }
    out
}

/// Scopes as the consent screen names them (`User.Read`), OpenID Connect ones left out.
pub fn short_names(scopes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in scopes.iter().filter(|s| !is_oidc(s)) {
        let name = match resource(s) {
            Some(r) => s[r.len()..].trim_start_matches('/').to_string(),
            None => s.clone(),
        };
        if !name.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    }
    out
}

/// A popup round trip's state, from fresh random text.
pub fn popup_state(random: &str) -> String {
    format!("{POPUP_STATE_PREFIX}{random}")
}

/// The `state` parameter of a return URL's query, if any.
pub fn returned_state(search: &str) -> Option<String> {
    oauth2::url::form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
}

/// This load is a popup's return to hand to the opener: a return from the authorization server
/// whose state was made for a popup. (The caller also checks that a same-origin opener exists.)
pub fn is_popup_return(search: &str) -> bool {
    super::parse_return(search).is_some()
        && returned_state(search)
            .is_some_and(|s| s.starts_with(POPUP_STATE_PREFIX) && s.len() > POPUP_STATE_PREFIX.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    const G: &str = "https://graph.microsoft.com";

    fn session(scopes: &[&str], expires_at_ms: Option<u64>) -> SignedIn {
        SignedIn {
            access_token: oauth2::AccessToken::new("t".into()),
            expires_at_ms,
            scopes: v(scopes),
            tenant: None,
            account: None,
        }
    }

    #[test]
    fn coverage_ignores_case_and_openid() {
        let granted = v(&["https://graph.microsoft.com/user.read", "https://graph.microsoft.com/Policy.Read.All"]);
        assert!(covers(
            &granted,
            &v(&["openid", "offline_access", "profile", "https://Graph.microsoft.com/User.Read"])
        ));
        assert!(covers(&granted, &[]));
        assert!(!covers(&granted, &v(&["https://graph.microsoft.com/Mail.Send"])));
        assert!(!covers(&[], &v(&["https://graph.microsoft.com/User.Read"])));
    }

    #[test]
    fn what_is_needed() {
        let wanted = v(&["openid", &format!("{G}/User.Read")]);
        assert_eq!(needed(None, &wanted, 0), Some(Needed::SignIn));
        let s = session(&[&format!("{G}/User.Read")], Some(200_000));
        assert_eq!(needed(Some(&s), &wanted, 100_000), None);
        assert_eq!(needed(Some(&s), &wanted, 140_000), Some(Needed::Expired), "within the margin");
        assert_eq!(needed(Some(&s), &v(&[&format!("{G}/Mail.Send")]), 0), Some(Needed::Consent));
        assert_eq!(needed(Some(&session(&[&format!("{G}/User.Read")], None)), &wanted, u64::MAX), None);
    }

    #[test]
    fn requests_keep_granted_scopes_of_the_same_resource_only() {
        let granted = v(&["openid", &format!("{G}/User.Read"), "https://outlook.office.com/SMTP.Send"]);
        let wanted = v(&["openid", &format!("{G}/Mail.Send")]);
        assert_eq!(
            scopes_to_request(&granted, &wanted),
            v(&["openid", &format!("{G}/Mail.Send"), &format!("{G}/User.Read")])
        );
        assert_eq!(super::super::check_one_resource(&scopes_to_request(&granted, &wanted)), Ok(()));
    }

    #[test]
    fn short_scope_names() {
        let scopes = v(&["openid", &format!("{G}/User.Read"), "https://GRAPH.microsoft.com/user.read", "Mail.Send"]);
        assert_eq!(short_names(&scopes), v(&["User.Read", "Mail.Send"]));
    }

    #[test]
    fn popup_returns_are_recognised_by_their_state() {
        let state = popup_state("0123abcd");
        assert!(is_popup_return(&format!("?code=c&state={state}")));
        assert!(is_popup_return(&format!("?error=access_denied&state={state}")));
        assert_eq!(returned_state(&format!("?code=c&state={state}&iss=x")), Some(state));
        assert!(!is_popup_return("?code=c&state=0123abcd"), "a full-page state");
        assert!(!is_popup_return("?code=c&state=popup."), "prefix only");
        assert!(!is_popup_return("?state=popup.abc"), "no code or error");
        assert!(!is_popup_return("?lang=ja"));
    }
}
