//! Unit tests of `webex.rs`.

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
    let input = WebexConnectInput { app_name: app.into(), callback_url: url.into(), forwarding_address: fwd.into() };
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
