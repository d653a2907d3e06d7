//! A labelled box to paste text into (an error, a token): never autosaved, no spelling or
//! autofill help, its hint (and any note) read out with it.

use leptos::prelude::*;

use crate::ui::i18n::use_i18n;

#[component]
pub fn PasteArea(
    /// The textarea's id; its hint gets `<id>--hint`.
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    /// Another element that describes the box (a warning above it).
    #[prop(optional)]
    note_id: Option<&'static str>,
    #[prop(into)] value: Signal<String>,
    on_input: impl Fn(String) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}--hint");
    let described = match note_id {
        Some(note) => format!("{hint_id} {note}"),
        None => hint_id.clone(),
    };
    view! {
        <div class="field">
            <label for=id>{move || i18n.t(label)}</label>
            <p class="hint" id=hint_id>{move || i18n.t(hint)}</p>
            <textarea
                id=id
                aria-describedby=described
                spellcheck="false"
                autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| on_input(event_target_value(&ev))
            ></textarea>
        </div>
    }
}
