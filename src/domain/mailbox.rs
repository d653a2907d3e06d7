//! Checks of the Office 365 mailbox (step 3) and of the SMTP overrides on the Webex Connect
//! OAuth form (step 4).
//!
//! Most failures here only show up later as an SMTP 535 or a mail loop, so the validators
//! compare the values with each other, not just each value with its own shape.

use super::email::{check_domain, EmailAddress, OddChar};
use super::field::Field;
use super::finding::{Finding, Message};
use super::model::{MailboxInput, OutboundPolicy, SmtpInput};
use super::webex::is_webex_mail_domain;

/// Step 3 checks. `forwarding_address` is Webex Connect's, to catch a mail loop.
pub fn validate_mailbox(input: &MailboxInput, forwarding_address: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let forwarding = EmailAddress::parse(forwarding_address).ok();

    let address =
        required_email(&input.address, Field::MailboxAddress, Message::new("mailbox.address.required"), &mut out);
    if let Some(address) = &address {
        if forwarding.as_ref().is_some_and(|f| f.same_mailbox(address)) {
            out.push(Finding::error(
                Field::MailboxAddress,
                Message::new("mailbox.address.same_as_forwarding").with("address", address.as_str()),
            ));
        } else if is_webex_mail_domain(address.domain()) {
            out.push(Finding::warning(
                Field::MailboxAddress,
                Message::new("mailbox.address.webex_domain").with("address", address.as_str()),
            ));
        }
    }

    let field = Field::MailboxUserPrincipalName;
    let upn = required_email(&input.user_principal_name, field, Message::new("mailbox.upn.required"), &mut out);
    if let Some(upn) = &upn {
        // B2B guests sign in as `user_domain#EXT#@tenant`; they have no mailbox here.
        if upn.local().to_ascii_uppercase().contains("#EXT#") {
            out.push(Finding::warning(field, Message::new("mailbox.upn.guest").with("upn", upn.as_str())));
        }
        if let Some(address) = address.as_ref().filter(|a| !a.same_mailbox(upn)) {
            out.push(Finding::info(
                field,
                Message::new("mailbox.upn.differs").with("upn", upn.as_str()).with("address", address.as_str()),
            ));
        }
    }

    if input.outbound_policy == OutboundPolicy::DefaultPolicy {
        out.push(Finding::warning(Field::MailboxOutboundPolicy, Message::new("mailbox.outbound_policy.tenant_wide")));
    }
    out
}

/// Reports a missing or malformed address; returns it when it parses.
fn required_email(raw: &str, field: Field, required: Message, out: &mut Vec<Finding>) -> Option<EmailAddress> {
    if raw.trim().is_empty() {
        out.push(Finding::error(field, required));
        return None;
    }
    match EmailAddress::parse(raw) {
        Ok(address) => Some(address),
        Err(p) => {
            out.push(Finding::error(field, p.message()));
            None
        }
    }
}

/// Step 4 checks of the optional overrides: empty values mean the defaults (`derive`).
/// `upn` is the mailbox's user principal name.
pub fn validate_smtp(input: &SmtpInput, upn: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if !input.username.trim().is_empty() {
        match EmailAddress::parse(&input.username) {
            Err(p) => out.push(Finding::error(Field::SmtpUsername, p.message())),
            Ok(username) => {
                if let Some(upn) = EmailAddress::parse(upn).ok().filter(|u| !u.same_mailbox(&username)) {
                    out.push(Finding::warning(
                        Field::SmtpUsername,
                        Message::new("smtp.username.differs_from_upn")
                            .with("username", username.as_str())
                            .with("upn", upn.as_str()),
                    ));
                }
            }
        }
    }
    if !input.server.trim().is_empty() {
        if let Err(message) = check_server(&input.server) {
            out.push(Finding::error(Field::SmtpServer, message));
        }
    }
    out
}

/// A bare host name: Webex Connect has separate fields for the port and the security.
fn check_server(raw: &str) -> Result<(), Message> {
    if let Some(odd) = OddChar::find_trimmed(raw) {
        return Err(odd.message());
    }
    let server = raw.trim();
    if let Some((scheme, _)) = server.split_once("://") {
        return Err(Message::new("smtp.server.scheme").with("scheme", scheme));
    }
    if server.contains('/') {
        return Err(Message::new("smtp.server.path"));
    }
    if let Some((_, port)) = server.rsplit_once(':') {
        return Err(Message::new("smtp.server.port").with("port", port));
    }
    check_domain(server).map_err(|p| p.message())
}

#[cfg(test)]
#[path = "mailbox_tests.rs"]
mod tests;

/// The locale files of this area against the messages the validators actually produce.
#[cfg(test)]
mod locale_tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::domain::email::{DomainProblem, EmailProblem, OddCharKind};
    use crate::domain::model::WebexConnectInput;
    use crate::domain::webex::{validate_webex, CallbackUrlProblem, WebexHost};

    const SOURCES: [&str; 3] = [include_str!("email.rs"), include_str!("webex.rs"), include_str!("mailbox.rs")];
    /// (file, allowed key prefixes, English, Japanese)
    const FILES: [(&str, [&str; 2], &str, &str); 2] = [
        (
            "webex.json",
            ["webex.", "email."],
            include_str!("../../locales/en/webex.json"),
            include_str!("../../locales/ja/webex.json"),
        ),
        (
            "mailbox.json",
            ["mailbox.", "smtp."],
            include_str!("../../locales/en/mailbox.json"),
            include_str!("../../locales/ja/mailbox.json"),
        ),
    ];

    fn load(json: &str) -> BTreeMap<String, String> {
        serde_json::from_str(json).unwrap()
    }

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{').skip(1).filter_map(|s| s.split_once('}')).map(|(name, _)| name.to_string()).collect()
    }

    /// Every key literal passed to `Message::new` in this area's sources.
    fn keys_in_sources() -> BTreeSet<String> {
        let marker = concat!("Message::new", "(\"");
        SOURCES
            .iter()
            .flat_map(|src| src.split(marker).skip(1))
            .filter_map(|s| s.split_once('"').map(|(key, _)| key.to_string()))
            .collect()
    }

    /// At least one message per key, built through the public API, with real parameters.
    fn samples() -> Vec<Message> {
        let mut out: Vec<Message> = Vec::new();
        let email = [
            EmailProblem::Empty,
            EmailProblem::Mailto,
            EmailProblem::MissingAt,
            EmailProblem::MultipleAt { count: 2 },
            EmailProblem::EmptyLocal,
            EmailProblem::EmptyDomain,
            EmailProblem::TooLong { length: 300 },
            EmailProblem::LocalTooLong { length: 70 },
            EmailProblem::LocalBadChar { ch: ',' },
            EmailProblem::LocalDots,
        ];
        out.extend(email.iter().map(EmailProblem::message));
        let d = || "contoso.com".to_string();
        let domain = [
            DomainProblem::NoDot { domain: d() },
            DomainProblem::TooLong { domain: d(), length: 300 },
            DomainProblem::EmptyLabel { domain: d() },
            DomainProblem::BadChar { domain: d(), ch: '_' },
            DomainProblem::LabelTooLong { domain: d(), label: d() },
            DomainProblem::LabelHyphen { domain: d(), label: d() },
            DomainProblem::NumericTld { domain: d() },
        ];
        out.extend(domain.iter().map(DomainProblem::message));
        let kinds = [
            OddCharKind::Space,
            OddCharKind::Invisible,
            OddCharKind::Control,
            OddCharKind::LookAlike('a'),
            OddCharKind::NonAscii,
        ];
        out.extend(kinds.into_iter().map(|kind| OddChar { ch: 'x', position: 1, kind }.message()));
        let s = || "x".to_string();
        let url = [
            CallbackUrlProblem::Empty,
            CallbackUrlProblem::MissingScheme,
            CallbackUrlProblem::Http,
            CallbackUrlProblem::Scheme { scheme: s() },
            CallbackUrlProblem::Userinfo,
            CallbackUrlProblem::MissingHost,
            CallbackUrlProblem::Port { port: s() },
            CallbackUrlProblem::MissingPath,
            CallbackUrlProblem::TrailingSlash,
            CallbackUrlProblem::PathCase { path: s() },
            CallbackUrlProblem::WrongPath { path: s() },
            CallbackUrlProblem::Query { query: s() },
            CallbackUrlProblem::Fragment { fragment: s() },
        ];
        out.extend(url.iter().map(CallbackUrlProblem::message));
        for host in ["api.xx.webexconnect.io", "a.imiconnect.io", "cl1pod1.webexconnect.io", "a.example.com"] {
            out.extend(WebexHost::from_host(host).findings().into_iter().map(|f| f.message));
        }
        let fwd = "f@mail-us.imiconnect.io";
        let webex = [("", "", "", ""), ("a\u{7}", GOOD, "f@contoso.com", ""), (&"a".repeat(101), GOOD, fwd, fwd)];
        for (app, url, fwd, mailbox) in webex {
            let input =
                WebexConnectInput { app_name: app.into(), callback_url: url.into(), forwarding_address: fwd.into() };
            out.extend(validate_webex(&input, mailbox).into_iter().map(|f| f.message));
        }
        let mailboxes = [
            ("", "", OutboundPolicy::DefaultPolicy, ""),
            (fwd, "a#EXT#@b.com", OutboundPolicy::ScopedCustomPolicy, fwd),
            ("x@mail-us.imiconnect.io", "y@b.com", OutboundPolicy::ScopedCustomPolicy, ""),
        ];
        for (address, upn, policy, fwd) in mailboxes {
            let input =
                MailboxInput { address: address.into(), user_principal_name: upn.into(), outbound_policy: policy };
            out.extend(validate_mailbox(&input, fwd).into_iter().map(|f| f.message));
        }
        for (server, username) in [("a://b.com", "x@b.com"), ("b.com/x", ""), ("b.com:25", "")] {
            let input = SmtpInput { server: server.into(), username: username.into() };
            out.extend(validate_smtp(&input, "u@b.com").into_iter().map(|f| f.message));
        }
        out
    }

    const GOOD: &str = "https://a.us.webexconnect.io/callback";

    #[test]
    fn both_languages_have_the_same_keys_and_placeholders() {
        for (name, prefixes, en, ja) in FILES {
            let (en, ja) = (load(en), load(ja));
            assert_eq!(en.keys().collect::<Vec<_>>(), ja.keys().collect::<Vec<_>>(), "{name}");
            for (key, text) in &en {
                assert!(prefixes.iter().any(|p| key.starts_with(p)), "{name}: {key} has a foreign prefix");
                assert_eq!(placeholders(text), placeholders(&ja[key]), "{name}: {key}");
                assert!(!text.trim().is_empty() && !ja[key].trim().is_empty(), "{name}: {key} is empty");
            }
        }
    }

    #[test]
    fn source_keys_exist_and_every_file_key_is_used() {
        let mut all = BTreeMap::new();
        for (_, _, en, _) in FILES {
            all.extend(load(en));
        }
        let used = keys_in_sources();
        assert!(used.len() > 50, "the key scan found only {}", used.len());
        for key in &used {
            assert!(all.contains_key(key), "{key} is used but missing from the locale files");
        }
        for key in all.keys() {
            assert!(used.contains(key), "{key} is in the locale files but never used");
        }
    }

    #[test]
    fn sample_parameters_match_placeholders_and_cover_every_key() {
        let mut texts = BTreeMap::new();
        for (_, _, en, ja) in FILES {
            for (key, text) in load(en) {
                texts.insert(key.clone(), (text, load(ja).remove(&key).unwrap_or_default()));
            }
        }
        let mut seen = BTreeSet::new();
        for m in samples() {
            let (en, ja) = texts.get(m.key).unwrap_or_else(|| panic!("{} has no text", m.key));
            let params: BTreeSet<String> = m.params.iter().map(|(n, _)| n.to_string()).collect();
            assert_eq!(params, placeholders(en), "{}: parameters vs English placeholders", m.key);
            assert_eq!(params, placeholders(ja), "{}: parameters vs Japanese placeholders", m.key);
            seen.insert(m.key.to_string());
        }
        let missing: Vec<&String> = texts.keys().filter(|k| !seen.contains(*k)).collect();
        assert!(missing.is_empty(), "no sample produces {missing:?}");
    }
}
