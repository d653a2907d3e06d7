//! Step 2 by hand in the Microsoft Entra admin center: the values to enter, the click-by-click
//! console steps and, folded, the API permissions of the chosen profile. Steps and permissions
//! come from `domain::profile`, so they change as soon as the profile does.

use leptos::prelude::*;

use crate::domain::{profile, Field, Step};
use crate::ui::components::{CopyValue, Fold, InstructionItems, StackCell, StackHead};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

const COLUMNS: [&str; 3] =
    ["entra_app.permissions.api", "entra_app.permissions.permission", "entra_app.permissions.type"];

#[component]
pub fn ByHand() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let chosen = Memo::new(move |_| state.setup.with(|s| s.azure.permission_profile));
    let instructions = Memo::new(move |_| {
        let uri = state.derived.with(|d| d.redirect_uri.clone());
        state.setup.with(|s| profile::instructions_with_name(chosen.get(), &uri, &s.azure.app_display_name))
    });
    let redirect_uri = Signal::derive(move || state.derived.with(|d| d.redirect_uri.clone()));
    let implicit = Signal::derive(move || {
        let on = state.derived.with(|d| d.implicit_access_tokens);
        i18n.t(if on { "entra_app.implicit.on" } else { "entra_app.implicit.off" })
    });
    let label = |field: Field| Signal::derive(move || i18n.t(&field.label_key()));

    view! {
        <h2>{i18n.text("entra_app.values_title")}</h2>
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
            <p class="hint">{i18n.text("entra_app.implicit_hint")}</p>
        </div>

        <h2>{i18n.text("entra_app.console_title")}</h2>
        <ol class="instructions" data-instructions=move || chosen.get().as_str()>
            <InstructionItems instructions=instructions/>
        </ol>

        <Fold name="permissions" line="fold.permissions">
            <h3>{i18n.text("entra_app.permissions_title")}</h3>
            <table class="values stack" role="table" data-permissions=move || chosen.get().as_str()>
                <StackHead columns=&COLUMNS/>
                <tbody role="rowgroup">
                    {move || {
                        profile::permissions(chosen.get())
                            .iter()
                            .map(|p| {
                                view! {
                                    <tr role="row" data-permission=p.value data-kind=p.kind.graph_type()>
                                        <StackCell column=COLUMNS[0]>{p.resource_name}</StackCell>
                                        <StackCell column=COLUMNS[1]><code>{p.value}</code></StackCell>
                                        <StackCell column=COLUMNS[2]>{move || i18n.t(p.kind.label_key())}</StackCell>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </Fold>
    }
}
