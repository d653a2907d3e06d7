use leptos::prelude::*;

use crate::domain::diagnose::{inspect, Check, Expected, TokenStatus};
use crate::platform::clock;
use crate::ui::components::PasteArea;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

const INPUT_ID: &str = "diagnostics-token";

/// Paste an access token, see what it says and whether it fits this setup. The token lives
/// in this component's signal only: never in the setup, storage or an export.
#[component]
pub fn TokenInspector() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let token = RwSignal::new(String::new());
    // Read once per paste: the check is about this moment, not a ticking clock.
    let now = RwSignal::new(0i64);
    let expected = Memo::new(move |_| {
        let (tenant_id, client_id) = state.setup.with(|s| (s.azure.tenant_id.clone(), s.azure.client_id.clone()));
        Expected { tenant_id, client_id, smtp_username: state.derived.with(|d| d.smtp_username.clone()) }
    });
    let result = Memo::new(move |_| {
        let t = token.get();
        (!t.trim().is_empty()).then(|| inspect(&t, &expected.get(), now.get()))
    });
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default();
    view! {
        <section class="diagnostics token-inspector" data-diagnostics="token" aria-labelledby="token-title">
            <h2 id="token-title">{i18n.text("token.label.title")}</h2>
            <p class="msg msg-warning" data-note="signature" id="diagnostics-token--note">
                {i18n.text("diagnostics.token.note")}
            </p>
            <PasteArea id=INPUT_ID label="diagnostics.token.field" hint="token.label.paste" note_id="diagnostics-token--note"
                value=token on_input=move |t| {
                    now.set(clock::now_unix_millis().div_euclid(1000));
                    token.set(t);
                }/>
            <div class="actions">
                <button type="button" data-action="clear-token" on:click=move |_| token.set(String::new())>
                    {i18n.text("diagnostics.token.clear")}
                </button>
            </div>
            <div aria-live="polite">
                {move || match result.get() {
                    None => ().into_any(),
                    Some(Err(problem)) => view! {
                        <p class="msg msg-error" data-token-problem=problem.message().key>{i18n.msg(&problem.message())}</p>
                    }
                    .into_any(),
                    Some(Ok(inspection)) => view! {
                        <h3>{i18n.t("diagnostics.token.checks")}</h3>
                        <ul class="token-checks">
                            {inspection.checks.into_iter().map(|c| view! { <CheckRow check=c/> }).collect_view()}
                        </ul>
                        <h3>{i18n.t("token.label.header")}</h3>
                        <pre data-token="header"><code>{pretty(&inspection.header)}</code></pre>
                        <h3>{i18n.t("token.label.claims")}</h3>
                        <pre data-token="claims"><code>{pretty(&inspection.claims)}</code></pre>
                    }
                    .into_any(),
                }}
            </div>
        </section>
    }
}

#[component]
fn CheckRow(check: Check) -> impl IntoView {
    let i18n = use_i18n();
    let (class, status) = match check.status {
        TokenStatus::Pass => ("msg msg-ok", "pass"),
        TokenStatus::Fail => ("msg msg-error", "fail"),
        TokenStatus::Warn => ("msg msg-warning", "warn"),
        TokenStatus::Unknown => ("msg msg-info", "unknown"),
    };
    let message = check.message.clone();
    view! {
        <li class=class data-check=check.id.as_str() data-status=status data-key=check.message.key>
            <strong>{move || i18n.t(check.id.label_key())}</strong>
            " — "
            <span class="status">{move || i18n.t(check.status.label_key())}</span>
            ": "
            {move || i18n.msg(&message)}
        </li>
    }
}
