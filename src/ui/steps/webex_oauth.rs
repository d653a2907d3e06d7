//! Step 4: the Webex Connect email app form, value by value in the form's order, then the
//! checklist of what to click after the values are in.

use leptos::prelude::*;

use crate::domain::validate::ChecklistItem;
use crate::domain::Field;
use crate::ui::components::{CopyValue, Fold, TextField};
use crate::ui::i18n::use_i18n;
use crate::ui::state::{use_state, AppState};

#[component]
pub fn WebexOauthStep() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{i18n.text("webex_oauth.form_title")}</h2>
        <p>{i18n.text("webex_oauth.form_intro")}</p>
        <FormValues/>

        <h2>{i18n.text("webex_oauth.checklist_title")}</h2>
        <ul class="checklist" data-checklist="webex_oauth">
            {ChecklistItem::ALL.into_iter().map(|item| view! { <ChecklistRow item=item/> }).collect_view()}
        </ul>
        <p class="msg msg-info" data-note="token-refresh">{i18n.text("webex_oauth.token_refresh_note")}</p>
        <Fold name="webex-api-onboard" line="fold.onboard"><crate::ui::OnboardingRequest/></Fold>
    }
}

/// The form's fields in its order: Email ID, SMTP Server, Port, Security, Username, Client ID,
/// Client Secret, Authorization URL, Scope, Access Token URL, Refresh Token URL.
#[component]
fn FormValues() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let label = move |key: &'static str| Signal::derive(move || i18n.t(key));
    let field_label = move |field: Field| Signal::derive(move || i18n.t(&field.label_key()));
    let derived =
        move |pick: fn(&crate::domain::derive::Derived) -> String| Signal::derive(move || state.derived.with(pick));
    let email_id = Signal::derive(move || state.setup.with(|s| s.mailbox.address.trim().to_string()));
    let client_id = Signal::derive(move || state.setup.with(|s| s.azure.client_id.trim().to_string()));
    let secret = Signal::derive(move || state.secrets.with(|s| s.client_secret.trim().to_string()));
    let has_username_override = state.setup.with_untracked(|s| !s.smtp.username.is_empty());
    let sovereign = move || state.setup.with(|s| s.azure.cloud.is_sovereign());
    let server_warning = Signal::derive(move || {
        let unverified = !state.derived.with(|d| d.smtp_server_verified);
        unverified.then(|| i18n.t("webex_oauth.smtp_server_unverified"))
    });
    view! {
        <div class="form-values" data-form="webex_connect_email">
            <CopyValue label=label("webex_oauth.label.email_id") value=email_id name="mailbox.address"/>
            <CopyValue label=field_label(Field::SmtpServer) value=derived(|d| d.smtp_server.clone())
                name="smtp.server" warning=server_warning/>
            {move || sovereign().then(|| view! { <SmtpServerOverride state=state/> })}
            <CopyValue label=field_label(Field::SmtpPort) value=derived(|d| d.smtp_port.to_string()) name="smtp.port"/>
            <CopyValue label=field_label(Field::SmtpSecurity) value=derived(|d| d.smtp_security.clone())
                name="smtp.security"/>
            <CopyValue label=field_label(Field::SmtpUsername) value=derived(|d| d.smtp_username.clone())
                name="smtp.username"/>
            // Folded away while unused (the Username above is what almost everyone needs); read
            // once, so clearing the field does not fold it away under the admin's cursor.
            <details class="override" data-override="smtp.username" open=has_username_override>
                <summary>{i18n.text("webex_oauth.username_override_summary")}</summary>
                <TextField field=Field::SmtpUsername input_type="email" hint="webex_oauth.username_override_hint"/>
            </details>
            <CopyValue label=label("webex_oauth.label.client_id") value=client_id name="azure.client_id"/>
            <CopyValue label=label("webex_oauth.label.client_secret") value=secret name="azure.client_secret" secret=true/>
            {move || secret.with(String::is_empty).then(|| view! {
                <p class="msg msg-warning" data-note="secret-missing">{i18n.t("webex_oauth.secret_missing")}</p>
            })}
            <CopyValue label=field_label(Field::OauthAuthorizationUrl) value=derived(|d| d.authorization_url.clone())
                name="oauth.authorization_url"/>
            <CopyValue label=field_label(Field::OauthScope) value=derived(|d| d.scope.clone()) name="oauth.scope"/>
            <CopyValue label=field_label(Field::OauthTokenUrl) value=derived(|d| d.token_url.clone())
                name="oauth.token_url"/>
            <CopyValue label=field_label(Field::OauthRefreshTokenUrl) value=derived(|d| d.refresh_token_url.clone())
                name="oauth.refresh_token_url"/>
            <TextField field=Field::OauthLoginId input_type="email" hint="webex_oauth.login_id_hint"/>
        </div>
    }
}

/// Sovereign clouds only: the SMTP host is a best-known value, so the admin may correct it.
#[component]
fn SmtpServerOverride(state: AppState) -> impl IntoView {
    let i18n = use_i18n();
    let warning = move || state.setup.with(|s| s.azure.cloud.unverified_warning());
    view! {
        <TextField field=Field::SmtpServer hint="webex_oauth.smtp_server_override_hint"/>
        {move || warning().map(|m| view! {
            <p class="msg msg-warning" data-note="sovereign-unverified">{i18n.msg(&m)}</p>
        })}
    }
}

/// One tick of the checklist, with what to watch for at that point.
#[component]
fn ChecklistRow(item: ChecklistItem) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let id = item.key().to_string();
    let detail_id = format!("{}--detail", item.key());
    let checked = move || state.checklist.with(|c| c.contains(&item));
    let on_change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        state.checklist.update(|c| {
            c.retain(|i| *i != item);
            if on {
                c.push(item);
                crate::domain::sort::sort(c);
            }
        });
    };
    let warning = item == ChecklistItem::RegisteredToEngage;
    view! {
        <li class="check" data-check=item.key()>
            <input type="checkbox" id=id.clone() name=item.key() aria-describedby=detail_id.clone()
                prop:checked=checked on:change=on_change/>
            <label for=id>{move || i18n.t(item.key())}</label>
            <p class="hint" id=detail_id class:msg=warning class:msg-warning=warning>
                {move || i18n.t(&format!("{}.detail", item.key()))}
            </p>
        </li>
    }
}
