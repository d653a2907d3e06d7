//! Unit tests of `date.rs`.

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
