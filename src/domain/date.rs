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
mod tests {
    use super::*;

    fn d(y: i64, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn parses_iso_and_japanese_portal_forms() {
        assert_eq!(Date::parse("2026-11-28"), Ok(d(2026, 11, 28)));
        assert_eq!(Date::parse(" 2026-11-28\n"), Ok(d(2026, 11, 28)));
        assert_eq!(Date::parse("2026/11/28"), Ok(d(2026, 11, 28)));
        assert_eq!(Date::parse("2027/5/3"), Ok(d(2027, 5, 3)));
        assert_eq!(Date::parse("2027-5-3"), Ok(d(2027, 5, 3)));
        assert_eq!(Date::parse("2027/05/03"), Ok(d(2027, 5, 3)));
        assert_eq!("2024-02-29".parse::<Date>(), Ok(d(2024, 2, 29)));
    }

    fn la(found: char, expected: char, position: usize) -> DateProblem {
        DateProblem::LookAlike { found, expected, position }
    }

    #[test]
    fn refuses_bad_dates_specifically() {
        use DateProblem::*;
        let cases = [
            ("", Empty),
            ("   ", Empty),
            ("2026", Format),
            ("2026-11", Format),
            ("2026-11-28-1", Format),
            ("2026/11-28", Format),
            ("2026.11.28", Format),
            ("26-11-28", Format),
            ("2026-011-28", Format),
            ("2026-11-28T00:00:00Z", Format),
            ("2026年11月28日", Format),
            ("2026-+1-28", Format),
            ("11/28/2026", YearLast),
            ("28/11/2026", YearLast),
            ("1-2-2026", YearLast),
            ("0000-01-01", YearOutOfRange { year: 0 }),
            ("2026-13-01", MonthOutOfRange { month: 13 }),
            ("2026-00-01", MonthOutOfRange { month: 0 }),
            ("2026-04-31", DayOutOfRange { day: 31, max: 30 }),
            ("2026-01-00", DayOutOfRange { day: 0, max: 31 }),
            ("2025-02-29", DayOutOfRange { day: 29, max: 28 }),
            ("1900-02-29", DayOutOfRange { day: 29, max: 28 }),
            ("２０２６/11/28", la('２', '2', 1)),
            ("2026／11／28", la('／', '/', 5)),
            ("2026ー11ー28", la('ー', '-', 5)),
        ];
        for (input, expected) in cases {
            assert_eq!(Date::parse(input), Err(expected), "{input:?}");
        }
        assert_eq!(Date::new(10_000, 1, 1), Err(YearOutOfRange { year: 10_000 }));
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2024));
        assert!(is_leap_year(2000));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2026));
        assert_eq!(Date::parse("2000-02-29"), Ok(d(2000, 2, 29)));
        assert_eq!(days_in_month(2026, 0), 0);
    }

    #[test]
    fn unix_days_of_known_dates() {
        assert_eq!(d(1970, 1, 1).unix_days(), 0);
        assert_eq!(d(1969, 12, 31).unix_days(), -1);
        assert_eq!(d(2000, 3, 1).unix_days(), 11_017);
        assert_eq!(d(1, 1, 1).unix_days(), MIN_DAYS);
        assert_eq!(d(9999, 12, 31).unix_days(), MAX_DAYS);
        assert_eq!(Date::from_unix_days(0), d(1970, 1, 1));
        assert_eq!(Date::from_unix_days(i64::MIN), d(1, 1, 1));
        assert_eq!(Date::from_unix_days(i64::MAX), d(9999, 12, 31));
    }

    #[test]
    fn days_until_counts_across_months_and_leap_days() {
        assert_eq!(d(2026, 11, 28).days_until(d(2026, 11, 28)), 0);
        assert_eq!(d(2026, 11, 28).days_until(d(2026, 12, 28)), 30);
        assert_eq!(d(2026, 12, 28).days_until(d(2026, 11, 28)), -30);
        assert_eq!(d(2024, 2, 28).days_until(d(2024, 3, 1)), 2);
        assert_eq!(d(2025, 2, 28).days_until(d(2025, 3, 1)), 1);
        assert_eq!(d(2026, 1, 1).days_until(d(2027, 1, 1)), 365);
        assert_eq!(d(2028, 1, 1).days_until(d(2029, 1, 1)), 366);
    }

    #[test]
    fn displays_iso() {
        assert_eq!(d(2027, 5, 3).to_string(), "2027-05-03");
        assert_eq!(d(1, 1, 1).to_string(), "0001-01-01");
        assert_eq!((d(2027, 5, 3).year(), d(2027, 5, 3).month(), d(2027, 5, 3).day()), (2027, 5, 3));
    }

    #[test]
    fn rfc3339_of_known_instants() {
        assert_eq!(rfc3339_from_unix_millis(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_from_unix_millis(999), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_from_unix_millis(-1), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339_from_unix_millis(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_from_unix_millis(1_700_000_000_123), "2023-11-14T22:13:20Z");
        assert_eq!(rfc3339_from_unix_millis(1_798_761_599_000), "2026-12-31T23:59:59Z");
        assert_eq!(rfc3339_from_unix_millis(i64::MAX), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339_from_unix_millis(i64::MIN), "0001-01-01T00:00:00Z");
    }

    #[test]
    fn problem_messages() {
        let m = DateProblem::DayOutOfRange { day: 31, max: 30 }.message();
        assert_eq!(m.key, "entra.date.day_out_of_range");
        assert_eq!((m.param("day"), m.param("max")), (Some("31"), Some("30")));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn days_round_trip(days in MIN_DAYS..=MAX_DAYS) {
                let date = Date::from_unix_days(days);
                prop_assert_eq!(date.unix_days(), days);
                prop_assert_eq!(Date::parse(&date.to_string()), Ok(date));
            }

            #[test]
            fn consecutive_days_are_consecutive_dates(days in MIN_DAYS..MAX_DAYS) {
                let a = Date::from_unix_days(days);
                let b = Date::from_unix_days(days + 1);
                prop_assert!(a < b);
                prop_assert_eq!(a.days_until(b), 1);
            }

            #[test]
            fn parse_never_panics(s in "\\PC*") {
                let _ = Date::parse(&s);
            }

            #[test]
            fn rfc3339_never_panics_and_has_fixed_shape(ms in any::<i64>()) {
                let s = rfc3339_from_unix_millis(ms);
                prop_assert_eq!(s.len(), 20);
                prop_assert!(s.ends_with('Z'));
            }
        }
    }
}
