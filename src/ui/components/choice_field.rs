use leptos::prelude::*;

use crate::domain::Field;
use crate::ui::components::field_messages::{messages_id, FieldMessages};
use crate::ui::i18n::use_i18n;

/// One option of a choice: its value (the export's enum name), its label and an optional
/// explanation shown under it.
#[derive(Clone, Copy)]
pub struct Choice {
    pub value: &'static str,
    pub label_key: &'static str,
    pub description_key: Option<&'static str>,
}

/// A set of radio buttons named after the field's export key path.
#[component]
pub fn RadioField(
    field: Field,
    choices: Vec<Choice>,
    #[prop(into)] selected: Signal<&'static str>,
    on_select: impl Fn(&'static str) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field choice" data-field=field.key() aria-describedby=messages_id(field)>
            <legend>{move || i18n.t(&field.label_key())}</legend>
            {choices
                .into_iter()
                .map(|c| {
                    let id = format!("{}--{}", field.key(), c.value);
                    view! {
                        <div class="radio">
                            <input
                                type="radio"
                                id=id.clone()
                                name=field.key()
                                value=c.value
                                prop:checked=move || selected.get() == c.value
                                on:change=move |_| on_select(c.value)
                            />
                            <label for=id>{move || i18n.t(c.label_key)}</label>
                            {c.description_key.map(|k| view! { <p class="hint">{move || i18n.t(k)}</p> })}
                        </div>
                    }
                })
                .collect_view()}
            <FieldMessages field=field/>
        </fieldset>
    }
}

/// A drop-down for choices that need no explanation each (e.g. the Microsoft cloud).
#[component]
pub fn SelectField(
    field: Field,
    choices: Vec<Choice>,
    #[prop(into)] selected: Signal<&'static str>,
    on_select: impl Fn(&'static str) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let values: Vec<&'static str> = choices.iter().map(|c| c.value).collect();
    view! {
        <div class="field" data-field=field.key()>
            <label for=field.key()>{move || i18n.t(&field.label_key())}</label>
            <select
                id=field.key()
                name=field.key()
                aria-describedby=messages_id(field)
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(found) = values.iter().find(|x| **x == v) {
                        on_select(found);
                    }
                }
            >
                {choices
                    .into_iter()
                    .map(|c| {
                        view! {
                            <option value=c.value selected=move || selected.get() == c.value>
                                {move || i18n.t(c.label_key)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <FieldMessages field=field/>
        </div>
    }
}
