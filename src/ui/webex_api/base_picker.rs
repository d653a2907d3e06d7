use leptos::prelude::*;

use crate::domain::webex::CallbackUrl;
use crate::domain::webex_api::region::{choices, region_map, Api, BaseUrl};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

/// The base URL one API is called at: what the Call Back URL (or config.json) says, with how
/// sure that is, and a list to pick another. Returns the base in effect ("" = none chosen).
pub(crate) fn use_base(api: Api) -> (Memo<BaseUrl>, RwSignal<Option<String>>, Signal<String>) {
    let state = use_state();
    let mapped = Memo::new(move |_| {
        let overrides = state.config.with(|c| c.config().webex);
        let callback = state.setup.with(|s| CallbackUrl::parse(&s.webex_connect.callback_url).ok());
        region_map(callback.as_ref(), &overrides).get(api).clone()
    });
    let chosen = RwSignal::new(None::<String>);
    let base = Signal::derive(move || {
        chosen.get().unwrap_or_else(|| mapped.with(|m| m.url().unwrap_or_default().to_string()))
    });
    (mapped, chosen, base)
}

#[component]
pub(crate) fn BasePicker(
    api: Api,
    mapped: Memo<BaseUrl>,
    chosen: RwSignal<Option<String>>,
    base: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("webex_api.{}.base", api.key());
    let options = move || {
        let mut list: Vec<(String, String)> = Vec::new();
        if let BaseUrl::Known { url, certainty } = mapped.get() {
            list.push((url.clone(), format!("{url} ({})", i18n.t(certainty.key()))));
        }
        for (label, url) in choices(api) {
            if !list.iter().any(|(u, _)| *u == url) {
                list.push((url.clone(), format!("{url} ({label})")));
            }
        }
        list
    };
    let note = move || match mapped.get() {
        BaseUrl::Known { certainty, .. } if chosen.with(Option::is_none) => {
            Some((certainty.key(), i18n.t(&format!("{}.note", certainty.key()))))
        }
        BaseUrl::Choose if chosen.with(Option::is_none) => Some(("choose", i18n.t("webex_api.region.choose"))),
        _ => None,
    };
    view! {
        <div class="field" data-base=api.key() data-base-url=move || base.get()>
            <label for=id.clone()>{i18n.text("webex_api.region.label")}</label>
            <select
                id=id.clone()
                name=id.clone()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    chosen.set((!v.is_empty()).then_some(v));
                }
            >
                <option value="" selected=move || base.with(String::is_empty)>
                    {i18n.text("webex_api.region.choose_option")}
                </option>
                {move || {
                    options()
                        .into_iter()
                        .map(|(url, text)| {
                            let selected = base.with(|b| *b == url);
                            view! { <option value=url selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {move || note().map(|(kind, text)| {
                let warn = kind != "webex_api.region.documented" && kind != "webex_api.region.override";
                view! { <p class="hint" class:msg=warn class:msg-warning=warn data-certainty=kind>{text}</p> }
            })}
        </div>
    }
}
