//! The return from the authorization server: `?code=&state=` or `?error=&error_description=`.
//! A code is only redeemed when its state is the one this tab stored before leaving.

use oauth2::url::form_urlencoded;

use super::{Pending, SignInError};

/// Parameters the authorization server adds; removed from the address bar after reading.
const OAUTH_PARAMS: [&str; 8] =
    ["code", "state", "iss", "error", "error_description", "error_uri", "session_state", "client_info"];

#[derive(Clone, PartialEq, Eq)]
pub enum Returned {
    Code { code: String, state: String },
    Error { error: String, description: String },
}

impl std::fmt::Debug for Returned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Returned::Code { .. } => f.write_str("Returned::Code(..)"),
            Returned::Error { error, .. } => write!(f, "Returned::Error({error})"),
        }
    }
}

/// `search` is `location.search` (with or without `?`); `None` when it is not a return.
pub fn parse_return(search: &str) -> Option<Returned> {
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(search.trim_start_matches('?').as_bytes()).into_owned().collect();
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    if let Some(error) = get("error") {
        return Some(Returned::Error { error, description: get("error_description").unwrap_or_default() });
    }
    match (get("code"), get("state")) {
        (Some(code), state) => Some(Returned::Code { code, state: state.unwrap_or_default() }),
        _ => None,
    }
}

/// The code to redeem, or why not. Error returns are reported as they are.
pub fn check_return(returned: Returned, pending: Option<&Pending>) -> Result<String, SignInError> {
    match returned {
        Returned::Error { error, description } => Err(SignInError::Server { error, description }),
        Returned::Code { code, state } => match pending {
            Some(p) if !p.state.is_empty() && p.state == state && !code.is_empty() => Ok(code),
            _ => Err(SignInError::StateMismatch),
        },
    }
}

/// `search` without the authorization server's parameters (`?lang=ja` stays).
pub fn clean_query(search: &str) -> String {
    let kept: Vec<(String, String)> = form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .into_owned()
        .filter(|(k, _)| !OAUTH_PARAMS.contains(&k.as_str()))
        .collect();
    if kept.is_empty() {
        return String::new();
    }
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in &kept {
        out.append_pair(k, v);
    }
    format!("?{}", out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(state: &str) -> Pending {
        Pending {
            state: state.into(),
            verifier: "v".into(),
            return_to: "/entra-app".into(),
            token_endpoint: "t".into(),
            client_id: "c".into(),
            redirect_uri: "r".into(),
            scopes: Vec::new(),
        }
    }

    #[test]
    fn code_with_the_right_state_is_accepted() {
        let r = parse_return("?code=abc&state=s1&iss=http%3A%2F%2F127.0.0.1").unwrap();
        assert_eq!(check_return(r, Some(&pending("s1"))), Ok("abc".into()));
    }

    #[test]
    fn wrong_missing_or_unexpected_state_is_refused() {
        for (search, p) in [
            ("?code=x&state=wrong", Some(pending("s1"))),
            ("?code=x", Some(pending("s1"))),
            ("?code=x&state=s1", None),
            ("?code=x&state=", Some(pending(""))),
        ] {
            let r = parse_return(search).unwrap();
            assert_eq!(check_return(r, p.as_ref()), Err(SignInError::StateMismatch), "{search}");
        }
    }

    #[test]
    fn errors_are_reported_with_their_description() {
        let r =
            parse_return("?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI&state=s").unwrap();
        let e = check_return(r, None).unwrap_err();
        assert_eq!(e.message().key, "signin.error.server");
        assert!(e.explained().iter().any(|x| x.entry().is_some_and(|en| en.code == "AADSTS50011")));
        let denied = check_return(parse_return("?error=access_denied").unwrap(), None).unwrap_err();
        assert_eq!(denied.message().key, "signin.error.denied");
    }

    #[test]
    fn not_a_return() {
        assert_eq!(parse_return(""), None);
        assert_eq!(parse_return("?lang=ja"), None);
    }

    #[test]
    fn cleaning_keeps_other_parameters() {
        assert_eq!(clean_query("?code=a&state=b&iss=c"), "");
        assert_eq!(clean_query("?lang=ja&code=a&state=b"), "?lang=ja");
        assert_eq!(clean_query("?error=x&error_description=y%20z"), "");
    }
}
