//! When to send a failed Graph request again (DOMAIN.md section 4). Pure: the executor passes
//! what it saw and waits as told. Throttling (429) and transient outages (503, 504) honour
//! `Retry-After`; a just-created object that is not visible yet (directory replication) is
//! retried with bounded exponential backoff; anything else stops, to be explained.

use crate::domain::date::Date;

/// Attempts in all (the first try included) for throttling and outages.
pub const MAX_THROTTLE_ATTEMPTS: u32 = 5;
/// Attempts in all for replication lag after a create.
pub const MAX_REPLICATION_ATTEMPTS: u32 = 6;
/// Longest wait honoured from `Retry-After`; a longer one stops instead of freezing the page.
pub const RETRY_AFTER_CAP_MS: u64 = 60_000;
/// Wait without `Retry-After`: 1 s, 2 s, 4 s, ... up to 30 s.
const THROTTLE_BASE_MS: u64 = 1_000;
/// Replication: 2 s, 4 s, 8 s, 16 s, 30 s (about a minute in all).
const REPLICATION_BASE_MS: u64 = 2_000;
const BACKOFF_CAP_MS: u64 = 30_000;

/// What the failed attempt saw.
#[derive(Clone, Copy, Debug, Default)]
pub struct Failure<'a> {
    /// 1 when the first try failed.
    pub attempt: u32,
    pub status: u16,
    /// The `Retry-After` header: seconds, or an HTTP date.
    pub retry_after: Option<&'a str>,
    pub now_unix_ms: i64,
    /// `error.code` of the Graph error body.
    pub graph_code: Option<&'a str>,
    /// `error.message` of the Graph error body (or the sign-in error's description).
    pub message: Option<&'a str>,
    pub aadsts: Option<u32>,
    /// The request concerns an object this run has just created (its id came from a create).
    pub after_create: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    Throttled,
    Unavailable,
    Replication,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Retry {
        after_ms: u64,
        why: Why,
    },
    /// Show the error; `gave_up` when it was retryable but attempts or wait ran out.
    Stop {
        gave_up: bool,
    },
}

pub fn decide(f: &Failure) -> Decision {
    let attempt = f.attempt.max(1);
    if matches!(f.status, 429 | 503 | 504) {
        let why = if f.status == 429 { Why::Throttled } else { Why::Unavailable };
        if attempt >= MAX_THROTTLE_ATTEMPTS {
            return Decision::Stop { gave_up: true };
        }
        let wait = match f.retry_after.and_then(|v| retry_after_ms(v, f.now_unix_ms)) {
            Some(ms) if ms > RETRY_AFTER_CAP_MS => return Decision::Stop { gave_up: true },
            Some(ms) => ms,
            None => backoff(THROTTLE_BASE_MS, attempt),
        };
        return Decision::Retry { after_ms: wait, why };
    }
    if f.after_create && is_replication_lag(f) {
        if attempt >= MAX_REPLICATION_ATTEMPTS {
            return Decision::Stop { gave_up: true };
        }
        return Decision::Retry { after_ms: backoff(REPLICATION_BASE_MS, attempt), why: Why::Replication };
    }
    Decision::Stop { gave_up: false }
}

/// `decide` for a Graph answer: its status, `Retry-After` and error body.
pub fn decide_answer(answer: &super::answer::Answer, attempt: u32, now_unix_ms: i64, after_create: bool) -> Decision {
    let graph = answer.error();
    decide(&Failure {
        attempt,
        status: answer.status,
        retry_after: answer.retry_after.as_deref(),
        now_unix_ms,
        graph_code: graph.as_ref().map(|g| g.code.as_str()),
        message: graph.as_ref().map(|g| g.message.as_str()),
        aadsts: None,
        after_create,
    })
}

fn backoff(base: u64, attempt: u32) -> u64 {
    base.saturating_mul(1u64 << (attempt - 1).min(20)).min(BACKOFF_CAP_MS)
}

/// The signs of an object that exists but has not reached every replica yet.
pub fn is_replication_lag(f: &Failure) -> bool {
    const PHRASES: [&str; 3] = ["does not exist", "does not reference a valid application object", "was not found"];
    let message = f.message.unwrap_or("").to_ascii_lowercase();
    let aadsts = f.aadsts.or_else(|| super::parse::aadsts_code(f.message.unwrap_or("")));
    f.status == 404
        || matches!(aadsts, Some(700016 | 7000215))
        || (matches!(f.status, 400 | 403) && PHRASES.iter().any(|p| message.contains(p)))
        || f.graph_code.is_some_and(|c| c.eq_ignore_ascii_case("Request_ResourceNotFound"))
}

/// `Retry-After` in milliseconds from now: delta-seconds or an IMF-fixdate
/// (`Wed, 21 Oct 2015 07:28:00 GMT`). A date in the past means "now" (0).
pub fn retry_after_ms(value: &str, now_unix_ms: i64) -> Option<u64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(v.parse::<u64>().unwrap_or(u64::MAX / 1000).saturating_mul(1000));
    }
    let at = http_date_unix_ms(v)?;
    Some(u64::try_from(at.saturating_sub(now_unix_ms)).unwrap_or(0))
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn http_date_unix_ms(v: &str) -> Option<i64> {
    let parts: Vec<&str> = v.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else { return None };
    let month = MONTHS.iter().position(|m| m == month)? as u32 + 1;
    let date = Date::new(year.parse().ok()?, month, day.parse().ok()?).ok()?;
    let hms: Vec<i64> =
        time.split(':').map(|p| p.parse::<i64>().ok().filter(|_| p.len() == 2)).collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else { return None };
    if *h > 23 || *m > 59 || *s > 60 {
        return None;
    }
    Some((date.unix_days() * 86_400 + h * 3600 + m * 60 + s) * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_445_412_480_000; // Wed, 21 Oct 2015 07:28:00 GMT

    fn fail(attempt: u32, status: u16) -> Failure<'static> {
        Failure { attempt, status, now_unix_ms: NOW, ..Failure::default() }
    }

    #[test]
    fn throttling_honours_retry_after_seconds_and_dates() {
        let f = Failure { retry_after: Some("7"), ..fail(1, 429) };
        assert_eq!(decide(&f), Decision::Retry { after_ms: 7_000, why: Why::Throttled });
        let f = Failure { retry_after: Some("Wed, 21 Oct 2015 07:28:30 GMT"), ..fail(2, 503) };
        assert_eq!(decide(&f), Decision::Retry { after_ms: 30_000, why: Why::Unavailable });
        let past = Failure { retry_after: Some("Wed, 21 Oct 2015 07:00:00 GMT"), ..fail(1, 504) };
        assert_eq!(decide(&past), Decision::Retry { after_ms: 0, why: Why::Unavailable });
    }

    #[test]
    fn throttling_without_header_backs_off_and_gives_up() {
        let waits: Vec<Decision> = (1..=5).map(|a| decide(&fail(a, 429))).collect();
        assert_eq!(waits[0], Decision::Retry { after_ms: 1_000, why: Why::Throttled });
        assert_eq!(waits[3], Decision::Retry { after_ms: 8_000, why: Why::Throttled });
        assert_eq!(waits[4], Decision::Stop { gave_up: true });
        // A garbled header falls back to backoff rather than stopping.
        let f = Failure { retry_after: Some("soon"), ..fail(2, 429) };
        assert_eq!(decide(&f), Decision::Retry { after_ms: 2_000, why: Why::Throttled });
    }

    #[test]
    fn too_long_a_wait_stops() {
        let f = Failure { retry_after: Some("3600"), ..fail(1, 429) };
        assert_eq!(decide(&f), Decision::Stop { gave_up: true });
        let f = Failure { retry_after: Some("99999999999999999999"), ..fail(1, 429) };
        assert_eq!(decide(&f), Decision::Stop { gave_up: true });
        let f = Failure { retry_after: Some("60"), ..fail(1, 429) };
        assert_eq!(decide(&f), Decision::Retry { after_ms: 60_000, why: Why::Throttled });
    }

    #[test]
    fn replication_lag_after_a_create_is_retried_with_bounded_backoff() {
        let lag = |attempt, status, message: &'static str| Failure {
            after_create: true,
            message: Some(message),
            ..fail(attempt, status)
        };
        let waits: Vec<Decision> = (1..=6).map(|a| decide(&lag(a, 404, ""))).collect();
        let ms: Vec<u64> = waits[..5]
            .iter()
            .map(|d| match d {
                Decision::Retry { after_ms, why: Why::Replication } => *after_ms,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(ms, [2_000, 4_000, 8_000, 16_000, 30_000]);
        assert_eq!(waits[5], Decision::Stop { gave_up: true });
        let msg = "Resource '3fa8...' does not exist or one of its queried reference-property objects are not present.";
        assert!(matches!(decide(&lag(1, 400, msg)), Decision::Retry { .. }));
        let msg = "The appId of the service principal does not reference a valid application object.";
        assert!(matches!(decide(&lag(1, 400, msg)), Decision::Retry { .. }));
        let msg = "AADSTS700016: Application with identifier 'x' was not found in the directory.";
        assert!(matches!(decide(&lag(1, 401, msg)), Decision::Retry { .. }));
        let f = Failure { after_create: true, aadsts: Some(7000215), ..fail(1, 401) };
        assert!(matches!(decide(&f), Decision::Retry { .. }));
    }

    #[test]
    fn the_same_signs_without_a_create_stop() {
        assert_eq!(decide(&fail(1, 404)), Decision::Stop { gave_up: false });
        let f = Failure { aadsts: Some(700016), ..fail(1, 401) };
        assert_eq!(decide(&f), Decision::Stop { gave_up: false });
    }

    #[test]
    fn other_errors_stop_at_once() {
        for status in [400, 401, 403, 409, 500] {
            let f = Failure { after_create: true, graph_code: Some("Authorization_RequestDenied"), ..fail(1, status) };
            assert_eq!(decide(&f), Decision::Stop { gave_up: false }, "{status}");
        }
        let msg = "Credential lifetime exceeds the max value allowed as per assigned policy.";
        let f = Failure { after_create: true, message: Some(msg), ..fail(1, 400) };
        assert_eq!(decide(&f), Decision::Stop { gave_up: false });
    }

    #[test]
    fn http_dates() {
        assert_eq!(http_date_unix_ms("Wed, 21 Oct 2015 07:28:00 GMT"), Some(NOW));
        assert_eq!(http_date_unix_ms("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        for bad in [
            "Wed, 21 Oct 2015 07:28:00 UTC",
            "21 Oct 2015",
            "Wed, 32 Oct 2015 07:28:00 GMT",
            "Wed, 21 Okt 2015 07:28:00 GMT",
            "Wed, 21 Oct 2015 24:00:00 GMT",
            "Wed, 21 Oct 2015 7:28:00 GMT",
            "",
            "-5",
            " ",
        ] {
            assert_eq!(retry_after_ms(bad, NOW), None, "{bad:?}");
        }
        assert_eq!(retry_after_ms(" 0 ", NOW), Some(0));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics_and_waits_are_bounded(attempt in 0u32..100, status in 100u16..600, header in "\\PC{0,40}",
                                                  after_create in any::<bool>(), now in any::<i64>()) {
                let f = Failure { attempt, status, retry_after: Some(&header), now_unix_ms: now, after_create, ..Failure::default() };
                if let Decision::Retry { after_ms, .. } = decide(&f) {
                    prop_assert!(after_ms <= RETRY_AFTER_CAP_MS);
                    prop_assert!(attempt < MAX_REPLICATION_ATTEMPTS);
                }
            }
        }
    }
}
