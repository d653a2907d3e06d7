//! Locale catalogues and message rendering. The text itself lives in `locales/<lang>/*.json`;
//! this module only looks keys up and fills `{param}` placeholders. The browser build gets one
//! language at a time as a file (`Catalog::from_json`, see platform::locale); native code
//! (tests, tools) reads the files embedded at build time (`Lang::files`).

use std::collections::HashMap;

use super::finding::Message;

// Not in the wasm: there the text arrives as a file, one language at a time.
#[cfg(not(target_arch = "wasm32"))]
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// Accepts BCP 47 tags such as `ja-JP` or `en-US`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }

    /// `?lang=` wins, then the remembered choice, then the browser's languages in order.
    pub fn choose(query: Option<&str>, remembered: Option<&str>, browser: &[String]) -> Lang {
        query
            .and_then(Lang::from_tag)
            .or_else(|| remembered.and_then(Lang::from_tag))
            .or_else(|| browser.iter().find_map(|t| Lang::from_tag(t)))
            .unwrap_or_default()
    }

    /// The locale files for this language: (area, JSON text).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn files(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => embedded::EN,
            Lang::Ja => embedded::JA,
        }
    }
}

/// Problems found while loading a catalogue; the tests assert there are none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogProblem {
    NotAnObject { area: String },
    InvalidJson { area: String, detail: String },
    NotText { area: String, key: String },
    Duplicate { key: String, areas: (String, String) },
}

#[derive(Clone, Debug, Default)]
pub struct Catalog {
    entries: HashMap<String, String>,
}

impl Catalog {
    pub fn parse(files: &[(&str, &str)]) -> (Catalog, Vec<CatalogProblem>) {
        let mut catalog = Catalog::default();
        let mut areas: HashMap<String, String> = HashMap::new();
        let mut problems = Vec::new();
        for (area, text) in files {
            let value: serde_json::Value = match serde_json::from_str(text) {
                Ok(v) => v,
                Err(e) => {
                    problems.push(CatalogProblem::InvalidJson { area: area.to_string(), detail: e.to_string() });
                    continue;
                }
            };
            let Some(object) = value.as_object() else {
                problems.push(CatalogProblem::NotAnObject { area: area.to_string() });
                continue;
            };
            for (key, v) in object {
                let Some(s) = v.as_str() else {
                    problems.push(CatalogProblem::NotText { area: area.to_string(), key: key.clone() });
                    continue;
                };
                if let Some(first) = areas.insert(key.clone(), area.to_string()) {
                    problems.push(CatalogProblem::Duplicate { key: key.clone(), areas: (first, area.to_string()) });
                }
                catalog.entries.insert(key.clone(), s.to_string());
            }
        }
        (catalog, problems)
    }

    /// One language as the browser gets it: every area merged into one flat JSON object of
    /// key -> text (scripts/post-build.mjs writes it).
    pub fn from_json(text: &str) -> Result<Catalog, CatalogProblem> {
        serde_json::from_str(text)
            .map(|entries| Catalog { entries })
            .map_err(|e| CatalogProblem::InvalidJson { area: "*".into(), detail: e.to_string() })
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn load(lang: Lang) -> Catalog {
        Catalog::parse(lang.files()).0
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(String::as_str)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(|k| k.as_str())
    }

    /// The text for a key; a missing key shows as the key itself so it is visible, never blank.
    pub fn text(&self, key: &str) -> String {
        self.get(key).unwrap_or(key).to_string()
    }

    pub fn render(&self, message: &Message) -> String {
        fill(&self.text(message.key), &message.params)
    }
}

/// Replaces `{name}` with its parameter; unknown placeholders stay as written.
pub fn fill(template: &str, params: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match params.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choose_language() {
        let browser = vec!["fr-FR".to_string(), "ja-JP".to_string()];
        assert_eq!(Lang::choose(Some("ja"), Some("en"), &[]), Lang::Ja);
        assert_eq!(Lang::choose(Some("xx"), Some("ja"), &[]), Lang::Ja);
        assert_eq!(Lang::choose(None, None, &browser), Lang::Ja);
        assert_eq!(Lang::choose(None, None, &[]), Lang::En);
        assert_eq!(Lang::choose(None, Some("EN-us"), &browser), Lang::En);
    }

    #[test]
    fn fill_placeholders() {
        let p = vec![("n", "3".to_string()), ("host", "a{b}".to_string())];
        assert_eq!(fill("{n} days on {host}", &p), "3 days on a{b}");
        assert_eq!(fill("{missing} {n", &p), "{missing} {n");
        assert_eq!(fill("日本語 {n}", &p), "日本語 3");
    }

    #[test]
    fn duplicates_and_bad_files_are_reported() {
        let (_, problems) = Catalog::parse(&[("a", r#"{"k":"x"}"#), ("b", r#"{"k":"y","n":1}"#), ("c", "[")]);
        assert_eq!(problems.len(), 3, "{problems:?}");
    }

    #[test]
    fn one_merged_file_reads_like_its_areas() {
        let c = Catalog::from_json(r#"{"k":"x {v}","q":"\"quoted\"\n日本語"}"#).unwrap();
        assert_eq!(c.render(&Message::new("k").with("v", "1")), "x 1");
        assert_eq!(c.text("q"), "\"quoted\"\n日本語");
        assert!(Catalog::from_json(r#"{"k":1}"#).is_err());
        assert!(Catalog::from_json("[").is_err());
    }

    #[test]
    fn missing_key_shows_the_key() {
        let (c, _) = Catalog::parse(&[("a", r#"{"k":"x {v}"}"#)]);
        assert_eq!(c.render(&Message::new("k").with("v", "1")), "x 1");
        assert_eq!(c.text("nope"), "nope");
    }
}

/// Checks shared by each area's locale test: the messages a module can produce against the
/// area's files in both languages.
#[cfg(test)]
pub mod area_check {
    use std::collections::{BTreeMap, BTreeSet};

    use super::Lang;
    use crate::domain::finding::Message;

    fn area(lang: Lang, name: &str) -> BTreeMap<String, String> {
        let text = lang.files().iter().find(|(a, _)| *a == name).map(|(_, t)| *t).unwrap_or("{}");
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string())).collect()
    }

    /// Every sample message has text in both languages with exactly its parameters as
    /// placeholders; the area holds no key that no sample produces; keys carry the area's prefixes.
    pub fn assert_area(name: &str, samples: Vec<Message>, prefixes: &[&str]) {
        let (en, ja) = (area(Lang::En, name), area(Lang::Ja, name));
        assert!(!en.is_empty(), "locales/en/{name}.json is missing or empty");
        assert_eq!(en.keys().collect::<Vec<_>>(), ja.keys().collect::<Vec<_>>());
        let mut used = BTreeSet::new();
        for m in samples {
            used.insert(m.key.to_string());
            let params: BTreeSet<String> = m.params.iter().map(|(n, _)| n.to_string()).collect();
            for (lang, texts) in [("en", &en), ("ja", &ja)] {
                let text = texts.get(m.key).unwrap_or_else(|| panic!("{lang}: missing {}", m.key));
                assert_eq!(placeholders(text), params, "{lang}: {}", m.key);
            }
        }
        let orphans: Vec<_> = en.keys().filter(|k| !used.contains(*k)).collect();
        assert!(orphans.is_empty(), "keys no code produces: {orphans:?}");
        for key in en.keys() {
            assert!(prefixes.iter().any(|p| key.starts_with(p)), "{key} lacks one of the prefixes {prefixes:?}");
        }
    }
}
