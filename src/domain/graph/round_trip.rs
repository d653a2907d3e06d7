//! One round trip of a run: the requests with their variables filled in, sent on their own
//! or as one `$batch`, and the answers read back in request order.

use super::answer::Answer;
use super::batch::{self, BatchItem};
use super::op::{Operation, Var, Vars};

/// One request of a round trip, variables filled in.
#[derive(Clone, PartialEq, Eq)]
pub struct Rendered {
    pub op_id: &'static str,
    pub method: &'static str,
    /// Relative to `<graph base>/v1.0`, starting with `/`.
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    /// JSON text; never printed (`addPassword` answers hold a secret, bodies may hold ids).
    pub body: Option<String>,
}

impl std::fmt::Debug for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.url)
    }
}

/// What to send next: one request on its own, or several in one `$batch`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundTrip {
    pub requests: Vec<Rendered>,
}

impl RoundTrip {
    /// Operations that need no captured value (the checks), rendered for one round trip.
    pub fn of(ops: &[Operation]) -> Result<RoundTrip, Var> {
        let vars = Vars::default();
        Ok(RoundTrip { requests: ops.iter().map(|o| render(o, &vars)).collect::<Result<_, _>>()? })
    }

    pub fn is_batch(&self) -> bool {
        self.requests.len() > 1
    }

    /// The body of `POST /$batch` (ids are the positions, `"1"`, `"2"`, ...).
    pub fn batch_body(&self) -> Result<String, batch::BatchProblem> {
        let items: Vec<BatchItem> = self
            .requests
            .iter()
            .enumerate()
            .map(|(i, r)| BatchItem {
                id: (i + 1).to_string(),
                method: r.method,
                url: r.url.clone(),
                headers: r.headers.iter().map(|(k, v)| ((*k).to_string(), v.clone())).collect(),
                body: r.body.as_deref().and_then(|b| serde_json::from_str(b).ok()),
            })
            .collect();
        batch::request_body(&items).map(|v| v.to_string())
    }

    /// The answers of a `$batch`, in request order. A batch that failed as a whole (throttled,
    /// unavailable, unauthorized) counts as that answer for every request in it.
    pub fn batch_answers(&self, outer: Answer) -> Vec<Answer> {
        if !outer.is_success() {
            return vec![outer; self.requests.len()];
        }
        let ids: Vec<String> = (1..=self.requests.len()).map(|i| i.to_string()).collect();
        let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        match batch::parse_response(&outer.body, &id_refs) {
            Ok(answers) => answers.into_iter().map(Answer::from).collect(),
            // An unreadable envelope: every request failed with the reason, none is guessed.
            Err(e) => {
                let body = serde_json::json!({"error": {"code": "BatchUnreadable", "message": e.detail}});
                vec![Answer::new(502, body.to_string()); self.requests.len()]
            }
        }
    }
}

pub(super) fn render(op: &Operation, vars: &Vars) -> Result<Rendered, Var> {
    let url = op.url.render(vars)?;
    let body = op.body_template().map(|t| t.render(vars)).transpose()?;
    let mut headers = op.headers.clone();
    if body.is_some() {
        headers.push(("Content-Type", "application/json".into()));
    }
    Ok(Rendered { op_id: op.id, method: op.method.as_str(), url, headers, body })
}
