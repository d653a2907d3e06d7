//! Webex Connect values: the email app's Call Back URL, the tenant host it names, and the
//! checks of step 1 (app name, Call Back URL, Forwarding Address).
//!
//! The Call Back URL becomes the Entra redirect URI, which must match exactly (AADSTS50011),
//! so its shape is strict. Its host is only classified: Cisco's list of hosts is not
//! complete, so an unfamiliar host is a warning, never a refusal.

use std::fmt;

use super::email::{check_domain, DomainProblem, EmailAddress, OddChar};
use super::field::Field;
use super::finding::{Finding, Message};
use super::model::WebexConnectInput;

/// Region labels Cisco documents for `<tenant>.<region>.webexconnect.io` (DOMAIN.md section 2).
pub const REGIONS: [&str; 8] = ["us", "us1", "eu", "uk", "ca", "in", "au", "sg"];
/// Top-level domains of legacy `<tenant>.imiconnect.<tld>` tenants.
pub const LEGACY_TLDS: [&str; 6] = ["io", "eu", "ca", "us", "in", "com"];
/// Legacy top-level domains that name a region (`.io` and `.com` do not).
const REGIONAL_LEGACY_TLDS: [&str; 4] = ["eu", "ca", "us", "in"];
/// Platform host names under a region that are APIs, not tenants.
const API_HOSTS: [&str; 2] = ["api", "assetmanagement"];
const CALLBACK_PATH: &str = "/callback";
pub const APP_NAME_MAX: usize = 100;

/// A Call Back URL of the only accepted shape: `https://<host>/callback`, host lower-cased.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CallbackUrl {
    text: String,
    host: String,
}

impl CallbackUrl {
    /// Parses what the admin pasted; surrounding whitespace is ignored.
    pub fn parse(input: &str) -> Result<CallbackUrl, CallbackUrlProblem> {
        let s = input.trim();
        if s.is_empty() {
            return Err(CallbackUrlProblem::Empty);
        }
        if let Some(odd) = OddChar::find_trimmed(input) {
            return Err(CallbackUrlProblem::Char(odd));
        }
        let (scheme, rest) = match s.split_once("://") {
            Some((scheme, rest)) if is_scheme(scheme) => (scheme.to_ascii_lowercase(), rest),
            _ => return Err(CallbackUrlProblem::MissingScheme),
        };
        match scheme.as_str() {
            "https" => {}
            "http" => return Err(CallbackUrlProblem::Http),
            _ => return Err(CallbackUrlProblem::Scheme { scheme }),
        }
        // Split in URL order: authority, path, ?query, #fragment.
        let (rest, fragment) = split_off(rest, '#');
        let (rest, query) = split_off(rest, '?');
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(CallbackUrlProblem::Userinfo);
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        if host.is_empty() {
            return Err(CallbackUrlProblem::MissingHost);
        }
        let host = host.to_ascii_lowercase();
        check_domain(&host).map_err(CallbackUrlProblem::Host)?;
        // 443 is what https means anyway; any other port is not the Webex Connect tenant.
        if let Some(port) = port.filter(|p| *p != "443") {
            return Err(CallbackUrlProblem::Port { port: port.to_string() });
        }
        check_path(path)?;
        if let Some(query) = query {
            return Err(CallbackUrlProblem::Query { query: query.to_string() });
        }
        if let Some(fragment) = fragment {
            return Err(CallbackUrlProblem::Fragment { fragment: fragment.to_string() });
        }
        Ok(CallbackUrl { text: format!("https://{host}{CALLBACK_PATH}"), host })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The host, lower-cased.
    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn webex_host(&self) -> WebexHost {
        WebexHost::from_host(&self.host)
    }
}

impl fmt::Display for CallbackUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for CallbackUrl {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// RFC 3986 scheme: a letter, then letters, digits, `+`, `-`, `.`.
fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Splits at the first `sep`; the part after it is `Some` even when empty (`…/callback?`).
fn split_off(s: &str, sep: char) -> (&str, Option<&str>) {
    match s.split_once(sep) {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    }
}

fn check_path(path: &str) -> Result<(), CallbackUrlProblem> {
    if path == CALLBACK_PATH {
        return Ok(());
    }
    if path.is_empty() || path == "/" {
        return Err(CallbackUrlProblem::MissingPath);
    }
    let bare = path.trim_end_matches('/');
    if bare.eq_ignore_ascii_case(CALLBACK_PATH) && bare.len() < path.len() {
        return Err(CallbackUrlProblem::TrailingSlash);
    }
    // Entra compares redirect URI paths case-sensitively.
    if path.eq_ignore_ascii_case(CALLBACK_PATH) {
        return Err(CallbackUrlProblem::PathCase { path: path.to_string() });
    }
    Err(CallbackUrlProblem::WrongPath { path: path.to_string() })
}

/// Why a text is not a Call Back URL. The first problem found wins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallbackUrlProblem {
    Empty,
    Char(OddChar),
    MissingScheme,
    Http,
    Scheme { scheme: String },
    Userinfo,
    MissingHost,
    Host(DomainProblem),
    Port { port: String },
    MissingPath,
    TrailingSlash,
    PathCase { path: String },
    WrongPath { path: String },
    Query { query: String },
    Fragment { fragment: String },
}

impl CallbackUrlProblem {
    pub fn message(&self) -> Message {
        match self {
            CallbackUrlProblem::Empty => Message::new("webex.callback_url.required"),
            CallbackUrlProblem::Char(odd) => odd.message(),
            CallbackUrlProblem::MissingScheme => Message::new("webex.callback_url.missing_scheme"),
            CallbackUrlProblem::Http => Message::new("webex.callback_url.http"),
            CallbackUrlProblem::Scheme { scheme } => Message::new("webex.callback_url.scheme").with("scheme", scheme),
            CallbackUrlProblem::Userinfo => Message::new("webex.callback_url.userinfo"),
            CallbackUrlProblem::MissingHost => Message::new("webex.callback_url.missing_host"),
            CallbackUrlProblem::Host(p) => p.message(),
            CallbackUrlProblem::Port { port } => Message::new("webex.callback_url.port").with("port", port),
            CallbackUrlProblem::MissingPath => Message::new("webex.callback_url.missing_path"),
            CallbackUrlProblem::TrailingSlash => Message::new("webex.callback_url.trailing_slash"),
            CallbackUrlProblem::PathCase { path } => Message::new("webex.callback_url.path_case").with("path", path),
            CallbackUrlProblem::WrongPath { path } => Message::new("webex.callback_url.wrong_path").with("path", path),
            CallbackUrlProblem::Query { query } => Message::new("webex.callback_url.query").with("query", query),
            CallbackUrlProblem::Fragment { fragment } => {
                Message::new("webex.callback_url.fragment").with("fragment", fragment)
            }
        }
    }
}

/// What a Webex Connect host name says about the tenant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum WebexHost {
    /// `<tenant>.<region>.webexconnect.io`; `region` may be one Cisco does not document.
    Regional {
        tenant: String,
        region: String,
    },
    /// `<tenant>.imiconnect.<tld>`; `domain` is `imiconnect.<tld>`.
    Legacy {
        tenant: String,
        domain: String,
    },
    /// Old lab pods such as `cl1pod3.webexconnect.io`: no tenant or region label.
    Pod {
        pod: String,
    },
    Unknown {
        host: String,
    },
}

impl WebexHost {
    /// Classifies a host name (any case).
    pub fn from_host(host: &str) -> WebexHost {
        let host = host.to_ascii_lowercase();
        let labels: Vec<&str> = host.split('.').collect();
        match labels.as_slice() {
            [tenant, region, "webexconnect", "io"] if !tenant.is_empty() && !region.is_empty() => {
                WebexHost::Regional { tenant: tenant.to_string(), region: region.to_string() }
            }
            [pod, "webexconnect", "io"] if is_pod(pod) => WebexHost::Pod { pod: pod.to_string() },
            [tenant, "imiconnect", tld] if !tenant.is_empty() && LEGACY_TLDS.contains(tld) => {
                WebexHost::Legacy { tenant: tenant.to_string(), domain: format!("imiconnect.{tld}") }
            }
            _ => WebexHost::Unknown { host },
        }
    }

    /// The tenant name; empty where the host does not contain one.
    pub fn tenant(&self) -> &str {
        match self {
            WebexHost::Regional { tenant, .. } | WebexHost::Legacy { tenant, .. } => tenant,
            WebexHost::Pod { .. } | WebexHost::Unknown { .. } => "",
        }
    }

    /// The region label; for legacy hosts only where the top-level domain names one
    /// (`imiconnect.eu` -> `eu`), empty for `.io` and `.com` and for other shapes.
    pub fn region(&self) -> &str {
        match self {
            WebexHost::Regional { region, .. } => region,
            WebexHost::Legacy { domain, .. } => {
                let tld = domain.strip_prefix("imiconnect.").unwrap_or_default();
                if REGIONAL_LEGACY_TLDS.contains(&tld) {
                    tld
                } else {
                    ""
                }
            }
            WebexHost::Pod { .. } | WebexHost::Unknown { .. } => "",
        }
    }

    /// Warnings and notes about the host's shape; never errors (Cisco's host list is open).
    pub fn findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        match self {
            WebexHost::Regional { tenant, region } => {
                if API_HOSTS.contains(&tenant.as_str()) {
                    out.push(Finding::warning(
                        Field::WebexCallbackUrl,
                        Message::new("webex.callback_url.api_host")
                            .with("host", format!("{tenant}.{region}.webexconnect.io")),
                    ));
                }
                if !REGIONS.contains(&region.as_str()) {
                    out.push(Finding::warning(
                        Field::WebexRegion,
                        Message::new("webex.region.unknown").with("region", region).with("regions", REGIONS.join(", ")),
                    ));
                }
            }
            WebexHost::Legacy { tenant, domain } => {
                if self.region().is_empty() {
                    out.push(Finding::info(
                        Field::WebexRegion,
                        Message::new("webex.region.not_in_host").with("host", format!("{tenant}.{domain}")),
                    ));
                }
            }
            WebexHost::Pod { pod } => out.push(Finding::info(
                Field::WebexCallbackUrl,
                Message::new("webex.callback_url.lab_pod").with("host", format!("{pod}.webexconnect.io")),
            )),
            WebexHost::Unknown { host } => out.push(Finding::warning(
                Field::WebexCallbackUrl,
                Message::new("webex.callback_url.unknown_host").with("host", host),
            )),
        }
        out
    }
}

/// `cl<N>pod<M>`, the naming of Webex Connect's old lab pods.
fn is_pod(label: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    label
        .strip_prefix("cl")
        .and_then(|rest| rest.split_once("pod"))
        .is_some_and(|(cluster, pod)| digits(cluster) && digits(pod))
}

/// Whether a mail domain belongs to Webex Connect (`mail-us.imiconnect.io` is the one public
/// example; other regions' forwarding domains are unverified, hence the broad match).
pub fn is_webex_mail_domain(domain: &str) -> bool {
    let domain = domain.to_ascii_lowercase();
    let under = |base: &str| domain == base || domain.ends_with(&format!(".{base}"));
    under("webexconnect.io") || LEGACY_TLDS.iter().any(|tld| under(&format!("imiconnect.{tld}")))
}

/// Step 1 checks. `mailbox_address` is the Office 365 mailbox, to catch a mail loop.
pub fn validate_webex(input: &WebexConnectInput, mailbox_address: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    validate_app_name(&input.app_name, &mut out);

    if input.callback_url.trim().is_empty() {
        out.push(Finding::error(Field::WebexCallbackUrl, Message::new("webex.callback_url.required")));
    } else {
        match CallbackUrl::parse(&input.callback_url) {
            Ok(url) => out.extend(url.webex_host().findings()),
            Err(p) => out.push(Finding::error(Field::WebexCallbackUrl, p.message())),
        }
    }

    let field = Field::WebexForwardingAddress;
    if input.forwarding_address.trim().is_empty() {
        out.push(Finding::error(field, Message::new("webex.forwarding_address.required")));
    } else {
        match EmailAddress::parse(&input.forwarding_address) {
            Err(p) => out.push(Finding::error(field, p.message())),
            Ok(fwd) => {
                if EmailAddress::parse(mailbox_address).is_ok_and(|mb| mb.same_mailbox(&fwd)) {
                    out.push(Finding::error(
                        field,
                        Message::new("webex.forwarding_address.same_as_mailbox").with("address", fwd.as_str()),
                    ));
                } else if !is_webex_mail_domain(fwd.domain()) {
                    out.push(Finding::warning(
                        field,
                        Message::new("webex.forwarding_address.unexpected_domain").with("domain", fwd.domain()),
                    ));
                }
            }
        }
    }
    out
}

fn validate_app_name(raw: &str, out: &mut Vec<Finding>) {
    let field = Field::WebexAppName;
    let name = raw.trim();
    if name.is_empty() {
        out.push(Finding::error(field, Message::new("webex.app_name.required")));
        return;
    }
    let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
    if let Some((i, ch)) = name.chars().enumerate().find(|(_, c)| c.is_control()) {
        out.push(Finding::error(
            field,
            Message::new("webex.app_name.control_char")
                .with("code", super::email::code_point(ch))
                .with("position", (lead + i + 1).to_string()),
        ));
    }
    let length = name.chars().count();
    if length > APP_NAME_MAX {
        out.push(Finding::error(
            field,
            Message::new("webex.app_name.too_long")
                .with("length", length.to_string())
                .with("max", APP_NAME_MAX.to_string()),
        ));
    }
}

#[cfg(test)]
#[path = "webex_tests.rs"]
mod tests;
