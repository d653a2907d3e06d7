//! The Leptos UI: the app shell, one module per wizard step, small shared components.
//! Views read the model and the domain's findings; they decide nothing themselves.

mod app;
mod components;
mod connect;
mod day_two;
mod diagnostics;
mod i18n;
mod provision;
mod state;
mod steps;
mod webex_api;

pub use app::App;
pub use connect::ConnectSection;
pub use day_two::{DayTwoLink, DayTwoSection};
pub use diagnostics::{DoctorPanel, ErrorExplainer, ReminderButton, SupportBundleButton, TokenInspector};
pub use provision::{ConsentProof, MailboxChecks, PlanScripts, ProvisionSection};
pub use webex_api::{ContactCenterCheck, OnboardingRequest, TestSendPanel};

pub fn start() {
    console_error_panic_hook::set_once();
    // Before the app reads its route: a sign-in return cleans the URL back to the saved step.
    if connect::on_load() == connect::Loaded::PopupReturn {
        return;
    }
    // Signals that outlive every step are made before mounting, so no step owns (and disposes)
    // them: the sign-in status (its first use may be a popup sign-in on any step, or a panel
    // that switching step 2's way drops), the provisioning run, day two's audit and rotation.
    let _ = connect::status();
    provision::init();
    day_two::init();
    leptos::mount::mount_to_body(App);
}
