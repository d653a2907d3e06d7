//! Civil dates (no time zone) for the client secret's "Expires", and RFC 3339 timestamps
//! for exports. Hand-rolled with Howard Hinnant's days-from-civil algorithm so the domain
//! needs no date crate; years are kept to 0001..=9999 so the text is always `YYYY-MM-DD`.

use super::finding::Message;
use super::guid::{describe_char, trim_paste};
use std::fmt;

/// A proleptic Gregorian calendar date, year 1..=9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateProblem {
    Empty,
    /// Not `YYYY-MM-DD` nor `YYYY/M/D`.
    Format,
    /// `11/28/2026` or `28/11/2026`: day and month order is ambiguous, so it is refused.
    YearLast,
    /// Fullwidth digits or separators from a Japanese IME.
    LookAlike {
        found: char,
        expected: char,
        position: usize,
    },
    YearOutOfRange {
        year: i64,
    },
    MonthOutOfRange {
        month: u32,
    },
    /// `day` does not exist in that month (`max` is the month's last day).
    DayOutOfRange {
        day: u32,
        max: u8,
    },
}

impl DateProblem {
    pub fn message(&self) -> Message {
        match self {
            DateProblem::Empty => Message::new("entra.date.empty"),
            DateProblem::Format => Message::new("entra.date.format"),
            DateProblem::YearLast => Message::new("entra.date.year_last"),
            DateProblem::LookAlike { found, expected, position } => Message::new("entra.date.look_alike")
                .with("found", describe_char(*found))
                .with("expected", expected.to_string())
                .with("position", position.to_string()),
            DateProblem::YearOutOfRange { year } => {
                Message::new("entra.date.year_out_of_range").with("year", year.to_string())
            }
            DateProblem::MonthOutOfRange { month } => {
                Message::new("entra.date.month_out_of_range").with("month", month.to_string())
            }
            DateProblem::DayOutOfRange { day, max } => {
                Message::new("entra.date.day_out_of_range").with("day", day.to_string()).with("max", max.to_string())
            }
        }
    }
}

pub fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

const MIN_YEAR: i32 = 1;
const MAX_YEAR: i32 = 9999;

impl Date {
    pub fn new(year: i64, month: u32, day: u32) -> Result<Date, DateProblem> {
        if !(MIN_YEAR as i64..=MAX_YEAR as i64).contains(&year) {
            return Err(DateProblem::YearOutOfRange { year });
        }
        let year = year as i32;
        if !(1..=12).contains(&month) {
            return Err(DateProblem::MonthOutOfRange { month });
        }
        let month = month as u8;
        let max = days_in_month(year, month);
        if day == 0 || day > max as u32 {
            return Err(DateProblem::DayOutOfRange { day, max });
        }
        Ok(Date { year, month, day: day as u8 })
    }

    /// `YYYY-MM-DD` (the ISO form the English portal and exports use) or `YYYY/M/D` (the
    /// Japanese portal); month and day may have one or two digits in either form.
    pub fn parse(input: &str) -> Result<Date, DateProblem> {
        let s = trim_paste(input);
        if s.is_empty() {
            return Err(DateProblem::Empty);
        }
        for (i, c) in s.chars().enumerate() {
            let expected = match c {
                '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + '0' as u32),
                '\u{FF0F}' => Some('/'),
                '\u{FF0D}' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' => Some('-'),
                _ => None,
            };
            if let Some(expected) = expected {
                return Err(DateProblem::LookAlike { found: c, expected, position: i + 1 });
            }
        }
        let sep = if s.contains('-') { '-' } else { '/' };
        let parts: Vec<&str> = s.split(sep).collect();
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if parts.len() != 3 || !parts.iter().all(|p| all_digits(p)) {
            return Err(DateProblem::Format);
        }
        let (y, m, d) = (parts[0], parts[1], parts[2]);
        if y.len() <= 2 && m.len() <= 2 && d.len() == 4 {
            return Err(DateProblem::YearLast);
        }
        if y.len() != 4 || m.len() > 2 || d.len() > 2 {
            return Err(DateProblem::Format);
        }
        // Lengths are bounded above, so these parses cannot overflow.
        let num = |p: &str| p.parse::<u32>().map_err(|_| DateProblem::Format);
        Date::new(num(y)? as i64, num(m)?, num(d)?)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn unix_days(self) -> i64 {
        let (m, d) = (self.month as i64, self.day as i64);
        let y = self.year as i64 - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, clamped to 0001-01-01..=9999-12-31.
    pub fn from_unix_days(days: i64) -> Date {
        let z = days.clamp(MIN_DAYS, MAX_DAYS) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// `other - self` in days: positive when `other` is later.
    pub fn days_until(self, other: Date) -> i64 {
        other.unix_days() - self.unix_days()
    }
}

/// 0001-01-01 and 9999-12-31 as unix days.
const MIN_DAYS: i64 = -719_162;
const MAX_DAYS: i64 = 2_932_896;

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateProblem;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

/// `2026-11-28T09:05:03Z`: UTC, whole seconds (sub-second precision adds nothing to an
/// export's timestamp). Times outside years 1..=9999 are clamped.
pub fn rfc3339_from_unix_millis(millis: i64) -> String {
    let secs = millis.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let date = Date::from_unix_days(days);
    let rem = if days < MIN_DAYS {
        0
    } else if days > MAX_DAYS {
        86_399
    } else {
        secs.rem_euclid(86_400)
    };
    format!("{date}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
#[path = "date_tests.rs"]
mod tests;
