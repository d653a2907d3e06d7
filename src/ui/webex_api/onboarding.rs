use leptos::prelude::*;

use super::base_picker::{use_base, BasePicker};
use super::outcome::CallOutcome;
use super::{send_made, Call, CredentialInput, PlainInput};
use crate::domain::webex_api::onboarding::{self, OnboardingResult};
use crate::domain::webex_api::region::Api;
use crate::domain::Message;
use crate::platform::fetch::HttpResponse;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

const BODY_ID: &str = "webex_api.onboard.body";

/// The Digital Channel Onboarding request: the body composed from the configuration, shown
/// for review and correction (its schema is not public), sent as edited.
#[component]
pub fn OnboardingRequest() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let (mapped, chosen, base) = use_base(Api::AssetOnboarding);
    let token = RwSignal::new(String::new());
    let org_id = RwSignal::new(String::new());
    let tracking_id = RwSignal::new(String::new());
    let composed = Memo::new(move |_| state.setup.with(|s| state.derived.with(|d| onboarding::compose_body(s, d))));
    // `None` = not edited: the body follows the configuration until the admin types in it.
    let edited = RwSignal::new(None::<String>);
    let body = Signal::derive(move || edited.get().unwrap_or_else(|| composed.get()));
    let body_problem = Memo::new(move |_| body.with(|b| onboarding::check_body(b).err().map(|p| p.message())));
    let problem = RwSignal::new(None::<Message>);
    let call = RwSignal::new(None::<Call>);

    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let base = base.get_untracked();
        if base.is_empty() {
            problem.set(Some(Message::new("webex_api.region.missing")));
            return;
        }
        let secret = state.secrets.with_untracked(|s| s.client_secret.trim().to_string());
        let made = onboarding::request(
            &base,
            &token.get_untracked(),
            &org_id.get_untracked(),
            &tracking_id.get_untracked(),
            &body.get_untracked(),
            &secret,
        )
        .map_err(|p| p.message());
        send_made(made, problem, call);
    };
    view! {
        <section class="webex-api" data-webex-api="onboard" aria-labelledby="webex-api-onboard-title">
            <h2 id="webex-api-onboard-title">{i18n.text("webex_api.onboard.title")}</h2>
            <p>{i18n.text("webex_api.onboard.intro")}</p>
            <p class="msg msg-warning" data-note="schema-unverified">{i18n.text("webex_api.onboard.unverified")}</p>
            <form on:submit=send novalidate=true>
                <BasePicker api=Api::AssetOnboarding mapped=mapped chosen=chosen base=base/>
                <CredentialInput id="webex_api.onboard.token" label="webex_api.token.label" value=token
                    hint="webex_api.token.hint"/>
                <PlainInput id="webex_api.onboard.org_id" label="webex_api.org_id.label" value=org_id
                    hint="webex_api.org_id.hint"/>
                <PlainInput id="webex_api.onboard.tracking_id" label="webex_api.onboard.tracking_id" value=tracking_id/>
                <div class="field" data-field=BODY_ID>
                    <label for=BODY_ID>{i18n.text("webex_api.onboard.body")}</label>
                    <p class="hint" id="webex_api.onboard.body--hint">{i18n.text("webex_api.onboard.body_hint")}</p>
                    <textarea
                        class="api-body"
                        id=BODY_ID
                        name=BODY_ID
                        rows="18"
                        spellcheck="false"
                        autocomplete="off"
                        aria-describedby="webex_api.onboard.body--hint webex_api.onboard.body--problem"
                        aria-invalid=move || body_problem.with(Option::is_some).to_string()
                        prop:value=move || body.get()
                        on:input=move |ev| edited.set(Some(event_target_value(&ev)))
                    ></textarea>
                    <p id="webex_api.onboard.body--problem" aria-live="polite">
                        {move || body_problem.get().map(|m| view! {
                            <span class="msg msg-error" data-problem=m.key>{i18n.msg(&m)}</span>
                        })}
                    </p>
                    {move || edited.with(Option::is_some).then(|| view! {
                        <button type="button" data-action="reset-body" on:click=move |_| edited.set(None)>
                            {i18n.t("webex_api.onboard.reset_body")}
                        </button>
                    })}
                </div>
                <p class="hint secret-note" data-note="memory-only">{i18n.text("webex_api.memory_only")}</p>
                <button type="submit" data-action="send-onboard" disabled=move || body_problem.with(Option::is_some)>
                    {i18n.text("webex_api.onboard.submit")}
                </button>
            </form>
            {move || problem.get().map(|m| view! { <p class="msg msg-error" data-problem=m.key>{i18n.msg(&m)}</p> })}
            <CallOutcome call=call success=created/>
        </section>
    }
}

fn created(response: HttpResponse) -> impl IntoView {
    let i18n = use_i18n();
    let state = crate::ui::state::use_state();
    let asset_id = match onboarding::parse_response(response.status, &response.body) {
        OnboardingResult::Created { asset_id } => asset_id,
        _ => None,
    };
    let message = match &asset_id {
        Some(id) => Message::new("webex_api.onboard.created").with("asset_id", id.clone()),
        None => Message::new("webex_api.onboard.created_no_id"),
    };
    // The TAC items need the asset ID; the admin decides whether to keep this one.
    let keep = asset_id.map(|id| {
        let saved = {
            let id = id.clone();
            Memo::new(move |_| state.setup.with(|s| s.support.asset_id.trim() == id))
        };
        view! {
            <button type="button" data-action="keep-asset-id" disabled=saved
                on:click=move |_| state.setup.update(|s| s.support.asset_id = id.clone())>
                {move || if saved.get() { i18n.t("webex_api.onboard.asset_id_kept") } else { i18n.t("webex_api.onboard.keep_asset_id") }}
            </button>
        }
    });
    let body = response.body;
    view! {
        <div data-outcome="created">
            <p class="msg msg-success">{move || i18n.msg(&message)}</p>
            {keep}
            {(!body.trim().is_empty()).then(|| view! { <pre class="api-body" data-part="body">{body.clone()}</pre> })}
        </div>
    }
}
