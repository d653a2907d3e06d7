//! A small fetch client for the Webex Connect API calls. It sends a domain `HttpRequest` as
//! is and returns what came back; nothing is stored or logged. A rejected fetch is opaque by
//! design (the browser does not say whether CORS, DNS, an IP allow-list or being offline was
//! the cause), so it is one outcome of its own: the UI explains it and offers `curl`.

use gloo_net::http::{Method as GlooMethod, RequestBuilder};

use crate::domain::webex_api::{HttpRequest, Method};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    /// Only what CORS lets the page read.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchOutcome {
    Response(HttpResponse),
    /// The browser refused or could not reach the host; `detail` is its (generic) message.
    NetworkRefused {
        detail: String,
    },
    /// The request could not even be built (a header value the browser rejects, say).
    Invalid {
        detail: String,
    },
}

pub async fn send(request: &HttpRequest) -> FetchOutcome {
    let method = match request.method {
        Method::Get => GlooMethod::GET,
        Method::Post => GlooMethod::POST,
    };
    let mut builder = RequestBuilder::new(&request.url).method(method);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let built = match &request.body {
        Some(body) => builder.body(body.clone()),
        None => builder.build(),
    };
    let built = match built {
        Ok(r) => r,
        Err(e) => return FetchOutcome::Invalid { detail: e.to_string() },
    };
    let response = match built.send().await {
        Ok(r) => r,
        Err(gloo_net::Error::JsError(e)) => return FetchOutcome::NetworkRefused { detail: e.to_string() },
        Err(e) => return FetchOutcome::Invalid { detail: e.to_string() },
    };
    let status = response.status();
    let headers = response.headers().entries().collect();
    // A body that cannot be read is reported as empty: the status still speaks.
    let body = response.text().await.unwrap_or_default();
    FetchOutcome::Response(HttpResponse { status, headers, body })
}
