//! Reading a pasted JWT: header and claims as JSON, nothing verified. Each way a paste can
//! be broken has its own problem, so the admin learns what to copy again.

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use serde_json::Value;

use crate::domain::finding::Message;

/// Longer pastes are refused: real access tokens stay well under this.
pub const MAX_TOKEN_BYTES: usize = 64 * 1024;

/// Why a pasted text could not be read as a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenProblem {
    Empty,
    TooLong {
        bytes: usize,
    },
    /// One segment: an opaque token (for example of a personal Microsoft account), not a JWT.
    NotAJwt,
    /// Five segments: an encrypted token (JWE), unreadable without the recipient's key.
    Encrypted,
    SegmentCount {
        count: usize,
    },
    Base64 {
        part: Part,
    },
    NotJson {
        part: Part,
    },
    NumberOutOfRange {
        part: Part,
    },
    NotObject {
        part: Part,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Header,
    Payload,
}

impl TokenProblem {
    pub fn message(&self) -> Message {
        use Part::{Header as H, Payload as P};
        let key = match self {
            TokenProblem::Empty => "token.problem.empty",
            TokenProblem::TooLong { bytes } => {
                return Message::new("token.problem.too_long")
                    .with("bytes", bytes.to_string())
                    .with("max", MAX_TOKEN_BYTES.to_string())
            }
            TokenProblem::NotAJwt => "token.problem.not_a_jwt",
            TokenProblem::Encrypted => "token.problem.encrypted",
            TokenProblem::SegmentCount { count } => {
                return Message::new("token.problem.segment_count").with("count", count.to_string())
            }
            TokenProblem::Base64 { part: H } => "token.problem.header_base64",
            TokenProblem::Base64 { part: P } => "token.problem.payload_base64",
            TokenProblem::NotJson { part: H } => "token.problem.header_not_json",
            TokenProblem::NotJson { part: P } => "token.problem.payload_not_json",
            TokenProblem::NumberOutOfRange { part: H } => "token.problem.header_number_out_of_range",
            TokenProblem::NumberOutOfRange { part: P } => "token.problem.payload_number_out_of_range",
            TokenProblem::NotObject { part: H } => "token.problem.header_not_object",
            TokenProblem::NotObject { part: P } => "token.problem.payload_not_object",
        };
        Message::new(key)
    }
}

/// A decoded, unverified JWT: header and claims are JSON objects.
#[derive(Clone, Debug, PartialEq)]
pub struct Jwt {
    pub header: Value,
    pub claims: Value,
    /// False when the signature segment is absent (two segments pasted).
    pub has_signature: bool,
}

impl Jwt {
    /// Accepts what admins paste: surrounding spaces, quotes, a `Bearer ` prefix, line
    /// breaks inside the token, base64url with or without padding (standard base64 too).
    pub fn parse(input: &str) -> Result<Jwt, TokenProblem> {
        if input.len() > MAX_TOKEN_BYTES {
            return Err(TokenProblem::TooLong { bytes: input.len() });
        }
        let trimmed = input.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        let trimmed = strip_bearer(trimmed);
        // A JWT never contains whitespace, so any is a line wrap from the paste.
        let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(TokenProblem::Empty);
        }
        let parts: Vec<&str> = compact.split('.').collect();
        let has_signature = match parts.len() {
            1 => return Err(TokenProblem::NotAJwt),
            2 => false,
            3 => true,
            5 => return Err(TokenProblem::Encrypted),
            count => return Err(TokenProblem::SegmentCount { count }),
        };
        let header = decode_part(parts[0], Part::Header)?;
        let claims = decode_part(parts[1], Part::Payload)?;
        Ok(Jwt { header, claims, has_signature })
    }
}

/// `Bearer <token>` as copied from an Authorization header.
fn strip_bearer(s: &str) -> &str {
    match s.get(..6) {
        Some(head) if head.eq_ignore_ascii_case("bearer") => {
            let rest = &s[6..];
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                rest
            } else {
                s
            }
        }
        _ => s,
    }
}

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);
const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);

fn decode_part(segment: &str, part: Part) -> Result<Value, TokenProblem> {
    let bytes = URL_SAFE_LENIENT
        .decode(segment)
        .or_else(|_| STANDARD_LENIENT.decode(segment))
        .map_err(|_| TokenProblem::Base64 { part })?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
        // serde_json refuses numbers beyond f64 (1e400); say that rather than "not JSON".
        if e.to_string().starts_with("number out of range") {
            TokenProblem::NumberOutOfRange { part }
        } else {
            TokenProblem::NotJson { part }
        }
    })?;
    if value.is_object() {
        Ok(value)
    } else {
        Err(TokenProblem::NotObject { part })
    }
}

#[cfg(test)]
#[path = "jwt_tests.rs"]
mod tests;
