use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

use super::Call;
use crate::domain::diagnose::{explain_http, Explained};
use crate::domain::webex_api::{curl, HttpRequest};
use crate::domain::Message;
use crate::platform::fetch::{FetchOutcome, HttpResponse};
use crate::ui::components::CopyButton;
use crate::ui::i18n::use_i18n;

/// What happened to a call, except a success, which each panel shows in its own terms
/// (`success` gets the response when the status is 2xx).
#[component]
pub(crate) fn CallOutcome<F, V>(call: RwSignal<Option<Call>>, success: F) -> impl IntoView
where
    F: Fn(HttpResponse) -> V + Send + Sync + Copy + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    view! {
        <div class="api-outcome" aria-live="polite">
            {move || call.get().map(|c| match c.outcome {
                None => view! { <p class="hint" data-outcome="pending">{i18n.t("webex_api.pending")}</p> }.into_any(),
                Some(FetchOutcome::Response(r)) if (200..300).contains(&r.status) => success(r).into_any(),
                Some(FetchOutcome::Response(r)) => view! { <HttpFailure response=r/> }.into_any(),
                Some(FetchOutcome::NetworkRefused { .. }) => view! { <Refused request=c.request/> }.into_any(),
                Some(FetchOutcome::Invalid { detail }) => view! {
                    <div data-outcome="invalid">
                        <p class="msg msg-error">{i18n.msg(&Message::new("webex_api.invalid").with("detail", detail))}</p>
                        <CurlCommand request=c.request/>
                    </div>
                }.into_any(),
            })}
        </div>
    }
}

/// A non-2xx answer: the status, the body as received, and what the catalogue knows about it.
#[component]
fn HttpFailure(response: HttpResponse) -> impl IntoView {
    let i18n = use_i18n();
    let explained = explain_http(response.status, &response.body);
    let status = response.status.to_string();
    let body = response.body.clone();
    let status_attr = status.clone();
    view! {
        <div data-outcome="http-error" data-status=status_attr>
            <p class="msg msg-error">
                {move || i18n.msg(&Message::new("webex_api.http_status").with("status", status.clone()))}
            </p>
            {(!body.trim().is_empty()).then(|| view! { <pre class="api-body" data-part="body">{body.clone()}</pre> })}
            {if explained.is_empty() {
                view! { <p class="hint" data-explained="none">{i18n.text("webex_api.no_explanation")}</p> }.into_any()
            } else {
                view! { <ul class="explained-list">{explained.into_iter().map(|e| view! { <Explanation item=e/> }).collect_view()}</ul> }
                    .into_any()
            }}
        </div>
    }
}

#[component]
fn Explanation(item: Explained) -> impl IntoView {
    let i18n = use_i18n();
    let headline = item.headline();
    let entry = item.entry();
    view! {
        <li class="explained" data-id=entry.map(|e| e.id)>
            <p data-part="meaning">{let h = headline.clone(); move || i18n.msg(&h)}</p>
            {entry.map(|e| {
                let (cause, fix) = (e.cause(), e.fix());
                view! {
                    <dl>
                        <dt>{i18n.text("diagnostics.explainer.cause")}</dt>
                        <dd data-part="cause">{move || i18n.msg(&cause)}</dd>
                        <dt>{i18n.text("diagnostics.explainer.fix")}</dt>
                        <dd data-part="fix">{move || i18n.msg(&fix)}</dd>
                    </dl>
                }
            })}
        </li>
    }
}

/// The browser could not complete the call: say why that can be, and hand over `curl`.
#[component]
fn Refused(request: HttpRequest) -> impl IntoView {
    let i18n = use_i18n();
    let host = request.url.split('/').nth(2).unwrap_or_default().to_string();
    view! {
        <div data-outcome="network-refused">
            <p class="msg msg-error" data-key="webex_api.refused">
                {move || i18n.msg(&Message::new("webex_api.refused").with("host", host.clone()))}
            </p>
            <ul class="hint">
                <li>{i18n.text("webex_api.refused.cors")}</li>
                <li>{i18n.text("webex_api.refused.allow_list")}</li>
                <li>{i18n.text("webex_api.refused.dns")}</li>
            </ul>
            <p>{i18n.text("webex_api.refused.curl")}</p>
            <CurlCommand request=request/>
        </div>
    }
}

/// The request as a `curl` command; credentials stay placeholders unless the admin ticks the box.
#[component]
pub(crate) fn CurlCommand(request: HttpRequest) -> impl IntoView {
    let i18n = use_i18n();
    let include = RwSignal::new(false);
    let request = StoredValue::new(request);
    let command = Signal::derive(move || request.with_value(|r| curl::render(r, include.get())));
    // Several commands may be on one page; each checkbox needs its own id for its label.
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let checkbox_id = format!("curl-include-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    view! {
        <div class="curl" data-curl="">
            <pre data-part="curl"><code>{move || command.get()}</code></pre>
            <div class="actions">
                <CopyButton value=command label=Signal::derive(move || i18n.t("webex_api.curl.label"))/>
                <span class="check-inline">
                    <input type="checkbox" id=checkbox_id.clone() data-action="include-credentials"
                        prop:checked=move || include.get()
                        on:change=move |ev| include.set(event_target_checked(&ev))/>
                    <label for=checkbox_id>{i18n.text("webex_api.curl.include_credentials")}</label>
                </span>
            </div>
            {move || include.get().then(|| view! {
                <p class="msg msg-warning" data-note="credentials-included">{i18n.t("webex_api.curl.included_warning")}</p>
            })}
        </div>
    }
}
