use leptos::prelude::*;

use super::base_picker::{use_base, BasePicker};
use super::outcome::CallOutcome;
use super::{send_made, Call, CredentialInput, PlainInput};
use crate::domain::webex_api::contact_center::{self, CcResult};
use crate::domain::webex_api::region::Api;
use crate::domain::Message;
use crate::platform::fetch::HttpResponse;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

/// Lists the contact-center entry points and says whether an email one references the asset.
#[component]
pub fn ContactCenterCheck() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let (mapped, chosen, base) = use_base(Api::ContactCenter);
    let token = RwSignal::new(String::new());
    let org_id = RwSignal::new(String::new());
    let asset_id = RwSignal::new(state.setup.with_untracked(|s| s.support.asset_id.trim().to_string()));
    let problem = RwSignal::new(None::<Message>);
    let call = RwSignal::new(None::<Call>);
    // The asset id as it was when the check ran: the result is about that one.
    let checked_asset = RwSignal::new(String::new());

    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let base = base.get_untracked();
        if base.is_empty() {
            problem.set(Some(Message::new("webex_api.region.missing")));
            return;
        }
        let made =
            contact_center::request(&base, &org_id.get_untracked(), &token.get_untracked()).map_err(|p| p.message());
        if made.is_ok() {
            checked_asset.set(asset_id.get_untracked());
        }
        send_made(made, problem, call);
    };
    let listed = move |response: HttpResponse| view! { <Listed response=response asset_id=checked_asset/> };
    view! {
        <section class="webex-api" data-webex-api="cc" aria-labelledby="webex-api-cc-title">
            <h2 id="webex-api-cc-title">{i18n.text("webex_api.cc.title")}</h2>
            <p>{i18n.text("webex_api.cc.intro")}</p>
            <form on:submit=check novalidate=true>
                <BasePicker api=Api::ContactCenter mapped=mapped chosen=chosen base=base/>
                <CredentialInput id="webex_api.cc.token" label="webex_api.token.label" value=token
                    hint="webex_api.cc.token_hint"/>
                <PlainInput id="webex_api.cc.org_id" label="webex_api.org_id.label" value=org_id
                    hint="webex_api.org_id.hint"/>
                <PlainInput id="webex_api.cc.asset_id" label="webex_api.cc.asset_id" value=asset_id
                    hint="webex_api.cc.asset_id_hint"/>
                <p class="hint secret-note" data-note="memory-only">{i18n.text("webex_api.memory_only")}</p>
                <button type="submit" data-action="check-cc">{i18n.text("webex_api.cc.submit")}</button>
            </form>
            {move || problem.get().map(|m| view! { <p class="msg msg-error" data-problem=m.key>{i18n.msg(&m)}</p> })}
            <CallOutcome call=call success=listed/>
        </section>
    }
}

#[component]
fn Listed(response: HttpResponse, asset_id: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let asset = asset_id.get_untracked();
    match contact_center::parse_response(response.status, &response.body, &asset) {
        CcResult::Listed { email, matching, total } => {
            let (found, key) = match (matching.is_empty(), asset.trim().is_empty()) {
                (_, true) => ("no-asset", "webex_api.cc.no_asset_id"),
                (false, false) => ("found", "webex_api.cc.found"),
                (true, false) => ("not-found", "webex_api.cc.not_found"),
            };
            let summary = Message::new(key)
                .with("asset_id", asset.clone())
                .with("total", total.to_string())
                .with("email", email.len().to_string());
            let class = if found == "found" { "msg msg-success" } else { "msg msg-warning" };
            view! {
                <div data-outcome="listed" data-cc=found>
                    <p class=class>{move || i18n.msg(&summary)}</p>
                    <ul data-part="email-entry-points">
                        {email.into_iter().map(|e| {
                            let hit = matching.contains(&e);
                            let id_attr = e.id.clone();
                            view! {
                                <li data-entry-point=id_attr data-match=hit.to_string()>
                                    <strong>{e.name}</strong> " · " <code>{e.id}</code> " · "
                                    {i18n.text("webex_api.cc.asset_id")} ": " <code>{e.asset_id.clone()}</code>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
            .into_any()
        }
        CcResult::Unreadable | CcResult::Failed { .. } => view! {
            <p class="msg msg-warning" data-outcome="unreadable">{i18n.text("webex_api.cc.unreadable")}</p>
        }
        .into_any(),
    }
}
