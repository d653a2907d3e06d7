//! The language in effect and text lookup for views.

use std::sync::OnceLock;

use leptos::prelude::*;

use crate::domain::locale::{Catalog, Lang};
use crate::domain::Message;
use crate::platform::{location, storage};

const LANG_KEY: &str = "webex-o365-setup.lang";

fn catalogs() -> &'static [Catalog; 2] {
    static CATALOGS: OnceLock<[Catalog; 2]> = OnceLock::new();
    CATALOGS.get_or_init(|| [Catalog::load(Lang::En), Catalog::load(Lang::Ja)])
}

fn catalog(lang: Lang) -> &'static Catalog {
    &catalogs()[match lang {
        Lang::En => 0,
        Lang::Ja => 1,
    }]
}

#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// `?lang=` first, then the remembered choice, then the browser's languages.
    pub fn detect() -> I18n {
        let query = location::query_param("lang");
        let remembered = storage::get(storage::Area::Local, LANG_KEY).ok().flatten();
        let browser: Vec<String> = crate::platform::window()
            .map(|w| w.navigator().languages().iter().filter_map(|v| v.as_string()).collect())
            .unwrap_or_default();
        I18n { lang: RwSignal::new(Lang::choose(query.as_deref(), remembered.as_deref(), &browser)) }
    }

    /// Switches language and remembers the choice.
    pub fn set(&self, lang: Lang) {
        let _ = storage::set(storage::Area::Local, LANG_KEY, lang.code());
        self.lang.set(lang);
    }

    pub fn t(&self, key: &str) -> String {
        catalog(self.lang.get()).text(key)
    }

    /// An RFC 3339 time shown in the admin's language and time zone.
    pub fn time(&self, rfc3339: &str) -> String {
        crate::platform::clock::local_time(rfc3339, self.lang.get().code())
    }

    pub fn msg(&self, message: &Message) -> String {
        catalog(self.lang.get()).render(message)
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
