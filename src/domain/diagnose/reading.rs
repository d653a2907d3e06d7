//! Never a dead end: what can still be said about a code the catalogue does not hold.
//! An AADSTS code gets Microsoft's own lookup page and the phase the text around it points
//! to; an SMTP enhanced status code is read by its class and subject (RFC 3463).

use super::catalogue::{Kind, Phase};
use crate::domain::finding::Message;

/// Microsoft's lookup page for an AADSTS code (`AADSTS50058` -> `...?code=50058`).
pub fn lookup_url(code: &str) -> Option<String> {
    let digits = code.get(6..).filter(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit()))?;
    code[..6].eq_ignore_ascii_case("aadsts").then(|| format!("https://login.microsoftonline.com/error?code={digits}"))
}

/// Class, subject and detail of an enhanced status code (`5.7.139`).
pub(super) fn enhanced_parts(code: &str) -> Option<(u8, u16, u16)> {
    let enhanced = code.rsplit(' ').next()?;
    let mut it = enhanced.split('.');
    let class = it.next()?.parse::<u8>().ok()?;
    let subject = it.next()?.parse::<u16>().ok()?;
    let detail = it.next()?.parse::<u16>().ok()?;
    (it.next().is_none()).then_some((class, subject, detail))
}

/// What the class and subject of an unknown SMTP code say, and what that implies here.
pub fn smtp_reading(code: &str) -> Vec<Message> {
    let Some((class, subject, _)) = enhanced_parts(code) else { return Vec::new() };
    let class_key = match class {
        2 => "errors.smtp_class.2",
        4 => "errors.smtp_class.4",
        _ => "errors.smtp_class.5",
    };
    let subject_key = match subject {
        1 => "errors.smtp_subject.1",
        2 => "errors.smtp_subject.2",
        3 => "errors.smtp_subject.3",
        4 => "errors.smtp_subject.4",
        5 => "errors.smtp_subject.5",
        6 => "errors.smtp_subject.6",
        7 => "errors.smtp_subject.7",
        _ => "errors.smtp_subject.0",
    };
    if class == 2 {
        return vec![Message::new(class_key).with("code", code)];
    }
    vec![Message::new(class_key).with("code", code), Message::new(subject_key).with("code", code)]
}

/// Where the text around an unknown code points (`None`: nothing says).
pub fn phase_message(kind: Kind, phase: Option<Phase>) -> Option<Message> {
    let key = match (kind, phase) {
        (Kind::Aadsts, None) => "errors.unknown.phase.none",
        (_, Some(Phase::SignIn)) => "errors.unknown.phase.signin",
        (_, Some(Phase::Token)) => "errors.unknown.phase.token",
        (_, Some(Phase::Submission)) => "errors.unknown.phase.smtp",
        (_, Some(Phase::Delivery)) => "errors.unknown.phase.delivery",
        _ => return None,
    };
    Some(Message::new(key))
}

/// Every key this module and the unknown-code headlines use.
pub const KEYS: &[&str] = &[
    "errors.unknown.aadsts",
    "errors.unknown.smtp",
    "errors.unknown.graph",
    "errors.unknown.webex",
    "errors.unknown.lookup",
    "errors.unknown.phase.none",
    "errors.unknown.phase.signin",
    "errors.unknown.phase.token",
    "errors.unknown.phase.smtp",
    "errors.unknown.phase.delivery",
    "errors.smtp_class.2",
    "errors.smtp_class.4",
    "errors.smtp_class.5",
    "errors.smtp_subject.0",
    "errors.smtp_subject.1",
    "errors.smtp_subject.2",
    "errors.smtp_subject.3",
    "errors.smtp_subject.4",
    "errors.smtp_subject.5",
    "errors.smtp_subject.6",
    "errors.smtp_subject.7",
];

/// Words that say which phase a text is about (lowercase; matched as whole words where
/// they start or end with a letter or digit).
const HINTS: &[(&str, Phase)] = &[
    ("/authorize", Phase::SignIn),
    ("authorize?", Phase::SignIn),
    ("sign in", Phase::SignIn),
    ("signing you in", Phase::SignIn),
    ("sign-in", Phase::SignIn),
    ("consent", Phase::SignIn),
    ("interaction_required", Phase::SignIn),
    ("login_hint", Phase::SignIn),
    ("/token", Phase::Token),
    ("refresh_token", Phase::Token),
    ("refresh token", Phase::Token),
    ("invalid_grant", Phase::Token),
    ("invalid_client", Phase::Token),
    ("unauthorized_client", Phase::Token),
    ("grant_type", Phase::Token),
    ("client_secret", Phase::Token),
    ("smtp", Phase::Submission),
    ("xoauth2", Phase::Submission),
    ("535", Phase::Submission),
    ("smtp.office365.com", Phase::Submission),
    ("remote server returned", Phase::Delivery),
    ("delivery has failed", Phase::Delivery),
    ("undeliverable", Phase::Delivery),
    ("diagnostic information for administrators", Phase::Delivery),
    ("final-recipient", Phase::Delivery),
    ("forwarding", Phase::Delivery),
];

/// How far from a code its context is looked for.
const WINDOW: usize = 600;

/// Positions of the phase hints in a paste, built once when an unknown code needs them.
pub(super) struct Hints {
    /// (position, phase), sorted by position.
    found: Vec<(usize, Phase)>,
}

impl Hints {
    pub(super) fn new(lower: &str) -> Hints {
        let b = lower.as_bytes();
        let mut found: Vec<(usize, Phase)> = HINTS
            .iter()
            .flat_map(|(word, phase)| {
                lower
                    .match_indices(*word)
                    .filter(move |(pos, _)| whole_word(b, *pos, word))
                    .map(|(pos, _)| (pos, *phase))
            })
            .collect();
        crate::domain::sort::sort_by_key(&mut found, |(pos, _)| *pos);
        Hints { found }
    }

    /// The nearest hint to `pos` among `allowed`, within the window.
    pub(super) fn nearest(&self, pos: usize, allowed: &[Phase]) -> Option<Phase> {
        let lo = self.found.partition_point(|(p, _)| *p + WINDOW < pos);
        self.found[lo..]
            .iter()
            .take_while(|(p, _)| *p <= pos + WINDOW)
            .filter(|(_, phase)| allowed.contains(phase))
            .min_by_key(|(p, _)| p.abs_diff(pos))
            .map(|(_, phase)| *phase)
    }
}

fn whole_word(b: &[u8], pos: usize, word: &str) -> bool {
    let w = word.as_bytes();
    let alnum = |c: Option<&u8>| c.is_some_and(u8::is_ascii_alphanumeric);
    let start_ok = !w[0].is_ascii_alphanumeric() || pos == 0 || !alnum(b.get(pos - 1));
    let end_ok = !w[w.len() - 1].is_ascii_alphanumeric() || !alnum(b.get(pos + w.len()));
    start_ok && end_ok
}

/// The phase an unknown code at `pos` belongs to, from its context.
pub(super) fn phase_of(kind: Kind, code: &str, pos: usize, hints: &Hints) -> Option<Phase> {
    match kind {
        Kind::Aadsts => hints.nearest(pos, &[Phase::SignIn, Phase::Token, Phase::Submission]),
        // A reply read from a bounce is about delivery; otherwise it answered the client.
        Kind::Smtp if enhanced_parts(code).is_some_and(|(class, _, _)| class != 2) => {
            Some(hints.nearest(pos, &[Phase::Delivery]).unwrap_or(Phase::Submission))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_urls_are_microsofts_own() {
        assert_eq!(lookup_url("AADSTS50058").as_deref(), Some("https://login.microsoftonline.com/error?code=50058"));
        assert_eq!(lookup_url("aadsts1"), Some("https://login.microsoftonline.com/error?code=1".into()));
        assert_eq!(lookup_url("AADSTS"), None);
        assert_eq!(lookup_url("535 5.7.1"), None);
    }

    #[test]
    fn smtp_codes_are_read_by_class_and_subject() {
        let keys = |code: &str| smtp_reading(code).iter().map(|m| m.key).collect::<Vec<_>>();
        assert_eq!(keys("550 5.7.999"), ["errors.smtp_class.5", "errors.smtp_subject.7"]);
        assert_eq!(keys("451 4.4.2"), ["errors.smtp_class.4", "errors.smtp_subject.4"]);
        assert_eq!(keys("4.1.0"), ["errors.smtp_class.4", "errors.smtp_subject.1"]);
        assert_eq!(keys("5.9.1"), ["errors.smtp_class.5", "errors.smtp_subject.0"]);
        assert_eq!(keys("235 2.7.0"), ["errors.smtp_class.2"]);
        assert_eq!(keys("nonsense"), Vec::<&str>::new());
    }

    #[test]
    fn the_nearest_hint_names_the_phase() {
        let text =
            format!("POST /token grant_type=refresh_token AADSTS1{}now sign in at /authorize AADSTS2", " ".repeat(100));
        let text = text.as_str();
        let hints = Hints::new(text);
        let at = |code: &str| text.find(code).unwrap_or(0);
        assert_eq!(phase_of(Kind::Aadsts, "AADSTS1", at("AADSTS1"), &hints), Some(Phase::Token));
        assert_eq!(phase_of(Kind::Aadsts, "AADSTS2", at("AADSTS2"), &hints), Some(Phase::SignIn));
        let far = format!("smtp {} AADSTS3", " ".repeat(WINDOW + 10));
        assert_eq!(phase_of(Kind::Aadsts, "AADSTS3", far.len() - 7, &Hints::new(&far)), None);
        // Hints are whole words: "SmtpClient" and "1535" say nothing.
        let text = "smtpclient 1535 AADSTS4";
        assert_eq!(phase_of(Kind::Aadsts, "AADSTS4", 16, &Hints::new(text)), None);
    }

    #[test]
    fn smtp_codes_in_a_bounce_are_about_delivery() {
        let ndr = "delivery has failed to these recipients. remote server returned '550 5.9.9 no'";
        let hints = Hints::new(ndr);
        assert_eq!(phase_of(Kind::Smtp, "550 5.9.9", ndr.find("550").unwrap_or(0), &hints), Some(Phase::Delivery));
        assert_eq!(phase_of(Kind::Smtp, "550 5.9.9", 0, &Hints::new("550 5.9.9")), Some(Phase::Submission));
        assert_eq!(phase_of(Kind::Smtp, "250 2.0.0", 0, &Hints::new("")), None);
        assert_eq!(phase_of(Kind::Graph, "X", 0, &hints), None);
    }
}
