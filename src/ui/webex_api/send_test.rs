use leptos::prelude::*;

use super::base_picker::{use_base, BasePicker};
use super::outcome::CallOutcome;
use super::{send_made, Call, CredentialInput, PlainInput};
use crate::domain::webex_api::messaging::{self, SendResult, ServiceAuth, TestMessage};
use crate::domain::webex_api::region::Api;
use crate::domain::Message;
use crate::platform::clock;
use crate::platform::fetch::HttpResponse;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

/// Outbound test through the asset (Send Message API v2): service key, or service id and
/// secret from which the service JWT is signed here in the browser.
#[component]
pub fn TestSendPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let (mapped, chosen, base) = use_base(Api::Messaging);
    let use_jwt = RwSignal::new(false);
    let key = RwSignal::new(String::new());
    let service_id = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let subject = RwSignal::new(i18n.t("webex_api.send.default_subject"));
    let text = RwSignal::new(i18n.t("webex_api.send.default_text"));
    let problem = RwSignal::new(None::<Message>);
    let call = RwSignal::new(None::<Call>);
    let from = move || state.setup.with(|s| s.mailbox.address.trim().to_string());

    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let base = base.get_untracked();
        if base.is_empty() {
            problem.set(Some(Message::new("webex_api.region.missing")));
            return;
        }
        let auth = if use_jwt.get_untracked() {
            ServiceAuth::Jwt { service_id: service_id.get_untracked(), secret: secret.get_untracked() }
        } else {
            ServiceAuth::Key(key.get_untracked())
        };
        let message = TestMessage {
            from: from(),
            to: to.get_untracked(),
            subject: subject.get_untracked(),
            text: text.get_untracked(),
        };
        let made = messaging::request(&base, &auth, &message, clock::now_unix_millis() / 1000).map_err(|p| p.message());
        send_made(made, problem, call);
    };
    let auth_radio = move |jwt: bool, id: &'static str, label: &'static str| {
        view! {
            <span class="radio-inline">
                <input type="radio" id=id name="webex_api.send.auth" value=id
                    prop:checked=move || use_jwt.get() == jwt on:change=move |_| use_jwt.set(jwt)/>
                <label for=id>{move || i18n.t(label)}</label>
            </span>
        }
    };
    view! {
        <section class="webex-api" data-webex-api="send" aria-labelledby="webex-api-send-title">
            <h2 id="webex-api-send-title">{i18n.text("webex_api.send.title")}</h2>
            <p>{i18n.text("webex_api.send.intro")}</p>
            <form on:submit=send novalidate=true>
                <BasePicker api=Api::Messaging mapped=mapped chosen=chosen base=base/>
                <fieldset>
                    <legend>{i18n.text("webex_api.send.auth")}</legend>
                    {auth_radio(false, "webex_api.send.auth.key", "webex_api.send.auth_key")}
                    {auth_radio(true, "webex_api.send.auth.jwt", "webex_api.send.auth_jwt")}
                </fieldset>
                {move || if use_jwt.get() {
                    view! {
                        <PlainInput id="webex_api.send.service_id" label="webex_api.send.service_id" value=service_id/>
                        <CredentialInput id="webex_api.send.service_secret" label="webex_api.send.service_secret"
                            value=secret hint="webex_api.send.service_secret_hint"/>
                    }.into_any()
                } else {
                    view! {
                        <CredentialInput id="webex_api.send.service_key" label="webex_api.send.service_key"
                            value=key hint="webex_api.send.service_key_hint"/>
                    }.into_any()
                }}
                <p class="value" data-value="from">
                    {i18n.text("webex_api.send.from")} ": "
                    {move || {
                        let f = from();
                        if f.is_empty() { i18n.t("webex_api.send.no_from") } else { f }
                    }}
                </p>
                <PlainInput id="webex_api.send.to" label="webex_api.send.to" value=to input_type="email"
                    hint="webex_api.send.to_hint"/>
                <PlainInput id="webex_api.send.subject" label="webex_api.send.subject" value=subject/>
                <PlainInput id="webex_api.send.text" label="webex_api.send.text" value=text/>
                <p class="hint secret-note" data-note="memory-only">{i18n.text("webex_api.memory_only")}</p>
                <button type="submit" data-action="send-test">{i18n.text("webex_api.send.submit")}</button>
            </form>
            {move || problem.get().map(|m| view! { <p class="msg msg-error" data-problem=m.key>{i18n.msg(&m)}</p> })}
            <CallOutcome call=call success=sent/>
        </section>
    }
}

thread_local! {
    /// The message id of the last send the API accepted in this tab (the rotation's proof).
    static LAST_ACCEPTED: RwSignal<Option<String>> = RwSignal::new(None);
}

/// The last accepted test send's message id, for a view to follow.
pub fn last_accepted() -> RwSignal<Option<String>> {
    LAST_ACCEPTED.with(|s| *s)
}

fn sent(response: HttpResponse) -> impl IntoView {
    let i18n = use_i18n();
    match messaging::parse_response(response.status, &response.body) {
        SendResult::Accepted { message_id, status, correlation_id, .. } => {
            last_accepted().set(Some(message_id.clone()));
            let message = Message::new("webex_api.send.accepted")
                .with("message_id", message_id.clone())
                .with("status", status)
                .with("correlation_id", correlation_id);
            view! {
                <div data-outcome="accepted" data-message-id=message_id>
                    <p class="msg msg-success">{move || i18n.msg(&message)}</p>
                    <p class="hint">{i18n.text("webex_api.send.accepted_next")}</p>
                </div>
            }
            .into_any()
        }
        SendResult::Failed { status, .. } => view! {
            <p class="msg msg-error">{i18n.msg(&Message::new("webex_api.http_status").with("status", status.to_string()))}</p>
        }
        .into_any(),
    }
}
