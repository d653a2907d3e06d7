//! One module per wizard step.

mod entra_app;
mod mailbox;
mod summary;
mod troubleshoot;
mod verify;
mod webex_app;
mod webex_oauth;

use leptos::prelude::*;

use crate::domain::Step;
use crate::ui::components::{StepNav, WhoCanDoIt};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

/// Renders the step the route names, with its heading, intro and previous/next links.
#[component]
pub fn StepPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    move || {
        let step = state.route.get();
        let body = match step {
            Step::WebexApp => webex_app::WebexAppStep().into_any(),
            Step::EntraApp => entra_app::EntraAppStep().into_any(),
            Step::Mailbox => mailbox::MailboxStep().into_any(),
            Step::WebexOauth => webex_oauth::WebexOauthStep().into_any(),
            Step::Verify => verify::VerifyStep().into_any(),
            Step::Troubleshoot => troubleshoot::TroubleshootStep().into_any(),
            Step::Summary => summary::SummaryStep().into_any(),
        };
        view! {
            <section class="step" data-step-page=step.slug() aria-labelledby="step-heading">
                <h1 id="step-heading">
                    {step.number().map(|n| format!("{n}. "))}
                    {move || i18n.t(step.title_key())}
                </h1>
                <p class="step-intro">{move || i18n.t(&format!("{}.intro", step.title_key()))}</p>
                <WhoCanDoIt step=step/>
                {body}
                <StepNav step=step/>
            </section>
        }
    }
}
