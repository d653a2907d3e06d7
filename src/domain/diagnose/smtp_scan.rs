//! SMTP replies in pasted text: an enhanced status code `c.sss.ddd` (RFC 3463), usually
//! after its basic reply code, written as libraries and consoles print them: `535 5.7.139`,
//! `535-5.7.139`, `535: 5.7.139` (MailKit), `(535, b'5.7.139` (Python's smtplib),
//! `535.5.7.139`, across a line wrap, or alone (`SmtpCommandException: 5.7.139 ...`). The
//! reply's text tells variants of one code apart (535 5.7.139).

use std::cell::RefCell;

use super::catalogue::{self, Entry, Kind, Pattern};
use super::extract::{count_digits, soft_wrap, Hits};

/// How far around an SMTP code its explanatory text is looked for.
const TEXT_AFTER: usize = 400;
const TEXT_BEFORE: usize = 200;
/// A code without its basic code counts only with reply words this close.
const BARE_AFTER: usize = 120;
const BARE_BEFORE: usize = 80;

/// Words of an SMTP reply (lowercase): a lone `5.7.3` near them is a reply, not a version.
const REPLY_WORDS: &[&str] = &[
    "authentication",
    "authenticated",
    "access denied",
    "client",
    "sender",
    "recipient",
    "mailbox",
    "storedrv",
    "relay",
    "forwarding",
    "permission",
    "server busy",
    "temporary",
    "try again",
    "limit",
    "quota",
    "tls",
    "rejected",
    "denied",
    "insufficient",
    "loop",
    "unavailable",
    "not supported",
    "unrecognized",
];
/// Words right before a lone code that say an SMTP reply follows.
const CONTEXT_BEFORE: &[&str] = &["smtp", "status:", "diagnostic-code", "exception", "dsn="];
/// Words right before a dotted number that make it a version, not a code.
const VERSION_WORDS: &[&str] = &["version", "ver", "release", "build", "rev", "mailkit", "v"];

/// A parsed enhanced status code and where it was written.
struct Enhanced {
    class: u8,
    subject: u16,
    detail: u16,
    start: usize,
    end: usize,
}

impl Enhanced {
    fn text(&self) -> String {
        format!("{}.{}.{}", self.class, self.subject, self.detail)
    }
}

pub(super) fn scan_smtp(text: &str, lower: &str, hits: &mut Hits) {
    let b = text.as_bytes();
    let mut index: Option<PhraseIndex> = None;
    let patterns = SmtpPatterns::new();
    let mut i = 0;
    while i + 4 < b.len() {
        if !matches!(b[i], b'2' | b'4' | b'5') || b[i + 1] != b'.' {
            i += 1;
            continue;
        }
        let Some(code) = enhanced_code_at(b, i, &patterns) else {
            i += 1;
            continue;
        };
        let index = index.get_or_insert_with(|| PhraseIndex::new(lower));
        let basic = basic_code_before(b, i).filter(|(_, n)| n / 100 == u16::from(code.class));
        let start = basic.map_or(i, |(s, _)| s);
        let enhanced = code.text();
        let seen = match basic {
            Some((_, n)) => format!("{n} {enhanced}"),
            None => enhanced.clone(),
        };
        let entry = smtp_entry(&patterns, index, start, code.end, basic.map(|(_, n)| n), &code);
        let bare_ok = || basic.is_none() && bare_code_counts(lower, index, &code, entry.is_some());
        match entry {
            Some(entry) if basic.is_some() || bare_ok() => hits.known(start, entry, seen),
            // A success is worth saying only when written as a whole reply.
            None if code.class == 2 && basic.is_none() => {}
            None if basic.is_some() || bare_ok() => hits.unknown(start, Kind::Smtp, enhanced, seen),
            _ => {}
        }
        i = code.end;
    }
}

/// Whether a code written without its basic code is an SMTP reply: reply words right after
/// it (or a console's SMTP prefix right before), and no version word in front.
fn bare_code_counts(lower: &str, index: &PhraseIndex, code: &Enhanced, known: bool) -> bool {
    let b = lower.as_bytes();
    let word_start = code.start - b[..code.start].iter().rev().take(12).take_while(|c| **c == b' ').count();
    let word = &b[..word_start];
    let word_len = word.iter().rev().take(12).take_while(|c| c.is_ascii_alphabetic()).count();
    let previous = &lower[word_start - word_len..word_start];
    if VERSION_WORDS.contains(&previous) {
        return false;
    }
    let after = (code.end, code.end + if known { TEXT_AFTER } else { BARE_AFTER });
    let before = (code.start.saturating_sub(BARE_BEFORE), code.start);
    REPLY_WORDS.iter().any(|w| index.within(w, after)) || CONTEXT_BEFORE.iter().any(|w| index.within(w, before))
}

fn smtp_entry(
    patterns: &SmtpPatterns,
    index: &PhraseIndex,
    start: usize,
    end: usize,
    basic: Option<u16>,
    code: &Enhanced,
) -> Option<&'static Entry> {
    let candidates = patterns.matching(code.class, code.subject, code.detail).filter(|p| p.accepts_basic(basic));
    let mut fallback = None;
    // The text after the code describes it; the text before is a second chance for
    // consoles that print the description first.
    for window in [(end, end + TEXT_AFTER), (start.saturating_sub(TEXT_BEFORE), start)] {
        for p in candidates.clone() {
            if p.phrases.is_empty() {
                fallback = fallback.or(Some(p.entry));
            } else if p.phrases.iter().any(|phrase| index.within(phrase, window)) {
                return Some(p.entry);
            }
        }
    }
    fallback
}

/// The catalogue's SMTP patterns with their codes parsed once per scan: a paste full of
/// codes compares numbers, not strings.
struct SmtpPatterns {
    list: Vec<SmtpPattern>,
}

struct SmtpPattern {
    entry: &'static Entry,
    basic: u16,
    code: (u8, u16, u16, u16),
    phrases: &'static [&'static str],
}

impl SmtpPattern {
    fn accepts_basic(&self, basic: Option<u16>) -> bool {
        self.basic == 0 || basic.is_none_or(|b| b == self.basic)
    }
}

impl SmtpPatterns {
    fn new() -> SmtpPatterns {
        let list = catalogue::all()
            .filter_map(|entry| match entry.pattern {
                Pattern::Smtp { basic, enhanced, phrases, .. } => {
                    parse_pattern(enhanced).map(|code| SmtpPattern { entry, basic, code, phrases })
                }
                _ => None,
            })
            .collect();
        SmtpPatterns { list }
    }

    fn matching(&self, class: u8, subject: u16, detail: u16) -> impl Iterator<Item = &SmtpPattern> + Clone {
        self.list.iter().filter(move |p| {
            let (c, s, lo, hi) = p.code;
            c == class && s == subject && (lo..=hi).contains(&detail)
        })
    }

    fn catalogued(&self, class: u8, subject: u16, detail: u16) -> bool {
        self.matching(class, subject, detail).next().is_some()
    }
}

/// `c.s.d` or a detail range `c.s.lo-hi` as (class, subject, lo, hi).
fn parse_pattern(pattern: &str) -> Option<(u8, u16, u16, u16)> {
    let (code, hi) = pattern.split_once('-').unwrap_or((pattern, ""));
    let mut parts = code.split('.').map(|p| p.parse::<u16>().ok());
    let (Some(Some(c)), Some(Some(s)), Some(Some(lo))) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    Some((u8::try_from(c).ok()?, s, lo, hi.parse::<u16>().unwrap_or(lo)))
}

#[cfg(test)]
fn enhanced_matches(pattern: &str, class: u8, subject: u16, detail: u16) -> bool {
    parse_pattern(pattern).is_some_and(|(c, s, lo, hi)| c == class && s == subject && (lo..=hi).contains(&detail))
}

/// Where each phrase occurs, so that "is this phrase near that code" is a binary search
/// rather than a scan of the window: a paste full of codes stays linear. A phrase's
/// positions are found the first time it is asked for: most pastes need only a few.
pub(super) struct PhraseIndex<'a> {
    lower: &'a str,
    /// Phrase and its sorted positions; phrases are the catalogue's constants, told apart
    /// by address (a handful, so a scan beats hashing the text on every lookup).
    positions: RefCell<Vec<(&'static str, Vec<usize>)>>,
}

impl<'a> PhraseIndex<'a> {
    fn new(lower: &'a str) -> PhraseIndex<'a> {
        PhraseIndex { lower, positions: RefCell::new(Vec::new()) }
    }

    /// Whether `phrase` occurs wholly inside `lo..hi`.
    fn within(&self, phrase: &'static str, (lo, hi): (usize, usize)) -> bool {
        let mut positions = self.positions.borrow_mut();
        let at = match positions.iter().position(|(p, _)| std::ptr::eq(*p, phrase)) {
            Some(at) => at,
            None => {
                positions.push((phrase, self.lower.match_indices(phrase).map(|(p, _)| p).collect()));
                positions.len() - 1
            }
        };
        let list = &positions[at].1;
        let first = list.partition_point(|p| *p < lo);
        list.get(first).is_some_and(|p| p + phrase.len() <= hi)
    }
}

/// The enhanced code starting at `i`: class 2/4/5, subject and detail of 1-3 digits, not part
/// of a longer dotted number (IP address, version, date). A line wrap may follow a dot, or
/// split the detail when only the joined code is catalogued.
fn enhanced_code_at(b: &[u8], i: usize, patterns: &SmtpPatterns) -> Option<Enhanced> {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.' && dotted_basic_before(b, i).is_none()) {
        return None;
    }
    let class = b[i] - b'0';
    let mut j = after_dot(b, i + 1)?;
    let subject_len = count_digits(b, j, 4);
    if !(1..=3).contains(&subject_len) {
        return None;
    }
    let subject = parse(&b[j..j + subject_len]);
    j = after_dot(b, j + subject_len)?;
    let detail_len = count_digits(b, j, 4);
    if !(1..=3).contains(&detail_len) {
        return None;
    }
    let mut detail = parse(&b[j..j + detail_len]);
    let mut end = j + detail_len;
    if let Some(k) = soft_wrap(b, end) {
        let more = count_digits(b, k, 3);
        if more > 0 && detail_len + more <= 3 {
            let joined = parse(&[&b[j..j + detail_len], &b[k..k + more]].concat());
            if patterns.catalogued(class, subject, joined) && !patterns.catalogued(class, subject, detail) {
                detail = joined;
                end = k + more;
            }
        }
    }
    let dotted_on = b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit);
    if dotted_on || b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some(Enhanced { class, subject, detail, start: i, end })
}

/// Past the `.` at `i`, and past a line wrap right after it (a code cannot end in a dot).
fn after_dot(b: &[u8], i: usize) -> Option<usize> {
    (b.get(i) == Some(&b'.')).then(|| soft_wrap(b, i + 1).unwrap_or(i + 1))
}

fn parse(digits: &[u8]) -> u16 {
    digits.iter().fold(0u16, |n, d| n.saturating_mul(10).saturating_add(u16::from(d - b'0')))
}

/// `535.` right before `i` (a library that wrote the reply with dots): a basic code of
/// 400 or more, which no IPv4 address has.
fn dotted_basic_before(b: &[u8], i: usize) -> Option<usize> {
    let start = i.checked_sub(4)?;
    let ok = b[i - 1] == b'.'
        && count_digits(b, start, 3) == 3
        && matches!(b[start], b'4' | b'5')
        && (start == 0 || !(b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'.'));
    ok.then_some(start)
}

/// The basic reply code right before the enhanced code at `i`, with what may sit between
/// them: `535 `, `535-`, `535.`, `535: `, `(535, b'`, `(432, '`, a line wrap, a no-break or
/// ideographic space.
fn basic_code_before(b: &[u8], i: usize) -> Option<(usize, u16)> {
    if let Some(start) = dotted_basic_before(b, i) {
        return Some((start, parse(&b[start..start + 3])));
    }
    let mut j = i;
    // A Python bytes or str repr: `b'5.7.139` or `'4.3.2`.
    if j > 0 && matches!(b[j - 1], b'\'' | b'"') {
        j -= 1;
        j -= usize::from(j > 0 && b[j - 1] == b'b');
    }
    let gap_end = j;
    let mut newlines = 0;
    while j > 0 && gap_end - j < 8 {
        match b[j - 1] {
            b' ' | b'\t' | b'\r' => j -= 1,
            b'\n' => {
                newlines += 1;
                j -= 1;
            }
            // U+00A0 no-break space (C2 A0) and U+3000 ideographic space (E3 80 80).
            0xa0 if j >= 2 && b[j - 2] == 0xc2 => j -= 2,
            0x80 if j >= 3 && b[j - 3] == 0xe3 && b[j - 2] == 0x80 => j -= 3,
            _ => break,
        }
    }
    // `535-5.7.139` (a dash only right against the code) or `535: 5.7.139`, `(535, b'...`.
    let dash = j == gap_end && j > 0 && b[j - 1] == b'-';
    if dash || j > 0 && matches!(b[j - 1], b':' | b',') {
        j -= 1;
    }
    if j == i || newlines > 1 {
        return None;
    }
    let start = j.checked_sub(3)?;
    if count_digits(b, start, 3) != 3 || (start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'.')) {
        return None;
    }
    Some((start, parse(&b[start..start + 3])))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The basic code before the enhanced code each text ends with.
    fn basic(text: &str) -> Option<u16> {
        let code = if text.ends_with("4.3.2") { "4.3.2" } else { "5.7.139" };
        basic_code_before(text.as_bytes(), text.len() - code.len()).map(|(_, n)| n)
    }

    #[test]
    fn basic_codes_are_found_in_every_written_form() {
        for (text, want) in [
            ("535 5.7.139", Some(535)),
            ("535-5.7.139", Some(535)),
            ("535: 5.7.139", Some(535)),
            ("(535, b'5.7.139", Some(535)),
            ("(432, '4.3.2", Some(432)),
            ("535.5.7.139", Some(535)),
            ("535\n   5.7.139", Some(535)),
            ("535\u{3000}5.7.139", Some(535)),
            ("535\u{a0}5.7.139", Some(535)),
            ("5.7.139", None),
            ("1535 5.7.139", None),
            ("535\n\n5.7.139", None),
            ("10.535 5.7.139", None),
            ("535;5.7.139", None),
        ] {
            assert_eq!(basic(text), want, "{text:?}");
        }
    }

    #[test]
    fn every_catalogue_smtp_pattern_parses() {
        let smtp = catalogue::all().filter(|e| matches!(e.pattern, Pattern::Smtp { .. })).count();
        assert_eq!(SmtpPatterns::new().list.len(), smtp);
    }

    #[test]
    fn ranges_and_exact_codes_match() {
        assert!(enhanced_matches("4.7.500-699", 4, 7, 500));
        assert!(enhanced_matches("4.7.500-699", 4, 7, 699));
        assert!(!enhanced_matches("4.7.500-699", 4, 7, 700));
        assert!(enhanced_matches("5.7.139", 5, 7, 139));
        assert!(!enhanced_matches("5.7.139", 5, 7, 13));
        assert!(!enhanced_matches("bad", 5, 7, 13));
    }
}
