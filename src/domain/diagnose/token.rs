//! Token inspector: decodes a pasted access token (a JWT) and checks it against the setup,
//! so a `535 5.7.3` can be traced to a wrong audience, scope, user or tenant. The signature
//! is not verified (that needs the tenant's keys and proves nothing here): a check says so.

use serde_json::Value;

use super::jwt::{Jwt, TokenProblem};
use crate::domain::finding::Message;

/// Claim values shown in messages are cut to this many characters.
const MAX_SHOWN_CHARS: usize = 200;
/// Clock skew tolerated before `nbf` counts as "not yet valid", and "expires soon" margin.
const SKEW_SECS: i128 = 5 * 60;
/// Largest `exp` accepted: 9999-12-31T23:59:59Z.
const MAX_UNIX: i64 = 253_402_300_799;

const OUTLOOK_AUDIENCES: &[&str] = &[
    "https://outlook.office.com",
    // The same Exchange Online resource under its other name; SMTP accepts both.
    "https://outlook.office365.com",
    "00000002-0000-0ff1-ce00-000000000000",
];
const GRAPH_AUDIENCES: &[&str] = &[
    "https://graph.microsoft.com",
    "https://graph.microsoft.us",
    "https://dod-graph.microsoft.us",
    "https://microsoftgraph.chinacloudapi.cn",
    "00000003-0000-0000-c000-000000000000",
];

/// What the token should say, from the setup (raw inputs; empty = not configured).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expected {
    pub tenant_id: String,
    pub client_id: String,
    pub smtp_username: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenCheck {
    Signature,
    Audience,
    Scope,
    User,
    Tenant,
    Client,
    Expiry,
}

impl TokenCheck {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenCheck::Signature => "signature",
            TokenCheck::Audience => "audience",
            TokenCheck::Scope => "scope",
            TokenCheck::User => "user",
            TokenCheck::Tenant => "tenant",
            TokenCheck::Client => "client",
            TokenCheck::Expiry => "expiry",
        }
    }

    /// Locale key of the check's label.
    pub fn label_key(self) -> &'static str {
        match self {
            TokenCheck::Signature => "token.check.signature",
            TokenCheck::Audience => "token.check.audience",
            TokenCheck::Scope => "token.check.scope",
            TokenCheck::User => "token.check.user",
            TokenCheck::Tenant => "token.check.tenant",
            TokenCheck::Client => "token.check.client",
            TokenCheck::Expiry => "token.check.expiry",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenStatus {
    Pass,
    Fail,
    Warn,
    /// Could not be judged (signature not verified, expected value not configured).
    Unknown,
}

impl TokenStatus {
    pub fn label_key(self) -> &'static str {
        match self {
            TokenStatus::Pass => "token.status.pass",
            TokenStatus::Fail => "token.status.fail",
            TokenStatus::Warn => "token.status.warn",
            TokenStatus::Unknown => "token.status.unknown",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub id: TokenCheck,
    pub status: TokenStatus,
    pub message: Message,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    pub header: Value,
    pub claims: Value,
    pub checks: Vec<Check>,
}

/// Decodes `token` and checks it for SMTP XOAUTH2 with this setup. `now_unix` comes from the
/// caller (the browser clock), which keeps this pure.
pub fn inspect(token: &str, expected: &Expected, now_unix: i64) -> Result<Inspection, TokenProblem> {
    let jwt = Jwt::parse(token)?;
    let c = &jwt.claims;
    let checks = vec![
        signature_check(&jwt),
        audience_check(c, has_smtp_send(c)),
        scope_check(c),
        match_check(
            TokenCheck::User,
            &USER_KEYS,
            first_str(c, &["upn", "preferred_username", "unique_name"]),
            &expected.smtp_username,
        ),
        match_check(TokenCheck::Tenant, &TENANT_KEYS, first_str(c, &["tid"]), &expected.tenant_id),
        match_check(TokenCheck::Client, &CLIENT_KEYS, first_str(c, &["appid", "azp"]), &expected.client_id),
        expiry_check(c, now_unix),
    ];
    Ok(Inspection { header: jwt.header, claims: jwt.claims, checks })
}

fn check(id: TokenCheck, status: TokenStatus, message: Message) -> Check {
    Check { id, status, message }
}

fn signature_check(jwt: &Jwt) -> Check {
    let alg = jwt.header.get("alg").and_then(Value::as_str).unwrap_or("");
    if !jwt.has_signature {
        check(TokenCheck::Signature, TokenStatus::Warn, Message::new("token.signature.missing"))
    } else if alg.eq_ignore_ascii_case("none") {
        check(TokenCheck::Signature, TokenStatus::Warn, Message::new("token.signature.alg_none"))
    } else {
        check(TokenCheck::Signature, TokenStatus::Unknown, Message::new("token.signature.not_checked"))
    }
}

/// Whether `scp` names SMTP.Send (bare, or in a tool's expanded URI form).
fn has_smtp_send(c: &Value) -> bool {
    c.get("scp").and_then(Value::as_str).is_some_and(|scp| {
        scp.split_whitespace().any(|s| s.rsplit('/').next().unwrap_or(s).eq_ignore_ascii_case("SMTP.Send"))
    })
}

/// `smtp_send`: the token carries SMTP.Send, so a Graph audience means Graph's own SMTP.Send
/// (the permission older guides consent to), which SMTP never accepts.
fn audience_check(c: &Value, smtp_send: bool) -> Check {
    let auds: Vec<&str> = match c.get("aud") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let norm = |s: &str| s.trim().trim_end_matches('/').to_ascii_lowercase();
    let shown = shorten(&auds.join(" "));
    let id = TokenCheck::Audience;
    if auds.is_empty() {
        check(id, TokenStatus::Fail, Message::new("token.aud.missing"))
    } else if auds.iter().any(|a| OUTLOOK_AUDIENCES.contains(&norm(a).as_str())) {
        check(id, TokenStatus::Pass, Message::new("token.aud.outlook").with("aud", shown))
    } else if auds.iter().any(|a| GRAPH_AUDIENCES.contains(&norm(a).as_str())) {
        let key = if smtp_send { "token.aud.graph_smtp_send" } else { "token.aud.graph" };
        check(id, TokenStatus::Fail, Message::new(key).with("aud", shown))
    } else {
        check(id, TokenStatus::Fail, Message::new("token.aud.other").with("aud", shown))
    }
}

fn scope_check(c: &Value) -> Check {
    let id = TokenCheck::Scope;
    let Some(scp) = c.get("scp").and_then(Value::as_str) else {
        return match c.get("roles") {
            Some(roles) => {
                let roles = match roles {
                    Value::Array(items) => items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" "),
                    other => other.to_string(),
                };
                check(id, TokenStatus::Fail, Message::new("token.scp.app_only").with("roles", shorten(&roles)))
            }
            None => check(id, TokenStatus::Fail, Message::new("token.scp.missing")),
        };
    };
    // `scp` lists bare names; a full URI form is tolerated in case a tool expanded it.
    if has_smtp_send(c) {
        check(id, TokenStatus::Pass, Message::new("token.scp.ok").with("scp", shorten(scp)))
    } else {
        check(id, TokenStatus::Fail, Message::new("token.scp.no_smtp_send").with("scp", shorten(scp)))
    }
}

/// Locale keys of one claim-versus-setup comparison.
struct MatchKeys {
    ok: &'static str,
    mismatch: &'static str,
    missing: &'static str,
    not_configured: &'static str,
}

const USER_KEYS: MatchKeys = MatchKeys {
    ok: "token.user.match",
    mismatch: "token.user.mismatch",
    missing: "token.user.missing",
    not_configured: "token.user.not_configured",
};
const TENANT_KEYS: MatchKeys = MatchKeys {
    ok: "token.tid.match",
    mismatch: "token.tid.mismatch",
    missing: "token.tid.missing",
    not_configured: "token.tid.not_configured",
};
const CLIENT_KEYS: MatchKeys = MatchKeys {
    ok: "token.client.match",
    mismatch: "token.client.mismatch",
    missing: "token.client.missing",
    not_configured: "token.client.not_configured",
};

/// Compares a claim with the configured value, ignoring case and surrounding spaces. An
/// empty configured value cannot be compared: "not configured", never a failure.
fn match_check(id: TokenCheck, keys: &MatchKeys, actual: Option<&str>, expected: &str) -> Check {
    let expected = expected.trim();
    let actual = actual.map(str::trim);
    match actual {
        _ if expected.is_empty() => check(
            id,
            TokenStatus::Unknown,
            Message::new(keys.not_configured).with("actual", shorten(actual.unwrap_or("-"))),
        ),
        None => check(id, TokenStatus::Fail, Message::new(keys.missing).with("expected", shorten(expected))),
        Some(a) if a.to_lowercase() == expected.to_lowercase() => {
            check(id, TokenStatus::Pass, Message::new(keys.ok).with("actual", shorten(a)))
        }
        Some(a) => check(
            id,
            TokenStatus::Fail,
            Message::new(keys.mismatch).with("actual", shorten(a)).with("expected", shorten(expected)),
        ),
    }
}

fn expiry_check(c: &Value, now_unix: i64) -> Check {
    let id = TokenCheck::Expiry;
    let Some(raw) = c.get("exp") else {
        return check(id, TokenStatus::Fail, Message::new("token.exp.missing"));
    };
    let Some(exp) = unix_time(raw) else {
        return check(
            id,
            TokenStatus::Fail,
            Message::new("token.exp.invalid").with("value", shorten(&raw.to_string())),
        );
    };
    let left = i128::from(exp) - i128::from(now_unix);
    if left <= 0 {
        let (h, m) = hours_minutes(-left);
        return check(id, TokenStatus::Fail, Message::new("token.exp.expired").with("hours", h).with("minutes", m));
    }
    if let Some(nbf) = c.get("nbf").and_then(unix_time) {
        let early = i128::from(nbf) - i128::from(now_unix);
        if early > SKEW_SECS {
            let (h, m) = hours_minutes(early);
            return check(
                id,
                TokenStatus::Warn,
                Message::new("token.exp.not_yet_valid").with("hours", h).with("minutes", m),
            );
        }
    }
    let (h, m) = hours_minutes(left);
    if left < SKEW_SECS {
        check(id, TokenStatus::Warn, Message::new("token.exp.soon").with("hours", h).with("minutes", m))
    } else {
        check(id, TokenStatus::Pass, Message::new("token.exp.valid").with("hours", h).with("minutes", m))
    }
}

/// A NumericDate (RFC 7519): an integer, or a float with no fraction, between 0 and year 9999.
fn unix_time(v: &Value) -> Option<i64> {
    let n = v.as_i64().or_else(|| {
        let f = v.as_f64()?;
        (f.fract() == 0.0 && (0.0..=MAX_UNIX as f64).contains(&f)).then_some(f as i64)
    })?;
    (0..=MAX_UNIX).contains(&n).then_some(n)
}

/// Whole hours and the remaining minutes of a positive duration, as text.
fn hours_minutes(secs: i128) -> (String, String) {
    let minutes = secs / 60;
    ((minutes / 60).to_string(), (minutes % 60).to_string())
}

fn first_str<'a>(c: &'a Value, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|n| c.get(*n).and_then(Value::as_str))
}

/// Claim values come from the paste: keep messages short whatever they hold.
fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX_SHOWN_CHARS {
        return s.to_string();
    }
    let mut out: String = s.chars().take(MAX_SHOWN_CHARS).collect();
    out.push('…');
    out
}

#[cfg(test)]
#[path = "token_tests.rs"]
mod tests;
