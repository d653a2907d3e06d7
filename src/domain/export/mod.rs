//! The export file (`"format": "webex-o365-setup"`, version 1) and its import.
//!
//! The schema is a contract with other copies of this app and with admins who read or
//! hand-edit the file: key order and names follow the export key paths of `Field`, enum
//! values use the model's `as_str` names. Derived values are written so the file is useful
//! on its own (a ticket attachment, a printout), but on import they are recomputed, never
//! read back. The client secret is written only when the admin opts in. The admin's export
//! (`export_with_doctor`) ends with the configuration doctor's findings, `"doctor"`; import
//! accepts and ignores them (they are recomputed from the values).

mod doctor;
mod file_name;
mod json;
mod read;
mod reader;
mod write;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_doctor;
#[cfg(test)]
mod tests_import;
#[cfg(test)]
mod tests_locales;

pub use file_name::export_file_name;
pub use read::{import_document, Imported};
pub use write::{export_document, export_with_doctor};

use super::model::Cloud;

/// The `format` value that marks our files.
pub const FORMAT: &str = "webex-o365-setup";
/// The only version this app writes and reads.
pub const VERSION: u64 = 1;
/// Larger files are refused before parsing: a real export is a few KiB. The UI should
/// also check the file's size before reading it into memory.
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024;
/// Longest accepted string value, in characters: far above any real value, low enough
/// that a hostile file cannot fill the form with megabytes of text.
pub const MAX_STRING_CHARS: usize = 10_000;

/// The SMTP host in effect when the admin has not overridden it. Import compares
/// `smtp.server` with this to tell an override from the default; `derive` uses the same
/// per-cloud table (`Cloud::smtp_host`), so the two cannot disagree.
pub fn default_smtp_server(cloud: Cloud) -> &'static str {
    cloud.smtp_host().value
}

/// The transaction ids the model holds one per line: trimmed, blank lines dropped.
pub fn transaction_id_lines(raw: &str) -> impl Iterator<Item = &str> {
    raw.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// The canonical form of the model's `support.transaction_ids` (what an import yields).
pub fn normalise_transaction_ids(raw: &str) -> String {
    transaction_id_lines(raw).collect::<Vec<_>>().join("\n")
}

/// True for an RFC 3339 date-time such as `2026-11-28T09:30:00Z` or
/// `2026-11-28T18:30:00.123+09:00` (the shape `Date.toISOString()` and the grammar of
/// RFC 3339 section 5.6 produce). Day-of-month is checked against 31 only: this guards the
/// shape of a timestamp the app itself wrote, it is not a calendar.
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let two = |i: usize, max: u32| -> Option<u32> {
        let hi = b.get(i).filter(|c| c.is_ascii_digit())?;
        let lo = b.get(i + 1).filter(|c| c.is_ascii_digit())?;
        let v = u32::from(hi - b'0') * 10 + u32::from(lo - b'0');
        (v <= max).then_some(v)
    };
    let sep = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    let year = b.get(..4).is_some_and(|y| y.iter().all(u8::is_ascii_digit));
    let date = year
        && sep(4, b"-")
        && two(5, 12).is_some_and(|m| m >= 1)
        && sep(7, b"-")
        && two(8, 31).is_some_and(|d| d >= 1);
    // 60: a leap second is a valid RFC 3339 second.
    let time = sep(10, b"Tt")
        && two(11, 23).is_some()
        && sep(13, b":")
        && two(14, 59).is_some()
        && sep(16, b":")
        && two(17, 60).is_some();
    if !(date && time) {
        return false;
    }
    let mut i = 19;
    if sep(i, b".") {
        let digits = b.get(i + 1..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
        if digits == 0 {
            return false;
        }
        i += 1 + digits;
    }
    match b.get(i..) {
        Some([b'Z' | b'z']) => true,
        Some([b'+' | b'-', _, _, b':', _, _]) => two(i + 1, 23).is_some() && two(i + 4, 59).is_some(),
        _ => false,
    }
}
