//! The app shell: header, configuration banner, stepper and the current step.

use leptos::prelude::*;

use crate::domain::config::ConfigStatus;

use super::components::{ConfigBanner, Header, Stepper, UpdateBanner};
use super::i18n::I18n;
use super::state::AppState;
use super::steps::StepPage;

/// `lang`: the language whose text is loaded; `config`: config.json as read (see `start`).
#[component]
pub fn App(lang: crate::domain::locale::Lang, config: ConfigStatus) -> impl IntoView {
    let i18n = I18n::new(lang);
    provide_context(i18n);
    let state = AppState::new(config);
    provide_context(state);
    super::connect::remember(state);
    state.persist();

    let _ = window_event_listener(leptos::ev::popstate, move |_| state.sync_route_from_location());

    // <html lang> and the tab title follow the language and the step.
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        let step = state.route.get();
        if let Some(doc) = crate::platform::document() {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            doc.set_title(&format!("{} · {}", i18n.t(step.title_key()), i18n.t("app.title")));
        }
    });

    view! {
        <a class="skip-link" href="#main">{i18n.text("app.skip_to_content")}</a>
        <Header/>
        <UpdateBanner/>
        <ConfigBanner/>
        {move || state.restore_failed.get().then(|| view! {
            <div class="banner banner-warning" role="alert" data-autosave="unreadable">
                {i18n.t("app.restore_failed")}
            </div>
        })}
        <div class="layout">
            <Stepper/>
            <main id="main" tabindex="-1" data-app-mounted="true">
                <StepPage/>
            </main>
        </div>
    }
}
