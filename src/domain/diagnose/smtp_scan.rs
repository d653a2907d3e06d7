//! SMTP replies in pasted text: basic and enhanced status codes, and the reply text that
//! tells variants of one code apart (535 5.7.139).

use std::collections::HashMap;

use super::catalogue::{Entry, Kind, Pattern, CATALOGUE};
use super::extract::{count_digits, Hits};

/// How far around an SMTP code its explanatory text is looked for.
const SMTP_TEXT_AFTER: usize = 400;
const SMTP_TEXT_BEFORE: usize = 200;

/// SMTP failures: an enhanced code `c.sss.ddd` (RFC 3463, class 4 or 5), optionally preceded
/// by the basic reply code (`535 5.7.3`, `535-5.7.3`). A lone `5.7.3` may be a version
/// number: it counts only if known and followed by words of an SMTP reply, and an unknown
/// code counts only with its basic code.
pub(super) fn scan_smtp(text: &str, lower: &str, hits: &mut Hits) {
    let b = text.as_bytes();
    let mut index: Option<PhraseIndex> = None;
    let mut i = 0;
    while i < b.len() {
        let Some(end) = enhanced_code_at(b, i) else {
            i += 1;
            continue;
        };
        // Built on the first code only: most pastes have none.
        let index = index.get_or_insert_with(|| PhraseIndex::new(lower));
        let enhanced = &text[i..end];
        let basic = basic_code_before(b, i).filter(|(_, code)| code.as_bytes()[0] == b[i]);
        let start = basic.map_or(i, |(s, _)| s);
        let basic_num = basic.and_then(|(_, c)| c.parse::<u16>().ok());
        let seen = match basic {
            Some((_, c)) => format!("{c} {enhanced}"),
            None => enhanced.to_string(),
        };
        let after = (end, end + SMTP_TEXT_AFTER);
        let entry = smtp_entry(index, start, after, basic_num, enhanced)
            .filter(|_| basic.is_some() || SMTP_WORDS.iter().any(|w| index.within(w, after)));
        match entry {
            Some(entry) => hits.known(start, entry, seen),
            None if basic.is_some() => hits.unknown(start, Kind::Smtp, seen),
            None => {}
        }
        i = end;
    }
}

fn smtp_entry(
    index: &PhraseIndex,
    start: usize,
    after: (usize, usize),
    basic: Option<u16>,
    enhanced: &str,
) -> Option<&'static Entry> {
    let before = (start.saturating_sub(SMTP_TEXT_BEFORE), start);
    let candidates = CATALOGUE.iter().filter(|e| match e.pattern {
        Pattern::Smtp { basic: b, enhanced: en, .. } => en == enhanced && basic.is_none_or(|x| x == b),
        _ => false,
    });
    let mut fallback = None;
    // The text after the code describes it; the text before is a second chance for
    // consoles that print the description first.
    for window in [after, before] {
        for e in candidates.clone() {
            if let Pattern::Smtp { phrases, .. } = e.pattern {
                if phrases.is_empty() {
                    fallback = fallback.or(Some(e));
                } else if phrases.iter().any(|p| index.within(p, window)) {
                    return Some(e);
                }
            }
        }
    }
    fallback
}

const SMTP_WORDS: &[&str] =
    &["authentication", "client", "access denied", "smtp", "sender", "forwarding", "permission"];

/// Where each SMTP phrase occurs, so that "is this phrase near that code" is a binary
/// search rather than a scan of the window: a paste full of codes stays linear.
struct PhraseIndex {
    positions: HashMap<&'static str, Vec<usize>>,
}

impl PhraseIndex {
    fn new(lower: &str) -> PhraseIndex {
        let variant_phrases = CATALOGUE.iter().flat_map(|e| match e.pattern {
            Pattern::Smtp { phrases, .. } => phrases,
            _ => &[][..],
        });
        let positions = variant_phrases
            .chain(SMTP_WORDS)
            .map(|p| (*p, lower.match_indices(*p).map(|(pos, _)| pos).collect()))
            .collect();
        PhraseIndex { positions }
    }

    /// Whether `phrase` occurs wholly inside `lo..hi`.
    fn within(&self, phrase: &str, (lo, hi): (usize, usize)) -> bool {
        let Some(list) = self.positions.get(phrase) else {
            return false;
        };
        let first = list.partition_point(|p| *p < lo);
        list.get(first).is_some_and(|p| p + phrase.len() <= hi)
    }
}

/// End of an enhanced status code starting at `i`: class 4/5 (failures only), subject and detail of 1-3
/// digits, not part of a longer dotted number (IP address, version).
fn enhanced_code_at(b: &[u8], i: usize) -> Option<usize> {
    if !matches!(b.get(i), Some(b'4' | b'5')) || b.get(i + 1) != Some(&b'.') {
        return None;
    }
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.') {
        return None;
    }
    let subject = count_digits(b, i + 2, 4);
    if !(1..=3).contains(&subject) || b.get(i + 2 + subject) != Some(&b'.') {
        return None;
    }
    let d = i + 3 + subject;
    let detail = count_digits(b, d, 4);
    if !(1..=3).contains(&detail) {
        return None;
    }
    let end = d + detail;
    let dotted_on = b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit);
    if dotted_on || b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(end)
}

/// `535 ` or `535-` right before position `i`.
fn basic_code_before(b: &[u8], i: usize) -> Option<(usize, &str)> {
    let start = i.checked_sub(4)?;
    if !matches!(b[i - 1], b' ' | b'-') || count_digits(b, start, 3) != 3 {
        return None;
    }
    if start > 0 && b[start - 1].is_ascii_alphanumeric() {
        return None;
    }
    std::str::from_utf8(&b[start..start + 3]).ok().map(|c| (start, c))
}
