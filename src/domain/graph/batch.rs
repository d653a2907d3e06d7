//! JSON batching (`POST /$batch`): up to 20 independent requests in one round trip. Each
//! answer carries its own status; a batch that "succeeded" can hold failed requests.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::parse::{GraphError, ParseError};

pub const MAX_REQUESTS: usize = 20;

/// One request of a batch, already rendered (no variables left).
#[derive(Clone, Debug, PartialEq)]
pub struct BatchItem {
    /// Unique within the batch; answers are matched by it, not by position.
    pub id: String,
    pub method: &'static str,
    /// Relative to the version, e.g. `/organization` (no `/v1.0`).
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchProblem {
    Empty,
    TooMany {
        count: usize,
    },
    DuplicateId {
        id: String,
    },
    /// Graph wants URLs relative to the version root.
    AbsoluteUrl {
        id: String,
    },
}

/// The body of `POST /$batch`.
pub fn request_body(items: &[BatchItem]) -> Result<Value, BatchProblem> {
    if items.is_empty() {
        return Err(BatchProblem::Empty);
    }
    if items.len() > MAX_REQUESTS {
        return Err(BatchProblem::TooMany { count: items.len() });
    }
    let mut requests = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if items[..i].iter().any(|other| other.id == item.id) {
            return Err(BatchProblem::DuplicateId { id: item.id.clone() });
        }
        if !item.url.starts_with('/') || item.url.starts_with("/v1.0/") {
            return Err(BatchProblem::AbsoluteUrl { id: item.id.clone() });
        }
        let mut r = Map::new();
        r.insert("id".into(), Value::String(item.id.clone()));
        r.insert("method".into(), Value::String(item.method.into()));
        r.insert("url".into(), Value::String(item.url.clone()));
        let mut headers: Map<String, Value> =
            item.headers.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
        if let Some(body) = &item.body {
            // Graph rejects a batched body without its content type.
            headers.entry("Content-Type").or_insert_with(|| Value::String("application/json".into()));
            r.insert("body".into(), body.clone());
        }
        if !headers.is_empty() {
            r.insert("headers".into(), Value::Object(headers));
        }
        requests.push(Value::Object(r));
    }
    Ok(json!({ "requests": requests }))
}

/// One answer of a batch.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchAnswer {
    pub id: String,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

impl BatchAnswer {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The Graph error of a failed answer.
    pub fn error(&self) -> Option<GraphError> {
        if self.is_success() {
            return None;
        }
        GraphError::parse(&self.body.to_string())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as text, for the typed parsers of `parse`.
    pub fn body_text(&self) -> String {
        self.body.to_string()
    }
}

#[derive(Deserialize)]
struct Envelope {
    responses: Vec<RawAnswer>,
}

#[derive(Deserialize)]
struct RawAnswer {
    id: String,
    status: u16,
    #[serde(default)]
    headers: Map<String, Value>,
    #[serde(default)]
    body: Value,
}

/// The answers of a batch, in the order of `ids` (Graph answers in any order). An id with no
/// answer is an error, so a lost request is never mistaken for "not found".
pub fn parse_response(body: &str, ids: &[&str]) -> Result<Vec<BatchAnswer>, ParseError> {
    let env: Envelope = serde_json::from_str(body).map_err(|e| ParseError { what: "$batch", detail: e.to_string() })?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let raw = env
            .responses
            .iter()
            .find(|r| r.id == *id)
            .ok_or_else(|| ParseError { what: "$batch", detail: format!("no answer for request {id}") })?;
        let headers =
            raw.headers.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect();
        out.push(BatchAnswer { id: raw.id.clone(), status: raw.status, headers, body: raw.body.clone() });
    }
    Ok(out)
}
