//! Step 2: register the app in Microsoft Entra ID, then bring back its IDs and secret. It
//! opens with the choice of how (by hand, from this page with Microsoft Graph, or a script for
//! another admin) and shows only the chosen way; the settings every way uses come before it
//! and the values to bring back after it, so switching loses nothing.

mod bring_back;
mod by_hand;

use leptos::prelude::*;

use crate::domain::model::{Cloud, PermissionProfile};
use crate::domain::path::EntraPath;
use crate::domain::{profile, Field, Step};
use crate::ui::components::{Choice, Fold, PathChoice, RadioField, SelectField, TextField};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[component]
pub fn EntraAppStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let connected = Memo::new(move |_| state.config.with(|c| c.config().connected_mode()));
    let shown = Memo::new(move |_| state.setup.with(|s| s.paths.entra_shown(connected.get())));
    view! {
        <PathChoice step=Step::EntraApp/>
        // Connected mode off: how whoever hosts the app turns the Graph way on.
        {move || (!connected.get()).then(|| view! {
            <Fold name="register" line="fold.register"><crate::ui::ConnectSection/></Fold>
        })}
        <h2>{i18n.text("path.entra_app.settings_title")}</h2>
        <Settings/>
        // One branch per way, each built afresh when chosen and dropped when left (an in-place
        // rebuild from one way's view to another's is not reliable with erased view types).
        {EntraPath::ALL.map(|path| {
            let chosen = Memo::new(move |_| shown.get() == Some(path));
            move || chosen.get().then(|| view! {
                <div class="path-body" data-path-body=path.as_str()>{way(path)}</div>
            })
        })}
        <bring_back::BringBack/>
    }
}

fn way(path: EntraPath) -> AnyView {
    match path {
        EntraPath::ByHand => view! { <by_hand::ByHand/> }.into_any(),
        EntraPath::Graph => view! { <crate::ui::ConnectSection/> <crate::ui::ProvisionSection/> }.into_any(),
        EntraPath::Script => view! { <crate::ui::PlanScripts/> }.into_any(),
    }
}

/// The cloud, the registration's name and the permission profile: every way uses them.
#[component]
fn Settings() -> impl IntoView {
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
    view! {
        <SelectField field=Field::AzureCloud choices=clouds.collect() selected=cloud on_select=set_cloud/>
        <TextField field=Field::AzureAppDisplayName hint="entra_app.app_name_hint" placeholder="Webex Connect Email"/>
        <RadioField field=Field::AzurePermissionProfile choices=profiles.collect() selected=selected_profile
            on_select=set_profile/>
    }
}

fn profile_description_key(p: PermissionProfile) -> &'static str {
    match p {
        PermissionProfile::LeastPrivilege => "entra_app.profile.least_privilege",
        PermissionProfile::AsDocumented => "entra_app.profile.as_documented",
    }
}
