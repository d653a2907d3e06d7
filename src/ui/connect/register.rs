//! No client id in config.json: how to register this app's own SPA registration, which
//! delegated permissions each action needs and why, and the admin-consent link.

use leptos::prelude::*;

use crate::domain::graph::consent::{admin_consent_url, all_scopes, permission_table, AdminConsent};
use crate::domain::guid::ClientId;
use crate::domain::signin::{redirect_uri, tenant_segment};
use crate::platform::{location, random};
use crate::ui::components::{CopyValue, StackCell, StackHead};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

const COLUMNS: [&str; 3] = ["signin.permissions.scope", "signin.permissions.why", "signin.permissions.actions"];

#[component]
pub fn RegisterHelp() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let redirect = Signal::derive(move || {
        state.config.with(|c| redirect_uri(c.config().redirect_uri.as_deref(), &location::resolve("./")))
    });
    // The link's state is only echoed back by Entra; a fresh random value per page view.
    let consent_state = StoredValue::new(random::hex_token(16).unwrap_or_default());
    let spa_client_id = RwSignal::new(String::new());

    let consent = move || {
        let raw = spa_client_id.get();
        if raw.trim().is_empty() {
            return None;
        }
        let Ok(client_id) = ClientId::parse(raw.trim()) else {
            return Some(Err(i18n.t("signin.register.client_id_invalid")));
        };
        let config = state.config.with(|c| c.config());
        let tenant = state.setup.with(|s| tenant_segment(&s.azure.tenant_id));
        let scopes = all_scopes();
        let redirect = redirect.get();
        let graph = config.graph_resource().trim_end_matches("/v1.0").to_string();
        let built = admin_consent_url(&AdminConsent {
            authority: &config.authority,
            tenant: &tenant,
            client_id,
            graph_resource: &graph,
            scopes: &scopes,
            redirect_uri: &redirect,
            state: &consent_state.get_value(),
        });
        Some(built.map_err(|p| i18n.msg(&p.message())))
    };

    let rows = permission_table();
    view! {
        <div class="register" data-connect="register">
            <p>{i18n.text("signin.register.not_configured")}</p>
            <ol class="connect-steps">
                <li>{i18n.text("signin.register.step_1")}</li>
                <li>{i18n.text("signin.register.step_2")}</li>
                <li>{i18n.text("signin.register.step_3")}</li>
                <li>{i18n.text("signin.register.step_4")}</li>
            </ol>
            <CopyValue label=Signal::derive(move || i18n.t("signin.register.redirect_uri")) value=redirect
                name="signin.redirect_uri"/>

            <h3>{i18n.text("signin.permissions.title")}</h3>
            <table class="permissions stack" role="table" data-table="permissions">
                <StackHead columns=&COLUMNS/>
                <tbody role="rowgroup">
                    {rows
                        .into_iter()
                        .map(|row| {
                            let reason = row.reason.clone();
                            let actions = row.actions.clone();
                            view! {
                                <tr role="row" data-scope=row.scope.value()>
                                    <StackCell column=COLUMNS[0]><code>{row.scope.value()}</code></StackCell>
                                    <StackCell column=COLUMNS[1]>{move || i18n.msg(&reason)}</StackCell>
                                    <StackCell column=COLUMNS[2]>
                                        {move || {
                                            actions.iter().map(|a| i18n.t(a.label_key())).collect::<Vec<_>>().join(" / ")
                                        }}
                                    </StackCell>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>

            <h3>{i18n.text("signin.consent.title")}</h3>
            <p class="hint">{i18n.text("signin.consent.hint")}</p>
            <label for="signin-spa-client-id">{i18n.text("signin.consent.client_id")}</label>
            <input id="signin-spa-client-id" name="signin.spa_client_id" type="text" autocomplete="off"
                spellcheck="false" placeholder="00000000-0000-0000-0000-000000000000"
                prop:value=move || spa_client_id.get()
                on:input=move |ev| spa_client_id.set(event_target_value(&ev))/>
            {move || match consent() {
                None => None,
                Some(Ok(url)) => Some(view! {
                    <p><a href=url.clone() target="_blank" rel="noopener noreferrer" data-link="admin-consent">
                        {i18n.t("signin.consent.open")}
                    </a></p>
                    <p><code class="url" data-value="signin.admin_consent_url">{url}</code></p>
                }.into_any()),
                Some(Err(text)) => Some(view! { <p class="field-message error" role="alert">{text}</p> }.into_any()),
            }}
        </div>
    }
}
