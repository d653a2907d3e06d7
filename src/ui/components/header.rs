use leptos::prelude::*;

use crate::domain::locale::Lang;
use crate::ui::i18n::use_i18n;

/// Product name and the language switch.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="app-header">
            <div class="brand">
                <span class="brand-name">{i18n.text("app.title")}</span>
                <span class="brand-sub">{i18n.text("app.subtitle")}</span>
            </div>
            <label class="lang-switch">
                <span>{i18n.text("app.language")}</span>
                <select
                    id="lang-switch"
                    on:change=move |ev| {
                        if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                            i18n.set(lang);
                        }
                    }
                >
                    {Lang::ALL
                        .into_iter()
                        .map(|lang| {
                            view! {
                                <option value=lang.code() lang=lang.code() selected=move || i18n.lang.get() == lang>
                                    {move || i18n.t(&format!("lang.{}", lang.code()))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </header>
    }
}
