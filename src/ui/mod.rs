//! The Leptos UI: the app shell, one module per wizard step, small shared components.
//! Views read the model and the domain's findings; they decide nothing themselves.

mod app;
mod components;
mod connect;
mod day_two;
mod diagnostics;
mod focus;
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

use crate::domain::locale::Lang;

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
    // Nothing renders before its language's text is in (no key ever shows for want of it).
    // config.json is read at the same time, so the banner it may bring (connected mode off, a
    // file that cannot be used) is in the first paint instead of pushing the step down after it.
    // Not leptos' spawn_local: its executor is set up by the mount below.
    wasm_bindgen_futures::spawn_local(async {
        let (lang, config) = futures_util::future::join(load_text(), crate::platform::config::load()).await;
        let Some(lang) = lang else { return no_text() };
        leptos::mount::mount_to_body(move || leptos::view! { <App lang config/> });
        crate::platform::hosting::announce_mounted();
    });
}

/// The language to show, once its text is in: the wanted one, else the other one.
async fn load_text() -> Option<Lang> {
    let wanted = i18n::detect();
    let other = Lang::ALL.into_iter().find(|l| *l != wanted).unwrap_or_default();
    match i18n::load(wanted).await {
        Ok(()) => Some(wanted),
        Err(e) => {
            leptos::logging::warn!("language {}: {e}", wanted.code());
            i18n::load(other).await.ok().map(|()| other)
        }
    }
}

/// Neither language's file could be fetched (a deployment missing files, a cut network
/// without the offline copy): said in both languages, the only text the wasm carries.
fn no_text() {
    if let Some(body) = crate::platform::document().and_then(|d| d.body()) {
        body.set_text_content(Some(
            "This page could not load its text. Reload it. / このページのテキストを読み込めませんでした。再読み込みしてください。",
        ));
    }
}
