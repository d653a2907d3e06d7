use leptos::prelude::*;

use crate::domain::validate::{raw, set_raw};
use crate::domain::Field;
use crate::ui::components::field_messages::{has_visible_error, input_id, messages_id, FieldMessages};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

/// A typed value of the setup: label, hint, the input and its messages. The text is kept
/// exactly as typed (never reformatted under the admin's cursor); validation reads it.
#[component]
pub fn TextField(
    field: Field,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let value = move || state.setup.with(|s| raw(s, field).unwrap_or_default().to_string());
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        state.setup.update(|s| {
            set_raw(s, field, text);
        });
        state.touch(field);
    };
    let hint_id = format!("{}--hint", field.key());
    let described_by = match hint {
        Some(_) => format!("{hint_id} {}", messages_id(field)),
        None => messages_id(field),
    };
    let invalid = move || has_visible_error(state, field).to_string();
    let input = if multiline {
        view! {
            <textarea
                id=input_id(field)
                name=field.key()
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=value
                on:input=on_input
                on:blur=move |_| state.touch(field)
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                type=input_type
                id=input_id(field)
                name=field.key()
                autocomplete=autocomplete.unwrap_or("off")
                spellcheck="false"
                placeholder=placeholder
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=value
                on:input=on_input
                on:blur=move |_| state.touch(field)
            />
        }
        .into_any()
    };
    view! {
        <div class="field" data-field=field.key()>
            <label for=input_id(field)>{move || i18n.t(&field.label_key())}</label>
            {hint.map(|key| view! { <p class="hint" id=hint_id.clone()>{move || i18n.t(key)}</p> })}
            {input}
            <FieldMessages field=field/>
        </div>
    }
}
