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
        Method::Get => "GET",
        Method::Post => "POST",
    };
    let headers = request.headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    send_raw(method, &request.url, headers, request.body.as_deref()).await
}

/// Any method (Graph needs PATCH), headers and an optional text body.
pub async fn send_raw<'a>(
    method: &str,
    url: &str,
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    body: Option<&str>,
) -> FetchOutcome {
    let method = match GlooMethod::from_bytes(method.as_bytes()) {
        Ok(m) => m,
        Err(e) => return FetchOutcome::Invalid { detail: e.to_string() },
    };
    let mut builder = RequestBuilder::new(url).method(method);
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    let built = match body {
        Some(body) => builder.body(body.to_string()),
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
