//! Host names the admin types, now that `idna_adapter` is pinned to its ASCII-only 1.0 (no
//! Unicode tables in the wasm; see Cargo.toml): an internationalized name (Unicode, full-width,
//! Japanese) in any field that takes a host is refused with a message next to that field in
//! both languages, while its ASCII `xn--` form is accepted; a config.json URL with one is
//! refused before it could reach the oauth2 crate, which can no longer map it.

use super::config::{self, ConfigStatus};
use super::date::Date;
use super::field::Field;
use super::finding::{Finding, Message, Severity};
use super::locale::{Catalog, Lang};
use super::model::{Secrets, Setup};
use super::validate::{set_raw, validate};

/// Internationalized forms of hosts, each with the character the message must name.
const IDN_HOSTS: [(&str, &str); 4] = [
    ("例え.jp", "U+4F8B"),
    ("bücher.example", "U+00FC"),
    ("ｃｏｎｔｏｓｏ.com", "U+FF43"),
    ("contoso.co。jp", "U+3002"),
];
const PUNYCODE: &str = "xn--r8jz45g.jp";

/// `text` in the field, the rest of the setup valid enough not to matter.
fn findings_for(field: Field, text: &str) -> Vec<Finding> {
    let mut setup = Setup::default();
    assert!(set_raw(&mut setup, field, text.to_string()));
    let today = Date::new(2026, 12, 1).unwrap();
    validate(&setup, &Secrets::default(), today).into_iter().filter(|f| f.field == field).collect()
}

/// The message's text in `lang`: a sentence from the catalogue with every placeholder filled.
fn rendered(lang: Lang, message: &Message) -> String {
    let catalog = Catalog::load(lang);
    assert!(catalog.get(message.key).is_some(), "{}: no text for {}", lang.code(), message.key);
    let text = catalog.render(message);
    assert!(!text.contains('{'), "{}: unfilled placeholder in {text:?}", lang.code());
    text
}

fn assert_refused(field: Field, text: &str, code: &str) {
    let findings = findings_for(field, text);
    let error = findings.iter().find(|f| f.severity == Severity::Error);
    let error = error.unwrap_or_else(|| panic!("{field:?} accepted {text:?}: {findings:?}"));
    for lang in Lang::ALL {
        let shown = rendered(lang, &error.message);
        assert!(shown.contains(code), "{}: {field:?} {text:?}: {shown:?} does not name {code}", lang.code());
    }
}

fn assert_no_error(field: Field, text: &str) {
    let findings = findings_for(field, text);
    assert!(findings.iter().all(|f| f.severity != Severity::Error), "{field:?} {text:?}: {findings:?}");
}

#[test]
fn internationalized_hosts_are_refused_next_to_their_field_in_both_languages() {
    for (host, code) in IDN_HOSTS {
        assert_refused(Field::WebexCallbackUrl, &format!("https://{host}/callback"), code);
        assert_refused(Field::WebexForwardingAddress, &format!("0123456789abcdef0123456789abcdef@{host}"), code);
        assert_refused(Field::AzureTenantId, host, code);
        assert_refused(Field::MailboxAddress, &format!("support@{host}"), code);
        assert_refused(Field::MailboxUserPrincipalName, &format!("support@{host}"), code);
    }
}

#[test]
fn the_ascii_form_of_an_internationalized_host_is_accepted() {
    assert_no_error(Field::WebexCallbackUrl, &format!("https://{PUNYCODE}/callback"));
    assert_no_error(Field::AzureTenantId, PUNYCODE);
    assert_no_error(Field::MailboxAddress, &format!("support@{PUNYCODE}"));
}

#[test]
fn config_urls_with_an_internationalized_host_are_refused_with_a_reason() {
    for (host, _) in IDN_HOSTS {
        let text = format!(r#"{{"authority":"https://{host}/login"}}"#);
        let ConfigStatus::Unusable { reason } = config::parse(&text) else { panic!("{text} was accepted") };
        assert_eq!(reason.key, "config.url_host_not_ascii", "{text}");
        for lang in Lang::ALL {
            assert!(rendered(lang, &reason).contains(host), "{}: {reason:?}", lang.code());
        }
        let text = format!(r#"{{"webex":{{"messaging":"https://{host}"}}}}"#);
        assert!(matches!(config::parse(&text), ConfigStatus::Unusable { .. }), "{text}");
    }
    let text = format!(r#"{{"authority":"https://login.{PUNYCODE}"}}"#);
    assert!(matches!(config::parse(&text), ConfigStatus::Loaded { .. }), "{text}");
}

/// The pin itself: the URL parser the oauth2 crate uses maps no Unicode host (idna_adapter
/// 1.0). If this starts passing a Unicode host, the Unicode tables are back in the wasm.
#[test]
fn the_url_parser_is_ascii_only() {
    assert!(oauth2::url::Url::parse("https://例え.jp/").is_err());
    assert!(oauth2::url::Url::parse("https://bücher.example/").is_err());
    let ascii = oauth2::url::Url::parse(&format!("https://{PUNYCODE}/callback")).unwrap();
    assert_eq!(ascii.host_str(), Some(PUNYCODE));
    // Upper-case ASCII is still folded (the only mapping left).
    assert_eq!(
        oauth2::url::Url::parse("https://Login.MicrosoftOnline.com/").unwrap().host_str(),
        Some("login.microsoftonline.com")
    );
}
