//! Webex Connect APIs the app can call for the admin (DOMAIN.md section 2): the region map,
//! the Send Message API v2 test, the Digital Channel Onboarding request and the contact-center
//! entry-point check. Everything here is pure: requests are values, responses are parsed from
//! (status, body), and the same request renders as a `curl` command for when the browser is
//! refused (CORS and IP allow-lists are undocumented for these hosts).

pub mod contact_center;
pub mod curl;
pub mod jwt;
pub mod messaging;
pub mod onboarding;
pub mod region;
pub mod request;

#[cfg(test)]
mod tests;

pub use request::{Credential, HttpRequest, Method};
