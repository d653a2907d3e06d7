//! The new client secret's lifetime, as the portal offers it (3 to 24 months): provisioning
//! and day two's rotation both choose it here.

use leptos::prelude::*;

use crate::domain::Message;
use crate::ui::i18n::use_i18n;

const LIFETIMES: [u32; 4] = [90, 180, 365, 730];

#[component]
pub fn LifetimeSelect(
    id: &'static str,
    name: &'static str,
    days: RwSignal<u32>,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = LIFETIMES
        .iter()
        .map(|d| {
            let d = *d;
            view! {
                <option value=d.to_string() selected=move || days.get() == d>
                    {move || i18n.msg(&Message::new("provision.lifetime_days").with("days", d.to_string()))}
                </option>
            }
        })
        .collect_view();
    view! {
        <select id=id name=name disabled=move || disabled.get()
            on:change=move |ev| {
                if let Ok(d) = event_target_value(&ev).parse() {
                    days.set(d);
                }
            }>
            {options}
        </select>
    }
}
