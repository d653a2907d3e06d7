//! Step 2: register the app in Microsoft Entra ID, then bring back its IDs and secret.

mod console_steps;

use leptos::prelude::*;

use crate::domain::model::{Cloud, PermissionProfile};
use crate::domain::{profile, Field, Step};
use crate::ui::components::secret_field::SecretField;
use crate::ui::components::{Choice, CopyValue, RadioField, SelectField, TextField};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[component]
pub fn EntraAppStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();

    let clouds =
        Cloud::ALL.iter().map(|c| Choice { value: c.as_str(), label_key: c.label_key(), description_key: None });
    let cloud = Signal::derive(move || state.setup.with(|s| s.azure.cloud.as_str()));
    let set_cloud = move |v: &str| {
        if let Some(c) = Cloud::parse(v) {
            state.setup.update(|s| s.azure.cloud = c);
        }
    };

    let profiles = PermissionProfile::ALL.iter().map(|p| Choice {
        value: p.as_str(),
        label_key: profile::label_key(*p),
        description_key: Some(profile_description_key(*p)),
    });
    let selected_profile = Signal::derive(move || state.setup.with(|s| s.azure.permission_profile.as_str()));
    let set_profile = move |v: &str| {
        if let Some(p) = PermissionProfile::parse(v) {
            state.setup.update(|s| s.azure.permission_profile = p);
        }
    };

    let redirect_uri = Signal::derive(move || state.derived.with(|d| d.redirect_uri.clone()));
    let implicit = Signal::derive(move || {
        let on = state.derived.with(|d| d.implicit_access_tokens);
        i18n.t(if on { "entra_app.implicit.on" } else { "entra_app.implicit.off" })
    });
    let label = |field: Field| Signal::derive(move || i18n.t(&field.label_key()));

    let secret = Signal::derive(move || state.secrets.with(|s| s.client_secret.clone()));
    let set_secret = move |text: String| state.secrets.update(|s| s.client_secret = text);

    view! {
        <SelectField field=Field::AzureCloud choices=clouds.collect() selected=cloud on_select=set_cloud/>
        <TextField field=Field::AzureAppDisplayName hint="entra_app.app_name_hint" placeholder="Webex Connect Email"/>
        <RadioField field=Field::AzurePermissionProfile choices=profiles.collect() selected=selected_profile
            on_select=set_profile/>

        <h2>{move || i18n.t("entra_app.values_title")}</h2>
        <div class="derived-values" data-derived="azure">
            <CopyValue label=label(Field::AzureRedirectUri) value=redirect_uri name="azure.redirect_uri"/>
            {move || {
                redirect_uri.with(String::is_empty).then(|| {
                    view! {
                        <p class="hint" data-note="redirect-uri-missing">
                            {i18n.t("entra_app.redirect_uri_missing")} " "
                            <a href=state.href(Step::WebexApp)
                                on:click=move |ev| state.follow_link(&ev, Step::WebexApp)>
                                {i18n.t("entra_app.go_to_step_1")}
                            </a>
                        </p>
                    }
                })
            }}
            <CopyValue label=label(Field::AzureImplicitAccessTokens) value=implicit
                name="azure.implicit_access_tokens"/>
            <p class="hint">{move || i18n.t("entra_app.implicit_hint")}</p>
        </div>

        <console_steps::ConsoleSteps/>

        <h2>{move || i18n.t("entra_app.bring_back_title")}</h2>
        <TextField field=Field::AzureTenantId hint="entra_app.tenant_id_hint"
            placeholder="00000000-0000-0000-0000-000000000000"/>
        <TextField field=Field::AzureClientId hint="entra_app.client_id_hint"
            placeholder="00000000-0000-0000-0000-000000000000"/>
        <SecretField field=Field::AzureClientSecret value=secret on_input=set_secret
            hint="entra_app.client_secret_hint" note="entra_app.client_secret_note"/>
        // Plain text, not type=date: a date input would drop the portal's YYYY/M/D form.
        <TextField field=Field::AzureClientSecretExpires hint="entra_app.expires_hint" placeholder="YYYY-MM-DD"/>
        <crate::ui::ConnectSection/>
        <crate::ui::ProvisionSection/>
    }
}

fn profile_description_key(p: PermissionProfile) -> &'static str {
    match p {
        PermissionProfile::LeastPrivilege => "entra_app.profile.least_privilege",
        PermissionProfile::AsDocumented => "entra_app.profile.as_documented",
    }
}
