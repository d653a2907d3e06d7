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
mod tests {
    use super::*;
    use crate::domain::email::OddCharKind;
    use crate::domain::finding::Severity;
    use proptest::prelude::*;

    const GOOD: &str = "https://contoso.us.webexconnect.io/callback";
    const FWD: &str = "0123456789abcdef0123456789abcdef@mail-us.imiconnect.io";
    const BASE: &str = "https://contoso.us.webexconnect.io";

    type Row = (Field, Severity, &'static str);

    fn problem(s: &str) -> CallbackUrlProblem {
        match CallbackUrl::parse(s) {
            Err(p) => p,
            Ok(u) => panic!("{s:?} parsed as {u:?}"),
        }
    }

    fn webex(app: &str, url: &str, fwd: &str, mailbox: &str) -> Vec<Finding> {
        let input =
            WebexConnectInput { app_name: app.into(), callback_url: url.into(), forwarding_address: fwd.into() };
        validate_webex(&input, mailbox)
    }

    fn rows(findings: &[Finding]) -> Vec<Row> {
        findings.iter().map(|f| (f.field, f.severity, f.message.key)).collect()
    }

    #[test]
    fn canonical_url_parses() {
        let u = CallbackUrl::parse(GOOD).unwrap();
        assert_eq!((u.as_str(), u.host()), (GOOD, "contoso.us.webexconnect.io"));
        assert_eq!(u.to_string(), GOOD);
        assert_eq!(u.as_ref(), GOOD);
        assert_eq!((u.webex_host().tenant(), u.webex_host().region()), ("contoso", "us"));
    }

    #[test]
    fn whitespace_case_and_port_443_normalise() {
        for s in [
            "  https://contoso.us.webexconnect.io/callback\n",
            "HTTPS://Contoso.US.WebexConnect.IO/callback",
            "https://contoso.us.webexconnect.io:443/callback",
            "\u{3000}https://contoso.us.webexconnect.io/callback\t",
        ] {
            let parsed = CallbackUrl::parse(s).map(|u| u.as_str().to_string());
            assert_eq!(parsed, Ok(GOOD.to_string()), "{s:?}");
        }
    }

    /// Every refusal, with the problem's locale key.
    #[rustfmt::skip]
    const REFUSED: [(&str, &str); 30] = [
        ("", "webex.callback_url.required"),
        (" \t", "webex.callback_url.required"),
        ("http://contoso.us.webexconnect.io/callback", "webex.callback_url.http"),
        ("HTTP://contoso.us.webexconnect.io/callback", "webex.callback_url.http"),
        ("contoso.us.webexconnect.io/callback", "webex.callback_url.missing_scheme"),
        ("//contoso.us.webexconnect.io/callback", "webex.callback_url.missing_scheme"),
        ("https:/contoso.us.webexconnect.io/callback", "webex.callback_url.missing_scheme"),
        ("x.io/callback?u=https://a.b", "webex.callback_url.missing_scheme"),
        ("ftp://contoso.us.webexconnect.io/callback", "webex.callback_url.scheme"),
        ("https://user:pw@contoso.us.webexconnect.io/callback", "webex.callback_url.userinfo"),
        ("https:///callback", "webex.callback_url.missing_host"),
        ("https://:443/callback", "webex.callback_url.missing_host"),
        ("https://contoso.us.webexconnect.io:8443/callback", "webex.callback_url.port"),
        ("https://contoso.us.webexconnect.io:/callback", "webex.callback_url.port"),
        ("https://localhost/callback", "email.domain.no_dot"),
        ("https://10.0.0.1/callback", "email.domain.numeric_tld"),
        ("https://[::1]/callback", "email.domain.bad_char"),
        ("https://a..b.io/callback", "email.domain.empty_label"),
        ("https://a_b.us.webexconnect.io/callback", "email.domain.bad_char"),
        ("https://contoso.us.webexconnect.io", "webex.callback_url.missing_path"),
        ("https://contoso.us.webexconnect.io/", "webex.callback_url.missing_path"),
        ("https://contoso.us.webexconnect.io?x=/callback", "webex.callback_url.missing_path"),
        ("https://contoso.us.webexconnect.io/callback/", "webex.callback_url.trailing_slash"),
        ("https://contoso.us.webexconnect.io/Callback/", "webex.callback_url.trailing_slash"),
        ("https://contoso.us.webexconnect.io/CALLBACK", "webex.callback_url.path_case"),
        ("https://contoso.us.webexconnect.io/callbacks", "webex.callback_url.wrong_path"),
        ("https://contoso.us.webexconnect.io//callback", "webex.callback_url.wrong_path"),
        ("https://contoso.us.webexconnect.io/callback?x=1", "webex.callback_url.query"),
        ("https://contoso.us.webexconnect.io/callback?", "webex.callback_url.query"),
        ("https://contoso.us.webexconnect.io/callback#top", "webex.callback_url.fragment"),
    ];

    #[test]
    fn refusals_have_specific_messages() {
        for (input, key) in REFUSED {
            assert_eq!(problem(input).message().key, key, "{input:?}");
        }
    }

    #[test]
    fn refusals_carry_the_offending_part() {
        let p = |s: &str| problem(&format!("{BASE}{s}"));
        assert_eq!(p(":8443/callback"), CallbackUrlProblem::Port { port: "8443".into() });
        assert_eq!(p(":/callback"), CallbackUrlProblem::Port { port: String::new() });
        assert_eq!(p("/callback//"), CallbackUrlProblem::TrailingSlash);
        assert_eq!(p("/Callback"), CallbackUrlProblem::PathCase { path: "/Callback".into() });
        let wrong = |path: &str| CallbackUrlProblem::WrongPath { path: path.into() };
        assert_eq!(p("/callback/x"), wrong("/callback/x"));
        assert_eq!(p("/oauth/callback"), wrong("/oauth/callback"));
        assert_eq!(p("/callback?a#b"), CallbackUrlProblem::Query { query: "a".into() });
        let fragment = CallbackUrlProblem::Fragment { fragment: "x".into() };
        assert_eq!(p("/callback#x"), fragment);
        let ftp = problem("ftp://x.io/callback");
        assert_eq!(ftp, CallbackUrlProblem::Scheme { scheme: "ftp".into() });
        assert_eq!(ftp.message().param("scheme"), Some("ftp"));
        assert_eq!(p(":80/callback").message().param("port"), Some("80"));
        assert_eq!(p("/x").message().param("path"), Some("/x"));
        assert_eq!(p("/callback?q=1").message().param("query"), Some("q=1"));
        assert_eq!(fragment.message().param("fragment"), Some("x"));
        let host = problem("https://a_b.io/callback").message();
        assert_eq!((host.param("char"), host.param("domain")), (Some("_"), Some("a_b.io")));
    }

    #[test]
    fn look_alike_and_invisible_characters_are_refused() {
        let odd = |s: &str| match problem(s) {
            CallbackUrlProblem::Char(o) => (o.kind, o.code(), o.position),
            p => panic!("{s}: {p:?}"),
        };
        // Cyrillic "о" (U+043E) in the tenant name.
        let cyrillic = odd("https://cont\u{043E}so.us.webexconnect.io/callback");
        assert_eq!(cyrillic, (OddCharKind::LookAlike('o'), "U+043E".into(), 13));
        let slash = odd("https://contoso.us.webexconnect.io\u{FF0F}callback");
        assert_eq!(slash.0, OddCharKind::LookAlike('/'));
        let colon = odd("https\u{FF1A}//contoso.us.webexconnect.io/callback");
        assert_eq!(colon.0, OddCharKind::LookAlike(':'));
        let zwsp = odd("https://contoso.us.webexconnect.io/call\u{200B}back");
        assert_eq!((zwsp.0, zwsp.1), (OddCharKind::Invisible, "U+200B".into()));
        let space = odd("https://contoso.us.webexconnect.io/ callback");
        assert_eq!(space.0, OddCharKind::Space);
        assert_eq!(odd("https://例え.jp/callback").0, OddCharKind::NonAscii);
        let m = problem("https://t\u{0435}nant.us.webexconnect.io/callback").message();
        assert_eq!((m.key, m.param("code")), ("email.char.look_alike", Some("U+0435")));
    }

    #[test]
    fn hosts_are_classified() {
        let h = WebexHost::from_host;
        let regional = WebexHost::Regional { tenant: "acme".into(), region: "eu".into() };
        assert_eq!(h("acme.eu.webexconnect.io"), regional);
        assert_eq!(h("ACME.US1.webexconnect.io").region(), "us1");
        assert_eq!(h("acme.jp.webexconnect.io").region(), "jp");
        let legacy = WebexHost::Legacy { tenant: "acme".into(), domain: "imiconnect.io".into() };
        assert_eq!(h("acme.imiconnect.io"), legacy);
        assert_eq!((legacy.tenant(), legacy.region()), ("acme", ""));
        assert_eq!(h("acme.imiconnect.com").region(), "");
        for tld in ["eu", "ca", "us", "in"] {
            assert_eq!(h(&format!("acme.imiconnect.{tld}")).region(), tld);
        }
        let pod = h("cl1pod3.webexconnect.io");
        assert_eq!(pod, WebexHost::Pod { pod: "cl1pod3".into() });
        assert_eq!((pod.tenant(), pod.region()), ("", ""));
        for unknown in [
            "acme.webexconnect.io",
            "clpod3.webexconnect.io",
            "cl1pod.webexconnect.io",
            "a.b.us.webexconnect.io",
            "acme.imiconnect.de",
            "a.b.imiconnect.io",
            "example.com",
            "webexconnect.io.evil.com",
        ] {
            assert_eq!(h(unknown), WebexHost::Unknown { host: unknown.into() }, "{unknown}");
            assert_eq!((h(unknown).tenant(), h(unknown).region()), ("", ""));
        }
    }

    #[test]
    fn host_findings() {
        let f = |host: &str| rows(&WebexHost::from_host(host).findings());
        for region in REGIONS {
            assert!(f(&format!("acme.{region}.webexconnect.io")).is_empty(), "{region}");
        }
        assert!(f("acme.imiconnect.eu").is_empty());
        let cases: [(&str, Row); 5] = [
            ("acme.jp.webexconnect.io", (Field::WebexRegion, Severity::Warning, "webex.region.unknown")),
            ("api.us.webexconnect.io", (Field::WebexCallbackUrl, Severity::Warning, "webex.callback_url.api_host")),
            ("acme.imiconnect.io", (Field::WebexRegion, Severity::Info, "webex.region.not_in_host")),
            ("cl2pod10.webexconnect.io", (Field::WebexCallbackUrl, Severity::Info, "webex.callback_url.lab_pod")),
            ("webex.example.com", (Field::WebexCallbackUrl, Severity::Warning, "webex.callback_url.unknown_host")),
        ];
        for (host, row) in cases {
            assert_eq!(f(host), [row], "{host}");
        }
        let unknown = WebexHost::from_host("acme.xx.webexconnect.io").findings();
        assert_eq!(unknown[0].message.param("region"), Some("xx"));
        assert_eq!(unknown[0].message.param("regions"), Some("us, us1, eu, uk, ca, in, au, sg"));
        let legacy = WebexHost::from_host("acme.imiconnect.com").findings();
        assert_eq!(legacy[0].message.param("host"), Some("acme.imiconnect.com"));
    }

    #[test]
    fn webex_mail_domains() {
        for d in ["mail-us.imiconnect.io", "imiconnect.io", "mail-eu.imiconnect.eu", "x.webexconnect.io"] {
            assert!(is_webex_mail_domain(d), "{d}");
        }
        assert!(is_webex_mail_domain("MAIL-US.IMICONNECT.IO"));
        for d in ["contoso.com", "notimiconnect.io", "imiconnect.io.evil.com", "imiconnect.de", "mywebexconnect.io"] {
            assert!(!is_webex_mail_domain(d), "{d}");
        }
    }

    #[test]
    fn complete_step_has_no_findings() {
        assert!(webex("Support email", GOOD, FWD, "support@contoso.com").is_empty());
        // The mailbox may not be entered yet, or not be valid yet.
        assert!(webex("Support email", GOOD, FWD, "").is_empty());
        assert!(webex("Support", GOOD, " x@mail-eu.imiconnect.eu ", "not an address").is_empty());
    }

    #[test]
    fn empty_step_reports_every_required_field() {
        let expected = [
            (Field::WebexAppName, Severity::Error, "webex.app_name.required"),
            (Field::WebexCallbackUrl, Severity::Error, "webex.callback_url.required"),
            (Field::WebexForwardingAddress, Severity::Error, "webex.forwarding_address.required"),
        ];
        assert_eq!(rows(&webex(" ", "", "\t", "")), expected);
    }

    #[test]
    fn app_name_rules() {
        let app = |name: &str| rows(&webex(name, GOOD, FWD, ""));
        assert!(app("メール窓口 (Support)").is_empty());
        assert!(app(&"あ".repeat(APP_NAME_MAX)).is_empty());
        let error = |key| vec![(Field::WebexAppName, Severity::Error, key)];
        assert_eq!(app(&"a".repeat(APP_NAME_MAX + 1)), error("webex.app_name.too_long"));
        assert_eq!(app("Support\nemail"), error("webex.app_name.control_char"));
        let m = &webex("  ab\u{0007}", GOOD, FWD, "")[0].message;
        assert_eq!((m.param("code"), m.param("position")), (Some("U+0007"), Some("5")));
        let m = &webex(&"a".repeat(101), GOOD, FWD, "")[0].message;
        assert_eq!((m.param("length"), m.param("max")), (Some("101"), Some("100")));
    }

    #[test]
    fn callback_url_findings() {
        let url = |u: &str| rows(&webex("App", u, FWD, ""));
        let row = |severity, key| vec![(Field::WebexCallbackUrl, severity, key)];
        let http = "http://a.us.webexconnect.io/callback";
        assert_eq!(url(http), row(Severity::Error, "webex.callback_url.http"));
        let slash = "https://a.us.webexconnect.io/callback/";
        assert_eq!(url(slash), row(Severity::Error, "webex.callback_url.trailing_slash"));
        let unknown = "https://a.example.com/callback";
        assert_eq!(url(unknown), row(Severity::Warning, "webex.callback_url.unknown_host"));
        let legacy = url("https://a.imiconnect.com/callback");
        assert_eq!(legacy, [(Field::WebexRegion, Severity::Info, "webex.region.not_in_host")]);
    }

    #[test]
    fn forwarding_address_findings() {
        let fwd = |a: &str, mailbox: &str| rows(&webex("App", GOOD, a, mailbox));
        let row = |severity, key| vec![(Field::WebexForwardingAddress, severity, key)];
        let other = row(Severity::Warning, "webex.forwarding_address.unexpected_domain");
        assert_eq!(fwd("abc@contoso.com", ""), other);
        let same = row(Severity::Error, "webex.forwarding_address.same_as_mailbox");
        assert_eq!(fwd("abc@contoso.com", "Abc@Contoso.com"), same);
        assert_eq!(fwd(FWD, &FWD.to_uppercase()), same);
        let fullwidth_at = "abc\u{FF20}mail-us.imiconnect.io";
        assert_eq!(fwd(fullwidth_at, ""), row(Severity::Error, "email.char.look_alike"));
        assert_eq!(fwd("abc", ""), row(Severity::Error, "email.missing_at"));
        let m = &webex("App", GOOD, "a@Contoso.com", "")[0].message;
        assert_eq!(m.param("domain"), Some("contoso.com"));
        let m = &webex("App", GOOD, FWD, FWD)[0].message;
        assert_eq!(m.param("address"), Some(FWD));
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in any::<String>()) {
            match CallbackUrl::parse(&s) {
                Ok(u) => prop_assert_eq!(CallbackUrl::parse(u.as_str()), Ok(u.clone())),
                Err(p) => prop_assert!(!p.message().key.is_empty()),
            }
        }

        #[test]
        fn parse_never_panics_on_url_like_text(
            s in "[ hHtTpPsS:/?#@.\\[\\]a-z0-9\\-_\u{FF0F}\u{0435}\u{200B}]{0,50}"
        ) {
            match CallbackUrl::parse(&s) {
                Ok(u) => prop_assert_eq!(CallbackUrl::parse(u.as_str()), Ok(u.clone())),
                Err(p) => prop_assert!(!p.message().key.is_empty()),
            }
        }

        #[test]
        fn parsed_urls_re_parse_to_themselves(
            scheme in "[hH][tT][tT][pP][sS]",
            tenant in "[a-zA-Z][a-zA-Z0-9\\-]{0,10}[a-zA-Z0-9]",
            region in "(us|US|eu|Eu|jp|au)",
            port in "(|:443)",
            pad in "[ \t\n]{0,2}",
        ) {
            let host = format!("{tenant}.{region}.webexconnect.io");
            let raw = format!("{pad}{scheme}://{host}{port}/callback{pad}");
            let u = CallbackUrl::parse(&raw).unwrap();
            prop_assert_eq!(u.host(), host.to_ascii_lowercase());
            prop_assert_eq!(u.webex_host().tenant().to_string(), tenant.to_ascii_lowercase());
            prop_assert_eq!(CallbackUrl::parse(u.as_str()), Ok(u.clone()));
            let shown = format!("{u}");
            prop_assert_eq!(CallbackUrl::parse(&shown), Ok(u));
        }
    }
}
