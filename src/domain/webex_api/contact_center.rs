//! Contact-center check: list the organisation's entry points and find the email one that
//! references the asset (`GET /organization/{orgId}/entry-point`, token with `cjp:config_read`).

use super::request::{join, HttpRequest, Method};
use crate::domain::url::percent_encode;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CcProblem {
    MissingOrgId,
    MissingToken,
}

impl CcProblem {
    pub fn message(&self) -> crate::domain::Message {
        crate::domain::Message::new(match self {
            CcProblem::MissingOrgId => "webex_api.org_id.missing",
            CcProblem::MissingToken => "webex_api.token.missing",
        })
    }
}

pub fn request(base: &str, org_id: &str, token: &str) -> Result<HttpRequest, CcProblem> {
    let (org_id, token) = (org_id.trim(), token.trim());
    if org_id.is_empty() {
        return Err(CcProblem::MissingOrgId);
    }
    if token.is_empty() {
        return Err(CcProblem::MissingToken);
    }
    let url = join(base, &format!("/organization/{}/entry-point", percent_encode(org_id)));
    Ok(HttpRequest::new(Method::Get, url)
        .header("Authorization", format!("Bearer {token}"))
        .header("Accept", "application/json")
        .credential(token, "<WEBEX_TOKEN>"))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryPoint {
    pub id: String,
    pub name: String,
    pub asset_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CcResult {
    /// The email entry points listed, and those whose `assetId` is the asset's.
    Listed {
        email: Vec<EntryPoint>,
        matching: Vec<EntryPoint>,
        total: usize,
    },
    /// A 2xx whose body is not a list of entry points.
    Unreadable,
    Failed {
        status: u16,
    },
}

/// Reads the list: a bare array, or an object carrying it under `data`, `entryPoints` or
/// `items` (the paging wrapper is not documented in our sources).
pub fn parse_response(status: u16, body: &str, asset_id: &str) -> CcResult {
    if !(200..300).contains(&status) {
        return CcResult::Failed { status };
    }
    let Ok(value) = serde_json::from_str::<serde_json::Value>(body) else { return CcResult::Unreadable };
    let list = match &value {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(o) => {
            match ["data", "entryPoints", "items"].iter().find_map(|k| o.get(*k).and_then(|v| v.as_array())) {
                Some(a) => a,
                None => return CcResult::Unreadable,
            }
        }
        _ => return CcResult::Unreadable,
    };
    let field = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default().to_string();
    let email: Vec<EntryPoint> = list
        .iter()
        .filter(|v| field(v, "channelType").eq_ignore_ascii_case("email"))
        .map(|v| EntryPoint { id: field(v, "id"), name: field(v, "name"), asset_id: field(v, "assetId") })
        .collect();
    let wanted = asset_id.trim();
    let matching = email.iter().filter(|e| !wanted.is_empty() && e.asset_id.trim() == wanted).cloned().collect();
    CcResult::Listed { email, matching, total: list.len() }
}
