//! Send Message API v2: the outbound test through the email asset
//! (`POST https://api.<region>.webexconnect.io/v2/messages`).

use serde_json::json;

use super::jwt::{service_jwt, JwtProblem};
use super::request::{join, HttpRequest, Method};

pub const PATH: &str = "/v2/messages";

/// How the request authenticates: the service key, or a JWT the app signs from the service
/// id and secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceAuth {
    Key(String),
    Jwt { service_id: String, secret: String },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TestMessage {
    /// The asset's Email ID: the mailbox.
    pub from: String,
    pub to: String,
    pub subject: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendProblem {
    MissingKey,
    Jwt(JwtProblem),
    MissingFrom,
    MissingTo,
}

impl SendProblem {
    pub fn message(&self) -> crate::domain::Message {
        match self {
            SendProblem::Jwt(p) => p.message(),
            SendProblem::MissingKey => crate::domain::Message::new("webex_api.send.missing_key"),
            SendProblem::MissingFrom => crate::domain::Message::new("webex_api.send.missing_from"),
            SendProblem::MissingTo => crate::domain::Message::new("webex_api.send.missing_to"),
        }
    }
}

/// The JSON body (DOMAIN.md section 2, abridged form).
pub fn body(message: &TestMessage) -> String {
    json!({
        "channel": "email",
        "from": message.from.trim(),
        "to": [{ "email": [message.to.trim()] }],
        "content": { "type": "text", "subject": message.subject, "text": message.text },
    })
    .to_string()
}

/// The request; `now_unix_secs` is the JWT's `iat`.
pub fn request(
    base: &str,
    auth: &ServiceAuth,
    message: &TestMessage,
    now_unix_secs: i64,
) -> Result<HttpRequest, SendProblem> {
    if message.from.trim().is_empty() {
        return Err(SendProblem::MissingFrom);
    }
    if message.to.trim().is_empty() {
        return Err(SendProblem::MissingTo);
    }
    let req = HttpRequest::new(Method::Post, join(base, PATH));
    let req = match auth {
        ServiceAuth::Key(key) => {
            let key = key.trim();
            if key.is_empty() {
                return Err(SendProblem::MissingKey);
            }
            req.header("key", key).credential(key, "<SERVICE_KEY>")
        }
        ServiceAuth::Jwt { service_id, secret } => {
            let token = service_jwt(service_id, secret, now_unix_secs).map_err(SendProblem::Jwt)?;
            req.header("Authorization", format!("Bearer {token}"))
                .credential(&token, "<SERVICE_JWT>")
                .credential(secret.trim(), "<SERVICE_SECRET>")
        }
    };
    Ok(req.header("Accept", "application/json").json_body(body(message)))
}

/// What came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendResult {
    /// 2xx: queued. Fields the answer lacks are empty.
    Accepted { message_id: String, status: String, correlation_id: String, request_timestamp: String },
    /// Anything else; `code`/`message` from a JSON error body (`{"code":"7000",...}`), if any.
    Failed { status: u16, code: Option<String>, message: Option<String> },
}

pub fn parse_response(status: u16, body: &str) -> SendResult {
    let value: serde_json::Value = serde_json::from_str(body).unwrap_or(serde_json::Value::Null);
    let text = |k: &str| match value.get(k) {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    if (200..300).contains(&status) {
        return SendResult::Accepted {
            message_id: text("messageId").unwrap_or_default(),
            status: text("status").unwrap_or_default(),
            correlation_id: text("correlationId").unwrap_or_default(),
            request_timestamp: text("requestTimestamp").unwrap_or_default(),
        };
    }
    SendResult::Failed { status, code: text("code"), message: text("message").or_else(|| text("description")) }
}
