//! Structured validation results. The domain never produces sentences: the UI looks the
//! message key up in the locale files, so every message exists in English and Japanese.

use super::field::Field;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Blocks the step from being complete.
    Error,
    /// Worth a look, but the value may be right (unknown host shapes, unverified facts).
    Warning,
    /// Neutral guidance shown next to a field.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A locale key plus named parameters substituted into `{name}` placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub params: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(key: &'static str) -> Self {
        Message { key, params: Vec::new() }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.push((name, value.into()));
        self
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub field: Field,
    pub severity: Severity,
    pub message: Message,
}

impl Finding {
    pub fn error(field: Field, message: Message) -> Self {
        Finding { field, severity: Severity::Error, message }
    }

    pub fn warning(field: Field, message: Message) -> Self {
        Finding { field, severity: Severity::Warning, message }
    }

    pub fn info(field: Field, message: Message) -> Self {
        Finding { field, severity: Severity::Info, message }
    }
}

/// Findings for one field, errors first.
pub fn for_field(findings: &[Finding], field: Field) -> Vec<&Finding> {
    let mut out: Vec<&Finding> = findings.iter().filter(|f| f.field == field).collect();
    super::sort::sort_by_key(&mut out, |f| f.severity);
    out
}

pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}
