//! The click-by-click Entra console steps and the API permissions of the chosen profile.
//! Both come from `domain::profile`, so they change as soon as the profile does.

use leptos::prelude::*;

use crate::domain::profile;
use crate::ui::components::InstructionItems;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[component]
pub fn ConsoleSteps() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let chosen = Memo::new(move |_| state.setup.with(|s| s.azure.permission_profile));
    let instructions = Memo::new(move |_| {
        let uri = state.derived.with(|d| d.redirect_uri.clone());
        state.setup.with(|s| profile::instructions_with_name(chosen.get(), &uri, &s.azure.app_display_name))
    });

    view! {
        <h2>{move || i18n.t("entra_app.console_title")}</h2>
        <ol class="instructions" data-instructions=move || chosen.get().as_str()>
            <InstructionItems instructions=instructions/>
        </ol>

        <h3>{move || i18n.t("entra_app.permissions_title")}</h3>
        <table class="values" data-permissions=move || chosen.get().as_str()>
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t("entra_app.permissions.api")}</th>
                    <th scope="col">{move || i18n.t("entra_app.permissions.permission")}</th>
                    <th scope="col">{move || i18n.t("entra_app.permissions.type")}</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    profile::permissions(chosen.get())
                        .iter()
                        .map(|p| {
                            view! {
                                <tr data-permission=p.value data-kind=p.kind.graph_type()>
                                    <td>{p.resource_name}</td>
                                    <td><code>{p.value}</code></td>
                                    <td>{move || i18n.t(p.kind.label_key())}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
}
