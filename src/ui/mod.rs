//! The Leptos UI: the app shell, one module per wizard step, small shared components.
//! Views read the model and the domain's findings; they decide nothing themselves.

mod app;
mod components;
mod connect;
mod diagnostics;
mod i18n;
mod provision;
mod state;
mod steps;
mod webex_api;

pub use app::App;
pub use connect::ConnectSection;
pub use diagnostics::{DoctorPanel, ErrorExplainer, ReminderButton, SupportBundleButton, TokenInspector};
pub use provision::{ConsentProof, MailboxChecks, PlanScripts, ProvisionSection};
pub use webex_api::{ContactCenterCheck, OnboardingRequest, TestSendPanel};

pub fn start() {
    console_error_panic_hook::set_once();
    // Before the app reads its route: a sign-in return cleans the URL back to the saved step.
    if connect::on_load() == connect::Loaded::PopupReturn {
        return;
    }
    provision::init();
    // Likewise the sign-in status: made outside any component, so switching step 2 to another
    // way and back (which drops the sign-in panel) does not dispose it.
    let _ = connect::status();
    leptos::mount::mount_to_body(App);
}
