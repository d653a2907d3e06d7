//! Locale catalogues and message rendering. The text itself lives in `locales/<lang>/*.json`,
//! embedded at build time; this module only looks keys up and fills `{param}` placeholders.

use std::collections::HashMap;

use super::finding::Message;

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
    entries: HashMap<String, (String, String)>,
}

impl Catalog {
    pub fn parse(files: &[(&str, &str)]) -> (Catalog, Vec<CatalogProblem>) {
        let mut catalog = Catalog::default();
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
                if let Some((_, first)) = catalog.entries.get(key) {
                    problems
                        .push(CatalogProblem::Duplicate { key: key.clone(), areas: (first.clone(), area.to_string()) });
                }
                catalog.entries.insert(key.clone(), (s.to_string(), area.to_string()));
            }
        }
        (catalog, problems)
    }

    pub fn load(lang: Lang) -> Catalog {
        Catalog::parse(lang.files()).0
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(|(text, _)| text.as_str())
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
    fn missing_key_shows_the_key() {
        let (c, _) = Catalog::parse(&[("a", r#"{"k":"x {v}"}"#)]);
        assert_eq!(c.render(&Message::new("k").with("v", "1")), "x 1");
        assert_eq!(c.text("nope"), "nope");
    }
}
