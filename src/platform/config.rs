//! Fetches `config.json` next to the app (relative to the document base, so a sub-path
//! deployment finds its own file).

use crate::domain::config::{self, ConfigStatus};
use crate::domain::Message;

pub async fn load() -> ConfigStatus {
    let url = super::location::resolve("config.json");
    let response = match gloo_net::http::Request::get(&url).send().await {
        Ok(r) => r,
        Err(e) => {
            return ConfigStatus::Unusable { reason: Message::new("config.fetch_failed").with("detail", e.to_string()) }
        }
    };
    if !response.ok() {
        return ConfigStatus::Unusable {
            reason: Message::new("config.http_status").with("status", response.status().to_string()),
        };
    }
    match response.text().await {
        Ok(text) => config::parse(&text),
        Err(e) => ConfigStatus::Unusable { reason: Message::new("config.fetch_failed").with("detail", e.to_string()) },
    }
}
