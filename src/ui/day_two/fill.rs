//! What the audit put into the wizard: filled (the field was empty), matching, or different
//! (typed value kept, found value beside it, the admin chooses).

use leptos::prelude::*;

use super::store::store;
use crate::domain::graph::audit_fill::{adopt, Fill, FillLine, Found};
use crate::domain::model::PermissionProfile;
use crate::domain::profile;
use crate::domain::Field;
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::state::use_state;

/// A value as the admin reads it (the profile by its name).
fn shown(i18n: I18n, field: Field, value: &str) -> String {
    match (field, PermissionProfile::parse(value)) {
        (Field::AzurePermissionProfile, Some(p)) => i18n.t(profile::label_key(p)),
        _ => value.to_string(),
    }
}

#[component]
pub fn FillList() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let store = store();
    let choose = move |found: Found| {
        state.setup.update(|s| adopt(s, &found));
        store.fill.update(|lines| {
            for l in lines.iter_mut().filter(|l| l.found.field == found.field) {
                l.fill = Fill::Same;
            }
        });
    };
    let line = move |l: FillLine| {
        let field = l.found.field;
        let found = shown(i18n, field, &l.found.value);
        let (state_key, typed) = match &l.fill {
            Fill::Filled => ("filled", None),
            Fill::Same => ("same", None),
            Fill::Differs { typed } => ("differs", Some(shown(i18n, field, typed))),
        };
        let chosen = l.found.clone();
        view! {
            <li data-fill-field=field.key() data-fill=state_key>
                <span class="fill-label">{i18n.t(&field.label_key())} ": "</span>
                <code class="wrap" data-found="">{found}</code> " "
                <span class="hint">{i18n.t(&format!("day_two.fill.{state_key}"))}</span>
                {typed.map(|t| view! {
                    <span class="fill-typed">
                        " " {i18n.t("day_two.fill.typed")} ": " <code class="wrap" data-typed="">{t}</code>
                    </span>
                    <button type="button" data-action="adopt" data-field=field.key()
                        on:click=move |_| choose(chosen.clone())>
                        {i18n.t("day_two.fill.adopt")}
                    </button>
                })}
            </li>
        }
    };
    move || {
        let lines = store.fill.get();
        (!lines.is_empty()).then(|| {
            view! {
                <h4>{i18n.t("day_two.fill.title")}</h4>
                <p class="hint">{i18n.t("day_two.fill.intro")}</p>
                <ul class="fill-list" data-fill-list="">{lines.into_iter().map(line).collect_view()}</ul>
            }
        })
    }
}
