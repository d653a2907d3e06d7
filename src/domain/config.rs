//! The runtime configuration file (`config.json`), fetched at start so one build deploys
//! anywhere. Parsing is pure: the platform only fetches the text.

use std::collections::BTreeMap;

use super::finding::Message;

pub const DEFAULT_AUTHORITY: &str = "https://login.microsoftonline.com";
pub const DEFAULT_GRAPH_BASE_URL: &str = "https://graph.microsoft.com";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeConfig {
    pub authority: String,
    pub graph_base_url: String,
    /// The resource Graph scopes are qualified with; `None` means `graph_base_url`. Lets a
    /// test or an intranet proxy move `graph_base_url` while scopes stay
    /// `https://graph.microsoft.com/...`.
    pub graph_resource: Option<String>,
    /// This app's own SPA registration; `None` turns connected mode off.
    pub client_id: Option<String>,
    /// `None` means the page's own URL.
    pub redirect_uri: Option<String>,
    /// Webex API base URL overrides (for intranet proxies), by API name.
    pub webex: BTreeMap<String, String>,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            authority: DEFAULT_AUTHORITY.into(),
            graph_base_url: DEFAULT_GRAPH_BASE_URL.into(),
            graph_resource: None,
            client_id: None,
            redirect_uri: None,
            webex: BTreeMap::new(),
        }
    }
}

impl RuntimeConfig {
    pub fn connected_mode(&self) -> bool {
        self.client_id.is_some()
    }

    /// What Graph scopes are qualified with (`signin::scopes_for`, the admin-consent link).
    pub fn graph_resource(&self) -> &str {
        self.graph_resource.as_deref().unwrap_or(&self.graph_base_url)
    }
}

/// How loading went; the UI shows a banner for anything but `Loaded` without notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigStatus {
    Loaded {
        config: RuntimeConfig,
        notes: Vec<Message>,
    },
    /// The file could not be used: the app runs in manual mode with defaults.
    Unusable {
        reason: Message,
    },
}

impl ConfigStatus {
    pub fn config(&self) -> RuntimeConfig {
        match self {
            ConfigStatus::Loaded { config, .. } => config.clone(),
            ConfigStatus::Unusable { .. } => RuntimeConfig::default(),
        }
    }
}

const KNOWN_KEYS: [&str; 6] = ["authority", "graph_base_url", "graph_resource", "client_id", "redirect_uri", "webex"];

/// Parses the file's text. Wrong types or unsafe URLs make the whole file unusable (a
/// half-applied configuration would be harder to reason about); unknown keys are noted.
pub fn parse(text: &str) -> ConfigStatus {
    let value: serde_json::Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) => {
            return unusable(
                Message::new("config.invalid_json")
                    .with("line", e.line().to_string())
                    .with("column", e.column().to_string()),
            )
        }
    };
    let Some(object) = value.as_object() else {
        return unusable(Message::new("config.not_object"));
    };
    let mut config = RuntimeConfig::default();
    let mut notes = Vec::new();
    for key in object.keys() {
        if !KNOWN_KEYS.contains(&key.as_str()) {
            notes.push(Message::new("config.unknown_key").with("key", key.clone()));
        }
    }
    for (key, target) in [("authority", &mut config.authority), ("graph_base_url", &mut config.graph_base_url)] {
        match object.get(key) {
            None | Some(serde_json::Value::Null) => {}
            Some(serde_json::Value::String(s)) if s.trim().is_empty() => {}
            Some(serde_json::Value::String(s)) => match check_url(s) {
                Ok(url) => *target = url,
                Err(reason) => return unusable(reason.with("key", key)),
            },
            Some(_) => return unusable(Message::new("config.not_text").with("key", key)),
        }
    }
    match object.get("client_id") {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => {}
        Some(serde_json::Value::String(s)) => config.client_id = Some(s.trim().to_string()),
        Some(_) => return unusable(Message::new("config.not_text").with("key", "client_id")),
    }
    for (key, target) in [("graph_resource", &mut config.graph_resource), ("redirect_uri", &mut config.redirect_uri)] {
        match object.get(key) {
            None | Some(serde_json::Value::Null) => {}
            Some(serde_json::Value::String(s)) if s.trim().is_empty() => {}
            Some(serde_json::Value::String(s)) => match check_url(s) {
                Ok(url) => *target = Some(url),
                Err(reason) => return unusable(reason.with("key", key)),
            },
            Some(_) => return unusable(Message::new("config.not_text").with("key", key)),
        }
    }
    match object.get("webex") {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::Object(map)) => {
            for (name, v) in map {
                let key = format!("webex.{name}");
                let Some(s) = v.as_str() else {
                    return unusable(Message::new("config.not_text").with("key", key));
                };
                match check_url(s) {
                    Ok(url) => {
                        config.webex.insert(name.clone(), url);
                    }
                    Err(reason) => return unusable(reason.with("key", key)),
                }
            }
        }
        Some(_) => return unusable(Message::new("config.webex_not_object")),
    }
    ConfigStatus::Loaded { config, notes }
}

fn unusable(reason: Message) -> ConfigStatus {
    ConfigStatus::Unusable { reason }
}

/// https everywhere; plain http only for loopback hosts (local test servers, dev proxies).
fn check_url(raw: &str) -> Result<String, Message> {
    let s = raw.trim();
    let rest = if let Some(r) = s.strip_prefix("https://") {
        r
    } else if let Some(r) = s.strip_prefix("http://") {
        let authority = r.split(['/', '?', '#']).next().unwrap_or_default();
        let host = match authority.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or_default(),
            None => authority.split(':').next().unwrap_or_default(),
        };
        let loopback = host == "localhost" || host == "::1" || host.starts_with("127.");
        if !loopback {
            return Err(Message::new("config.url_not_https").with("value", s));
        }
        r
    } else {
        return Err(Message::new("config.url_invalid").with("value", s));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Message::new("config.url_invalid").with("value", s));
    }
    // The URL parser in this build maps no Unicode host names (idna_adapter 1.0, Cargo.toml):
    // said here, where the deployment can fix it, not at sign-in.
    if !host.is_ascii() {
        return Err(Message::new("config.url_host_not_ascii").with("value", s));
    }
    Ok(s.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(text: &str) -> (RuntimeConfig, Vec<Message>) {
        match parse(text) {
            ConfigStatus::Loaded { config, notes } => (config, notes),
            other => panic!("expected Loaded, got {other:?}"),
        }
    }

    fn reason(text: &str) -> Message {
        match parse(text) {
            ConfigStatus::Unusable { reason } => reason,
            other => panic!("expected Unusable, got {other:?}"),
        }
    }

    #[test]
    fn defaults_apply_to_empty_values() {
        let (c, notes) = loaded(r#"{"authority":"","graph_base_url":null,"client_id":"","redirect_uri":""}"#);
        assert_eq!(c, RuntimeConfig::default());
        assert!(notes.is_empty());
        assert!(!c.connected_mode());
    }

    #[test]
    fn values_are_read_and_normalised() {
        let (c, _) = loaded(
            "\u{feff}{\"authority\":\" https://login.microsoftonline.us/ \",\"client_id\":\"abc\",\
             \"webex\":{\"messaging\":\"https://proxy.example/webex/\"},\"redirect_uri\":\"http://127.0.0.1:8080/\"}",
        );
        assert_eq!(c.authority, "https://login.microsoftonline.us");
        assert_eq!(c.client_id.as_deref(), Some("abc"));
        assert!(c.connected_mode());
        assert_eq!(c.webex.get("messaging").map(String::as_str), Some("https://proxy.example/webex"));
        assert_eq!(c.redirect_uri.as_deref(), Some("http://127.0.0.1:8080"));
    }

    #[test]
    fn graph_resource_defaults_to_the_graph_base_url() {
        let (c, notes) = loaded(r#"{"graph_base_url":"http://127.0.0.1:9100/"}"#);
        assert_eq!(c.graph_resource(), "http://127.0.0.1:9100");
        assert!(notes.is_empty());
        let (c, notes) =
            loaded(r#"{"graph_base_url":"http://127.0.0.1:9100","graph_resource":" https://graph.microsoft.com/ "}"#);
        assert_eq!(
            (c.graph_base_url.as_str(), c.graph_resource()),
            ("http://127.0.0.1:9100", "https://graph.microsoft.com")
        );
        assert!(notes.is_empty(), "a known key: {notes:?}");
        assert_eq!(loaded(r#"{"graph_resource":""}"#).0.graph_resource(), DEFAULT_GRAPH_BASE_URL);
        assert_eq!(reason(r#"{"graph_resource":"http://graph.example"}"#).param("key"), Some("graph_resource"));
        assert_eq!(reason(r#"{"graph_resource":"graph.microsoft.com"}"#).key, "config.url_invalid");
        assert_eq!(reason(r#"{"graph_resource":true}"#).key, "config.not_text");
        assert!(matches!(parse(r#"{"graph_resource":"http://localhost:9100"}"#), ConfigStatus::Loaded { .. }));
    }

    #[test]
    fn unknown_keys_are_noted_not_fatal() {
        let (_, notes) = loaded(r#"{"autority":"https://x"}"#);
        assert_eq!(notes, vec![Message::new("config.unknown_key").with("key", "autority")]);
    }

    #[test]
    fn malformed_files_give_a_reason() {
        assert_eq!(reason("{").key, "config.invalid_json");
        assert_eq!(reason("[]").key, "config.not_object");
        assert_eq!(reason(r#"{"client_id":5}"#).key, "config.not_text");
        assert_eq!(reason(r#"{"authority":"http://login.example"}"#).key, "config.url_not_https");
        assert_eq!(reason(r#"{"authority":"login.example"}"#).key, "config.url_invalid");
        assert_eq!(reason(r#"{"authority":"http://localhost.evil.example"}"#).key, "config.url_not_https");
        assert!(matches!(parse(r#"{"authority":"http://[::1]:9000"}"#), ConfigStatus::Loaded { .. }));
        assert_eq!(reason(r#"{"authority":"https://"}"#).key, "config.url_invalid");
        assert_eq!(reason(r#"{"webex":[]}"#).key, "config.webex_not_object");
        assert_eq!(reason(r#"{"webex":{"messaging":1}}"#).param("key"), Some("webex.messaging"));
    }
}
