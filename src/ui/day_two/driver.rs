//! Drives the pure rotation: sends what `next_step()` asks for, hands the answer to
//! `record()`, waits as told, and moves the new secret's value into the wizard's memory (the
//! Client Secret of step 2; never storage). Signs in first when needed, in a popup, so the
//! page and what it holds in memory stay.

use leptos::prelude::*;

use super::store::Store;
use crate::domain::graph::apply::{After, Next};
use crate::domain::graph::rotation::Rotation;
use crate::domain::graph::Action;
use crate::platform::{clock, graph};
use crate::ui::connect;
use crate::ui::state::AppState;

/// Runs `then` once the session covers the rotation (a popup sign-in when needed, opened
/// inside the click).
pub fn with_session(store: Store, then: impl FnOnce() + 'static) {
    connect::with_session(Action::RotateSecret, store.sign_in_problem, then);
}

pub fn drive(store: Store, state: AppState) {
    if store.rotation_busy.get_untracked() {
        return;
    }
    let base = state.config.with_untracked(|c| c.config().graph_base_url);
    store.rotation_busy.set(true);
    leptos::task::spawn_local(async move {
        while let Some(Next::Send(trip)) = store.rotation.with_untracked(|r| r.as_ref().map(Rotation::next_step)) {
            let Ok(token) = connect::token_for(Action::RotateSecret) else {
                store.rotation.update(|r| r.iter_mut().for_each(Rotation::hold_for_sign_in));
                continue;
            };
            let answers = graph::send(&base, token.secret(), &trip).await;
            let now = clock::now_unix_millis();
            let after = match answers {
                Ok(answers) => store
                    .rotation
                    .try_update(|r| r.as_mut().zip(answers.first()).map(|(r, a)| r.record(a, now)))
                    .flatten(),
                Err(detail) => {
                    store.rotation.update(|r| r.iter_mut().for_each(|r| r.transport_failed(&detail)));
                    None
                }
            };
            if let Some(secret) = store.rotation.try_update(|r| r.as_mut().and_then(Rotation::take_secret)).flatten() {
                state.secrets.update(|s| s.client_secret = secret.value);
                // The new secret's expiry is the one to be reminded of from now on.
                state.setup.update(|s| s.azure.client_secret_expires = secret.end_date_time.chars().take(10).collect());
            }
            match after {
                Some(After::Wait { ms, .. }) => graph::sleep(ms).await,
                Some(After::SignInAgain) => connect::token_refused(),
                _ => {}
            }
        }
        store.rotation_busy.set(false);
    });
}
