//! What Graph answered to one operation, sent on its own or inside a `$batch`: the shape the
//! browser edge hands back to the pure code (apply run, checks).

use super::batch::BatchAnswer;
use super::parse::GraphError;

#[derive(Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    /// The `Retry-After` header, as sent (seconds or an HTTP date).
    pub retry_after: Option<String>,
    pub body: String,
}

// Bodies can hold a new client secret (addPassword): never printed.
impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer").field("status", &self.status).finish_non_exhaustive()
    }
}

impl Answer {
    pub fn new(status: u16, body: impl Into<String>) -> Answer {
        Answer { status, retry_after: None, body: body.into() }
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The Graph error of a failed answer (`None` for success or a body that is not one).
    pub fn error(&self) -> Option<GraphError> {
        if self.is_success() {
            return None;
        }
        GraphError::parse(&self.body)
    }
}

impl From<BatchAnswer> for Answer {
    fn from(b: BatchAnswer) -> Answer {
        let retry_after = b.header("Retry-After").map(str::to_string);
        let body = if b.body.is_null() { String::new() } else { b.body_text() };
        Answer { status: b.status, retry_after, body }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_answers_keep_status_retry_after_and_body() {
        let b = BatchAnswer {
            id: "1".into(),
            status: 429,
            headers: vec![("retry-after".into(), "7".into())],
            body: serde_json::json!({"error": {"code": "TooManyRequests", "message": "slow down"}}),
        };
        let a = Answer::from(b);
        assert_eq!((a.status, a.retry_after.as_deref()), (429, Some("7")));
        assert_eq!(a.error().map(|e| e.code), Some("TooManyRequests".to_string()));
        assert!(!a.is_success());
    }

    #[test]
    fn empty_batch_body_is_empty_text_and_debug_hides_it() {
        let b = BatchAnswer { id: "1".into(), status: 204, headers: vec![], body: serde_json::Value::Null };
        let a = Answer::from(b);
        assert_eq!(a.body, "");
        assert!(a.is_success() && a.error().is_none());
        let secret = Answer::new(200, r#"{"secretText":"abc~SECRET"}"#);
        assert!(!format!("{secret:?}").contains("SECRET"));
    }
}
