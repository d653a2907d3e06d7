//! Sends an apply run's round trips to Microsoft Graph with the signed-in token: one request
//! on its own, or several in one `POST /$batch`. The answers go back to the pure run, which
//! decides about retries; waiting is `sleep`.

use super::fetch::{send_raw, FetchOutcome, HttpResponse};
use crate::domain::graph::apply::RoundTrip;
use crate::domain::graph::{Answer, GRAPH_VERSION};

fn answer(r: HttpResponse) -> Answer {
    let retry_after = r.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("retry-after")).map(|(_, v)| v.clone());
    Answer { status: r.status, retry_after, body: r.body }
}

/// The answers, in request order; `Err` carries the browser's message when no answer came.
pub async fn send(base: &str, token: &str, trip: &RoundTrip) -> Result<Vec<Answer>, String> {
    let root = format!("{}/{GRAPH_VERSION}", base.trim_end_matches('/'));
    let bearer = format!("Bearer {token}");
    let json = "application/json";
    let outcome = if trip.is_batch() {
        let body = trip.batch_body().map_err(|e| format!("{e:?}"))?;
        let headers = [("Authorization", bearer.as_str()), ("Content-Type", json)];
        send_raw("POST", &format!("{root}/$batch"), headers, Some(&body)).await
    } else {
        let Some(r) = trip.requests.first() else { return Ok(Vec::new()) };
        let mut headers: Vec<(&str, &str)> = vec![("Authorization", bearer.as_str())];
        headers.extend(r.headers.iter().map(|(k, v)| (*k, v.as_str())));
        send_raw(r.method, &format!("{root}{}", r.url), headers, r.body.as_deref()).await
    };
    match outcome {
        FetchOutcome::Response(r) if trip.is_batch() => Ok(trip.batch_answers(answer(r))),
        FetchOutcome::Response(r) => Ok(vec![answer(r)]),
        FetchOutcome::NetworkRefused { detail } | FetchOutcome::Invalid { detail } => Err(detail),
    }
}

/// Resolves after `ms` milliseconds (a `setTimeout` promise).
pub async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = super::window() {
            let ms = i32::try_from(ms).unwrap_or(i32::MAX);
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
