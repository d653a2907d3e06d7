//! The check script's output, read into typed values, or refused with the reason. The text is
//! untrusted (pasted, or a file anyone could have written): it is parsed as data, never shown
//! as markup; its size, shape, strings and mailbox are checked before anything uses it.
//!
//! A section the script could not read (its `Errors` name it) or left out is `Failed` or
//! `Absent`, and the verdicts say so item by item: partial output is still useful.

use serde::Deserialize;
use serde_json::Value;

pub use super::sections::{
    strip_smtp, AutoForwarding, MailboxSettings, OrganizationConfig, OutboundPolicy, OutboundRule, RuleState, SmtpAuth,
};
use super::{SCHEMA, VERSION};
use crate::domain::finding::Message;

/// Far above what the script prints for a tenant with hundreds of rules.
pub const MAX_BYTES: usize = 256 * 1024;
const MAX_STRING_CHARS: usize = 2048;
const MAX_ITEMS: usize = 1000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseProblem {
    Empty,
    TooLarge {
        bytes: usize,
    },
    NotJson {
        line: usize,
        column: usize,
    },
    /// JSON, but not this script's document (no schema marker).
    NotCheckOutput,
    Version {
        found: String,
    },
    Shape {
        item: String,
        detail: String,
    },
    /// HTML or script inside a string: the check script never prints that.
    Markup {
        item: String,
    },
    /// Control or text-direction characters inside a string.
    Control {
        item: String,
    },
    TooLong {
        item: String,
    },
    TooMany {
        item: String,
        count: usize,
    },
    /// The wizard has no mailbox to compare with.
    NoMailbox,
    /// The output is about another mailbox than the wizard's.
    OtherMailbox {
        found: String,
        expected: String,
    },
}

impl ParseProblem {
    pub fn message(&self) -> Message {
        let m = |k| Message::new(k);
        match self {
            ParseProblem::Empty => m("exchange.parse.empty"),
            ParseProblem::TooLarge { bytes } => {
                m("exchange.parse.too_large").with("size", bytes.to_string()).with("max", MAX_BYTES.to_string())
            }
            ParseProblem::NotJson { line, column } => {
                m("exchange.parse.not_json").with("line", line.to_string()).with("column", column.to_string())
            }
            ParseProblem::NotCheckOutput => m("exchange.parse.not_check_output"),
            ParseProblem::Version { found } => {
                m("exchange.parse.version").with("found", found.clone()).with("expected", VERSION.to_string())
            }
            ParseProblem::Shape { item, detail } => {
                m("exchange.parse.shape").with("item", item.clone()).with("detail", detail.clone())
            }
            ParseProblem::Markup { item } => m("exchange.parse.markup").with("item", item.clone()),
            ParseProblem::Control { item } => m("exchange.parse.control").with("item", item.clone()),
            ParseProblem::TooLong { item } => m("exchange.parse.too_long").with("item", item.clone()),
            ParseProblem::TooMany { item, count } => {
                m("exchange.parse.too_many").with("item", item.clone()).with("count", count.to_string())
            }
            ParseProblem::NoMailbox => m("exchange.parse.no_mailbox"),
            ParseProblem::OtherMailbox { found, expected } => {
                m("exchange.parse.other_mailbox").with("found", found.clone()).with("expected", expected.clone())
            }
        }
    }
}

/// One part of the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Section<T> {
    Read(T),
    /// The script could not read it; Exchange's message (shown as text).
    Failed {
        message: String,
    },
    /// Not in the output at all.
    Absent,
}

impl<T> Section<T> {
    pub fn read(&self) -> Option<&T> {
        match self {
            Section::Read(t) => Some(t),
            _ => None,
        }
    }
}

/// The whole output, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckOutput {
    pub checked_mailbox: String,
    pub cas_mailbox: Section<SmtpAuth>,
    pub transport_config: Section<SmtpAuth>,
    pub mailbox: Section<MailboxSettings>,
    pub policies: Section<Vec<OutboundPolicy>>,
    pub rules: Section<Vec<OutboundRule>>,
    pub organization: Section<OrganizationConfig>,
}

const TOP_KEYS: [&str; 10] = [
    "Schema",
    "Version",
    "CheckedMailbox",
    "CASMailbox",
    "TransportConfig",
    "Mailbox",
    "OutboundSpamPolicies",
    "OutboundSpamRules",
    "OrganizationConfig",
    "Errors",
];

/// The JSON text: the whole paste, or the one line of it that is a JSON object (a console
/// copy may catch the prompt and the sign-in lines around it).
fn json_value(text: &str) -> Result<Value, ParseProblem> {
    let whole = serde_json::from_str::<Value>(text);
    let e = match whole {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let lines: Vec<Value> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('{'))
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .collect();
    match <[Value; 1]>::try_from(lines) {
        Ok([one]) => Ok(one),
        Err(_) => Err(ParseProblem::NotJson { line: e.line(), column: e.column() }),
    }
}

/// Every string is plain text of a sane length; lists stay short.
fn check_strings(v: &Value, path: &str) -> Result<(), ParseProblem> {
    let item = || path.to_string();
    match v {
        Value::String(s) => {
            if s.chars().count() > MAX_STRING_CHARS {
                return Err(ParseProblem::TooLong { item: item() });
            }
            let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if s.chars().any(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || bidi(c)) {
                return Err(ParseProblem::Control { item: item() });
            }
            let lower = s.to_ascii_lowercase();
            let tag = s.char_indices().any(|(i, c)| {
                c == '<'
                    && s[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
            });
            if tag || lower.contains("javascript:") {
                return Err(ParseProblem::Markup { item: item() });
            }
            Ok(())
        }
        Value::Array(items) => {
            if items.len() > MAX_ITEMS {
                return Err(ParseProblem::TooMany { item: item(), count: items.len() });
            }
            items.iter().enumerate().try_for_each(|(i, x)| check_strings(x, &format!("{path}[{i}]")))
        }
        Value::Object(map) => {
            if map.len() > MAX_ITEMS {
                return Err(ParseProblem::TooMany { item: item(), count: map.len() });
            }
            map.iter().try_for_each(|(k, x)| {
                check_strings(&Value::String(k.clone()), path)?;
                check_strings(x, &if path.is_empty() { k.clone() } else { format!("{path}.{k}") })
            })
        }
        _ => Ok(()),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct ReadError {
    item: String,
    message: String,
}

fn section<T: serde::de::DeserializeOwned>(
    doc: &serde_json::Map<String, Value>,
    key: &str,
    errors: &[ReadError],
) -> Result<Section<T>, ParseProblem> {
    match doc.get(key) {
        Some(v) => serde_json::from_value(v.clone())
            .map(Section::Read)
            .map_err(|e| ParseProblem::Shape { item: key.to_string(), detail: e.to_string() }),
        None => Ok(match errors.iter().find(|e| e.item.eq_ignore_ascii_case(key)) {
            Some(e) => Section::Failed { message: e.message.clone() },
            None => Section::Absent,
        }),
    }
}

/// Reads the output. `wizard_mailbox`: the addresses the wizard has for the mailbox (its
/// address and user principal name); the output must be about one of them.
pub fn parse(text: &str, wizard_mailbox: &[&str]) -> Result<CheckOutput, ParseProblem> {
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(ParseProblem::Empty);
    }
    if text.len() > MAX_BYTES {
        return Err(ParseProblem::TooLarge { bytes: text.len() });
    }
    let value = json_value(text)?;
    let Value::Object(doc) = &value else { return Err(ParseProblem::NotCheckOutput) };
    if doc.get("Schema").and_then(Value::as_str) != Some(SCHEMA) {
        return Err(ParseProblem::NotCheckOutput);
    }
    if doc.get("Version").and_then(Value::as_u64) != Some(VERSION) {
        let found = doc.get("Version").map(Value::to_string).unwrap_or_default();
        return Err(ParseProblem::Version { found: found.chars().take(20).collect() });
    }
    check_strings(&value, "")?;
    if let Some(k) = doc.keys().find(|k| !TOP_KEYS.contains(&k.as_str())) {
        return Err(ParseProblem::Shape { item: k.clone(), detail: "unknown item".into() });
    }
    let errors: Vec<ReadError> = match doc.get("Errors") {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => serde_json::from_value(v.clone())
            .map_err(|e| ParseProblem::Shape { item: "Errors".into(), detail: e.to_string() })?,
    };
    let checked = doc.get("CheckedMailbox").and_then(Value::as_str).unwrap_or("").trim().to_string();
    let out = CheckOutput {
        cas_mailbox: section(doc, "CASMailbox", &errors)?,
        transport_config: section(doc, "TransportConfig", &errors)?,
        mailbox: section(doc, "Mailbox", &errors)?,
        policies: section(doc, "OutboundSpamPolicies", &errors)?,
        rules: section(doc, "OutboundSpamRules", &errors)?,
        organization: section(doc, "OrganizationConfig", &errors)?,
        checked_mailbox: checked,
    };
    same_mailbox(&out, wizard_mailbox)?;
    Ok(out)
}

/// The output names the wizard's mailbox (as asked, and as Exchange answered).
fn same_mailbox(out: &CheckOutput, wizard: &[&str]) -> Result<(), ParseProblem> {
    let wanted: Vec<String> = wizard.iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
    if wanted.is_empty() {
        return Err(ParseProblem::NoMailbox);
    }
    let other = |found: &str| ParseProblem::OtherMailbox { found: found.to_string(), expected: wanted.join(", ") };
    if !wanted.contains(&out.checked_mailbox.to_lowercase()) {
        return Err(other(&out.checked_mailbox));
    }
    if let Some(m) = out.mailbox.read() {
        if !m.identities().iter().any(|i| wanted.contains(i)) {
            return Err(other(m.primary_smtp_address.as_deref().unwrap_or("")));
        }
    }
    Ok(())
}

/// A saved output file's text: UTF-8 (with or without BOM), or UTF-16 with its BOM, which
/// Windows PowerShell 5.1 writes for `> file`. Invalid sequences become U+FFFD (and then fail
/// `parse` like any other text).
pub fn decode_text(bytes: &[u8]) -> String {
    let utf16 = |rest: &[u8], le: bool| {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| {
                let pair = [c[0], c.get(1).copied().unwrap_or(0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}
