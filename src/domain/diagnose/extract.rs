//! Finds every recognised error code in pasted text: a Generate Token pop-up, an SMTP reply,
//! a token-endpoint JSON body, a Graph error, a Webex Connect answer, a debug-console line,
//! a bounce, an HTML page or a redirect URL with `error_description=`. The text is first
//! decoded (percent-encoding, JSON escapes, HTML), then each scan is a single pass with
//! bounded look-around, so a 1 MB paste costs a few milliseconds; longer pastes are cut
//! (and the cut is reported).

use std::collections::HashMap;

use super::catalogue::{self, Entry, Kind, Pattern, Phase};
use super::normalize::normalize;
use super::reading::{self, Hints};
use super::smtp_scan::scan_smtp;
use crate::domain::finding::Message;
use crate::domain::url::percent_decode;

/// Pastes longer than this are read only up to here.
pub const MAX_INPUT_BYTES: usize = 1 << 20;
/// Distinct codes listed at most; more says so.
pub const MAX_RESULTS: usize = 100;
/// Longest code value kept from pasted text (longer runs are cut, never copied whole).
const MAX_CODE_LEN: usize = 64;
/// Longest AADSTS number a line wrap may join (Microsoft's codes have up to 7 digits).
const MAX_AADSTS_DIGITS: usize = 8;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Explained {
    /// A catalogued code; `seen` is how it appeared (`AADSTS50011`, `535 5.7.139`, ...).
    Known { entry: &'static Entry, seen: String },
    /// A code of a known shape that the catalogue does not explain, with the phase the
    /// text around it points to.
    Unknown { kind: Kind, code: String, phase: Option<Phase> },
    /// The paste was longer than `MAX_INPUT_BYTES`; only its start was read.
    Truncated { read_bytes: usize, total_bytes: usize },
    /// More than `MAX_RESULTS` distinct codes; only the first are listed.
    TooMany { shown: usize, found: usize },
}

impl Explained {
    /// One line to show for the result (details of known codes: `Entry::meaning/cause/fix`).
    pub fn headline(&self) -> Message {
        match self {
            Explained::Known { entry, .. } => entry.meaning(),
            Explained::Unknown { kind, code, .. } => {
                let key = match kind {
                    Kind::Aadsts => "errors.unknown.aadsts",
                    Kind::Smtp => "errors.unknown.smtp",
                    Kind::Graph => "errors.unknown.graph",
                    Kind::Webex => "errors.unknown.webex",
                };
                Message::new(key).with("code", code.clone())
            }
            Explained::Truncated { read_bytes, total_bytes } => Message::new("errors.limit.truncated")
                .with("read", read_bytes.to_string())
                .with("total", total_bytes.to_string()),
            Explained::TooMany { shown, found } => {
                Message::new("errors.limit.too_many").with("shown", shown.to_string()).with("found", found.to_string())
            }
        }
    }

    /// What can still be said about an unknown code: the phase its context points to, and
    /// for an SMTP code what its class and subject mean here.
    pub fn details(&self) -> Vec<Message> {
        let Explained::Unknown { kind, code, phase } = self else { return Vec::new() };
        let mut out: Vec<Message> = reading::phase_message(*kind, *phase).into_iter().collect();
        if *kind == Kind::Smtp {
            out.extend(reading::smtp_reading(code));
        }
        out
    }

    /// Microsoft's lookup page, for an unknown AADSTS code.
    pub fn lookup_url(&self) -> Option<String> {
        match self {
            Explained::Unknown { kind: Kind::Aadsts, code, .. } => reading::lookup_url(code),
            _ => None,
        }
    }

    pub fn entry(&self) -> Option<&'static Entry> {
        match self {
            Explained::Known { entry, .. } => Some(entry),
            _ => None,
        }
    }

    /// An SMTP success reply (2.x.x): listed only when nothing else was found.
    fn is_success(&self) -> bool {
        matches!(self, Explained::Unknown { kind: Kind::Smtp, code, .. }
            if reading::enhanced_parts(code).is_some_and(|(class, _, _)| class == 2))
    }
}

/// Every recognised code in `text`, each once, in order of first appearance; notices about
/// limits come last. Unknown AADSTS, SMTP and JSON `"code"` values are listed as unknown.
pub fn explain(text: &str) -> Vec<Explained> {
    let total = text.len();
    let head = &text[..floor_char_boundary(text, MAX_INPUT_BYTES)];
    // Redirect URLs carry the description percent-encoded with `+` for spaces; JSON bodies
    // escape line breaks; web pages wrap codes in tags and entities.
    let decoded = normalize(&percent_decode(head));
    let lower = decoded.to_ascii_lowercase();

    let mut hits = Hits::default();
    scan_aadsts(&lower, &mut hits);
    scan_smtp(&decoded, &lower, &mut hits);
    scan_json_codes(&decoded, &mut hits);
    scan_words_and_phrases(&decoded, &lower, &mut hits);
    if hits.map.is_empty() {
        // A bare 401 is only Webex Connect's when nothing else explains it (Graph and
        // Entra 401s carry their own code).
        if let Some(pos) = find_http_401(&lower) {
            if let Some(entry) = catalogue::all().find(|e| e.pattern == Pattern::EmptyHttp(401)) {
                hits.known(pos, entry, "HTTP 401".to_string());
            }
        }
    }

    let mut found = hits.into_sorted();
    for (specific, generic) in catalogue::REFINEMENTS {
        if found.iter().any(|(_, e)| e.entry().is_some_and(|x| x.id == *specific)) {
            found.retain(|(_, e)| e.entry().is_none_or(|x| x.id != *generic));
        }
    }
    // Success replies only help when nothing failed ("250 2.0.0 OK" pasted alone).
    if found.iter().any(|(_, e)| !e.is_success()) {
        found.retain(|(_, e)| !e.is_success());
    }
    let count = found.len();
    found.truncate(MAX_RESULTS);
    // The context is read only for the unknown codes actually listed.
    let mut hints: Option<Hints> = None;
    let mut out: Vec<Explained> = found
        .into_iter()
        .map(|(pos, mut e)| {
            if let Explained::Unknown { kind, code, phase } = &mut e {
                let hints = hints.get_or_insert_with(|| Hints::new(&lower));
                *phase = reading::phase_of(*kind, code, pos, hints);
            }
            e
        })
        .collect();
    if count > MAX_RESULTS {
        out.push(Explained::TooMany { shown: MAX_RESULTS, found: count });
    }
    if head.len() < total {
        out.push(Explained::Truncated { read_bytes: head.len(), total_bytes: total });
    }
    out
}

/// The app's own HTTP calls: an empty body has no code to find, so the status speaks.
pub fn explain_http(status: u16, body: &str) -> Vec<Explained> {
    if body.trim().is_empty() {
        return catalogue::all()
            .filter(|e| e.pattern == Pattern::EmptyHttp(status))
            .map(|entry| Explained::Known { entry, seen: format!("HTTP {status}") })
            .collect();
    }
    explain(body)
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Known(&'static str),
    Unknown(Kind, String),
}

/// First position of each distinct result.
#[derive(Default)]
pub(super) struct Hits {
    map: HashMap<Key, (usize, Explained)>,
}

impl Hits {
    fn insert(&mut self, pos: usize, key: Key, value: Explained) {
        match self.map.get_mut(&key) {
            Some(slot) if slot.0 <= pos => {}
            Some(slot) => *slot = (pos, value),
            None => {
                self.map.insert(key, (pos, value));
            }
        }
    }

    pub(super) fn known(&mut self, pos: usize, entry: &'static Entry, seen: String) {
        self.insert(pos, Key::Known(entry.id), Explained::Known { entry, seen });
    }

    /// An unknown code; `key` says which codes are the same (an SMTP code with and without
    /// its basic code), `code` is how it is shown.
    pub(super) fn unknown(&mut self, pos: usize, kind: Kind, key: String, code: String) {
        self.insert(pos, Key::Unknown(kind, key), Explained::Unknown { kind, code, phase: None });
    }

    /// Each result with the position it was first seen at, in order.
    fn into_sorted(self) -> Vec<(usize, Explained)> {
        let mut all: Vec<(usize, Explained)> = self.map.into_values().collect();
        // Same position (a Graph code found both in JSON and as a word) cannot produce two
        // results: the map is keyed by code. Ties sort by id to stay deterministic.
        crate::domain::sort::sort_by(&mut all, |a, b| {
            a.0.cmp(&b.0).then_with(|| sort_name(&a.1).cmp(&sort_name(&b.1)))
        });
        all
    }
}

fn sort_name(e: &Explained) -> String {
    match e {
        Explained::Known { entry, .. } => entry.id.to_string(),
        Explained::Unknown { code, .. } => code.clone(),
        _ => String::new(),
    }
}

fn scan_aadsts(lower: &str, hits: &mut Hits) {
    let b = lower.as_bytes();
    for (pos, _) in lower.match_indices("aadsts") {
        let mut start = pos + 6;
        // A line wrapped right after the prefix.
        if count_digits(b, start, 1) == 0 {
            match soft_wrap(b, start) {
                Some(j) if count_digits(b, j, 1) == 1 => start = j,
                _ => continue,
            }
        }
        let digits = count_digits(b, start, MAX_CODE_LEN);
        let mut number = lower[start..start + digits].to_string();
        // A line wrapped inside the number: joined only when that makes a catalogued code
        // and the first part is not one (a code at a line's end stays itself).
        if let Some(j) = soft_wrap(b, start + digits) {
            let more = count_digits(b, j, MAX_AADSTS_DIGITS);
            if more > 0 && digits + more <= MAX_AADSTS_DIGITS {
                let joined = format!("{number}{}", &lower[j..j + more]);
                if known_aadsts(&joined).is_some() && known_aadsts(&number).is_none() {
                    number = joined;
                }
            }
        }
        match known_aadsts(&number) {
            Some(entry) => hits.known(pos, entry, entry.code.to_string()),
            None => hits.unknown(pos, Kind::Aadsts, number.clone(), format!("AADSTS{number}")),
        }
    }
}

/// The catalogued entry for a code's digits (a leading zero is not the same code).
fn known_aadsts(number: &str) -> Option<&'static Entry> {
    if number.starts_with('0') {
        return None;
    }
    number.parse::<u32>().ok().and_then(catalogue::by_aadsts)
}

/// `"code": "<value>"`, also inside an escaped JSON string (`\"code\":\"...\"`).
fn scan_json_codes(text: &str, hits: &mut Hits) {
    let b = text.as_bytes();
    for (pos, _) in text.match_indices("code") {
        if pos == 0 || b[pos - 1] != b'"' {
            continue;
        }
        let mut j = pos + 4;
        j = skip_byte(b, j, b'\\');
        if b.get(j) != Some(&b'"') {
            continue;
        }
        j = skip_spaces(b, j + 1);
        if b.get(j) != Some(&b':') {
            continue;
        }
        j = skip_spaces(b, j + 1);
        j = skip_byte(b, j, b'\\');
        if b.get(j) != Some(&b'"') {
            continue;
        }
        let start = j + 1;
        let len = b[start..]
            .iter()
            .take(MAX_CODE_LEN + 1)
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
            .count();
        let closed = matches!(b.get(start + len), Some(b'"' | b'\\'));
        if len == 0 || len > MAX_CODE_LEN || !closed {
            continue;
        }
        let value = &text[start..start + len];
        let known = catalogue::all().find(|e| matches!(e.pattern, Pattern::Code { value: v, .. } if v == value));
        // Webex Connect codes are numbers, Graph codes are names.
        let kind = if value.bytes().all(|c| c.is_ascii_digit()) { Kind::Webex } else { Kind::Graph };
        match known {
            Some(entry) => hits.known(pos - 1, entry, value.to_string()),
            None => hits.unknown(pos - 1, kind, value.to_string(), value.to_string()),
        }
    }
}

/// Graph code names as whole words (console lines quote them without JSON), phrases, and
/// SMTP exception names that identify a reply without its code.
fn scan_words_and_phrases(text: &str, lower: &str, hits: &mut Hits) {
    let b = text.as_bytes();
    let is_word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
    for entry in catalogue::all() {
        match entry.pattern {
            Pattern::Code { value, bare: true } => {
                for (pos, _) in text.match_indices(value) {
                    let before_ok = pos == 0 || !is_word(&b[pos - 1]);
                    let after_ok = !b.get(pos + value.len()).is_some_and(is_word);
                    if before_ok && after_ok {
                        hits.known(pos, entry, value.to_string());
                        break;
                    }
                }
            }
            Pattern::Phrase(phrase) => {
                if let Some(pos) = lower.find(phrase) {
                    hits.known(pos, entry, text[pos..pos + phrase.len()].to_string());
                }
            }
            Pattern::Smtp { phrases, alone: true, .. } => {
                if let Some(pos) = phrases.iter().filter_map(|p| lower.find(p)).min() {
                    hits.known(pos, entry, entry.code.to_string());
                }
            }
            _ => {}
        }
    }
}

/// `HTTP/1.1 401`, `HTTP/2 401` or `401 Unauthorized`.
fn find_http_401(lower: &str) -> Option<usize> {
    let b = lower.as_bytes();
    let status_line = lower.match_indices("http/").find_map(|(pos, _)| {
        let v = b[pos + 5..].iter().take(4).take_while(|c| c.is_ascii_digit() || **c == b'.').count();
        let rest = &b[pos + 5 + v..];
        (v > 0 && rest.starts_with(b" 401") && !rest.get(4).is_some_and(u8::is_ascii_digit)).then_some(pos)
    });
    status_line.or_else(|| {
        lower
            .match_indices("401 unauthorized")
            .find(|(pos, _)| *pos == 0 || !b[pos - 1].is_ascii_digit())
            .map(|(pos, _)| pos)
    })
}

pub(super) fn count_digits(b: &[u8], from: usize, max: usize) -> usize {
    b.get(from..).map_or(0, |s| s.iter().take(max).take_while(|c| c.is_ascii_digit()).count())
}

/// Past a line break at `i` and the indentation after it (spaces, tabs, a `>` quote
/// marker): where a wrapped line goes on. `None` when no line breaks at `i`.
pub(super) fn soft_wrap(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + usize::from(b.get(i) == Some(&b'\r'));
    if b.get(j) != Some(&b'\n') {
        return None;
    }
    j += 1;
    j += b[j..].iter().take(16).take_while(|c| matches!(c, b' ' | b'\t' | b'>')).count();
    Some(j)
}

fn skip_byte(b: &[u8], i: usize, byte: u8) -> usize {
    if b.get(i) == Some(&byte) {
        i + 1
    } else {
        i
    }
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
#[path = "extract_tests.rs"]
mod tests;
