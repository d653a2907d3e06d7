//! Webex Connect API calls made for the admin: the outbound test send and the contact-center
//! check (Verify step), the asset onboarding request (Webex OAuth step). Credentials typed
//! here live in these components' signals only: never in the setup, storage or the URL.
//! Requests, parsing and the region map are `crate::domain::webex_api`; this shows them.

mod base_picker;
mod cc_check;
mod onboarding;
mod outcome;
mod send_test;

pub use cc_check::ContactCenterCheck;
pub use onboarding::OnboardingRequest;
pub use send_test::{last_accepted, TestSendPanel};

use leptos::prelude::*;

use crate::domain::webex_api::HttpRequest;
use crate::domain::Message;
use crate::platform::fetch::{self, FetchOutcome};
use crate::ui::i18n::use_i18n;

/// One call: the request as sent and, once back, its outcome.
#[derive(Clone, Debug)]
pub(crate) struct Call {
    pub request: HttpRequest,
    pub outcome: Option<FetchOutcome>,
}

/// Sends the request a form made, or shows why it could not be made (and drops the last call).
pub(crate) fn send_made(
    made: Result<HttpRequest, Message>,
    problem: RwSignal<Option<Message>>,
    call: RwSignal<Option<Call>>,
) {
    match made {
        Ok(request) => {
            problem.set(None);
            start(call, request);
        }
        Err(why) => {
            problem.set(Some(why));
            call.set(None);
        }
    }
}

/// Sends `request` and records it and its outcome in `call`.
fn start(call: RwSignal<Option<Call>>, request: HttpRequest) {
    call.set(Some(Call { request: request.clone(), outcome: None }));
    leptos::task::spawn_local(async move {
        let outcome = fetch::send(&request).await;
        // Only if it is still the call shown: a later send (or a form gone) replaced it.
        let current = call
            .try_with_untracked(|c| c.as_ref().is_some_and(|c| c.request == request && c.outcome.is_none()))
            .unwrap_or(false);
        if current {
            call.set(Some(Call { request, outcome: Some(outcome) }));
        }
    });
}

/// A credential input: password type, never autocompleted or saved by the browser, value
/// held by the caller's memory-only signal.
#[component]
pub(crate) fn CredentialInput(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}--hint");
    view! {
        <div class="field secret" data-field=id>
            <label for=id>{move || i18n.t(label)}</label>
            {hint.map(|key| view! { <p class="hint" id=hint_id.clone()>{move || i18n.t(key)}</p> })}
            <input
                type="password"
                id=id
                name=id
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                data-1p-ignore="true"
                data-lpignore="true"
                aria-describedby=hint.map(|_| format!("{id}--hint"))
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// A plain text input held in a local signal.
#[component]
pub(crate) fn PlainInput(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}--hint");
    view! {
        <div class="field" data-field=id>
            <label for=id>{move || i18n.t(label)}</label>
            {hint.map(|key| view! { <p class="hint" id=hint_id.clone()>{move || i18n.t(key)}</p> })}
            <input
                type=input_type
                id=id
                name=id
                autocomplete="off"
                spellcheck="false"
                aria-describedby=hint.map(|_| format!("{id}--hint"))
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}
