//! Email addresses as Exchange Online and Webex Connect use them: plain ASCII `local@domain`.
//!
//! Admins paste these from portals, chats and PDFs, so the parser names the exact character
//! that is wrong (a full-width ＠, a Cyrillic "а", a zero-width space) instead of a vague
//! "invalid address". `OddChar` and `DomainProblem` are shared with the URL and host checks.

use std::fmt;
use std::str::FromStr;

use super::finding::Message;

/// RFC 5321 limits (the forward-path limit of 256 minus the angle brackets).
const ADDRESS_MAX: usize = 254;
const LOCAL_MAX: usize = 64;
const DOMAIN_MAX: usize = 253;
const LABEL_MAX: usize = 63;

/// Symbols allowed in an unquoted (dot-atom) local part, RFC 5322 section 3.2.3.
const LOCAL_SYMBOLS: &str = "!#$%&'*+-/=?^_`{|}~.";

/// The address in an Exchange proxy address (`proxyAddresses` in Graph, `EmailAddresses` in
/// Exchange PowerShell): `SMTP:` marks the primary address, `smtp:` an alias; another prefix
/// (`X500:`, `SIP:`, `SPO:`) is not an email address; a value with no prefix is the address.
pub fn smtp_proxy_address(proxy: &str) -> Option<&str> {
    match proxy.split_once(':') {
        Some((kind, address)) if kind.eq_ignore_ascii_case("smtp") => Some(address),
        Some(_) => None,
        None => Some(proxy),
    }
}

/// A syntactically valid address; the domain is lower-cased, the local part kept as typed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EmailAddress {
    text: String,
    at: usize,
}

impl EmailAddress {
    /// Parses an address; surrounding whitespace is ignored.
    pub fn parse(input: &str) -> Result<EmailAddress, EmailProblem> {
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailProblem::Empty);
        }
        if let Some(odd) = OddChar::find_trimmed(input) {
            return Err(EmailProblem::Char(odd));
        }
        if s.len() > 7 && s.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("mailto:")) {
            return Err(EmailProblem::Mailto);
        }
        let count = s.matches('@').count();
        if count > 1 {
            return Err(EmailProblem::MultipleAt { count });
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(EmailProblem::MissingAt);
        };
        if local.is_empty() {
            return Err(EmailProblem::EmptyLocal);
        }
        if domain.is_empty() {
            return Err(EmailProblem::EmptyDomain);
        }
        if s.len() > ADDRESS_MAX {
            return Err(EmailProblem::TooLong { length: s.len() });
        }
        check_local(local)?;
        check_domain(domain).map_err(EmailProblem::Domain)?;
        Ok(EmailAddress { text: format!("{local}@{}", domain.to_ascii_lowercase()), at: local.len() })
    }

    pub fn local(&self) -> &str {
        self.text.get(..self.at).unwrap_or_default()
    }

    /// The domain, lower-cased.
    pub fn domain(&self) -> &str {
        self.text.get(self.at + 1..).unwrap_or_default()
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether both name the same Exchange mailbox: Exchange ignores the case of the local
    /// part, so `Info@x.com` and `info@x.com` are one recipient.
    pub fn same_mailbox(&self, other: &EmailAddress) -> bool {
        self.text.eq_ignore_ascii_case(&other.text)
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for EmailAddress {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl FromStr for EmailAddress {
    type Err = EmailProblem;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EmailAddress::parse(s)
    }
}

/// Why a text is not an email address. The first problem found wins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmailProblem {
    Empty,
    Char(OddChar),
    /// Copied from a `mailto:` link.
    Mailto,
    MissingAt,
    MultipleAt {
        count: usize,
    },
    EmptyLocal,
    EmptyDomain,
    TooLong {
        length: usize,
    },
    LocalTooLong {
        length: usize,
    },
    LocalBadChar {
        ch: char,
    },
    /// A leading, trailing or doubled dot in the local part.
    LocalDots,
    Domain(DomainProblem),
}

impl EmailProblem {
    pub fn message(&self) -> Message {
        match self {
            EmailProblem::Empty => Message::new("email.empty"),
            EmailProblem::Char(odd) => odd.message(),
            EmailProblem::Mailto => Message::new("email.mailto"),
            EmailProblem::MissingAt => Message::new("email.missing_at"),
            EmailProblem::MultipleAt { count } => Message::new("email.multiple_at").with("count", count.to_string()),
            EmailProblem::EmptyLocal => Message::new("email.empty_local"),
            EmailProblem::EmptyDomain => Message::new("email.empty_domain"),
            EmailProblem::TooLong { length } => {
                Message::new("email.too_long").with("length", length.to_string()).with("max", ADDRESS_MAX.to_string())
            }
            EmailProblem::LocalTooLong { length } => Message::new("email.local_too_long")
                .with("length", length.to_string())
                .with("max", LOCAL_MAX.to_string()),
            EmailProblem::LocalBadChar { ch } => Message::new("email.local_bad_char").with("char", ch.to_string()),
            EmailProblem::LocalDots => Message::new("email.local_dots"),
            EmailProblem::Domain(p) => p.message(),
        }
    }
}

fn check_local(local: &str) -> Result<(), EmailProblem> {
    if let Some(ch) = local.chars().find(|c| !c.is_ascii_alphanumeric() && !LOCAL_SYMBOLS.contains(*c)) {
        return Err(EmailProblem::LocalBadChar { ch });
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(EmailProblem::LocalDots);
    }
    if local.len() > LOCAL_MAX {
        return Err(EmailProblem::LocalTooLong { length: local.len() });
    }
    Ok(())
}

/// Why a text is not a DNS host name (used for email domains and URL hosts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainProblem {
    NoDot {
        domain: String,
    },
    TooLong {
        domain: String,
        length: usize,
    },
    /// A leading, trailing or doubled dot.
    EmptyLabel {
        domain: String,
    },
    BadChar {
        domain: String,
        ch: char,
    },
    LabelTooLong {
        domain: String,
        label: String,
    },
    LabelHyphen {
        domain: String,
        label: String,
    },
    /// The last label is all digits: an IP address, not a name.
    NumericTld {
        domain: String,
    },
}

impl DomainProblem {
    pub fn message(&self) -> Message {
        match self {
            DomainProblem::NoDot { domain } => Message::new("email.domain.no_dot").with("domain", domain),
            DomainProblem::TooLong { domain, length } => Message::new("email.domain.too_long")
                .with("domain", domain)
                .with("length", length.to_string())
                .with("max", DOMAIN_MAX.to_string()),
            DomainProblem::EmptyLabel { domain } => Message::new("email.domain.empty_label").with("domain", domain),
            DomainProblem::BadChar { domain, ch } => {
                Message::new("email.domain.bad_char").with("domain", domain).with("char", ch.to_string())
            }
            DomainProblem::LabelTooLong { domain, label } => Message::new("email.domain.label_too_long")
                .with("domain", domain)
                .with("label", label)
                .with("max", LABEL_MAX.to_string()),
            DomainProblem::LabelHyphen { domain, label } => {
                Message::new("email.domain.label_hyphen").with("domain", domain).with("label", label)
            }
            DomainProblem::NumericTld { domain } => Message::new("email.domain.numeric_tld").with("domain", domain),
        }
    }
}

/// Checks an ASCII host name: dot-separated labels of letters, digits and inner hyphens.
pub(crate) fn check_domain(domain: &str) -> Result<(), DomainProblem> {
    let owned = || domain.to_string();
    if domain.len() > DOMAIN_MAX {
        return Err(DomainProblem::TooLong { domain: owned(), length: domain.len() });
    }
    if let Some(ch) = domain.chars().find(|c| !c.is_ascii_alphanumeric() && *c != '-' && *c != '.') {
        return Err(DomainProblem::BadChar { domain: owned(), ch });
    }
    if !domain.contains('.') {
        return Err(DomainProblem::NoDot { domain: owned() });
    }
    for label in domain.split('.') {
        if label.is_empty() {
            return Err(DomainProblem::EmptyLabel { domain: owned() });
        }
        if label.len() > LABEL_MAX {
            return Err(DomainProblem::LabelTooLong { domain: owned(), label: label.to_string() });
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(DomainProblem::LabelHyphen { domain: owned(), label: label.to_string() });
        }
    }
    if domain.rsplit('.').next().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit())) {
        return Err(DomainProblem::NumericTld { domain: owned() });
    }
    Ok(())
}

/// What is wrong with a character that has no place in an address, URL or host name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OddCharKind {
    /// Any whitespace, including the ideographic space U+3000 of Japanese input methods.
    Space,
    /// Zero-width and other format characters that copy along unseen.
    Invisible,
    Control,
    /// A non-ASCII character that looks like the given ASCII one.
    LookAlike(char),
    NonAscii,
}

/// The first odd character of a value, with its 1-based position in the text as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OddChar {
    pub ch: char,
    pub position: usize,
    pub kind: OddCharKind,
}

impl OddChar {
    /// Scans `input` minus its surrounding whitespace; positions count from the start of
    /// `input`, so they match what the admin sees in the field.
    pub fn find_trimmed(input: &str) -> Option<OddChar> {
        let lead = input.chars().take_while(|c| c.is_whitespace()).count();
        input
            .trim()
            .chars()
            .enumerate()
            .find_map(|(i, ch)| classify(ch).map(|kind| OddChar { ch, position: lead + i + 1, kind }))
    }

    /// `U+0430`-style code point, so the admin can tell look-alikes apart.
    pub fn code(&self) -> String {
        code_point(self.ch)
    }

    pub fn message(&self) -> Message {
        let m = match self.kind {
            OddCharKind::Space => Message::new("email.char.space"),
            OddCharKind::Invisible => Message::new("email.char.invisible"),
            OddCharKind::Control => Message::new("email.char.control"),
            OddCharKind::LookAlike(ascii) => Message::new("email.char.look_alike")
                .with("char", self.ch.to_string())
                .with("looks_like", ascii.to_string()),
            OddCharKind::NonAscii => Message::new("email.char.non_ascii").with("char", self.ch.to_string()),
        };
        m.with("code", self.code()).with("position", self.position.to_string())
    }
}

pub(crate) fn code_point(ch: char) -> String {
    format!("U+{:04X}", u32::from(ch))
}

fn classify(ch: char) -> Option<OddCharKind> {
    if ch.is_whitespace() {
        Some(OddCharKind::Space)
    } else if is_invisible(ch) {
        Some(OddCharKind::Invisible)
    } else if ch.is_control() {
        Some(OddCharKind::Control)
    } else if ch.is_ascii() {
        None
    } else if let Some(ascii) = look_alike(ch) {
        Some(OddCharKind::LookAlike(ascii))
    } else {
        Some(OddCharKind::NonAscii)
    }
}

/// Format characters (Unicode category Cf and fillers) that render as nothing.
fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// The ASCII character a non-ASCII one is easily mistaken for: full-width forms (Japanese
/// input), Cyrillic and Greek homoglyphs, typographic dots and dashes.
#[rustfmt::skip]
fn look_alike(ch: char) -> Option<char> {
    let code = u32::from(ch);
    // Full-width ASCII block: U+FF01..U+FF5E map to U+0021..U+007E.
    if (0xFF01..=0xFF5E).contains(&code) {
        return char::from_u32(code - 0xFEE0);
    }
    let ascii = match ch {
        'а' => 'a', 'е' => 'e', 'о' => 'o', 'р' => 'p', 'с' => 'c', 'у' => 'y', 'х' => 'x',
        'і' => 'i', 'ј' => 'j', 'ѕ' => 's', 'ԁ' => 'd', 'ԛ' => 'q', 'ԝ' => 'w', 'ӏ' => 'l',
        'һ' => 'h', 'ɡ' => 'g', 'ı' => 'i',
        'А' => 'A', 'В' => 'B', 'Е' => 'E', 'К' => 'K', 'М' => 'M', 'Н' => 'H', 'О' => 'O',
        'Р' => 'P', 'С' => 'C', 'Т' => 'T', 'Х' => 'X', 'У' => 'Y', 'І' => 'I', 'Ј' => 'J',
        'Ѕ' => 'S', 'Ԛ' => 'Q', 'Ԝ' => 'W',
        'ο' => 'o', 'ν' => 'v', 'Α' => 'A', 'Β' => 'B', 'Ε' => 'E', 'Ζ' => 'Z', 'Η' => 'H',
        'Ι' => 'I', 'Κ' => 'K', 'Μ' => 'M', 'Ν' => 'N', 'Ο' => 'O', 'Ρ' => 'P', 'Τ' => 'T',
        'Υ' => 'Y', 'Χ' => 'X',
        '\u{FE6B}' => '@',
        '\u{2024}' | '\u{3002}' | '\u{FF61}' | '\u{FE52}' | '\u{00B7}' => '.',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' | '\u{FE63}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
        '\u{2044}' | '\u{2215}' => '/',
        '\u{FE55}' | '\u{A789}' => ':',
        _ => return None,
    };
    Some(ascii)
}

#[cfg(test)]
#[path = "email_tests.rs"]
mod tests;
