//! Digital Channel Onboarding API: create the email asset
//! (`POST <base>/v2/digital/app?channel=email`). Its body's field names are NOT public
//! (UNVERIFIED): `compose_body` is the one place that maps the configuration onto them, and
//! the UI shows the result in an editor for review and correction before anything is sent.

use serde_json::json;

use super::request::{join, HttpRequest, Method};
use crate::domain::derive::Derived;
use crate::domain::Setup;

pub const PATH: &str = "/v2/digital/app?channel=email";
/// Stands for the client secret in the editor, so the secret is not shown on screen; the
/// in-memory secret replaces it when the request is built.
pub const CLIENT_SECRET_PLACEHOLDER: &str = "<CLIENT_SECRET>";

/// The configuration as an onboarding body (pretty-printed). UNVERIFIED field names.
pub fn compose_body(setup: &Setup, derived: &Derived) -> String {
    let mut oauth = json!({
        "clientId": setup.azure.client_id.trim(),
        "clientSecret": CLIENT_SECRET_PLACEHOLDER,
        "authorizationUrl": derived.authorization_url,
        "scope": derived.scope,
        "accessTokenUrl": derived.token_url,
        "refreshTokenUrl": derived.refresh_token_url,
    });
    let login_id = setup.oauth.login_id.trim();
    if !login_id.is_empty() {
        oauth["loginId"] = json!(login_id);
    }
    let body = json!({
        "name": setup.webex_connect.app_name.trim(),
        "channel": "email",
        "emailId": setup.mailbox.address.trim(),
        "authenticationType": "OAUTH2",
        "smtp": {
            "server": derived.smtp_server,
            "port": derived.smtp_port,
            "security": derived.smtp_security,
            "username": derived.smtp_username,
        },
        "oauth": oauth,
    });
    serde_json::to_string_pretty(&body).unwrap_or_default()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnboardingProblem {
    MissingToken,
    MissingOrgId,
    /// The edited body is not JSON; line and column of the first error.
    InvalidJson {
        line: usize,
        column: usize,
    },
}

impl OnboardingProblem {
    pub fn message(&self) -> crate::domain::Message {
        match self {
            OnboardingProblem::MissingToken => crate::domain::Message::new("webex_api.token.missing"),
            OnboardingProblem::MissingOrgId => crate::domain::Message::new("webex_api.org_id.missing"),
            OnboardingProblem::InvalidJson { line, column } => {
                crate::domain::Message::new("webex_api.onboard.invalid_json")
                    .with("line", line.to_string())
                    .with("column", column.to_string())
            }
        }
    }
}

/// Checks the edited body is JSON (sent as written, not re-serialised).
pub fn check_body(body: &str) -> Result<(), OnboardingProblem> {
    serde_json::from_str::<serde_json::Value>(body)
        .map(|_| ())
        .map_err(|e| OnboardingProblem::InvalidJson { line: e.line(), column: e.column() })
}

/// The request for the body as edited; the placeholder string `"<CLIENT_SECRET>"` becomes the
/// secret (JSON-escaped) where the admin left it, and the secret is recorded for redaction.
pub fn request(
    base: &str,
    token: &str,
    org_id: &str,
    tracking_id: &str,
    body: &str,
    client_secret: &str,
) -> Result<HttpRequest, OnboardingProblem> {
    let (token, org_id, tracking_id) = (token.trim(), org_id.trim(), tracking_id.trim());
    if token.is_empty() {
        return Err(OnboardingProblem::MissingToken);
    }
    if org_id.is_empty() {
        return Err(OnboardingProblem::MissingOrgId);
    }
    check_body(body)?;
    let quoted_placeholder = format!("\"{CLIENT_SECRET_PLACEHOLDER}\"");
    let filled = match serde_json::to_string(client_secret) {
        Ok(secret) if !client_secret.is_empty() => body.replace(&quoted_placeholder, &secret),
        _ => body.to_string(),
    };
    let mut req = HttpRequest::new(Method::Post, join(base, PATH))
        .header("Authorization", format!("Bearer {token}"))
        .header("x-organization-id", org_id);
    if !tracking_id.is_empty() {
        req = req.header("trackingid", tracking_id);
    }
    Ok(req.json_body(filled).credential(token, "<WEBEX_TOKEN>").credential(client_secret, CLIENT_SECRET_PLACEHOLDER))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnboardingResult {
    /// 2xx; the asset id where the answer names one (`id`, `assetId` or `appId`).
    Created {
        asset_id: Option<String>,
    },
    Failed {
        status: u16,
    },
}

pub fn parse_response(status: u16, body: &str) -> OnboardingResult {
    if !(200..300).contains(&status) {
        return OnboardingResult::Failed { status };
    }
    let value: serde_json::Value = serde_json::from_str(body).unwrap_or(serde_json::Value::Null);
    let asset_id = ["assetId", "appId", "id"].iter().find_map(|k| match value.get(*k) {
        Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    });
    OnboardingResult::Created { asset_id }
}
