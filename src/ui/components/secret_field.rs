use leptos::prelude::*;

use crate::domain::Field;
use crate::ui::components::field_messages::{has_visible_error, input_id, messages_id, FieldMessages};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

/// A secret typed or pasted by the admin: a password input with a show/hide toggle. The
/// value lives in the caller's memory-only signal; the input carries it as a property only
/// (never as an attribute), and a permanent note says it does not survive a reload.
#[component]
pub fn SecretField(
    field: Field,
    #[prop(into)] value: Signal<String>,
    on_input: impl Fn(String) + Copy + Send + Sync + 'static,
    #[prop(optional)] hint: Option<&'static str>,
    note: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let revealed = RwSignal::new(false);
    let id = input_id(field);
    let hint_id = format!("{id}--hint");
    let note_id = format!("{id}--note");
    let described_by = match hint {
        Some(_) => format!("{hint_id} {note_id} {}", messages_id(field)),
        None => format!("{note_id} {}", messages_id(field)),
    };
    let invalid = move || has_visible_error(state, field).to_string();
    view! {
        <div class="field secret" data-field=field.key()>
            <label for=id.clone()>{move || i18n.t(&field.label_key())}</label>
            {hint.map(|key| view! { <p class="hint" id=hint_id.clone()>{move || i18n.t(key)}</p> })}
            <div class="secret-input">
                <input
                    type=move || if revealed.get() { "text" } else { "password" }
                    id=id.clone()
                    name=field.key()
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    // Password managers should neither offer nor save this value.
                    data-1p-ignore="true"
                    data-lpignore="true"
                    aria-invalid=invalid
                    aria-describedby=described_by
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        on_input(event_target_value(&ev));
                        state.touch(field);
                    }
                    on:blur=move |_| state.touch(field)
                />
                <button
                    type="button"
                    class="secret-toggle"
                    aria-controls=id
                    aria-label=move || {
                        let action = if revealed.get() { "copy.hide" } else { "copy.reveal" };
                        format!("{} {}", i18n.t(action), i18n.t(&field.label_key()))
                    }
                    on:click=move |_| revealed.update(|r| *r = !*r)
                >
                    {move || if revealed.get() { i18n.t("copy.hide") } else { i18n.t("copy.reveal") }}
                </button>
            </div>
            <p class="hint secret-note" id=note_id data-note="memory-only">{move || i18n.t(note)}</p>
            <FieldMessages field=field/>
        </div>
    }
}
