//! Diagnostics components: the error explainer, the token inspector, the setup check
//! (doctor), the secret-expiry reminder and the support bundle for Cisco TAC. The domain
//! (`crate::domain::diagnose`) decides; these views show and download.

mod doctor;
mod explainer;
mod reminder;
mod support_bundle;
mod token_inspector;

use leptos::prelude::*;

pub use doctor::DoctorPanel;
pub use explainer::ErrorExplainer;
pub use reminder::ReminderButton;
pub use support_bundle::SupportBundleButton;
pub use token_inspector::TokenInspector;

use crate::domain::date::Date;
use crate::domain::{Field, Step};
use crate::platform::clock;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

thread_local! {
    /// Error texts the admin added for the support bundle. Memory only (they may hold
    /// anything), shared by the explainer and the bundle button wherever each is mounted,
    /// and kept while moving between steps.
    static PASTED: ArcRwSignal<Vec<String>> = ArcRwSignal::new(Vec::new());
}

pub(crate) fn pasted_texts() -> ArcRwSignal<Vec<String>> {
    PASTED.with(Clone::clone)
}

/// The admin's local date (secret expiry is counted in their days).
pub(crate) fn today() -> Date {
    let (y, m, d) = clock::local_today();
    Date::new(i64::from(y), m, d).unwrap_or_else(|_| Date::from_unix_days(clock::now_unix_millis() / 86_400_000))
}

/// A link to the step where a value is entered; following it also puts the cursor in the
/// field, when the step has an input for it.
#[component]
pub(crate) fn RevisitLink(step: Step, field: Option<Field>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let text = move || match field {
        Some(f) => format!("{} › {}", i18n.t(step.title_key()), i18n.t(&f.label_key())),
        None => i18n.t(step.title_key()),
    };
    view! {
        <a
            href=state.href(step)
            data-revisit=step.slug()
            data-field=field.map(|f| f.key())
            on:click=move |ev| {
                if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0 {
                    return;
                }
                ev.prevent_default();
                state.go(step);
                if let Some(f) = field {
                    crate::ui::focus::focus_when_shown(f.key());
                }
            }
        >
            {text}
        </a>
    }
}
