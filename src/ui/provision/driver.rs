//! Drives the pure apply run: sends what `next_step()` asks for, hands the answers to `record()`,
//! waits as told, and puts what the run made into the wizard.

use super::store::Store;
use crate::domain::graph::apply::{After, Next, Outcome, Phase, Run};
use crate::domain::graph::Action;
use crate::platform::{clock, graph};
use crate::ui::connect;
use crate::ui::state::AppState;
use leptos::prelude::*;

pub fn drive(store: Store, state: AppState, base: String) {
    if store.busy.get_untracked() {
        return;
    }
    store.busy.set(true);
    leptos::task::spawn_local(async move {
        while let Some(Next::Send(trip)) = store.run.try_update(|r| r.as_mut().map(Run::next_step)).flatten() {
            let Ok(token) = connect::token_for(Action::Provision) else {
                store.run.update(|r| r.iter_mut().for_each(|r| r.hold_for_sign_in()));
                continue;
            };
            let answers = graph::send(&base, token.secret(), &trip).await;
            let now = clock::now_unix_millis();
            let after = match answers {
                Ok(answers) => store.run.try_update(|r| r.as_mut().map(|r| r.record(answers, now))).flatten(),
                Err(detail) => {
                    store.run.update(|r| r.iter_mut().for_each(|r| r.transport_failed(&detail)));
                    None
                }
            };
            match after {
                Some(After::Wait { ms, .. }) => graph::sleep(ms).await,
                Some(After::SignInAgain) => connect::token_refused(),
                _ => {}
            }
        }
        // The wizard changes only when the run changed the tenant or finished: a review the admin
        // cancels leaves every typed value as it was.
        let done = store.run.with_untracked(|r| {
            r.as_ref().filter(|r| r.phase() == Phase::Finished || r.outcome.writes_done > 0).map(|r| r.outcome.clone())
        });
        if let Some(outcome) = done {
            fill(store, state, &outcome);
        }
        store.busy.set(false);
    });
}

/// Ids and the new secret go into the wizard; the secret into memory only.
fn fill(store: Store, state: AppState, outcome: &Outcome) {
    state.setup.update(|s| {
        if let Some(tenant) = &outcome.tenant_id {
            s.azure.tenant_id = tenant.clone();
        }
        if let Some(client) = &outcome.client_id {
            s.azure.client_id = client.clone();
        }
        if let Some(secret) = &outcome.secret {
            s.azure.client_secret_expires = secret.end_date_time.chars().take(10).collect();
        }
    });
    if let Some(secret) = &outcome.secret {
        if store.held_key_id.get_untracked().as_deref() != Some(secret.key_id.as_str()) {
            state.secrets.update(|s| s.client_secret = secret.value.clone());
            store.held_key_id.set(Some(secret.key_id.clone()));
        }
    }
}
