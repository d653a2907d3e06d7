//! The app's state: the setup (autosaved), secrets (memory only), the route and the
//! runtime configuration. Persistence happens in one effect, as in Leptos' todomvc.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::domain::config::ConfigStatus;
use crate::domain::{Field, Secrets, Setup, Step};
use crate::platform::{location, storage};

pub const SETUP_KEY: &str = "webex-o365-setup.setup.v1";

#[derive(Clone, Copy)]
pub struct AppState {
    pub setup: RwSignal<Setup>,
    /// Never persisted: lost on reload by design, and the UI says so.
    pub secrets: RwSignal<Secrets>,
    pub route: RwSignal<Step>,
    pub config: RwSignal<ConfigStatus>,
    /// Fields the admin has typed in or left: only they show "required" messages.
    pub touched: RwSignal<HashSet<Field>>,
    /// The autosave was unreadable at start (kept aside, not overwritten silently).
    pub restore_failed: RwSignal<bool>,
    base: StoredValue<String>,
}

impl AppState {
    pub fn new() -> AppState {
        let base = location::base_path();
        let (setup, restore_failed) = restore();
        AppState {
            setup: RwSignal::new(setup),
            secrets: RwSignal::new(Secrets::default()),
            route: RwSignal::new(Step::from_path(&base, &location::pathname())),
            config: RwSignal::new(ConfigStatus::Loading),
            touched: RwSignal::new(HashSet::new()),
            restore_failed: RwSignal::new(restore_failed),
            base: StoredValue::new(base),
        }
    }

    pub fn base(&self) -> String {
        self.base.get_value()
    }

    pub fn href(&self, step: Step) -> String {
        step.href(&self.base())
    }

    pub fn go(&self, step: Step) {
        location::push(&self.href(step));
        self.route.set(step);
    }

    /// Follows the browser's back/forward buttons.
    pub fn sync_route_from_location(&self) {
        self.route.set(Step::from_path(&self.base(), &location::pathname()));
    }

    pub fn touch(&self, field: Field) {
        if !self.touched.with_untracked(|t| t.contains(&field)) {
            self.touched.update(|t| {
                t.insert(field);
            });
        }
    }

    /// Saves every change of the non-secret setup; secrets have no path to storage.
    pub fn persist(&self) {
        let setup = self.setup;
        Effect::new(move |_| {
            let json = setup.with(serde_json::to_string);
            if let Ok(json) = json {
                let _ = storage::set(storage::Area::Local, SETUP_KEY, &json);
            }
        });
    }

    pub fn start_over(&self) {
        let _ = storage::remove(storage::Area::Local, SETUP_KEY);
        self.setup.set(Setup::default());
        self.secrets.set(Secrets::default());
        self.touched.set(HashSet::new());
        self.go(Step::WebexApp);
    }
}

/// Reads the autosave. An unreadable one is moved aside (not lost) and reported.
fn restore() -> (Setup, bool) {
    let Ok(Some(text)) = storage::get(storage::Area::Local, SETUP_KEY) else {
        return (Setup::default(), false);
    };
    match serde_json::from_str::<Setup>(&text) {
        Ok(setup) => (setup, false),
        Err(_) => {
            let _ = storage::set(storage::Area::Local, &format!("{SETUP_KEY}.unreadable"), &text);
            (Setup::default(), true)
        }
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
