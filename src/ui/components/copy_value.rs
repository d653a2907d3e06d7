use leptos::prelude::*;

use crate::ui::i18n::use_i18n;

/// A copy button. Where the Clipboard API is refused (plain-http intranet pages), it says
/// so and the value stays selectable next to it.
#[component]
pub fn CopyButton(#[prop(into)] value: Signal<String>, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    // The last click's outcome (copied or refused) and the text it was for: it is shown only
    // while the value is still that text (a typed change is not on the clipboard).
    let last = RwSignal::new(None::<(bool, String)>);
    let outcome = move || last.with(|l| l.as_ref().filter(|(_, text)| value.with(|v| v == text)).map(|(ok, _)| *ok));
    // Inside a portal's frame a refusal is the portal's (no allow="clipboard-write"): say so.
    let refused = if crate::platform::hosting::framed() { "hosting.framed.copy_refused" } else { "copy.refused" };
    view! {
        <button
            type="button"
            class="copy"
            aria-label=move || format!("{} {}", i18n.t("copy.copy"), label.get())
            disabled=move || value.with(String::is_empty)
            on:click=move |_| {
                let text = value.get_untracked();
                leptos::task::spawn_local(async move {
                    let ok = crate::platform::download::copy(&text).await;
                    last.set(Some((ok, text)));
                });
            }
        >
            {move || match outcome() {
                Some(true) => i18n.t("copy.copied"),
                Some(false) => i18n.t(refused),
                None => i18n.t("copy.copy"),
            }}
        </button>
    }
}

/// A value to paste into a console: label, the value (masked when secret, with a reveal
/// toggle) and a copy button. `name` is the export key path, for tests and print.
#[component]
pub fn CopyValue(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    name: &'static str,
    #[prop(optional)] secret: bool,
    #[prop(optional)] warning: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let revealed = RwSignal::new(false);
    let shown = move || {
        let v = value.get();
        if v.is_empty() {
            i18n.t("copy.not_yet")
        } else if secret && !revealed.get() {
            "•".repeat(12)
        } else {
            v
        }
    };
    view! {
        <div class="copy-row" data-copy=name>
            <span class="copy-label">{move || label.get()}</span>
            <code data-value=name class:empty=move || value.with(String::is_empty)>{shown}</code>
            {secret.then(|| view! {
                <button type="button" aria-pressed=move || revealed.get().to_string()
                    on:click=move |_| revealed.update(|r| *r = !*r)>
                    {move || if revealed.get() { i18n.t("copy.hide") } else { i18n.t("copy.reveal") }}
                </button>
            })}
            <CopyButton value=value label=label/>
            {warning.map(|w| move || w.get().map(|text| view! { <span class="msg msg-warning">{text}</span> }))}
        </div>
    }
}
