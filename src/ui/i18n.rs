//! The language in effect and text lookup for views. Only the language in use is loaded (a
//! file, see platform::locale); the app mounts once it is in, and a switch changes the
//! language only once the other one's text is in, so no view ever shows a key for want of it.

use std::sync::OnceLock;

use leptos::prelude::*;

use crate::domain::locale::{Catalog, Lang};
use crate::domain::Message;
use crate::platform::{location, storage};

const LANG_KEY: &str = "webex-o365-setup.lang";

static CATALOGS: [OnceLock<Catalog>; 2] = [OnceLock::new(), OnceLock::new()];

fn slot(lang: Lang) -> &'static OnceLock<Catalog> {
    &CATALOGS[match lang {
        Lang::En => 0,
        Lang::Ja => 1,
    }]
}

/// Fetches and reads a language's text unless it is already in.
pub async fn load(lang: Lang) -> Result<(), String> {
    if slot(lang).get().is_some() {
        return Ok(());
    }
    let text = crate::platform::locale::text(lang).await?;
    let catalog = Catalog::from_json(&text).map_err(|e| format!("{e:?}"))?;
    let _ = slot(lang).set(catalog);
    Ok(())
}

/// `?lang=` first, then the remembered choice, then the browser's languages.
pub fn detect() -> Lang {
    let query = location::query_param("lang");
    let remembered = storage::get(storage::Area::Local, LANG_KEY).ok().flatten();
    let browser: Vec<String> = crate::platform::window()
        .map(|w| w.navigator().languages().iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default();
    Lang::choose(query.as_deref(), remembered.as_deref(), &browser)
}

#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// For a language whose text is loaded (`load`).
    pub fn new(lang: Lang) -> I18n {
        I18n { lang: RwSignal::new(lang) }
    }

    /// Switches once the language's text is in, and remembers the choice.
    pub fn set(&self, lang: Lang) {
        let signal = self.lang;
        leptos::task::spawn_local(async move {
            match load(lang).await {
                Ok(()) => {
                    let _ = storage::set(storage::Area::Local, LANG_KEY, lang.code());
                    signal.set(lang);
                }
                Err(e) => leptos::logging::warn!("language {}: {e}", lang.code()),
            }
        });
    }

    pub fn t(&self, key: &str) -> String {
        match slot(self.lang.get()).get() {
            Some(catalog) => catalog.text(key),
            None => key.to_string(),
        }
    }

    /// An RFC 3339 time shown in the admin's language and time zone.
    pub fn time(&self, rfc3339: &str) -> String {
        crate::platform::clock::local_time(rfc3339, self.lang.get().code())
    }

    /// A text node that follows the language. One closure type for every such node, so the
    /// renderer is compiled once rather than once per sentence (most of the wasm's view code).
    pub fn text(self, key: &'static str) -> impl IntoView + use<> {
        move || self.t(key)
    }

    pub fn msg(&self, message: &Message) -> String {
        match slot(self.lang.get()).get() {
            Some(catalog) => catalog.render(message),
            None => message.key.to_string(),
        }
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
