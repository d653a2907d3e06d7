//! A request as a value: what the browser sends and what `curl` rendering shows.

/// Only the methods these APIs use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A secret carried by a request and the placeholder shown instead of it (`<SERVICE_KEY>`).
/// Rendering replaces the value wherever it appears: in a header or inside the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credential {
    pub value: String,
    pub placeholder: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    /// Never carries a credential (they go in headers).
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub credentials: Vec<Credential>,
}

impl HttpRequest {
    pub fn new(method: Method, url: impl Into<String>) -> HttpRequest {
        HttpRequest { method, url: url.into(), headers: Vec::new(), body: None, credentials: Vec::new() }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> HttpRequest {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    pub fn json_body(mut self, body: impl Into<String>) -> HttpRequest {
        self.headers.push(("Content-Type".into(), "application/json".into()));
        self.body = Some(body.into());
        self
    }

    /// Records a secret so rendering can hide it; empty values hide nothing and are skipped.
    pub fn credential(mut self, value: &str, placeholder: &'static str) -> HttpRequest {
        if !value.is_empty() {
            self.credentials.push(Credential { value: value.to_string(), placeholder });
        }
        self
    }

    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The text with every credential replaced by its placeholder, both as typed and in its
    /// JSON-escaped form (a secret inside a JSON string may carry escapes). Longest first, so a
    /// secret that contains another is hidden whole.
    pub fn redact(&self, text: &str) -> String {
        let mut creds: Vec<&Credential> = self.credentials.iter().collect();
        crate::domain::sort::sort_by_key(&mut creds, |c| std::cmp::Reverse(c.value.len()));
        let mut out = text.to_string();
        for c in creds {
            out = out.replace(&c.value, c.placeholder);
            if let Ok(quoted) = serde_json::to_string(&c.value) {
                let escaped = &quoted[1..quoted.len() - 1];
                if escaped != c.value {
                    out = out.replace(escaped, c.placeholder);
                }
            }
        }
        out
    }
}

/// `a` + `/` + `b` with exactly one slash between them.
pub(crate) fn join(base: &str, path: &str) -> String {
    format!("{}/{}", base.trim_end_matches('/'), path.trim_start_matches('/'))
}
