//! GUIDs as the Entra portal shows them (`Directory (tenant) ID`, `Application (client) ID`).
//! Parsing is strict on purpose: a GUID that is off by one look-alike character still "looks
//! right" to a human but fails at sign-in with an opaque AADSTS error much later.

use super::finding::Message;
use std::fmt;

/// A GUID in canonical form: 8-4-4-4-12 lower-case hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid([u8; 16]);

/// Why a text is not a canonical GUID. Positions are 1-based character positions in the
/// trimmed text, as an admin would count them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuidProblem {
    Empty,
    /// `{…}` or `(…)` as Visual Studio and PowerShell print GUIDs.
    Braces,
    /// Whitespace or a line break inside the value (a paste that caught two cells).
    InnerWhitespace {
        position: usize,
    },
    /// Zero-width characters that copy and paste sometimes carries along.
    Invisible {
        position: usize,
    },
    /// A character that looks like a hex digit or dash but is not one (Cyrillic `а`,
    /// fullwidth `０`, letter `O` for zero, en dash for hyphen...).
    LookAlike {
        found: char,
        expected: char,
        position: usize,
    },
    NotHex {
        found: char,
        position: usize,
    },
    /// 32 hex digits with no dashes.
    MissingDashes,
    /// Not 32 hex digits.
    WrongLength {
        digits: usize,
    },
    /// 32 hex digits, but the dashes are not at 8-4-4-4-12.
    MisplacedDashes,
}

impl GuidProblem {
    pub fn message(&self) -> Message {
        match self {
            GuidProblem::Empty => Message::new("entra.guid.empty"),
            GuidProblem::Braces => Message::new("entra.guid.braces"),
            GuidProblem::InnerWhitespace { position } => {
                Message::new("entra.guid.inner_whitespace").with("position", position.to_string())
            }
            GuidProblem::Invisible { position } => {
                Message::new("entra.guid.invisible").with("position", position.to_string())
            }
            GuidProblem::LookAlike { found, expected, position } => Message::new("entra.guid.look_alike")
                .with("found", describe_char(*found))
                .with("expected", expected.to_string())
                .with("position", position.to_string()),
            GuidProblem::NotHex { found, position } => Message::new("entra.guid.not_hex")
                .with("found", describe_char(*found))
                .with("position", position.to_string()),
            GuidProblem::MissingDashes => Message::new("entra.guid.missing_dashes"),
            GuidProblem::WrongLength { digits } => {
                Message::new("entra.guid.wrong_length").with("digits", digits.to_string())
            }
            GuidProblem::MisplacedDashes => Message::new("entra.guid.misplaced_dashes"),
        }
    }
}

/// `'а' (U+0430)`: the code point makes an invisible difference visible.
pub(crate) fn describe_char(c: char) -> String {
    format!("'{c}' (U+{:04X})", c as u32)
}

/// Zero-width characters that survive `trim()`.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Trims whitespace and invisible characters at both ends.
pub(crate) fn trim_paste(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
}

/// The hex digit or dash a character is easily mistaken for, if any.
pub(crate) fn look_alike(c: char) -> Option<char> {
    Some(match c {
        // Fullwidth digits and letters (Japanese IME).
        '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
        '\u{FF21}'..='\u{FF26}' => char::from(b'A' + (c as u32 - 0xFF21) as u8),
        '\u{FF41}'..='\u{FF46}' => char::from(b'a' + (c as u32 - 0xFF41) as u8),
        // Cyrillic and Greek letters drawn like Latin hex letters.
        'а' => 'a',
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'с' => 'c',
        'С' => 'C',
        'е' => 'e',
        'Е' | 'Ε' => 'E',
        // Letters read as digits.
        'O' | 'o' | 'О' | 'о' | 'Ο' | 'ο' => '0',
        'l' | 'I' | 'І' | 'і' | '|' => '1',
        // Dashes and their cousins (Japanese IME long-vowel mark included).
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FF0D}' | '\u{30FC}' | '\u{FF70}' | '_' => '-',
        _ => return None,
    })
}

const DASHES: [usize; 4] = [8, 13, 18, 23];

impl Guid {
    /// Parses the canonical 8-4-4-4-12 form, case-insensitively, after trimming.
    pub fn parse(input: &str) -> Result<Guid, GuidProblem> {
        let s = trim_paste(input);
        if s.is_empty() {
            return Err(GuidProblem::Empty);
        }
        if s.starts_with(['{', '(']) || s.ends_with(['}', ')']) {
            return Err(GuidProblem::Braces);
        }
        let mut digits: Vec<u8> = Vec::with_capacity(32);
        let mut dashes: Vec<usize> = Vec::with_capacity(4);
        for (i, c) in s.chars().enumerate() {
            let position = i + 1;
            if let Some(d) = c.to_digit(16) {
                digits.push(d as u8);
            } else if c == '-' {
                dashes.push(i);
            } else if c.is_whitespace() {
                return Err(GuidProblem::InnerWhitespace { position });
            } else if is_invisible(c) {
                return Err(GuidProblem::Invisible { position });
            } else if let Some(expected) = look_alike(c) {
                return Err(GuidProblem::LookAlike { found: c, expected, position });
            } else {
                return Err(GuidProblem::NotHex { found: c, position });
            }
        }
        if digits.len() == 32 && dashes.is_empty() {
            return Err(GuidProblem::MissingDashes);
        }
        if digits.len() != 32 {
            return Err(GuidProblem::WrongLength { digits: digits.len() });
        }
        if dashes != DASHES {
            return Err(GuidProblem::MisplacedDashes);
        }
        let mut bytes = [0u8; 16];
        for (b, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
            *b = pair[0] << 4 | pair[1];
        }
        Ok(Guid(bytes))
    }

    pub fn bytes(&self) -> [u8; 16] {
        self.0
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Guid {
    type Err = GuidProblem;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Guid::parse(s)
    }
}

/// `Application (client) ID` of the Entra app registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientId(pub Guid);

impl ClientId {
    pub fn parse(input: &str) -> Result<ClientId, GuidProblem> {
        Guid::parse(input).map(ClientId)
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// `Directory (tenant) ID`: the GUID, or a verified domain of the tenant (the login endpoints
/// accept both; the GUID is preferred because a domain can be renamed or removed).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TenantId {
    Id(Guid),
    /// Lower-cased, e.g. `contoso.onmicrosoft.com`.
    Domain(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TenantIdProblem {
    Guid(GuidProblem),
    Domain(DomainProblem),
    /// `common`, `organizations`, `consumers`: multi-tenant endpoints, not a tenant.
    MultiTenantAlias {
        alias: String,
    },
    /// An email address or UPN; `domain` is the part after `@`.
    Email {
        domain: String,
    },
    /// A URL (e.g. the whole authorization URL) instead of the ID.
    Url,
    /// Neither a GUID nor a domain (e.g. the tenant's display name).
    NotGuidOrDomain,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainProblem {
    /// Two dots in a row, or a leading or trailing dot.
    EmptyLabel,
    LabelTooLong {
        label: String,
    },
    TooLong,
    /// A label starts or ends with `-`.
    HyphenAtEdge {
        label: String,
    },
    LookAlike {
        found: char,
        expected: char,
        position: usize,
    },
    BadChar {
        found: char,
        position: usize,
    },
    /// The last label must be letters (`.com`, `.jp`), not digits.
    NumericTld,
}

impl TenantIdProblem {
    pub fn message(&self) -> Message {
        match self {
            TenantIdProblem::Guid(p) => p.message(),
            TenantIdProblem::Domain(p) => p.message(),
            TenantIdProblem::MultiTenantAlias { alias } => {
                Message::new("entra.tenant_id.multi_tenant_alias").with("alias", alias.clone())
            }
            TenantIdProblem::Email { domain } => Message::new("entra.tenant_id.email").with("domain", domain.clone()),
            TenantIdProblem::Url => Message::new("entra.tenant_id.url"),
            TenantIdProblem::NotGuidOrDomain => Message::new("entra.tenant_id.not_guid_or_domain"),
        }
    }
}

impl DomainProblem {
    pub fn message(&self) -> Message {
        match self {
            DomainProblem::EmptyLabel => Message::new("entra.domain.empty_label"),
            DomainProblem::LabelTooLong { label } => {
                Message::new("entra.domain.label_too_long").with("label", label.clone())
            }
            DomainProblem::TooLong => Message::new("entra.domain.too_long"),
            DomainProblem::HyphenAtEdge { label } => {
                Message::new("entra.domain.hyphen_at_edge").with("label", label.clone())
            }
            DomainProblem::LookAlike { found, expected, position } => Message::new("entra.domain.look_alike")
                .with("found", describe_char(*found))
                .with("expected", expected.to_string())
                .with("position", position.to_string()),
            DomainProblem::BadChar { found, position } => Message::new("entra.domain.bad_char")
                .with("found", describe_char(*found))
                .with("position", position.to_string()),
            DomainProblem::NumericTld => Message::new("entra.domain.numeric_tld"),
        }
    }
}

const MULTI_TENANT_ALIASES: [&str; 3] = ["common", "organizations", "consumers"];

impl TenantId {
    pub fn parse(input: &str) -> Result<TenantId, TenantIdProblem> {
        let s = trim_paste(input);
        let lower = s.to_lowercase();
        if MULTI_TENANT_ALIASES.contains(&lower.as_str()) {
            return Err(TenantIdProblem::MultiTenantAlias { alias: lower });
        }
        if s.contains("://") || s.contains('/') {
            return Err(TenantIdProblem::Url);
        }
        if let Some((_, domain)) = s.rsplit_once(['@', '\u{FF20}']) {
            return Err(TenantIdProblem::Email { domain: domain.to_lowercase() });
        }
        // A dot (or a look-alike of one) means the admin meant a domain.
        if s.contains(['.', '\u{FF0E}', '\u{3002}']) {
            return parse_domain(s).map(TenantId::Domain).map_err(TenantIdProblem::Domain);
        }
        // Many letters that never occur in a GUID: the admin typed a name (e.g. the tenant's
        // display name), and "not hex at position 3" would mislead. One stray letter in an
        // otherwise GUID-shaped text still gets the precise GUID problem.
        let total = s.chars().count();
        let foreign =
            s.chars().filter(|c| c.is_alphabetic() && look_alike(*c).is_none() && !c.is_ascii_hexdigit()).count();
        if foreign * 4 > total {
            return Err(TenantIdProblem::NotGuidOrDomain);
        }
        Guid::parse(s).map(TenantId::Id).map_err(TenantIdProblem::Guid)
    }

    pub fn guid(&self) -> Option<Guid> {
        match self {
            TenantId::Id(g) => Some(*g),
            TenantId::Domain(_) => None,
        }
    }
}

fn parse_domain(s: &str) -> Result<String, DomainProblem> {
    for (i, c) in s.chars().enumerate() {
        let position = i + 1;
        if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
            continue;
        }
        if let Some(expected) = domain_look_alike(c) {
            return Err(DomainProblem::LookAlike { found: c, expected, position });
        }
        return Err(DomainProblem::BadChar { found: c, position });
    }
    let lower = s.to_ascii_lowercase();
    if lower.len() > 253 {
        return Err(DomainProblem::TooLong);
    }
    // Only dotted text reaches here, so there are two labels or an empty one.
    let labels: Vec<&str> = lower.split('.').collect();
    if labels.iter().any(|l| l.is_empty()) {
        return Err(DomainProblem::EmptyLabel);
    }
    for label in &labels {
        if label.len() > 63 {
            return Err(DomainProblem::LabelTooLong { label: label.to_string() });
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(DomainProblem::HyphenAtEdge { label: label.to_string() });
        }
    }
    if labels.last().is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_alphabetic())) {
        return Err(DomainProblem::NumericTld);
    }
    Ok(lower)
}

/// The ASCII character a non-ASCII domain character is easily mistaken for.
fn domain_look_alike(c: char) -> Option<char> {
    match c {
        '\u{FF0E}' | '\u{3002}' | '\u{FF61}' => Some('.'),
        '\u{FF21}'..='\u{FF3A}' => char::from_u32(c as u32 - 0xFF21 + 'a' as u32),
        '\u{FF41}'..='\u{FF5A}' => char::from_u32(c as u32 - 0xFF41 + 'a' as u32),
        '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + '0' as u32),
        'а' => Some('a'),
        'е' => Some('e'),
        'о' | 'ο' => Some('o'),
        'р' | 'ρ' => Some('p'),
        'с' => Some('c'),
        'х' => Some('x'),
        'у' => Some('y'),
        'і' => Some('i'),
        'ѕ' => Some('s'),
        '_' => None,
        _ => look_alike(c).filter(|e| *e == '-'),
    }
}

impl fmt::Display for TenantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TenantId::Id(g) => g.fmt(f),
            TenantId::Domain(d) => f.write_str(d),
        }
    }
}

#[cfg(test)]
#[path = "guid_tests.rs"]
mod tests;
