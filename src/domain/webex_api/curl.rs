//! The same request as a `curl` command, for when the browser cannot make it (CORS, DNS,
//! an IP allow-list): the admin runs it from a machine that is allowed.

use super::request::HttpRequest;

/// POSIX shell single-quoting: `'` becomes `'\''`.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A multi-line command (`\` continuations). Credentials appear as their placeholders unless
/// `include_credentials` is set, which the admin must tick explicitly.
pub fn render(request: &HttpRequest, include_credentials: bool) -> String {
    let shown = |text: &str| if include_credentials { text.to_string() } else { request.redact(text) };
    let mut parts = vec![format!("curl -sS -i -X {} {}", request.method.as_str(), shell_quote(&shown(&request.url)))];
    for (name, value) in &request.headers {
        parts.push(format!("-H {}", shell_quote(&format!("{name}: {}", shown(value)))));
    }
    if let Some(body) = &request.body {
        parts.push(format!("--data-raw {}", shell_quote(&shown(body))));
    }
    parts.join(" \\\n  ")
}
