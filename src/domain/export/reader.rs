//! Walking the parsed file: typed reads that never stop at the first problem. Each read
//! records its finding and returns the model's default, so one pass lists everything.

use super::json::{Json, Number};
use super::MAX_STRING_CHARS;
use crate::domain::field::Field;
use crate::domain::finding::{Finding, Message, Severity};
use std::collections::HashSet;

/// One JSON object of the file, with where it sits.
pub(super) struct Obj<'j> {
    /// Key path, e.g. `azure` or `verification.sent_from_outside` (empty for the root).
    pub path: String,
    pub entries: &'j [(String, Json)],
    /// False when the object is missing or not an object: its keys are then not reported
    /// one by one as missing (one finding about the object says it all).
    pub present: bool,
    /// Where findings about keys that have no `Field` of their own land.
    pub field: Field,
}

impl<'j> Obj<'j> {
    pub fn root(entries: &'j [(String, Json)]) -> Self {
        Obj { path: String::new(), entries, present: true, field: Field::ImportFile }
    }

    /// The first value under `key`; duplicates are reported by `Reader::child`/`check_keys`.
    pub fn get(&self, key: &str) -> Option<&'j Json> {
        get(self.entries, key)
    }

    pub fn path_of(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{}", self.path, key)
        }
    }

    fn field_of(&self, path: &str) -> Field {
        Field::from_key(path).unwrap_or(self.field)
    }
}

pub(super) fn get<'j>(entries: &'j [(String, Json)], key: &str) -> Option<&'j Json> {
    entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// A value as a finding parameter: short, and without control characters that would
/// garble the message.
pub(super) fn shown(s: &str) -> String {
    const MAX: usize = 80;
    let mut out: String = s.chars().take(MAX).map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect();
    if s.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

/// What the file holds where something else was expected (a finding parameter).
pub(super) fn describe(j: &Json) -> String {
    match j {
        Json::String(s) => format!("\"{}\"", shown(s)),
        Json::Number(Number::Unsigned(n)) => n.to_string(),
        Json::Number(Number::Signed(n)) => n.to_string(),
        Json::Number(Number::Float(n)) => n.to_string(),
        Json::Bool(b) => b.to_string(),
        other => other.type_name().to_owned(),
    }
}

/// Past this many findings the rest are only counted: a hostile file with 100 000 unknown
/// keys must not turn into 100 000 messages on screen.
pub(super) const MAX_FINDINGS: usize = 200;

type Params = Vec<(&'static str, String)>;

#[derive(Default)]
pub(super) struct Reader {
    findings: Vec<Finding>,
    omitted: usize,
    omitted_error: bool,
}

impl Reader {
    pub fn error(&mut self, field: Field, key: &'static str, path: &str, params: Params) {
        self.push(Severity::Error, field, key, path, params);
    }

    pub fn warning(&mut self, field: Field, key: &'static str, path: &str, params: Params) {
        self.push(Severity::Warning, field, key, path, params);
    }

    fn push(&mut self, severity: Severity, field: Field, key: &'static str, path: &str, params: Params) {
        let mut message = Message::new(key).with("key", path);
        message.params.extend(params);
        self.add(Finding { field, severity, message });
    }

    /// Any finding (also those without a `key` parameter).
    pub fn add(&mut self, finding: Finding) {
        if self.findings.len() < MAX_FINDINGS {
            self.findings.push(finding);
        } else {
            self.omitted += 1;
            self.omitted_error |= finding.severity == Severity::Error;
        }
    }

    /// All findings, with one more saying how many were left out (an error if any of those
    /// was, so a capped list can never turn a refusal into an accepted import).
    pub fn finish(mut self) -> Vec<Finding> {
        if self.omitted > 0 {
            let severity = if self.omitted_error { Severity::Error } else { Severity::Warning };
            let message = Message::new("import.more_problems").with("count", self.omitted.to_string());
            self.findings.push(Finding { field: Field::ImportFile, severity, message });
        }
        self.findings
    }

    /// Reports duplicate keys (errors: which value was meant?) and keys this version does
    /// not know (warnings: their values are dropped, possibly a typo of a known key).
    pub fn check_keys(&mut self, obj: &Obj<'_>, known: &[&str]) {
        // A set, not a scan: a 1 MiB object can hold 100 000+ keys.
        let mut seen = HashSet::new();
        for (key, _) in obj.entries {
            let path = obj.path_of(key);
            if !seen.insert(key.as_str()) {
                // Reported once per extra occurrence; the field is the key's own when known.
                let field = obj.field_of(&path);
                self.error(field, "import.duplicate_key", &shown(&path), vec![]);
            } else if !known.contains(&key.as_str()) {
                self.warning(obj.field, "import.unknown_key", &shown(&path), vec![]);
            }
        }
    }

    /// A nested object. Missing: one warning; not an object: one error.
    pub fn child<'j>(&mut self, parent: &Obj<'j>, key: &str, known: &[&str], field: Field) -> Obj<'j> {
        let path = parent.path_of(key);
        let entries: &'j [(String, Json)] = match parent.get(key) {
            Some(Json::Object(entries)) => entries,
            None => {
                if parent.present {
                    self.warning(field, "import.missing_key", &path, vec![]);
                }
                return Obj { path, entries: &[], present: false, field };
            }
            Some(other) => {
                self.error(field, "import.expected_object", &path, vec![("found", describe(other))]);
                return Obj { path, entries: &[], present: false, field };
            }
        };
        let obj = Obj { path, entries, present: true, field };
        self.check_keys(&obj, known);
        obj
    }

    /// An input the admin typed. Problems leave it empty.
    pub fn text(&mut self, obj: &Obj<'_>, key: &str) -> String {
        let path = obj.path_of(key);
        let field = obj.field_of(&path);
        match obj.get(key) {
            None => {
                self.missing(obj, field, &path);
                String::new()
            }
            Some(value) => self.string_value(value, field, &path).unwrap_or_default(),
        }
    }

    /// An optional string (absent is normal, e.g. `azure.client_secret`).
    pub fn optional_text(&mut self, obj: &Obj<'_>, key: &str) -> Option<String> {
        let path = obj.path_of(key);
        let field = obj.field_of(&path);
        obj.get(key).and_then(|value| self.string_value(value, field, &path))
    }

    /// A string with its type and length checked.
    pub fn string_value(&mut self, value: &Json, field: Field, path: &str) -> Option<String> {
        match value {
            Json::String(s) => {
                let length = s.chars().count();
                if length > MAX_STRING_CHARS {
                    self.error(
                        field,
                        "import.too_long",
                        path,
                        vec![("length", length.to_string()), ("max", MAX_STRING_CHARS.to_string())],
                    );
                    None
                } else {
                    Some(s.clone())
                }
            }
            other => {
                self.error(field, "import.expected_string", path, vec![("found", describe(other))]);
                None
            }
        }
    }

    /// One of an enum's `as_str` names. Problems leave the model's default.
    pub fn choice<T: Default>(&mut self, obj: &Obj<'_>, key: &str, parse: fn(&str) -> Option<T>, names: &[&str]) -> T {
        let path = obj.path_of(key);
        let field = obj.field_of(&path);
        let Some(value) = obj.get(key) else {
            self.missing(obj, field, &path);
            return T::default();
        };
        let Some(text) = self.string_value(value, field, &path) else {
            return T::default();
        };
        parse(&text).unwrap_or_else(|| {
            self.error(
                field,
                "import.unknown_value",
                &path,
                vec![("value", shown(&text)), ("allowed", names.join(", "))],
            );
            T::default()
        })
    }

    pub fn missing(&mut self, obj: &Obj<'_>, field: Field, path: &str) {
        if obj.present {
            self.warning(field, "import.missing_key", path, vec![]);
        }
    }

    /// A derived value: recomputed on import, so its value is ignored; a wrong type is only
    /// worth a warning (the file was edited by hand or by another tool). Absent is fine.
    pub fn derived(&mut self, obj: &Obj<'_>, key: &str, ok: fn(&Json) -> bool) {
        let path = obj.path_of(key);
        if let Some(value) = obj.get(key) {
            let too_long = matches!(value, Json::String(s) if s.chars().count() > MAX_STRING_CHARS);
            if !ok(value) || too_long {
                let field = obj.field_of(&path);
                self.warning(field, "import.derived_invalid", &path, vec![("found", describe(value))]);
            }
        }
    }
}
