//! The app's state: the setup (autosaved), secrets (memory only), the route and the
//! runtime configuration. Persistence happens in one effect, as in Leptos' todomvc.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::domain::config::ConfigStatus;
use crate::domain::date::Date;
use crate::domain::derive::{derive, Derived};
use crate::domain::validate::{self, ChecklistItem};
use crate::domain::{Field, Finding, Secrets, Setup, Step, StepState};
use crate::platform::{clock, location, storage};

pub const SETUP_KEY: &str = "webex-o365-setup.setup.v1";
pub const CHECKLIST_KEY: &str = "webex-o365-setup.checklist.v1";

#[derive(Clone, Copy)]
pub struct AppState {
    pub setup: RwSignal<Setup>,
    /// Never persisted: lost on reload by design, and the UI says so.
    pub secrets: RwSignal<Secrets>,
    pub route: RwSignal<Step>,
    pub config: RwSignal<ConfigStatus>,
    /// Ticks of step 4's checklist (not part of the export schema, so kept beside it).
    pub checklist: RwSignal<Vec<ChecklistItem>>,
    /// Fields the admin has typed in or left: only they show "required" messages.
    pub touched: RwSignal<HashSet<Field>>,
    pub findings: Memo<Vec<Finding>>,
    pub derived: Memo<Derived>,
    /// The autosave was unreadable at start (kept aside, not overwritten silently).
    pub restore_failed: RwSignal<bool>,
    base: StoredValue<String>,
}

impl AppState {
    /// `config`: config.json as read before the mount (`ui::start`).
    pub fn new(config: ConfigStatus) -> AppState {
        let base = location::base_path();
        let (setup, restore_failed) = restore();
        let setup = RwSignal::new(setup);
        let secrets = RwSignal::new(Secrets::default());
        let today = today();
        AppState {
            setup,
            secrets,
            checklist: RwSignal::new(restore_checklist()),
            findings: Memo::new(move |_| setup.with(|s| secrets.with(|sec| validate::validate(s, sec, today)))),
            derived: Memo::new(move |_| setup.with(derive)),
            route: RwSignal::new(Step::from_path(&base, &location::pathname())),
            config: RwSignal::new(config),
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
        // Keyboard and screen-reader users continue at the new step, not at a link that is gone.
        location::focus_main();
    }

    /// A click on a link to a step: handled in place unless the admin asked for a new tab
    /// or window (modifier keys, middle button), which the browser then does itself.
    pub fn follow_link(&self, ev: &leptos::ev::MouseEvent, step: Step) {
        if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0) {
            ev.prevent_default();
            self.go(step);
        }
    }

    /// Follows the browser's back/forward buttons.
    pub fn sync_route_from_location(&self) {
        self.route.set(Step::from_path(&self.base(), &location::pathname()));
    }

    pub fn step_state(&self, step: Step) -> StepState {
        self.setup.with(|s| self.findings.with(|f| self.checklist.with(|c| validate::step_state(step, s, f, c))))
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
        let checklist = self.checklist;
        Effect::new(move |_| {
            if let Ok(json) = checklist.with(serde_json::to_string) {
                let _ = storage::set(storage::Area::Local, CHECKLIST_KEY, &json);
            }
        });
    }

    pub fn start_over(&self) {
        let _ = storage::remove(storage::Area::Local, SETUP_KEY);
        let _ = storage::remove(storage::Area::Local, CHECKLIST_KEY);
        self.setup.set(Setup::default());
        self.checklist.set(Vec::new());
        self.secrets.set(Secrets::default());
        self.touched.set(HashSet::new());
        self.go(Step::WebexApp);
    }
}

/// The admin's local calendar date (secret expiry is counted in their days).
fn today() -> Date {
    let (y, m, d) = clock::local_today();
    Date::new(i64::from(y), m, d).unwrap_or_else(|_| Date::from_unix_days(clock::now_unix_millis() / 86_400_000))
}

fn restore_checklist() -> Vec<ChecklistItem> {
    storage::get(storage::Area::Local, CHECKLIST_KEY)
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
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
