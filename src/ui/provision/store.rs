//! The provisioning run of this tab, in memory only, alive across step changes (the section
//! unmounts when the admin looks at another step; the run goes on).

use std::cell::Cell;

use leptos::prelude::*;

use crate::domain::graph::apply::Run;
use crate::domain::graph::SecretLifetime;
use crate::domain::signin::SignInError;

#[derive(Clone, Copy)]
pub struct Store {
    pub run: RwSignal<Option<Run>>,
    /// A request is on its way or the run is waiting (Retry-After, backoff).
    pub busy: RwSignal<bool>,
    /// Why the last start or sign-in did not happen.
    pub problem: RwSignal<Option<SignInError>>,
    /// `keyId` of the secret this tab made, so a re-run does not add another.
    pub held_key_id: RwSignal<Option<String>>,
    pub lifetime_days: RwSignal<u32>,
}

thread_local! {
    static STORE: Cell<Option<Store>> = const { Cell::new(None) };
}

/// Call before mounting: the signals are made outside any component, so they are not
/// disposed when the step that shows them unmounts.
pub fn init() {
    let _ = store();
}

pub fn store() -> Store {
    STORE.with(|cell| match cell.get() {
        Some(s) => s,
        None => {
            let s = Store {
                run: RwSignal::new(None),
                busy: RwSignal::new(false),
                problem: RwSignal::new(None),
                held_key_id: RwSignal::new(None),
                lifetime_days: RwSignal::new(SecretLifetime::DEFAULT.days()),
            };
            cell.set(Some(s));
            s
        }
    })
}
