//! What the dry run, logs and support bundles may show of a request or response: secrets and
//! tokens replaced, everything else kept so the admin can still read what happens.

pub const REDACTED: &str = "[redacted]";

/// JSON property names whose value is a secret or a token (compared case-insensitively).
const SECRET_KEYS: [&str; 9] = [
    "secrettext",
    "password",
    "client_secret",
    "clientsecret",
    "access_token",
    "refresh_token",
    "id_token",
    "code_verifier",
    "key",
];

const SECRET_HEADERS: [&str; 3] = ["authorization", "cookie", "set-cookie"];

/// A copy of `value` with every secret property's value replaced (at any depth).
pub fn redact_json(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let secret = SECRET_KEYS.contains(&k.to_ascii_lowercase().as_str()) && !v.is_null();
                    (k.clone(), if secret { Value::String(REDACTED.into()) } else { redact_json(v) })
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        other => other.clone(),
    }
}

/// Headers with credentials replaced; an `Authorization` keeps its scheme (`Bearer`).
pub fn redact_headers<'a>(headers: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<(String, String)> {
    headers
        .into_iter()
        .map(|(name, value)| {
            let shown = if SECRET_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
                match value.split_once(' ') {
                    Some((scheme, _)) => format!("{scheme} {REDACTED}"),
                    None => REDACTED.to_string(),
                }
            } else {
                value.to_string()
            };
            (name.to_string(), shown)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_are_replaced_at_any_depth() {
        let v = json!({"secretText": "abc~123", "keyId": "k", "nested": [{"SecretText": "x", "access_token": "eyJ"}],
                       "password": null});
        let r = redact_json(&v);
        let text = r.to_string();
        assert!(!text.contains("abc~123") && !text.contains("eyJ") && !text.contains("\"x\""), "{text}");
        assert_eq!(r["keyId"], "k");
        assert_eq!(r["password"], serde_json::Value::Null, "nothing to hide in null");
    }

    #[test]
    fn authorization_keeps_its_scheme() {
        let h = redact_headers([("Authorization", "Bearer eyJabc"), ("Prefer", "create-if-missing"), ("cookie", "a")]);
        assert_eq!(h[0].1, "Bearer [redacted]");
        assert_eq!(h[1].1, "create-if-missing");
        assert_eq!(h[2].1, REDACTED);
    }
}
