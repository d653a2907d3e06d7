//! Day two's state for this tab, in memory only, alive across step changes (the admin may
//! look at another step mid-rotation; the rotation and the new secret's key id stay).

use std::cell::Cell;

use leptos::prelude::*;

use crate::domain::exchange_check::output::CheckOutput;
use crate::domain::graph::audit::Audited;
use crate::domain::graph::audit_fill::FillLine;
use crate::domain::graph::rotation::Rotation;
use crate::domain::graph::SecretLifetime;
use crate::domain::signin::SignInError;
use crate::domain::{Finding, Message};

#[derive(Clone, Copy)]
pub struct Store {
    pub audited: RwSignal<Option<Audited>>,
    /// What the last audit put into the wizard, field by field.
    pub fill: RwSignal<Vec<FillLine>>,
    /// Why the last audit could not read the setup.
    pub audit_problem: RwSignal<Vec<Finding>>,
    pub audit_busy: RwSignal<bool>,
    pub exchange: RwSignal<Option<CheckOutput>>,
    /// Why the last paste was refused (the previous result stays).
    pub exchange_problem: RwSignal<Option<Message>>,
    pub rotation: RwSignal<Option<Rotation>>,
    pub rotation_busy: RwSignal<bool>,
    pub sign_in_problem: RwSignal<Option<SignInError>>,
    pub lifetime_days: RwSignal<u32>,
}

thread_local! {
    static STORE: Cell<Option<Store>> = const { Cell::new(None) };
}

/// Call before mounting, so the signals outlive the step that shows them.
pub fn init() {
    let _ = store();
    let _ = crate::ui::webex_api::last_accepted();
}

pub fn store() -> Store {
    STORE.with(|cell| match cell.get() {
        Some(s) => s,
        None => {
            let s = Store {
                audited: RwSignal::new(None),
                fill: RwSignal::new(Vec::new()),
                audit_problem: RwSignal::new(Vec::new()),
                audit_busy: RwSignal::new(false),
                exchange: RwSignal::new(None),
                exchange_problem: RwSignal::new(None),
                rotation: RwSignal::new(None),
                rotation_busy: RwSignal::new(false),
                sign_in_problem: RwSignal::new(None),
                lifetime_days: RwSignal::new(SecretLifetime::DEFAULT.days()),
            };
            cell.set(Some(s));
            s
        }
    })
}
