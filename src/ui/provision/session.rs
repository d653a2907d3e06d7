//! The Graph session as the provisioning section needs it: a token covering an action, or
//! a new sign-in (popup: this page's memory, such as a new client secret, is kept).

use std::future::Future;

use leptos::prelude::*;

use crate::domain::graph::Action;
use crate::domain::signin::SignInError;
use crate::ui::connect::{self, Status};

/// The access token for `action`, when the session covers it and has not expired.
pub fn token(action: Action) -> Option<String> {
    let _ = action;
    let now = u64::try_from(crate::platform::clock::now_unix_millis()).unwrap_or(0);
    match connect::status().get_untracked() {
        Status::SignedIn(s) if !s.expired(now) => Some(s.access_token.secret().clone()),
        _ => None,
    }
}

/// Call from a click handler: asks for `action`'s permissions.
pub fn acquire(action: Action) -> impl Future<Output = Result<(), SignInError>> {
    let _ = action;
    async { Err(SignInError::Browser { detail: "popup sign-in not available yet".into() }) }
}
