//! The values every way of step 2 ends with: the tenant and client IDs, the secret and its
//! expiry. Always on the page (the Graph way fills them in, the other ways type them).

use leptos::prelude::*;

use crate::domain::Field;
use crate::ui::components::secret_field::SecretField;
use crate::ui::components::TextField;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[component]
pub fn BringBack() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let secret = Signal::derive(move || state.secrets.with(|s| s.client_secret.clone()));
    let set_secret = move |text: String| state.secrets.update(|s| s.client_secret = text);
    view! {
        <h2>{i18n.text("entra_app.bring_back_title")}</h2>
        <TextField field=Field::AzureTenantId hint="entra_app.tenant_id_hint"
            placeholder="00000000-0000-0000-0000-000000000000"/>
        <TextField field=Field::AzureClientId hint="entra_app.client_id_hint"
            placeholder="00000000-0000-0000-0000-000000000000"/>
        <SecretField field=Field::AzureClientSecret value=secret on_input=set_secret
            hint="entra_app.client_secret_hint" note="entra_app.client_secret_note"/>
        // Plain text, not type=date: a date input would drop the portal's YYYY/M/D form.
        <TextField field=Field::AzureClientSecretExpires hint="entra_app.expires_hint" placeholder="YYYY-MM-DD"/>
    }
}
