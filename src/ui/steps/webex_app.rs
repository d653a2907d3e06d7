//! Step 1: start the email app in Webex Connect and bring back its two values.

use leptos::prelude::*;

use crate::domain::Field;
use crate::ui::components::TextField;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[component]
pub fn WebexAppStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let tenant = move || state.derived.with(|d| d.webex_tenant.clone());
    let region = move || state.derived.with(|d| d.webex_region.clone());
    view! {
        <crate::ui::DayTwoLink/>
        <h2>{i18n.text("webex_app.where_title")}</h2>
        <ol class="instructions">
            <li>{i18n.text("webex_app.where_1")}</li>
            <li>{i18n.text("webex_app.where_2")}</li>
            <li>{i18n.text("webex_app.where_3")}</li>
        </ol>
        // Said once, where the admin picks OAuth 2.0 over a password.
        <p class="hint" data-note="why-oauth">{i18n.text("webex_app.why_oauth")}</p>
        <TextField field=Field::WebexAppName hint="webex_app.app_name_hint"/>
        <TextField field=Field::WebexCallbackUrl input_type="url" hint="webex_app.callback_url_hint"
            placeholder="https://yourtenant.us.webexconnect.io/callback"/>
        <p class="derived" data-derived="webex_connect">
            <span>
                {move || i18n.t(&Field::WebexTenant.label_key())} ": "
                <code data-value="webex_connect.tenant">{move || or_dash(tenant())}</code>
            </span>
            <span>
                {move || i18n.t(&Field::WebexRegion.label_key())} ": "
                <code data-value="webex_connect.region">{move || or_dash(region())}</code>
            </span>
        </p>
        <TextField field=Field::WebexForwardingAddress input_type="email" hint="webex_app.forwarding_hint"/>
    }
}

fn or_dash(s: String) -> String {
    if s.is_empty() {
        "—".into()
    } else {
        s
    }
}
