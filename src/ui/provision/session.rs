//! The Graph session as the provisioning section needs it: a token covering an action, or
//! a new sign-in (in a popup, so this page's memory, such as a new client secret, is kept).

use std::future::Future;

use crate::domain::graph::Action;
use crate::domain::signin::SignInError;
use crate::ui::connect;

/// The access token for `action`, when the session covers it and has not expired.
pub fn token(action: Action) -> Option<String> {
    connect::token_for(action).ok().map(|t| t.secret().clone())
}

/// Call from a click handler (popup blockers): asks for `action`'s permissions.
pub fn acquire(action: Action) -> impl Future<Output = Result<(), SignInError>> {
    connect::acquire(action)
}

/// Graph refused the token: the next `acquire` signs in again.
pub fn refused() {
    connect::token_refused();
}
