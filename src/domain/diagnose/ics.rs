//! A calendar reminder (RFC 5545) some days before the client secret expires: when it does,
//! Webex Connect stops sending and receiving mail, and nothing else warns the admin.
//!
//! Language: the caller passes the event's texts as locale templates already looked up
//! (`token.reminder.summary` / `token.reminder.description` in the admin's language); this
//! module fills `{app_name}`, `{client_id}` and `{expires}` and encodes the result.

use crate::domain::finding::Message;

/// Longest reminder lead time: ten years.
pub const MAX_DAYS_BEFORE: u32 = 3660;
/// RFC 5545 section 3.1: content lines are folded at 75 octets.
const FOLD_OCTETS: usize = 75;
const PRODID: &str = "-//webex-o365-setup//Secret expiry reminder//EN";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IcsProblem {
    /// Not a real calendar date (or not `YYYY-MM-DD`).
    InvalidDate,
    /// The current time could not be read.
    InvalidStamp,
    /// The reminder would fall outside years 1..9999, or too many days before.
    OutOfRange,
}

impl IcsProblem {
    pub fn message(self) -> Message {
        Message::new(match self {
            IcsProblem::InvalidDate => "token.reminder.invalid_date",
            IcsProblem::InvalidStamp => "token.reminder.invalid_stamp",
            IcsProblem::OutOfRange => "token.reminder.out_of_range",
        })
    }
}

/// A calendar date, year 1..=9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct IcsDate {
    year: i32,
    month: u32,
    day: u32,
}

impl IcsDate {
    pub fn new(year: i32, month: u32, day: u32) -> Result<IcsDate, IcsProblem> {
        let valid =
            (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(IcsDate { year, month, day }).ok_or(IcsProblem::InvalidDate)
    }

    /// `YYYY-MM-DD` (the form of `azure.client_secret_expires`); `YYYY/MM/DD` too, as the
    /// Japanese portal shows dates.
    pub fn parse(s: &str) -> Result<IcsDate, IcsProblem> {
        let s = s.trim();
        let sep = if s.contains('/') { '/' } else { '-' };
        let mut it = s.split(sep);
        let (Some(y), Some(m), Some(d), None) = (it.next(), it.next(), it.next(), it.next()) else {
            return Err(IcsProblem::InvalidDate);
        };
        let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        if !(digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)) {
            return Err(IcsProblem::InvalidDate);
        }
        let num = |p: &str| p.parse::<u32>().map_err(|_| IcsProblem::InvalidDate);
        let year = i32::try_from(num(y)?).map_err(|_| IcsProblem::InvalidDate)?;
        IcsDate::new(year, num(m)?, num(d)?)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn day(self) -> u32 {
        self.day
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `YYYYMMDD`, the iCalendar DATE form.
    fn basic(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }

    pub fn add_days(self, days: i64) -> Result<IcsDate, IcsProblem> {
        let (y, m, d) = civil_from_days(days_from_civil(self) + days);
        let year = i32::try_from(y).map_err(|_| IcsProblem::OutOfRange)?;
        IcsDate::new(year, m, d).map_err(|_| IcsProblem::OutOfRange)
    }
}

impl std::str::FromStr for IcsDate {
    type Err = IcsProblem;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IcsDate::parse(s)
    }
}

impl TryFrom<(i32, u32, u32)> for IcsDate {
    type Error = IcsProblem;
    fn try_from((y, m, d): (i32, u32, u32)) -> Result<Self, Self::Error> {
        IcsDate::new(y, m, d)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Days since 1970-01-01 and back (H. Hinnant's civil algorithms), in i64 so no date here
// can overflow.
fn days_from_civil(d: IcsDate) -> i64 {
    let (m, day) = (i64::from(d.month), i64::from(d.day));
    let y = i64::from(d.year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    // d is 1..=31 and m 1..=12 by construction.
    (y, u32::try_from(m).unwrap_or(1), u32::try_from(d).unwrap_or(1))
}

/// A UTC time for DTSTAMP, kept in the iCalendar form `YYYYMMDDTHHMMSSZ`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UtcStamp(String);

impl UtcStamp {
    /// From Unix seconds (the browser's `Date.now() / 1000`).
    pub fn from_unix(secs: i64) -> Result<UtcStamp, IcsProblem> {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let year = i32::try_from(y).map_err(|_| IcsProblem::InvalidStamp)?;
        let date = IcsDate::new(year, m, d).map_err(|_| IcsProblem::InvalidStamp)?;
        Ok(UtcStamp(format!("{}T{:02}{:02}{:02}Z", date.basic(), rem / 3600, rem % 3600 / 60, rem % 60)))
    }

    /// `20240501T100000Z`, or RFC 3339 in UTC: `2024-05-01T10:00:00Z`, `...:00.000Z`
    /// (what `Date.toISOString()` gives).
    pub fn parse(s: &str) -> Result<UtcStamp, IcsProblem> {
        let s = s.trim();
        let basic: String = if s.contains('-') || s.contains(':') {
            let Some(no_z) = s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) else {
                return Err(IcsProblem::InvalidStamp);
            };
            let whole =
                no_z.split_once('.').map_or(
                    no_z,
                    |(w, frac)| {
                        if frac.bytes().all(|b| b.is_ascii_digit()) {
                            w
                        } else {
                            ""
                        }
                    },
                );
            let (date, time) = whole.split_once(['T', 't']).ok_or(IcsProblem::InvalidStamp)?;
            if date.len() != 10 || time.len() != 8 {
                return Err(IcsProblem::InvalidStamp);
            }
            format!("{}T{}Z", date.replace('-', ""), time.replace(':', ""))
        } else {
            s.to_string()
        };
        let b = basic.as_bytes();
        let shape =
            b.len() == 16 && b[8] == b'T' && b[15] == b'Z' && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit);
        if !shape {
            return Err(IcsProblem::InvalidStamp);
        }
        let n = |r: std::ops::Range<usize>| basic[r].parse::<u32>().map_err(|_| IcsProblem::InvalidStamp);
        let year = i32::try_from(n(0..4)?).map_err(|_| IcsProblem::InvalidStamp)?;
        IcsDate::new(year, n(4..6)?, n(6..8)?).map_err(|_| IcsProblem::InvalidStamp)?;
        if n(9..11)? > 23 || n(11..13)? > 59 || n(13..15)? > 60 {
            return Err(IcsProblem::InvalidStamp);
        }
        Ok(UtcStamp(basic))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The event's texts as locale templates (looked up, not yet filled).
#[derive(Clone, Copy, Debug)]
pub struct ReminderText<'a> {
    pub summary: &'a str,
    pub description: &'a str,
    /// Where the app's rotation flow is (`{rotate_url}` in the description, and the event's
    /// URL); empty when unknown.
    pub rotate_url: &'a str,
}

impl ReminderText<'_> {
    /// Locale keys of the two templates (in `token.json`).
    pub const SUMMARY_KEY: &'static str = "token.reminder.summary";
    pub const DESCRIPTION_KEY: &'static str = "token.reminder.description";
}

/// An all-day VEVENT `days_before` days before `expires`, with a display alarm at 09:00 that
/// day. `uid_seed` makes the UID stable, so downloading again updates the same event.
pub fn secret_expiry_reminder(
    app_name: &str,
    client_id: &str,
    expires: IcsDate,
    days_before: u32,
    uid_seed: &str,
    now: &UtcStamp,
    text: &ReminderText<'_>,
) -> Result<String, IcsProblem> {
    if days_before > MAX_DAYS_BEFORE {
        return Err(IcsProblem::OutOfRange);
    }
    let start = expires.add_days(-i64::from(days_before))?;
    let end = start.add_days(1)?;
    let (summary, description) = fill_text(text, app_name, client_id, expires);
    let uid =
        format!("secret-expiry-{}-{}-{}@webex-o365-setup", uid_part(uid_seed), uid_part(client_id), expires.basic());
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{}", now.as_str()),
        format!("DTSTART;VALUE=DATE:{}", start.basic()),
        format!("DTEND;VALUE=DATE:{}", end.basic()),
        format!("SUMMARY:{}", escape_text(&summary)),
        format!("DESCRIPTION:{}", escape_text(&description)),
        "TRANSP:TRANSPARENT".to_string(),
    ];
    let url = uri_text(text.rotate_url);
    let alarm = [
        "BEGIN:VALARM".to_string(),
        "ACTION:DISPLAY".to_string(),
        format!("DESCRIPTION:{}", escape_text(&summary)),
        "TRIGGER:PT9H".to_string(),
        "END:VALARM".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ];
    let mut out = String::new();
    let url_line = (!url.is_empty()).then(|| format!("URL:{url}"));
    for line in lines.iter().chain(url_line.iter()).chain(alarm.iter()) {
        out.push_str(&fold(line));
    }
    Ok(out)
}

/// The summary and description with `{app_name}`, `{client_id}`, `{expires}` and
/// `{rotate_url}` filled in one pass: a value that itself contains `{client_id}` stays as typed.
pub fn fill_text(text: &ReminderText<'_>, app_name: &str, client_id: &str, expires: IcsDate) -> (String, String) {
    let expires = expires.iso();
    let url = uri_text(text.rotate_url);
    let params = [
        ("app_name", app_name.trim()),
        ("client_id", client_id.trim()),
        ("expires", expires.as_str()),
        ("rotate_url", url.as_str()),
    ];
    (fill(text.summary, &params), fill(text.description, &params))
}

fn fill(template: &str, params: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| params.iter().find(|(n, _)| *n == &after[..close]).map(|(_, v)| (close, *v)));
        match value {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// An http(s) URL kept to URI characters (no spaces, controls or quotes), else nothing: it
/// goes into a URI property unescaped.
fn uri_text(url: &str) -> String {
    let url = url.trim();
    let scheme = url.starts_with("https://") || url.starts_with("http://");
    let safe = url.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '`' | '{' | '}'));
    if scheme && safe {
        url.to_string()
    } else {
        String::new()
    }
}

/// UID text is kept to a safe character set so it never needs escaping.
fn uid_part(s: &str) -> String {
    let cleaned: String =
        s.trim().chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')).take(64).collect();
    if cleaned.is_empty() {
        "x".to_string()
    } else {
        cleaned
    }
}

/// RFC 5545 TEXT escaping (section 3.3.11). Line breaks of any style become `\n`; other
/// control characters are not allowed in TEXT and are dropped.
pub fn escape_text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line at 75 octets, never inside a UTF-8 character; ends with CRLF.
/// Continuation lines start with a space, which counts toward their 75 octets.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 60 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > FOLD_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
#[path = "ics_tests.rs"]
mod tests;
