//! Offline diagnostics: what an error code means in this setup, what a pasted access token
//! says, and a calendar reminder before the client secret expires. Pure and tested natively.
//!
//! - `catalogue`: the known codes as data, one file per phase (`errors.<id>.{meaning,cause,fix}`
//!   in `errors_<phase>.json`).
//! - `extract::explain`: every recognised code in pasted text, unknown ones included and read
//!   as far as they can be (`reading`).
//! - `jwt::Jwt::parse`: reads a pasted JWT (no signature check), with specific problems.
//! - `token::inspect`: checks a token's audience, scope, user, tenant, client and expiry.
//! - `ics::secret_expiry_reminder`: an RFC 5545 all-day event before the secret expires.
//! - `doctor::doctor`: the whole setup read for mistakes that only show up later.
//! - `bundle::support_bundle`: the support bundle for Cisco TAC, without the secret.

pub mod bundle;
pub mod catalogue;
pub mod doctor;
pub mod extract;
pub mod ics;
pub mod jwt;
mod normalize;
pub mod reading;
mod smtp_scan;
pub mod token;

pub use catalogue::{Entry, Kind, Phase};

#[cfg(test)]
mod samples;
#[cfg(test)]
mod shapes_tests;
pub use extract::{explain, explain_http, Explained};
pub use ics::{secret_expiry_reminder, IcsDate, IcsProblem, ReminderText, UtcStamp};
pub use jwt::{Jwt, TokenProblem};
pub use token::{inspect, Check, Expected, Inspection, TokenCheck, TokenStatus};

/// Test helper: the flat locale files, parsed once per call.
#[cfg(test)]
pub(crate) mod locale_files {
    use std::collections::BTreeMap;

    pub fn load(json: &str) -> BTreeMap<String, String> {
        serde_json::from_str(json).unwrap_or_default()
    }

    /// The errors area and the catalogue's per-phase areas, merged.
    pub fn errors() -> [BTreeMap<String, String>; 2] {
        use crate::domain::locale::Lang;
        [Lang::En, Lang::Ja].map(|lang| {
            lang.files()
                .iter()
                .filter(|(area, _)| *area == "errors" || area.starts_with("errors_"))
                .flat_map(|(_, text)| load(text))
                .collect()
        })
    }

    pub fn token() -> [BTreeMap<String, String>; 2] {
        [load(include_str!("../../../locales/en/token.json")), load(include_str!("../../../locales/ja/token.json"))]
    }

    /// `{name}` placeholders of a text, sorted.
    pub fn placeholders(text: &str) -> Vec<String> {
        let mut out: Vec<String> =
            text.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string())).collect();
        out.sort();
        out.dedup();
        out
    }
}
