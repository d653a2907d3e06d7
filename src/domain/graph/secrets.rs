//! The client secrets a registration lists ([Certificates & secrets]): which are valid, which
//! expire soon, which is the newest. Graph lists a secret's id, description, start and end,
//! and a hint (its first characters); never its value. The hint is not kept here, so the
//! audit's findings and the support bundle never carry it (only the provisioning plan's "kept"
//! finding shows it, read from the credential, so the admin can tell which value Webex has).
//! The provisioning plan decides with these same rules (plan_secret.rs).

use super::parse::PasswordCredential;
use crate::domain::date::{rfc3339_from_unix_millis, Date};
use crate::domain::entra::EXPIRY_WARNING_DAYS;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validity {
    Valid,
    /// Valid, and ends within `EXPIRY_WARNING_DAYS` days (`days` left, 0 = today).
    Expiring {
        days: i64,
    },
    Expired,
    /// Not valid yet (a start date more than `CLOCK_SKEW_MS` in the future).
    NotYet,
}

impl Validity {
    pub fn is_valid(self) -> bool {
        matches!(self, Validity::Valid | Validity::Expiring { .. })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Validity::Valid => "valid",
            Validity::Expiring { .. } => "expiring",
            Validity::Expired => "expired",
            Validity::NotYet => "not_yet",
        }
    }
}

/// One listed secret, without its hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedSecret {
    /// The portal's "Secret ID".
    pub key_id: String,
    pub description: String,
    /// RFC 3339 as Graph lists it; empty when absent.
    pub start: String,
    pub end: String,
    pub validity: Validity,
}

impl ListedSecret {
    /// `YYYY-MM-DD` of the end, as the portal's "Expires" shows it (UTC date).
    pub fn end_date(&self) -> &str {
        self.end.get(..10).unwrap_or("")
    }
}

/// How far a secret's start may be ahead of this browser's clock and still count as started:
/// Microsoft stamps a new secret's start with its own clock, and a computer a few seconds or
/// minutes behind must not call the secret it just made "not valid yet" (and a re-run must not
/// add another). Five minutes is the usual allowance for clock skew (our inference, not a
/// documented Entra figure).
pub const CLOCK_SKEW_MS: i64 = 5 * 60_000;

/// `YYYY-MM-DDTHH:MM:SS` of an RFC 3339 time, for comparison (fractions and zone dropped:
/// Graph writes UTC).
fn seconds(t: &str) -> &str {
    t.get(..19).unwrap_or(t)
}

pub fn listed(credentials: &[PasswordCredential], now_ms: i64) -> Vec<ListedSecret> {
    let now = rfc3339_from_unix_millis(now_ms);
    let started_by = rfc3339_from_unix_millis(now_ms.saturating_add(CLOCK_SKEW_MS));
    let today = Date::from_unix_days(now_ms.div_euclid(86_400_000));
    credentials
        .iter()
        .map(|c| {
            let end = c.end_date_time.clone().unwrap_or_default();
            let start = c.start_date_time.clone().unwrap_or_default();
            let validity = if !end.is_empty() && seconds(&end) <= seconds(&now) {
                Validity::Expired
            } else if !start.is_empty() && seconds(&start) > seconds(&started_by) {
                Validity::NotYet
            } else {
                match end.get(..10).and_then(|d| Date::parse(d).ok()).map(|d| today.days_until(d)) {
                    Some(days) if days <= EXPIRY_WARNING_DAYS => Validity::Expiring { days: days.max(0) },
                    _ => Validity::Valid,
                }
            };
            ListedSecret {
                key_id: c.key_id.clone(),
                description: c.display_name.clone().unwrap_or_default(),
                start,
                end,
                validity,
            }
        })
        .collect()
}

/// The newest valid secret: the latest start, then the latest end.
pub fn newest_valid(secrets: &[ListedSecret]) -> Option<&ListedSecret> {
    secrets
        .iter()
        .filter(|s| s.validity.is_valid())
        .max_by(|a, b| (seconds(&a.start), seconds(&a.end)).cmp(&(seconds(&b.start), seconds(&b.end))))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_000_000_000; // 2026-11-18T11:06:40Z

    fn cred(key: &str, start: &str, end: &str) -> PasswordCredential {
        PasswordCredential {
            key_id: key.into(),
            display_name: Some("Webex Connect".into()),
            end_date_time: Some(end.into()),
            start_date_time: Some(start.into()),
            hint: Some("Ab1".into()),
        }
    }

    #[test]
    fn validity_by_dates() {
        let list = listed(
            &[
                cred("a", "2025-01-01T00:00:00Z", "2026-11-18T11:06:39Z"),
                cred("b", "2026-01-01T00:00:00Z", "2026-12-18T00:00:00.1234567Z"),
                cred("c", "2026-06-01T00:00:00Z", "2027-06-01T00:00:00Z"),
                cred("d", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
            ],
            NOW,
        );
        let v: Vec<_> = list.iter().map(|s| s.validity).collect();
        assert_eq!(v, [Validity::Expired, Validity::Expiring { days: 30 }, Validity::Valid, Validity::NotYet]);
        assert_eq!(newest_valid(&list).map(|s| s.key_id.as_str()), Some("c"));
        assert_eq!(list[1].end_date(), "2026-12-18");
        assert!(!format!("{list:?}").contains("Ab1"), "the hint is not kept");
    }

    #[test]
    fn a_start_a_few_minutes_ahead_is_clock_skew() {
        // NOW is 11:06:40; five minutes ahead is 11:11:40.
        let list = listed(
            &[
                cred("a", "2026-11-18T11:06:41Z", "2027-01-01T00:00:00Z"),
                cred("b", "2026-11-18T11:11:40Z", "2027-01-01T00:00:00Z"),
                cred("c", "2026-11-18T11:11:41Z", "2027-01-01T00:00:00Z"),
            ],
            NOW,
        );
        let v: Vec<_> = list.iter().map(|s| s.validity).collect();
        assert_eq!(v, [Validity::Valid, Validity::Valid, Validity::NotYet]);
    }

    #[test]
    fn no_valid_secret_no_newest() {
        let list = listed(&[cred("a", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z")], NOW);
        assert_eq!(newest_valid(&list), None);
        assert_eq!(newest_valid(&[]), None);
    }
}
