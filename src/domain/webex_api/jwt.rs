//! The Webex Connect service JWT: HS256, claims `iss` = service id, `iat`, `exp` = `iat` + 60
//! minutes, signed with the base64-decoded service secret (DOMAIN.md section 2). HMAC and
//! SHA-256 come from the RustCrypto crates.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::domain::finding::Message;

/// A service JWT is valid for 60 minutes.
pub const LIFETIME_SECS: i64 = 3600;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JwtProblem {
    MissingServiceId,
    MissingSecret,
    /// The service secret is not base64 (Webex Connect shows it base64-encoded).
    SecretNotBase64,
}

impl JwtProblem {
    pub fn message(&self) -> Message {
        Message::new(match self {
            JwtProblem::MissingServiceId => "webex_api.jwt.missing_service_id",
            JwtProblem::MissingSecret => "webex_api.jwt.missing_secret",
            JwtProblem::SecretNotBase64 => "webex_api.jwt.secret_not_base64",
        })
    }
}

/// The signed token `header.claims.signature`.
pub fn service_jwt(service_id: &str, secret_b64: &str, iat: i64) -> Result<String, JwtProblem> {
    let service_id = service_id.trim();
    if service_id.is_empty() {
        return Err(JwtProblem::MissingServiceId);
    }
    let key = decode_secret(secret_b64)?;
    let header = b64url(br#"{"alg":"HS256","typ":"JWT"}"#);
    let iss = serde_json::to_string(service_id).map_err(|_| JwtProblem::MissingServiceId)?;
    let claims = format!(r#"{{"iss":{iss},"iat":{iat},"exp":{}}}"#, iat + LIFETIME_SECS);
    let signing_input = format!("{header}.{}", b64url(claims.as_bytes()));
    let signature = hs256(&key, signing_input.as_bytes());
    Ok(format!("{signing_input}.{}", b64url(&signature)))
}

/// HMAC-SHA-256 of `input` under `key` (any key length is valid for HMAC).
pub fn hs256(key: &[u8], input: &[u8]) -> Vec<u8> {
    // new_from_slice only fails for fixed-size-key MACs; HMAC accepts every length.
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return Vec::new(),
    };
    mac.update(input);
    mac.finalize().into_bytes().to_vec()
}

pub fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Standard base64 as Webex Connect shows it; the URL-safe alphabet and missing padding are
/// accepted too, since a copied secret may have passed through other tools.
fn decode_secret(secret_b64: &str) -> Result<Vec<u8>, JwtProblem> {
    let s: String = secret_b64.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Err(JwtProblem::MissingSecret);
    }
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(&s).ok())
        .filter(|k| !k.is_empty())
        .ok_or(JwtProblem::SecretNotBase64)
}
